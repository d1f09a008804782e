//===- LegalizeLoihi.cpp - loihi's design rules on an nc.graph ------------===//
//
// nc-legalize-loihi: after snn-quantize{target=loihi} every number is in
// range, so what is left are the rules of a core. A population larger than
// a core is no problem here: its neurons are independent, and the
// partitioner splits it across cores exactly. A single neuron whose
// synapses cannot fit one core is: its dendritic sum would have to be
// computed in pieces on several cores, and partial sums that cross cores
// travel as spikes, not as numbers. That is an error, never an
// approximation.
//
//===----------------------------------------------------------------------===//

#include "LegalizeLoihi.h"

#include "LegalizeCommon.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Target/LoihiModel.h"

namespace spikec {
#define GEN_PASS_DEF_LEGALIZELOIHI
#include "spikec/Passes/NC/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace {

struct LegalizeLoihiPass
    : spikec::impl::LegalizeLoihiBase<LegalizeLoihiPass> {
  using LegalizeLoihiBase::LegalizeLoihiBase;

  void runOnOperation() override {
    GraphOp graph = getOperation();
    if (failed(legalize::checkApproximations(graph, approx,
                                             {loihi::kCurrentBiasToMembrane})))
      return signalPassFailure();
    auto desc = legalize::loadGraphTarget(graph, target, "loihi");
    if (failed(desc) || failed(legalize::checkLoihiCores(
                            graph, **desc, target::getLoihiChip(), approx)))
      signalPassFailure();
  }
};

} // namespace

/// "loihi and loihi_readout": the names of `chip`'s models.
static std::string modelList(const target::Chip &chip) {
  std::string list;
  for (size_t i = 0; i < chip.models.size(); ++i)
    list += (i == 0 ? "" : i + 1 == chip.models.size() ? " and " : ", ") +
            chip.models[i]->name.str();
  return list;
}

LogicalResult legalize::checkLoihiCores(GraphOp graph,
                                        const target::TargetDesc &desc,
                                        const target::Chip &chip,
                                        ArrayRef<std::string> approx) {
  const auto &w = desc.precision.weight;
  const int64_t bits = w.bits.value;
  const int64_t eMin = w.exponentMin ? w.exponentMin->value : 0;
  const int64_t eMax = w.exponentMax ? w.exponentMax->value : 0;
  for (auto syn : graph.getBodyBlock().getOps<SynapsesOp>()) {
    if (int64_t(syn.getWeightBits()) != bits)
      return syn.emitError()
             << describeOp(syn) << ": weight_bits " << syn.getWeightBits()
             << " is not " << desc.name << "'s " << bits << "-bit weights";
    if (desc.core.maxSynapticDelay &&
        int64_t(syn.getDelay()) > desc.core.maxSynapticDelay->value)
      return syn.emitError() << describeOp(syn) << ": delay " << syn.getDelay()
                             << " steps exceeds " << desc.name << "'s "
                             << desc.core.maxSynapticDelay->value
                             << " (core.max_synaptic_delay)";
    if (int64_t(syn.getWeightExp()) < eMin || int64_t(syn.getWeightExp()) > eMax)
      return syn.emitError()
             << describeOp(syn) << ": weight_exp " << int64_t(syn.getWeightExp())
             << " is outside " << desc.name << "'s range [" << eMin << ", "
             << eMax << "]";
  }
  const int64_t maxFanIn = desc.core.maxFanIn.value;
  const int64_t memory = desc.core.synapseMemoryBits.value;
  for (auto pop : graph.getBodyBlock().getOps<PopulationOp>()) {
    if (auto a = pop->getAttrOfType<StringAttr>("approximation")) {
      if (a.getValue() != loihi::kCurrentBiasToMembrane)
        return pop.emitError() << describeOp(pop) << ": unknown approximation '"
                               << a.getValue() << "'";
      if (!llvm::is_contained(approx, a.getValue().str()))
        return pop.emitError()
               << describeOp(pop) << ": its mapping is the approximation "
               << a.getValue() << "; allow it with --approx=" << a.getValue();
    }
    if (llvm::none_of(chip.models, [&](const nc::NCModel *m) {
          return m->name == pop.getModel();
        }))
      return pop.emitError() << describeOp(pop) << ": model '" << pop.getModel()
                             << "' does not run on " << desc.name
                             << " (its compartments are " << modelList(chip)
                             << ")";
    std::vector<int64_t> fanIn = legalize::fanIn(pop);
    for (size_t j = 0; j < fanIn.size(); ++j) {
      if (fanIn[j] > maxFanIn)
        return pop.emitError()
               << describeOp(pop) << ": fan-in " << fanIn[j] << " (neuron "
               << j << ") exceeds " << desc.name << "'s " << maxFanIn
               << " synapses per neuron (core.max_fan_in); a dendritic sum "
                  "split across cores is not exact";
      if (fanIn[j] * bits > memory)
        return pop.emitError()
               << describeOp(pop) << ": neuron " << j << "'s " << fanIn[j]
               << " synapses need " << fanIn[j] * bits
               << " bits, more than " << desc.name << "'s " << memory
               << " bits of synapse memory per core";
    }
  }
  return success();
}
