//===- Loihi2SigmaDelta.h - the loihi2 sigma-delta neuron -------*- C++ -*-===//
//
// Model "loihi2_sigma_delta": Lava's fixed-point sigma-delta neuron with
// graded spikes (lava src/lava/proc/sdn/models.py, PySigmaDeltaModelFixed;
// its process, sdn/process.py, scales vth and bias by 2^(spike_exp +
// state_exp)), the neuron lava-dl netx builds for an 'SDNN' layer
// (docs/chips.md, "loihi2"). One step, a the dendritic sum:
//
//   sigma' = sigma + a
//   act    = sigma' + bias, or max(0, sigma' + bias) with relu
//   delta  = act - act_prev + residue
//   fire   = |delta| >= vth          (cum_error: error += delta first, and
//                                     fire = |error| >= vth, error = 0
//                                     when s != 0)
//   s      = fire ? delta : 0;  residue' = delta - s;  act_prev' = act
//   out    = s >> state_exp          (floor: the signed graded payload)
//
// with bias = bias_mant * 2^(spike_exp + state_exp) and vth = vth_mant *
// 2^(spike_exp + state_exp). With delta = 0 the neuron is Lava's Sigma
// (out = sigma', no activation, no threshold: netx's 'sigma_output' layer).
// Lava keeps every state in numpy int32 (its precision=24 annotations are
// not enforced), so the arithmetic here wraps at 32 bits as numpy does and a
// state or an input outside 24 bits is counted as an overflow, not changed.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_LOIHI2SIGMADELTA_H
#define SPIKEC_TARGET_LOIHI2SIGMADELTA_H

#include "spikec/Target/FixedPoint.h"

#include <cstdint>

namespace spikec::loihi2 {

/// Width of the sigma-delta state (Lava's precision=24).
constexpr unsigned kSigmaDeltaStateBits = 24;
/// Largest spike_exp and state_exp: Lava's 3-bit exponents.
constexpr unsigned kSigmaDeltaExpMax = 7;

/// One sigma-delta neuron's parameters (Lava's SigmaDelta process).
struct SigmaDeltaParams {
  int32_t vthMant = 0;  ///< threshold, in payload units (>= 0)
  int32_t biasMant = 0; ///< bias, in payload units
  uint8_t spikeExp = 0; ///< decimal place of the graded spike
  uint8_t stateExp = 0; ///< extra fraction bits of the state
  bool relu = true;     ///< ReLU activation, else UNIT (identity)
  bool cumError = false;
  bool delta = true; ///< delta-encode the activation, else send sigma
};

/// One neuron's state (all zero at the start, as Lava's Vars).
struct SigmaDeltaState {
  int32_t sigma = 0, act = 0, residue = 0, error = 0;
};

/// bias_mant * 2^(spike_exp + state_exp) and likewise vth.
constexpr int64_t sigmaDeltaScale(int64_t mant, const SigmaDeltaParams &p) {
  return fxp::shiftLeft(mant, unsigned(p.spikeExp) + p.stateExp);
}

/// Lava's int32 arithmetic (numpy wraps at 32 bits).
constexpr int32_t wrapInt32(int64_t x) {
  return int32_t(fxp::wrapSigned(x, 32));
}

/// Whether x lies outside the 24-bit state.
constexpr bool outsideState(int64_t x) {
  return x < fxp::minSigned(kSigmaDeltaStateBits) ||
         x > fxp::maxSigned(kSigmaDeltaStateBits);
}

/// The one implementation of a step, on the scaled bias and threshold.
/// Returns the output (the payload, or sigma' without delta); `overflow` is
/// set when a state left 24 bits.
inline int32_t stepSigmaDelta(int64_t vth, int64_t bias, unsigned stateExp,
                              bool relu, bool cumError, bool delta,
                              SigmaDeltaState &s, int32_t input,
                              bool &overflow) {
  s.sigma = wrapInt32(int64_t(s.sigma) + input);
  // An input beyond 24 bits is one Lava's conv synapse would have clamped
  // (signed_clamp(a, 24)); its dense synapse does not.
  overflow = outsideState(input) || outsideState(s.sigma);
  if (!delta)
    return s.sigma;
  int64_t act = int64_t(s.sigma) + bias;
  if (relu && act < 0)
    act = 0;
  const int32_t actNow = wrapInt32(act);
  const int32_t d =
      wrapInt32(int64_t(actNow) - s.act + int64_t(s.residue));
  bool fire;
  if (cumError) {
    s.error = wrapInt32(int64_t(s.error) + d);
    fire = (s.error < 0 ? -int64_t(s.error) : int64_t(s.error)) >= vth;
    // Lava: error *= 1 - (|s_out| > 0), so a zero delta keeps the error.
    if (fire && d != 0)
      s.error = 0;
  } else {
    fire = (d < 0 ? -int64_t(d) : int64_t(d)) >= vth;
  }
  const int32_t sent = fire ? d : 0;
  s.residue = wrapInt32(int64_t(d) - sent);
  s.act = actNow;
  overflow |= outsideState(actNow) || outsideState(s.residue);
  return int32_t(fxp::shiftRightFloor(sent, stateExp));
}

/// Advances one neuron by one step; returns its output.
inline int32_t stepNeuron(const SigmaDeltaParams &p, SigmaDeltaState &s,
                          int32_t input) {
  bool overflow = false;
  return stepSigmaDelta(sigmaDeltaScale(p.vthMant, p),
                        sigmaDeltaScale(p.biasMant, p), p.stateExp, p.relu,
                        p.cumError, p.delta, s, input, overflow);
}

} // namespace spikec::loihi2

#endif // SPIKEC_TARGET_LOIHI2SIGMADELTA_H
