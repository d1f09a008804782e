//===- TrueNorthModel.cpp - TrueNorth neuron, fixed point -----------------===//
//
// Population step, crossbar integration and checks of the truenorth target
// model. The arithmetic of one tick is in TrueNorthModel.h
// (detail::stepNeuron), shared by the scalar and the population step.
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/TrueNorthModel.h"

#include <cassert>

using namespace spikec;
using namespace spikec::truenorth;

void Params::resize(size_t n, const NeuronParams &fill) {
  weight.resize(n, fill.weight);
  leak.resize(n, fill.leak);
  leakReversal.resize(n, fill.leakReversal);
  alpha.resize(n, fill.alpha);
  beta.resize(n, fill.beta);
  resetV.resize(n, fill.resetV);
  resetMode.resize(n, uint8_t(fill.resetMode));
  negSaturate.resize(n, fill.negSaturate);
  maskBits.resize(n, fill.maskBits);
}

void Params::set(size_t i, const NeuronParams &p) {
  weight[i] = p.weight;
  leak[i] = p.leak;
  leakReversal[i] = p.leakReversal;
  alpha[i] = p.alpha;
  beta[i] = p.beta;
  resetV[i] = p.resetV;
  resetMode[i] = uint8_t(p.resetMode);
  negSaturate[i] = p.negSaturate;
  maskBits[i] = p.maskBits;
}

NeuronParams Params::get(size_t i) const {
  NeuronParams p;
  p.weight = weight[i];
  p.leak = leak[i];
  p.leakReversal = leakReversal[i] != 0;
  p.alpha = alpha[i];
  p.beta = beta[i];
  p.resetV = resetV[i];
  p.resetMode = ResetMode(resetMode[i]);
  p.negSaturate = negSaturate[i] != 0;
  p.maskBits = maskBits[i];
  return p;
}

void State::resize(size_t n) { v.resize(n, 0); }

void truenorth::step(const Params &params, State &state, const int32_t *input,
                     uint8_t *spikes) {
  const size_t n = params.size();
  assert(state.size() == n && "state and params differ in size");
  int32_t *v = state.v.data();
  for (size_t i = 0; i < n; ++i) {
    const uint16_t rho = state.lfsr.next();
    spikes[i] = detail::stepNeuron(
        params.leak[i], params.leakReversal[i] != 0, params.alpha[i],
        params.beta[i], params.resetV[i], params.resetMode[i],
        params.negSaturate[i] != 0, params.maskBits[i], v[i], input[i], rho);
  }
}

Crossbar::Crossbar(size_t axons, size_t neurons)
    : numAxons(axons), numNeurons(neurons), axonType(axons, 0),
      bits(axons * ((neurons + 63) / 64), 0) {}

void Crossbar::connect(size_t axon, size_t neuron, bool on) {
  uint64_t &word = bits[axon * wordsPerRow() + neuron / 64];
  const uint64_t mask = uint64_t(1) << (neuron % 64);
  word = on ? (word | mask) : (word & ~mask);
}

void truenorth::accumulateAxon(const Params &params, const Crossbar &crossbar,
                               size_t axon, int32_t *input) {
  assert(crossbar.numNeurons <= params.size() && "crossbar wider than params");
  const unsigned type = crossbar.axonType[axon];
  const size_t words = crossbar.wordsPerRow();
  const uint64_t *row = crossbar.bits.data() + axon * words;
  for (size_t w = 0; w < words; ++w) {
    uint64_t word = row[w];
    while (word) {
      const unsigned b = unsigned(__builtin_ctzll(word));
      word &= word - 1;
      const size_t j = w * 64 + b;
      input[j] = fxp::saturateToInt32(int64_t(input[j]) +
                                      params.weight[j][type]);
    }
  }
}

void truenorth::accumulate(const Params &params, const Crossbar &crossbar,
                           const uint8_t *axonActive, int32_t *input) {
  for (size_t i = 0; i < crossbar.numAxons; ++i)
    if (axonActive[i])
      accumulateAxon(params, crossbar, i, input);
}

static bool fail(std::string *why, const char *msg) {
  if (why)
    *why = msg;
  return false;
}

bool truenorth::validate(const NeuronParams &p, std::string *why) {
  for (int16_t s : p.weight)
    if (s < -fxp::maxSigned(kWeightBits) || s > fxp::maxSigned(kWeightBits))
      return fail(why, "synaptic weights must lie in [-255, 255]");
  if (p.leak < -fxp::maxSigned(kLeakBits) || p.leak > fxp::maxSigned(kLeakBits))
    return fail(why, "leak must lie in [-255, 255]");
  if (p.alpha < 0 || p.alpha > fxp::maxUnsigned(kThresholdBits))
    return fail(why, "positive threshold must lie in [0, 262143]");
  if (p.beta < 0 || p.beta > fxp::maxUnsigned(kThresholdBits))
    return fail(why, "negative threshold must lie in [0, 262143]");
  if (p.resetV < fxp::minSigned(kResetBits) ||
      p.resetV > fxp::maxSigned(kResetBits))
    return fail(why, "reset potential must lie in [-131072, 131071]");
  if (uint8_t(p.resetMode) > uint8_t(ResetMode::None))
    return fail(why, "reset mode must be 0, 1 or 2");
  if (p.maskBits > kMaxMaskBits)
    return fail(why, "threshold mask must have at most 16 bits");
  return true;
}
