//===- LegalizeCommon.cpp - shared by the snn-legalize-* passes -----------===//

#include "LegalizeCommon.h"

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace spikec::legalize {

FailureOr<target::TargetDesc> loadGraphTarget(GraphOp graph, StringRef option,
                                              target::Arithmetic expected) {
  std::string path = option.empty() ? graph.getTarget().str() : option.str();
  auto loaded = target::loadTarget(path);
  if (auto *msg = std::get_if<std::string>(&loaded))
    return graph.emitError() << "cannot load target '" << path
                             << "': " << *msg;
  target::TargetDesc desc = std::get<target::TargetDesc>(loaded);
  if (desc.arithmetic != expected)
    return graph.emitError() << "target '" << desc.name << "' computes in '"
                             << target::arithmeticName(desc.arithmetic)
                             << "' arithmetic, not "
                             << target::arithmeticName(expected) << "'s";
  if (desc.contentHashHex() != graph.getTargetHash())
    return graph.emitError() << "graph was made for target '"
                             << graph.getTarget() << "' with hash "
                             << graph.getTargetHash() << ", but '" << path
                             << "' has hash " << desc.contentHashHex();
  return desc;
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

SmallVector<SynapsesOp> tablesInto(PopulationOp pop) {
  SmallVector<SynapsesOp> tables;
  Operation *def = pop.getInput().getDefiningOp();
  if (auto syn = dyn_cast_or_null<SynapsesOp>(def))
    tables.push_back(syn);
  else if (auto sum = dyn_cast_or_null<SumOp>(def))
    for (Value v : sum.getInputs())
      if (auto syn = v.getDefiningOp<SynapsesOp>())
        tables.push_back(syn);
  return tables;
}

std::vector<int64_t> fanIn(PopulationOp pop) {
  std::vector<int64_t> count(pop.getSize(), 0);
  for (SynapsesOp syn : tablesInto(pop))
    if (auto targets = syn.getTargets().tryGetAsArrayRef())
      for (int32_t j : *targets)
        if (j >= 0 && j < int64_t(count.size()))
          ++count[j];
  return count;
}

} // namespace spikec::legalize
