//===- TrueNorthChip.cpp - truenorth's registration -----------------------===//
//
// Model "truenorth", the TrueNorth neuron (targets/MODELS.md, "truenorth").
//
//===----------------------------------------------------------------------===//

#include "TrueNorthKernel.h"

#include "spikec/Target/Chip.h"
#include "spikec/Target/Target.h"
#include "spikec/Target/TrueNorthParams.h"

using namespace spikec;

namespace {
std::string validateNeuron(llvm::ArrayRef<int64_t> values) {
  truenorth::NeuronParams p;
  return truenorth::fromValues(values, p);
}

/// TrueNorth's crossbar: a synapse's weight is its axon type's weight for
/// the post neuron (weight0..3 come first in paramNames()).
std::string checkTypedTable(llvm::ArrayRef<int32_t> targets,
                            llvm::ArrayRef<int32_t> weights,
                            llvm::ArrayRef<int32_t> axonTypes,
                            const std::vector<std::vector<int32_t>> &values) {
  for (size_t k = 0; k < targets.size(); ++k) {
    int32_t j = targets[k], t = axonTypes[k];
    if (size_t(j) >= values[t].size() || values[t][j] == weights[k])
      continue;
    return "synapse " + std::to_string(k) + " into neuron " +
           std::to_string(j) + " has weight " + std::to_string(weights[k]) +
           " but axon type " + std::to_string(t) +
           ", whose weight for that neuron is " + std::to_string(values[t][j]);
  }
  return "";
}

std::vector<std::string> missingFields(const target::TargetDesc &d) {
  if (!d.core.axonTypes)
    return {"/core/axon_types"};
  return {};
}
} // namespace

const target::Chip &target::getTrueNorthChip() {
  static const nc::NCModel truenorth{
      "truenorth",       truenorth::paramNames(),  validateNeuron,
      /*spiking=*/true,
      /*readout=*/false, ref::makeTrueNorthKernel, checkTypedTable};
  static const nc::NCModel *const models[] = {&truenorth};
  static const Chip chip{"truenorth", models, missingFields};
  return chip;
}
