//===- LegalizeCommon.cpp - shared by the nc-legalize-* passes -----------===//

#include "LegalizeCommon.h"

#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Support/LocationName.h"

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace spikec::legalize {

FailureOr<nc::SharedTarget> loadGraphTarget(GraphOp graph, StringRef option,
                                            std::optional<StringRef> expected) {
  std::string path = option.empty() ? graph.getTarget().str() : option.str();
  auto loaded = nc::lookupTarget(graph, path);
  if (failed(loaded))
    return failure();
  const target::TargetDesc &desc = **loaded;
  if (expected && desc.arithmetic != *expected)
    return graph.emitError()
           << "target '" << desc.name << "' computes in '" << desc.arithmetic
           << "' arithmetic, not " << *expected << "'s";
  if (desc.contentHashHex() != graph.getTargetHash())
    return graph.emitError() << "graph was made for target '"
                             << graph.getTarget() << "' with hash "
                             << graph.getTargetHash() << ", but '" << path
                             << "' has hash " << desc.contentHashHex();
  return *loaded;
}

LogicalResult checkApproximations(GraphOp graph, ArrayRef<std::string> allowed,
                                  ArrayRef<StringRef> known) {
  for (const std::string &name : allowed)
    if (!llvm::is_contained(known, name)) {
      std::string list;
      for (StringRef k : known)
        list += (list.empty() ? "" : ", ") + k.str();
      return graph.emitError() << "unknown approximation '" << name << "' ("
                               << graph.getTarget() << " knows: "
                               << (list.empty() ? "none" : list) << ")";
    }
  return success();
}

std::optional<SmallVector<SynapsesOp>> tablesInto(PopulationOp pop) {
  SmallVector<SynapsesOp> tables;
  SmallVector<Value> work{pop.getInput()};
  while (!work.empty()) {
    Operation *def = work.pop_back_val().getDefiningOp();
    if (auto syn = dyn_cast_or_null<SynapsesOp>(def))
      tables.push_back(syn);
    else if (auto sum = dyn_cast_or_null<SumOp>(def))
      llvm::append_range(work, sum.getInputs());
    else
      return std::nullopt;
  }
  return tables;
}

std::vector<int64_t> fanIn(PopulationOp pop) {
  std::vector<int64_t> count(pop.getSize(), 0);
  for (SynapsesOp syn : tablesInto(pop).value_or(SmallVector<SynapsesOp>()))
    if (auto targets = syn.getTargets().tryGetAsArrayRef())
      for (int32_t j : *targets)
        if (j >= 0 && j < int64_t(count.size()))
          ++count[j];
  return count;
}

} // namespace spikec::legalize
