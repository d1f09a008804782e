//===- AkidaModel.h - Akida event-based integer layer -----------*- C++ -*-===//
//
// The neuron model of the `akida` target: a layer evaluated once per event
// frame. Every nonzero input activation is an event; it adds weight *
// activation to the int32 potential of each output it reaches; at the end
// of the frame each potential goes through an activation quantizer:
//
//   acc  = sat32(acc + w * x)          per event, events in input order
//   out  = clamp(floor((acc + offset[c]) / step[c]), 0, 2^outputBits - 1)
//
// with c the output's channel (channel-last layout: c = index % channels).
//
// BrainChip publishes the bit widths (weights 1/2/4/8, activations 1/2/4,
// 8-bit input to InputConv) and describes a layer as a potential, an
// inverted bias that acts as the firing threshold, and a ReLU; it does not
// publish the integer form of the quantizer, the weight code points or the
// accumulator width. Those are our assumptions, listed in targets/MODELS.md,
// section "akida".
//
// The update functions do not allocate.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_TARGET_AKIDAMODEL_H
#define SPIKEC_TARGET_AKIDAMODEL_H

#include "spikec/Target/FixedPoint.h"

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace spikec {
namespace akida {

constexpr unsigned kAccumulatorBits = 32; ///< our assumption

/// Weight widths: 1, 2, 4, 8. Input widths: 1, 2, 4, and 8 for InputConv.
/// Output (activation) widths: 1, 2, 4.
constexpr bool isWeightBits(unsigned b) {
  return b == 1 || b == 2 || b == 4 || b == 8;
}
constexpr bool isInputBits(unsigned b) {
  return b == 1 || b == 2 || b == 4 || b == 8;
}
constexpr bool isOutputBits(unsigned b) { return b == 1 || b == 2 || b == 4; }

/// Weight code points (our assumption): 1 bit is binary {-1, +1}; b >= 2
/// bits are symmetric signed, [-(2^(b-1) - 1), 2^(b-1) - 1].
constexpr int32_t minWeight(unsigned bits) {
  return bits == 1 ? -1 : -int32_t(fxp::maxSigned(bits));
}
constexpr int32_t maxWeight(unsigned bits) {
  return bits == 1 ? 1 : int32_t(fxp::maxSigned(bits));
}
constexpr bool weightFits(int32_t w, unsigned bits) {
  return bits == 1 ? (w == -1 || w == 1)
                   : (w >= minWeight(bits) && w <= maxWeight(bits));
}
/// Activations are unsigned: [0, 2^bits - 1].
constexpr bool activationFits(int32_t x, unsigned bits) {
  return x >= 0 && x <= fxp::maxUnsigned(bits);
}

/// The one approximation of the akida mapping, by its --approx name: a
/// rate-coded IF layer as a per-frame quantized ReLU (targets/MODELS.md,
/// "Legalizing for akida"). snn-quantize marks such a population with it
/// and nc-legalize-akida refuses it unless the user allows the name.
constexpr const char *kRateToActivation = "akida-rate-to-activation";

/// The per-layer width rule: 8-bit weights (and 8-bit input events) only in
/// the input layer, the one fed by the host (InputConv); 1, 2, 4 elsewhere.
constexpr bool weightBitsAllowedIn(unsigned bits, bool inputLayer) {
  return isWeightBits(bits) && (bits != 8 || inputLayer);
}

/// A layer's quantization parameters; one threshold offset and one step per
/// output channel.
struct LayerParams {
  unsigned weightBits = 4;
  unsigned inputBits = 4;
  unsigned outputBits = 4;
  std::vector<int32_t> thresholdOffset; ///< added to the potential
  std::vector<int32_t> step;            ///< > 0

  size_t numChannels() const { return step.size(); }
  void resizeChannels(size_t c, int32_t offset = 0, int32_t stepValue = 1) {
    thresholdOffset.resize(c, offset);
    step.resize(c, stepValue);
  }
};

/// The potentials of a layer's outputs during one frame.
struct State {
  std::vector<int32_t> acc;

  size_t size() const { return acc.size(); }
  void resize(size_t n) { acc.resize(n, 0); }
  /// Zeroes every potential: the start of a frame.
  void clear();
};

/// The activation quantizer: clamp(floor((acc + offset) / step), 0,
/// 2^bits - 1), computed in int64 so that acc + offset cannot overflow.
/// Precondition: step > 0.
constexpr uint8_t quantize(int64_t acc, int32_t offset, int32_t step,
                           unsigned bits) {
  return uint8_t(fxp::clamp(fxp::floorDiv(acc + offset, step), 0,
                            fxp::maxUnsigned(bits)));
}

/// One input event of value `x` reaching n outputs through `weights`
/// (weights[j] for output j): acc[j] = sat32(acc[j] + weights[j] * x).
void accumulateEvent(const int8_t *weights, size_t n, uint8_t x, int32_t *acc);

/// A fully connected layer on one frame: every nonzero input i, in
/// ascending i, is an event through row i of `weights` (row-major
/// [numInputs][numOutputs]). Adds into acc; zero inputs cost nothing.
void accumulateDense(const int8_t *weights, size_t numInputs,
                     size_t numOutputs, const uint8_t *input, int32_t *acc);

/// The end of a frame: out[i] = quantize(acc[i], offset[c], step[c],
/// outputBits) with c = i % numChannels(). A nonzero out[i] is an output
/// event.
void step(const LayerParams &params, const int32_t *acc, size_t n,
          uint8_t *out);
/// step() on state.acc, then state.clear() for the next frame.
void step(const LayerParams &params, State &state, uint8_t *out);

/// Whether the widths are supported, there is at least one channel and
/// every step is positive; otherwise false with a message.
bool validate(const LayerParams &params, std::string *why = nullptr);

} // namespace akida
} // namespace spikec

#endif // SPIKEC_TARGET_AKIDAMODEL_H
