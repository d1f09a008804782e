//===- AkidaModel.cpp - Akida event-based integer layer -------------------===//
//
// Event accumulation, the per-frame activation quantizer and checks of the
// akida target model.
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/AkidaModel.h"

using namespace spikec;
using namespace spikec::akida;

void State::clear() {
  for (int32_t &a : acc)
    a = 0;
}

void akida::accumulateEvent(const int8_t *weights, size_t n, uint8_t x,
                            int32_t *acc) {
  for (size_t j = 0; j < n; ++j)
    acc[j] = fxp::saturateToInt32(int64_t(acc[j]) + int64_t(weights[j]) * x);
}

void akida::accumulateDense(const int8_t *weights, size_t numInputs,
                            size_t numOutputs, const uint8_t *input,
                            int32_t *acc) {
  for (size_t i = 0; i < numInputs; ++i)
    if (input[i])
      accumulateEvent(weights + i * numOutputs, numOutputs, input[i], acc);
}

void akida::step(const LayerParams &params, const int32_t *acc, size_t n,
                 uint8_t *out) {
  const size_t channels = params.numChannels();
  assert(channels > 0 && "akida layer without channels");
  size_t c = 0;
  for (size_t i = 0; i < n; ++i) {
    out[i] = quantize(acc[i], params.thresholdOffset[c], params.step[c],
                      params.outputBits);
    if (++c == channels)
      c = 0;
  }
}

void akida::step(const LayerParams &params, State &state, uint8_t *out) {
  step(params, state.acc.data(), state.acc.size(), out);
  state.clear();
}

static bool fail(std::string *why, const char *msg) {
  if (why)
    *why = msg;
  return false;
}

bool akida::validate(const LayerParams &params, std::string *why) {
  if (!isWeightBits(params.weightBits))
    return fail(why, "weight bits must be 1, 2, 4 or 8");
  if (!isInputBits(params.inputBits))
    return fail(why, "input bits must be 1, 2, 4 or 8");
  if (!isOutputBits(params.outputBits))
    return fail(why, "activation bits must be 1, 2 or 4");
  if (params.step.empty())
    return fail(why, "a layer needs at least one channel");
  if (params.thresholdOffset.size() != params.step.size())
    return fail(why, "one threshold offset and one step per channel");
  for (int32_t s : params.step)
    if (s <= 0)
      return fail(why, "every step must be positive");
  return true;
}
