//===- LoihiChip.cpp - the loihi arithmetic's registration ----------------===//
//
// Models "loihi" (the CUBA LIF compartment) and "loihi_readout" (the same
// compartment without a threshold, whose output is v), and the description
// fields loihi's quantizer reads (targets/MODELS.md, "loihi").
//
//===----------------------------------------------------------------------===//

#include "LoihiKernel.h"

#include "spikec/Target/Chip.h"
#include "spikec/Target/LoihiParams.h"
#include "spikec/Target/Target.h"

using namespace spikec;

namespace {
template <bool Readout>
std::string validateCompartment(llvm::ArrayRef<int64_t> values) {
  loihi::NeuronParams p;
  return loihi::fromValues(values, Readout, p);
}

std::vector<std::string> missingFields(const target::TargetDesc &d) {
  std::vector<std::string> missing;
  const target::Precision &p = d.precision;
  if (!p.threshold)
    missing.push_back("/precision/threshold");
  if (!p.bias)
    missing.push_back("/precision/bias");
  if (!p.decayBits)
    missing.push_back("/precision/decay_bits");
  if (!p.weight.exponentMax)
    missing.push_back("/precision/weight/exponent_max");
  return missing;
}
} // namespace

const target::Chip &target::getLoihiChip() {
  static const nc::NCModel compartment{
      "loihi",          loihi::paramNames(false), validateCompartment<false>,
      /*spiking=*/true, /*readout=*/false,        loihi::makeKernel};
  static const nc::NCModel readout{
      "loihi_readout",   loihi::paramNames(true), validateCompartment<true>,
      /*spiking=*/false, /*readout=*/true,        loihi::makeReadoutKernel};
  static const nc::NCModel *const models[] = {&compartment, &readout};
  static const Chip chip{"loihi", models, missingFields};
  return chip;
}
