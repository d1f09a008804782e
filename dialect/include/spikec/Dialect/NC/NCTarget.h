//===- NCTarget.h - the target an nc.graph was made for ---------*- C++ -*-===//
//
// An nc.graph (and the nc.chip made from it) names its target description
// by `target` (a preset name or a path) and `target_hash` (its content
// hash). The description itself is interned once per MLIRContext by the nc
// dialect, as MLIR interns attribute storage: the first to ask loads it,
// everyone after shares it, and a driver that has already loaded it
// registers it first. So a compile reads its target once, however many
// passes consult it, and no pass reloads it by name.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_DIALECT_NC_NCTARGET_H
#define SPIKEC_DIALECT_NC_NCTARGET_H

#include "spikec/Target/Target.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Operation.h"
#include "mlir/Support/LogicalResult.h"

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

namespace spikec::nc {

using SharedTarget = std::shared_ptr<const target::TargetDesc>;

/// The descriptions one context has loaded, by the name or path they were
/// asked for. Thread-safe: passes on sibling graphs may ask at once.
class TargetCache {
public:
  /// The description of `nameOrPath`, loaded on first use, or why it does
  /// not load (not cached: a later call tries again).
  std::variant<SharedTarget, std::string> get(const std::string &nameOrPath);
  /// Makes `desc` the description of `nameOrPath` in this context, unless
  /// that name already has one.
  void add(const std::string &nameOrPath, SharedTarget desc);
  /// How many descriptions were read from presets or files.
  unsigned numLoaded() const { return loaded.load(); }

private:
  std::mutex mutex;
  std::map<std::string, SharedTarget> byName;
  std::atomic<unsigned> loaded{0}; ///< read without the lock
};

/// The cache of `ctx` (which loads the nc dialect if it has not).
TargetCache &getTargetCache(mlir::MLIRContext *ctx);

/// The description of `nameOrPath` in `op`'s context, or an error on `op`:
/// "cannot load target 'X': ...".
mlir::FailureOr<SharedTarget> lookupTarget(mlir::Operation *op,
                                           llvm::StringRef nameOrPath);

} // namespace spikec::nc

#endif // SPIKEC_DIALECT_NC_NCTARGET_H
