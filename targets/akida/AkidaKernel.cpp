//===- AkidaKernel.cpp - the akida population kernel ----------------------===//
//
// One event frame per timestep: the step's dendritic sum is the frame's
// potential (nc.synapses' int64 sum saturated to int32 equals Akida's
// per-event sat32 accumulation because snn-legalize-akida bounds the
// worst-case sum inside int32), and each potential goes through
// akida::quantize. Nothing is kept across frames; the output is the
// activation, 0 .. 2^output_bits - 1.
//
//===----------------------------------------------------------------------===//

#include "AkidaKernel.h"

#include "spikec/Target/AkidaModel.h"

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

std::unique_ptr<PopulationKernel>
makeAkidaReadoutKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<AkidaReadoutKernel>();
  k->offset = values[0];
  return k;
}

std::unique_ptr<PopulationKernel>
makeAkidaKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<AkidaKernel>();
  k->offset = values[0];
  k->stepSize = values[1];
  k->bits.assign(values[2].begin(), values[2].end());
  return k;
}

} // namespace spikec::ref
