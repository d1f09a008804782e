//===- TargetCommand.cpp - spikec target: show a target description -------===//
//
// `spikec target NAME|FILE` loads a description as every other command
// would (a preset by name, a file by path), checks it, and prints it with
// its provenance and content hash; `--hash` prints only the hash (what an
// nc.graph and an image record), `--list` the presets.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "spikec/Target/Target.h"

#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

namespace spikec::driver {

llvm::cl::SubCommand targetCommand("target",
                                   "Check a target description and print it");

static cl::opt<std::string> targetName(cl::Positional,
                                       cl::desc("<preset name or .json>"),
                                       cl::init(""), cl::sub(targetCommand));
static cl::opt<bool> hashOnly("hash", cl::desc("Print only the content hash"),
                              cl::init(false), cl::sub(targetCommand));
static cl::opt<bool> listPresets("list", cl::desc("List the presets"),
                                 cl::init(false), cl::sub(targetCommand));

int runTarget() {
  if (listPresets) {
    for (const std::string &name : target::listPresets())
      llvm::outs() << name << "\n";
    return 0;
  }
  if (targetName.empty())
    return usageError("say which target: spikec target NAME|FILE.json");
  auto loaded = target::loadTarget(targetName);
  if (auto *msg = std::get_if<std::string>(&loaded)) {
    llvm::errs() << *msg << "\n";
    return 1;
  }
  const target::TargetDesc &desc = std::get<target::TargetDesc>(loaded);
  if (hashOnly) {
    llvm::outs() << desc.contentHashHex() << "\n";
    return 0;
  }
  llvm::outs() << "target     " << desc.name << "\n"
               << "arithmetic " << desc.arithmetic << "\n"
               << "hash       " << desc.contentHashHex() << "\n"
               << desc.toJson() << "\n";
  return 0;
}

} // namespace spikec::driver
