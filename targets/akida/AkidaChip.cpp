//===- AkidaChip.cpp - the akida arithmetic's registration ----------------===//
//
// Models "akida" (a layer's quantized activation) and "akida_readout" (a
// final layer without activation; targets/MODELS.md, "akida").
//
//===----------------------------------------------------------------------===//

#include "AkidaKernel.h"

#include "spikec/Target/AkidaParams.h"
#include "spikec/Target/Chip.h"
#include "spikec/Target/Target.h"

using namespace spikec;

namespace {
template <bool Readout>
std::string validateNeuron(llvm::ArrayRef<int64_t> values) {
  akida::NeuronParams p;
  return akida::fromValues(values, Readout, p);
}

std::vector<std::string> missingFields(const target::TargetDesc &d) {
  if (!d.precision.activation)
    return {"/precision/activation"};
  return {};
}
} // namespace

const target::Chip &target::getAkidaChip() {
  static const nc::NCModel akida{
      "akida",           akida::paramNames(false), validateNeuron<false>,
      /*spiking=*/false, /*readout=*/false,        ref::makeAkidaKernel};
  static const nc::NCModel readout{
      "akida_readout",   akida::paramNames(true), validateNeuron<true>,
      /*spiking=*/false, /*readout=*/true,        ref::makeAkidaReadoutKernel};
  static const nc::NCModel *const models[] = {&akida, &readout};
  static const Chip chip{"akida", models, missingFields};
  return chip;
}
