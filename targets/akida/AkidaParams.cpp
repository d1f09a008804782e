//===- AkidaParams.cpp - an akida neuron's nc parameters ------------------===//

#include "spikec/Target/AkidaParams.h"

#include "spikec/Target/AkidaModel.h"

#include <climits>

using namespace spikec;
using namespace spikec::akida;

namespace {
const llvm::StringRef kLayerNames[] = {"threshold_offset", "step",
                                       "output_bits"};
const llvm::StringRef kReadoutNames[] = {"offset"};
} // namespace

llvm::ArrayRef<llvm::StringRef> akida::paramNames(bool readout) {
  if (readout)
    return kReadoutNames;
  return kLayerNames;
}

std::string akida::fromValues(llvm::ArrayRef<int64_t> values, bool readout,
                              NeuronParams &out) {
  out = NeuronParams();
  if (readout) {
    if (values[0] < INT32_MIN || values[0] > INT32_MAX)
      return "offset must be an int32";
    out.thresholdOffset = int32_t(values[0]);
    return "";
  }
  // Values arrive as int32 (PopulationOp::getParam).
  if (values[2] < 0 || values[2] > 32)
    return "activation bits must be 1, 2 or 4";
  // Weight and input widths belong to the synapse tables and their sources
  // (nc-legalize-akida checks them); only the neuron's own values here.
  LayerParams p;
  p.weightBits = 8;
  p.inputBits = 8;
  p.outputBits = unsigned(values[2]);
  p.thresholdOffset = {int32_t(values[0])};
  p.step = {int32_t(values[1])};
  std::string why;
  if (!validate(p, &why))
    return why;
  out = {p.thresholdOffset[0], p.step[0], p.outputBits};
  return "";
}

std::vector<std::pair<std::string, std::vector<int32_t>>>
akida::toNamedValues(llvm::ArrayRef<NeuronParams> neurons, bool readout) {
  std::vector<int32_t> offset, step, bits;
  for (const NeuronParams &p : neurons) {
    offset.push_back(p.thresholdOffset);
    step.push_back(p.step);
    bits.push_back(int32_t(p.outputBits));
  }
  if (readout)
    return {{kReadoutNames[0].str(), std::move(offset)}};
  return {{kLayerNames[0].str(), std::move(offset)},
          {kLayerNames[1].str(), std::move(step)},
          {kLayerNames[2].str(), std::move(bits)}};
}
