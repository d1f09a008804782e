//===- Loihi2Model.h - the loihi2 LIF compartment ---------------*- C++ -*-===//
//
// The fixed-point neuron of the `loihi2` target: Loihi 2's programmable
// neuron (microcode) programmed as loihi's CUBA LIF compartment with three
// choices loihi does not have (docs/chips.md, "loihi2"):
//
//   a  = wrap16(input)
//   u1 = wrapCurrent(decay(u, du + 1) + a * 2^6 + (biasCurrent ? b : 0))
//   v' = clip24(decay(v, dv) + (prevCurrent ? u : u1) + (biasCurrent ? 0 : b))
//   u' = u1
//   spike = v' > vth; then v' = 0, or v' - vth with subtractReset
//
// with b = bias_mant * 2^bias_exp and vth = vth_mant * 2^6. Every piece of
// arithmetic is loihi's (LoihiModel.h); with all three choices off this is
// loihi's compartment without its refractory period.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_LOIHI2MODEL_H
#define SPIKEC_TARGET_LOIHI2MODEL_H

#include "spikec/Target/LoihiModel.h"

#include <cstdint>

namespace spikec::loihi2 {

/// One compartment's parameters: loihi's fields (its refractoryDelay stays
/// 0: loihi2_lif has none) and the program's three choices.
struct NeuronParams {
  loihi::NeuronParams base;
  bool subtractReset = false; ///< reset by subtracting vth, else to 0
  bool biasCurrent = false;   ///< the bias enters u, else v
  bool prevCurrent = false;   ///< v integrates the previous u, else the new
};

/// One compartment's state: loihi's u and v ranges.
struct NeuronState {
  int32_t u = 0, v = 0;
};

/// The one implementation of a compartment step, on precomputed bias and
/// threshold (loihi::effectiveBias, loihi::effectiveThreshold). Returns
/// whether it spiked.
inline bool stepCompartment(uint16_t du, uint16_t dv, int64_t bias,
                            int64_t vth, bool subtractReset, bool biasCurrent,
                            bool prevCurrent, int32_t &u, int32_t &v,
                            int32_t input) {
  const int64_t a = fxp::wrapSigned(input, loihi::kInputBits);
  const int64_t newU = loihi::wrapCurrent(
      loihi::decay(u, int64_t(du) + loihi::kDsOffset) +
      fxp::shiftLeft(a, loihi::kActShift) + (biasCurrent ? bias : 0));
  const int64_t drive = prevCurrent ? int64_t(u) : newU;
  const int64_t newV = loihi::decay(v, int64_t(dv) + loihi::kDmOffset) +
                       drive + (biasCurrent ? 0 : bias);
  u = int32_t(newU);
  v = int32_t(fxp::clamp(newV, loihi::kMinV, loihi::kMaxV));
  if (int64_t(v) <= vth)
    return false;
  v = subtractReset ? int32_t(int64_t(v) - vth) : 0;
  return true;
}

/// Advances one compartment by one timestep; returns whether it spiked.
inline bool stepNeuron(const NeuronParams &p, NeuronState &s, int32_t input) {
  return stepCompartment(
      p.base.du, p.base.dv,
      loihi::effectiveBias(p.base.biasMant, p.base.biasExp),
      loihi::effectiveThreshold(p.base.vthMant), p.subtractReset,
      p.biasCurrent, p.prevCurrent, s.u, s.v, input);
}

} // namespace spikec::loihi2

#endif // SPIKEC_TARGET_LOIHI2MODEL_H
