//===- LoihiModel.cpp - bit-exact Loihi CUBA LIF compartment --------------===//
//
// Population step, synapse weight rules, checks and float encoding of the
// loihi target model. The arithmetic itself is in LoihiModel.h
// (detail::stepCompartment) so that the scalar and population steps share it.
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/LoihiModel.h"

#include <cassert>
#include <cmath>

using namespace spikec;
using namespace spikec::loihi;

void Params::resize(size_t n, const NeuronParams &fill) {
  du.resize(n, fill.du);
  dv.resize(n, fill.dv);
  vthMant.resize(n, fill.vthMant);
  biasMant.resize(n, fill.biasMant);
  biasExp.resize(n, fill.biasExp);
  refractoryDelay.resize(n, fill.refractoryDelay);
}

void Params::set(size_t i, const NeuronParams &p) {
  du[i] = p.du;
  dv[i] = p.dv;
  vthMant[i] = p.vthMant;
  biasMant[i] = p.biasMant;
  biasExp[i] = p.biasExp;
  refractoryDelay[i] = p.refractoryDelay;
}

NeuronParams Params::get(size_t i) const {
  NeuronParams p;
  p.du = du[i];
  p.dv = dv[i];
  p.vthMant = vthMant[i];
  p.biasMant = biasMant[i];
  p.biasExp = biasExp[i];
  p.refractoryDelay = refractoryDelay[i];
  return p;
}

void State::resize(size_t n) {
  u.resize(n, 0);
  v.resize(n, 0);
  refractoryCount.resize(n, 0);
}

void State::set(size_t i, const NeuronState &s) {
  u[i] = s.u;
  v[i] = s.v;
  refractoryCount[i] = s.refractoryCount;
}

NeuronState State::get(size_t i) const {
  NeuronState s;
  s.u = u[i];
  s.v = v[i];
  s.refractoryCount = refractoryCount[i];
  return s;
}

void loihi::step(const Params &params, State &state, const int32_t *input,
                 uint8_t *spikes) {
  const size_t n = params.size();
  assert(state.size() == n && "state and params differ in size");
  const uint16_t *du = params.du.data();
  const uint16_t *dv = params.dv.data();
  const int32_t *vthMant = params.vthMant.data();
  const int32_t *biasMant = params.biasMant.data();
  const int32_t *biasExp = params.biasExp.data();
  const uint16_t *refractoryDelay = params.refractoryDelay.data();
  int32_t *u = state.u.data();
  int32_t *v = state.v.data();
  uint16_t *refractoryCount = state.refractoryCount.data();
  for (size_t i = 0; i < n; ++i)
    spikes[i] = detail::stepCompartment(
        du[i], dv[i], effectiveBias(biasMant[i], biasExp[i]),
        effectiveThreshold(vthMant[i]), refractoryDelay[i], u[i], v[i],
        refractoryCount[i], input[i]);
}

int32_t loihi::effectiveWeight(int32_t w, SignMode mode,
                               unsigned numWeightBits) {
  // weightutils.clip_weights(weights, sign_mode, num_bits=8)
  const bool mixed = mode == SignMode::Mixed;
  const bool inhibitory = mode == SignMode::Inhibitory;
  int64_t x = inhibitory ? -int64_t(w) : int64_t(w);
  const int64_t minW = mixed ? -(int64_t(1) << kWeightBits) : 0;
  const int64_t maxW = (int64_t(1) << kWeightBits) - 1;
  x = fxp::clamp(x, minW, maxW);
  // weightutils.truncate_weights(weights, sign_mode, num_weight_bits):
  // (w >> k) << k with k = 8 - num_weight_bits + mixed, numpy shifts.
  const int k = int(kWeightBits) - int(numWeightBits) + (mixed ? 1 : 0);
  if (k > 0)
    x = fxp::shiftLeft(fxp::shiftRightFloor(x, unsigned(k)), unsigned(k));
  return int32_t(inhibitory ? -x : x);
}

static bool fail(std::string *why, const char *msg) {
  if (why)
    *why = msg;
  return false;
}

bool loihi::validate(const NeuronParams &p, std::string *why) {
  if (p.du > fxp::maxUnsigned(kDecayBits))
    return fail(why, "du must lie in [0, 4095]");
  if (p.dv > fxp::maxUnsigned(kDecayBits))
    return fail(why, "dv must lie in [0, 4095]");
  if (p.vthMant < 0 || p.vthMant > fxp::maxUnsigned(kVthBits))
    return fail(why, "vth mantissa must lie in [0, 131071]");
  if (p.biasMant < fxp::minSigned(kBiasMantBits) ||
      p.biasMant > fxp::maxSigned(kBiasMantBits))
    return fail(why, "bias mantissa must lie in [-4096, 4095]");
  if (p.biasExp < 0 || p.biasExp > kMaxBiasExp)
    return fail(why, "bias exponent must lie in [0, 7]");
  if (p.refractoryDelay > kMaxRefractoryDelay)
    return fail(why, "refractory delay must lie in [0, 255]");
  return true;
}

bool loihi::validate(const NeuronState &s, std::string *why) {
  if (s.u < kMinU || s.u > kMaxU)
    return fail(why, "u must lie in [-2^23 + 1, 2^23]");
  if (s.v < kMinV || s.v > kMaxV)
    return fail(why, "v must lie in [-2^23 + 1, 2^23 - 1]");
  return true;
}

/// round(4096 * lost) - offset, clamped to [0, 4095]; NaN gives 0.
static uint16_t encodeDecay(double lost, int offset) {
  const double d = std::round(lost * double(kDecayUnity)) - offset;
  if (!(d > 0))
    return 0;
  if (d > double(fxp::maxUnsigned(kDecayBits)))
    return uint16_t(fxp::maxUnsigned(kDecayBits));
  return uint16_t(d);
}

uint16_t loihi::encodeDu(double lost) { return encodeDecay(lost, kDsOffset); }

uint16_t loihi::encodeDv(double lost) { return encodeDecay(lost, kDmOffset); }
