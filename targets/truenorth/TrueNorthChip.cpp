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

std::vector<std::string> missingFields(const target::TargetDesc &d) {
  if (!d.core.axonTypes)
    return {"/core/axon_types"};
  return {};
}
} // namespace

const target::Chip &target::getTrueNorthChip() {
  static const nc::NCModel truenorth{
      "truenorth",       truenorth::paramNames(), validateNeuron,
      /*spiking=*/true,
      /*readout=*/false, ref::makeTrueNorthKernel};
  static const nc::NCModel *const models[] = {&truenorth};
  static const Chip chip{"truenorth", models, missingFields};
  return chip;
}
