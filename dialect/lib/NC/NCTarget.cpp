//===- NCTarget.cpp - the target an nc.graph was made for -----------------===//

#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Dialect/NC/NCDialect.h"

using namespace mlir;

namespace spikec::nc {

std::variant<SharedTarget, std::string>
TargetCache::get(const std::string &nameOrPath) {
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = byName.find(nameOrPath); it != byName.end())
    return it->second;
  auto read = target::loadTarget(nameOrPath);
  if (auto *why = std::get_if<std::string>(&read))
    return *why;
  ++loaded;
  SharedTarget desc = std::make_shared<const target::TargetDesc>(
      std::move(std::get<target::TargetDesc>(read)));
  byName[nameOrPath] = desc;
  return desc;
}

void TargetCache::add(const std::string &nameOrPath, SharedTarget desc) {
  std::lock_guard<std::mutex> lock(mutex);
  byName.emplace(nameOrPath, std::move(desc));
}

TargetCache &getTargetCache(MLIRContext *ctx) {
  return ctx->getOrLoadDialect<NCDialect>()->getTargetCache();
}

FailureOr<SharedTarget> lookupTarget(Operation *op, StringRef nameOrPath) {
  auto got = getTargetCache(op->getContext()).get(nameOrPath.str());
  if (auto *why = std::get_if<std::string>(&got))
    return op->emitError() << "cannot load target '" << nameOrPath
                           << "': " << *why;
  return std::get<SharedTarget>(got);
}

} // namespace spikec::nc
