//===- AkidaKernel.cpp - the akida population kernel ----------------------===//
//
// One event frame per timestep: the step's dendritic sum is the frame's
// potential (nc.synapses' int64 sum saturated to int32 equals Akida's
// per-event sat32 accumulation because nc-legalize-akida bounds the
// worst-case sum inside int32), and each potential goes through
// akida::quantize. Nothing is kept across frames; the output is the
// activation, 0 .. 2^output_bits - 1.
//
//===----------------------------------------------------------------------===//

#include "AkidaKernel.h"

#include "spikec/Target/AkidaModel.h"
#include "spikec/Target/AkidaParams.h"

#include <cassert>

namespace spikec::ref {
namespace {
class AkidaKernel : public PopulationKernel {
public:
  void resize(size_t n) override { potential.assign(n, 0); }
  void update(const int32_t *input, int32_t *out) override {
    for (size_t i = 0; i < potential.size(); ++i) {
      potential[i] = input[i];
      out[i] = akida::quantize(input[i], offset[i], stepSize[i], bits[i]);
    }
  }
  /// "v": the frame's potential before the quantizer.
  const int32_t *state(llvm::StringRef name) const override {
    return name == "v" ? potential.data() : nullptr;
  }
  std::vector<int32_t> offset, stepSize;
  std::vector<unsigned> bits;
  std::vector<int32_t> potential;
};

/// akida_readout: a final layer without activation; the output is the
/// frame's potential plus the offset, saturated to int32 (the Akida model's
/// int32 output when the last layer has no activation).
class AkidaReadoutKernel : public PopulationKernel {
public:
  void resize(size_t n) override { potential.assign(n, 0); }
  void update(const int32_t *input, int32_t *out) override {
    for (size_t i = 0; i < potential.size(); ++i) {
      potential[i] = fxp::saturateToInt32(int64_t(input[i]) + offset[i]);
      out[i] = potential[i];
    }
  }
  /// "v": the output, the potential with its offset.
  const int32_t *state(llvm::StringRef name) const override {
    return name == "v" ? potential.data() : nullptr;
  }
  std::vector<int32_t> offset;
  std::vector<int32_t> potential;
};
} // namespace

namespace {
/// The neurons whose values (one vector per parameter, validated) are
/// `values`.
std::vector<akida::NeuronParams>
neuronsOf(const std::vector<std::vector<int32_t>> &values, bool readout) {
  std::vector<akida::NeuronParams> out(values.empty() ? 0 : values[0].size());
  for (size_t i = 0; i < out.size(); ++i) {
    [[maybe_unused]] std::string why =
        akida::fromValues(neuronValues(values, i), readout, out[i]);
    assert(why.empty() && "kernel made from unvalidated parameters");
  }
  return out;
}
} // namespace

std::unique_ptr<PopulationKernel>
makeAkidaReadoutKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<AkidaReadoutKernel>();
  for (const akida::NeuronParams &p : neuronsOf(values, /*readout=*/true))
    k->offset.push_back(p.thresholdOffset);
  return k;
}

std::unique_ptr<PopulationKernel>
makeAkidaKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<AkidaKernel>();
  for (const akida::NeuronParams &p : neuronsOf(values, /*readout=*/false)) {
    k->offset.push_back(p.thresholdOffset);
    k->stepSize.push_back(p.step);
    k->bits.push_back(p.outputBits);
  }
  return k;
}

} // namespace spikec::ref
