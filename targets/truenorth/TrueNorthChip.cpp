//===- TrueNorthChip.cpp - truenorth's registration -----------------------===//
//
// Model "truenorth", the TrueNorth neuron (targets/MODELS.md, "truenorth").
//
//===----------------------------------------------------------------------===//

#include "TrueNorthKernel.h"

#include "spikec/Target/Chip.h"
#include "spikec/Target/Target.h"
#include "spikec/Target/TrueNorthModel.h"

using namespace spikec;

namespace {
const llvm::StringRef kTrueNorthParams[] = {
    "weight0", "weight1",       "weight2",      "weight3",
    "leak",    "leak_reversal", "alpha",        "beta",
    "reset_v", "reset_mode",    "neg_saturate", "mask_bits"};

std::string validateTrueNorth(llvm::ArrayRef<int64_t> v) {
  for (int k : {5, 10})
    if (v[k] != 0 && v[k] != 1)
      return "leak_reversal and neg_saturate must be 0 or 1";
  // One LFSR per core draws for its neurons in order, so a stochastic
  // neuron's draws would change when partitioning moves it: refused.
  if (v[11] != 0)
    return "mask_bits must be 0: a stochastic threshold's draws would depend "
           "on how the population is split across cores";
  for (int k : {0, 1, 2, 3, 4})
    if (v[k] < INT16_MIN || v[k] > INT16_MAX)
      return "synaptic weights and leak must lie in [-255, 255]";
  if (v[9] < 0 || v[9] > 2)
    return "reset mode must be 0, 1 or 2";
  truenorth::NeuronParams p;
  for (int k = 0; k < 4; ++k)
    p.weight[k] = int16_t(v[k]);
  p.leak = int16_t(v[4]);
  p.leakReversal = v[5] != 0;
  p.alpha = int32_t(v[6]);
  p.beta = int32_t(v[7]);
  p.resetV = int32_t(v[8]);
  p.resetMode = truenorth::ResetMode(v[9]);
  p.negSaturate = v[10] != 0;
  std::string why;
  if (!truenorth::validate(p, &why))
    return why;
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
      "truenorth",       kTrueNorthParams,        validateTrueNorth,
      /*spiking=*/true,
      /*readout=*/false, ref::makeTrueNorthKernel};
  static const nc::NCModel *const models[] = {&truenorth};
  static const Chip chip{"truenorth", models, missingFields};
  return chip;
}
