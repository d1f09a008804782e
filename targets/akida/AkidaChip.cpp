//===- AkidaChip.cpp - the akida arithmetic's registration ----------------===//
//
// Models "akida" (a layer's quantized activation) and "akida_readout" (a
// final layer without activation; targets/MODELS.md, "akida").
//
//===----------------------------------------------------------------------===//

#include "AkidaKernel.h"

#include "spikec/Target/AkidaModel.h"
#include "spikec/Target/Chip.h"
#include "spikec/Target/Target.h"

using namespace spikec;

namespace {
const llvm::StringRef kAkidaParams[] = {"threshold_offset", "step",
                                        "output_bits"};

std::string validateAkida(llvm::ArrayRef<int64_t> v) {
  // Values arrive as int32 (PopulationOp::getParam).
  if (v[2] < 0 || v[2] > 32)
    return "activation bits must be 1, 2 or 4";
  // Weight and input widths belong to the synapse tables and their sources
  // (snn-legalize-akida checks them); only the neuron's own values here.
  akida::LayerParams p;
  p.weightBits = 8;
  p.inputBits = 8;
  p.outputBits = unsigned(v[2]);
  p.thresholdOffset = {int32_t(v[0])};
  p.step = {int32_t(v[1])};
  std::string why;
  if (!akida::validate(p, &why))
    return why;
  return "";
}

const llvm::StringRef kAkidaReadoutParams[] = {"offset"};

std::string validateAkidaReadout(llvm::ArrayRef<int64_t> v) {
  if (v[0] < INT32_MIN || v[0] > INT32_MAX)
    return "offset must be an int32";
  return "";
}

std::vector<std::string> missingFields(const target::TargetDesc &d) {
  if (!d.precision.activation)
    return {"/precision/activation"};
  return {};
}
} // namespace

const target::Chip &target::getAkidaChip() {
  static const nc::NCModel akida{"akida",           kAkidaParams,
                                 validateAkida,
                                 /*spiking=*/false,
                                 /*readout=*/false, ref::makeAkidaKernel};
  static const nc::NCModel readout{
      "akida_readout",   kAkidaReadoutParams,        validateAkidaReadout,
      /*spiking=*/false,
      /*readout=*/true,  ref::makeAkidaReadoutKernel};
  static const nc::NCModel *const models[] = {&akida, &readout};
  static const Chip chip{"akida", models, missingFields};
  return chip;
}
