//===- LoihiModel.h - bit-exact Loihi CUBA LIF compartment ------*- C++ -*-===//
//
// The fixed-point neuron model of the `loihi` target: the CUBA LIF compartment
// exactly as Lava's bit-accurate process models compute it
// (lava-nc/lava src/lava/proc/lif/models.py, AbstractPyLifModelFixed and
// PyLifModelBitAcc; src/lava/proc/dense/models.py, PyDenseModelBitAcc;
// src/lava/utils/weightutils.py), plus a refractory delay with the semantics
// of Lava's LIFRefractory process (PyLifRefractoryModelFloat).
//
// One step, for every compartment (targets/MODELS.md, section "loihi", has
// every formula, range and the reasons):
//
//   a  = wrap16(input)                        dendritic sum, Lava a_in
//   u' = wrapLava24(trunc0(u * (4096 - du - 1) / 4096) + a * 2^6)
//   if refractory: v' = v, count -= 1
//   else:          v' = clip(trunc0(v * (4096 - dv) / 4096) + u' + bias,
//                            -(2^23 - 1), 2^23 - 1)
//   bias = biasMant * 2^biasExp (floor shift for a negative exponent)
//   spike = v' > vthMant * 2^6; on a spike v' = 0 and count = refractoryDelay
//
// The membrane integrates the UPDATED current u', unlike NIR's CubaLIF, whose
// voltage uses the previous current.
//
// The update functions do not allocate. The population step and the scalar
// step run the same inline code, so they cannot disagree.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_TARGET_LOIHIMODEL_H
#define SPIKEC_TARGET_LOIHIMODEL_H

#include "spikec/Target/FixedPoint.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace spikec {
namespace loihi {

//===----------------------------------------------------------------------===//
// Constants (Lava AbstractPyLifModelFixed.__init__)
//===----------------------------------------------------------------------===//

constexpr unsigned kStateBits = 24;      ///< u and v (uv_bitwidth)
constexpr int64_t kMaxUV = int64_t(1) << 23; ///< max_uv_val = 2^23
constexpr unsigned kDecayShift = 12;     ///< decay_shift; unity = 4096
constexpr int64_t kDecayUnity = int64_t(1) << kDecayShift;
constexpr unsigned kDecayBits = 12;      ///< du, dv in [0, 4095]
constexpr int kDsOffset = 1;             ///< ds_offset: added to du
constexpr int kDmOffset = 0;             ///< dm_offset: added to dv
constexpr unsigned kActShift = 6;        ///< act_shift: input << 6
constexpr unsigned kVthShift = 6;        ///< vth_shift: threshold << 6
constexpr unsigned kInputBits = 16;      ///< a_in / Dense a_out precision
constexpr unsigned kVthBits = 17;        ///< vth: unsigned 17-bit
constexpr unsigned kBiasMantBits = 13;   ///< bias_mant: signed 13-bit
constexpr int kMaxBiasExp = 7;           ///< bias_exp: unsigned 3-bit
constexpr unsigned kWeightBits = 8;      ///< Dense weights (num_weight_bits)
constexpr unsigned kMaxRefractoryDelay = 255; ///< our assumption (8 bits)

/// Whether a dendritic sum lies outside the 16-bit a_in the step wraps it
/// to: the kernels count it as an overflow.
constexpr bool inputOverflows(int32_t a) {
  return a > (1 << (kInputBits - 1)) - 1 || a < -(1 << (kInputBits - 1));
}

/// The approximation (--approx) that maps a projection bias into cuba_lif
/// or cuba_li, which enters the synaptic current, as the membrane bias its
/// steady state gives (targets/MODELS.md, "Quantizing for loihi").
constexpr const char *kCurrentBiasToMembrane = "loihi-current-bias-to-membrane";

/// u lies in [kMinU, kMaxU] after every step: Lava's wrap maps -2^23 to
/// +2^23, so the range is (-2^23, 2^23], one value off two's complement.
constexpr int64_t kMinU = -kMaxUV + 1;
constexpr int64_t kMaxU = kMaxUV;
/// v is clipped to [kMinV, kMaxV] (neg/pos_voltage_limit).
constexpr int64_t kMinV = -kMaxUV + 1;
constexpr int64_t kMaxV = kMaxUV - 1;

//===----------------------------------------------------------------------===//
// Parameters and state
//===----------------------------------------------------------------------===//

/// One compartment's parameters, as integers the chip stores.
struct NeuronParams {
  uint16_t du = 0;      ///< current decay, [0, 4095]; factor (4095 - du)/4096
  uint16_t dv = 0;      ///< voltage decay, [0, 4095]; factor (4096 - dv)/4096
  int32_t vthMant = 0;  ///< threshold mantissa, [0, 2^17 - 1]; vth = mant << 6
  int32_t biasMant = 0; ///< bias mantissa, [-4096, 4095]
  int32_t biasExp = 0;  ///< bias exponent, [0, 7]
  uint16_t refractoryDelay = 0; ///< steps v is held after a spike, [0, 255]
};

/// One compartment's state.
struct NeuronState {
  int32_t u = 0;                 ///< synaptic current, [kMinU, kMaxU]
  int32_t v = 0;                 ///< membrane voltage, [kMinV, kMaxV]
  uint16_t refractoryCount = 0;  ///< steps of refractoriness left
};

/// Parameters of a population (a core or part of one), structure of arrays:
/// element i of every vector belongs to compartment i.
struct Params {
  std::vector<uint16_t> du, dv;
  std::vector<int32_t> vthMant, biasMant, biasExp;
  std::vector<uint16_t> refractoryDelay;

  size_t size() const { return du.size(); }
  /// Resizes every array to n, new elements taking the values of `fill`.
  void resize(size_t n, const NeuronParams &fill = NeuronParams());
  void set(size_t i, const NeuronParams &p);
  NeuronParams get(size_t i) const;
};

/// State of a population, structure of arrays, updated in place.
struct State {
  std::vector<int32_t> u, v;
  std::vector<uint16_t> refractoryCount;

  size_t size() const { return u.size(); }
  /// Resizes every array to n; new compartments start at rest (all zero).
  void resize(size_t n);
  void set(size_t i, const NeuronState &s);
  NeuronState get(size_t i) const;
};

//===----------------------------------------------------------------------===//
// The update
//===----------------------------------------------------------------------===//

/// bias_mant * 2^bias_exp, Lava's scale_bias(): left shift for exp >= 0,
/// arithmetic (floor) right shift for exp < 0. No << 6.
constexpr int64_t effectiveBias(int32_t biasMant, int32_t biasExp) {
  return fxp::shiftByExponent(biasMant, biasExp);
}

/// vth_mant << 6, Lava's PyLifModelBitAcc.scale_threshold().
constexpr int64_t effectiveThreshold(int32_t vthMant) {
  return fxp::shiftLeft(vthMant, kVthShift);
}

/// x * (4096 - decay) / 4096 rounded toward zero: Lava's
/// sign(x) * (|x * (4096 - decay)| >> 12). `decay` is du + 1 or dv + 0.
constexpr int64_t decay(int64_t x, int64_t decayConst) {
  return fxp::shiftRightTowardZero(x * (kDecayUnity - decayConst),
                                   kDecayShift);
}

/// Lava's current wrap: x - 2^24 if x > 2^23, x + 2^24 if x <= -2^23, else
/// x (one correction, not a modulo). The result lies in (-2^23, 2^23] for
/// |x| < 3 * 2^23, which the step guarantees: |decayed u| < 2^23 and
/// |a << 6| <= 2^21.
constexpr int64_t wrapCurrent(int64_t x) {
  return x > kMaxUV ? x - 2 * kMaxUV : (x <= -kMaxUV ? x + 2 * kMaxUV : x);
}

namespace detail {
/// The one implementation of a compartment step; everything else calls it.
inline bool stepCompartment(uint16_t du, uint16_t dv, int64_t bias,
                            int64_t vth, uint16_t refractoryDelay, int32_t &u,
                            int32_t &v, uint16_t &refractoryCount,
                            int32_t input) {
  const int64_t a = fxp::wrapSigned(input, kInputBits);
  const int64_t newU =
      wrapCurrent(decay(u, int64_t(du) + kDsOffset) + fxp::shiftLeft(a, kActShift));
  u = int32_t(newU);
  if (refractoryCount > 0) {
    --refractoryCount;
  } else {
    const int64_t newV = decay(v, int64_t(dv) + kDmOffset) + newU + bias;
    v = int32_t(fxp::clamp(newV, kMinV, kMaxV));
  }
  if (int64_t(v) > vth) {
    v = 0;
    refractoryCount = refractoryDelay;
    return true;
  }
  return false;
}
} // namespace detail

/// Advances one compartment by one timestep. `input` is the dendritic sum
/// of this step (after the weight exponent, see scaleDendriticSum); it is
/// wrapped to 16 bits. Returns whether it spiked.
inline bool stepNeuron(const NeuronParams &p, NeuronState &s, int32_t input) {
  return detail::stepCompartment(
      p.du, p.dv, effectiveBias(p.biasMant, p.biasExp),
      effectiveThreshold(p.vthMant), p.refractoryDelay, s.u, s.v,
      s.refractoryCount, input);
}

/// A readout compartment (nc model `loihi_readout`, targets/MODELS.md): the
/// same u and v arithmetic with no threshold and no refractory period, so
/// it never fires and its membrane v is its output, a graded value. v
/// saturates at +-(2^23 - 1) as in every compartment; kNoThreshold exceeds
/// any v, so the shared step never spikes.
constexpr int64_t kNoThreshold = int64_t(1) << 40;

/// Advances one readout compartment by one timestep: stepCompartment with
/// kNoThreshold and no refractory delay. Returns the new v.
inline int32_t stepReadout(uint16_t du, uint16_t dv, int64_t bias, int32_t &u,
                           int32_t &v, int32_t input) {
  uint16_t refractoryCount = 0;
  detail::stepCompartment(du, dv, bias, kNoThreshold, 0, u, v, refractoryCount,
                          input);
  return v;
}

/// Advances every compartment of a population by one timestep, in place.
/// `input[i]` is compartment i's dendritic sum; `spikes[i]` receives 1 or 0.
/// Both arrays hold params.size() elements; state.size() must be equal.
void step(const Params &params, State &state, const int32_t *input,
          uint8_t *spikes);

//===----------------------------------------------------------------------===//
// Synapses (Lava PyDenseModelBitAcc + weightutils)
//===----------------------------------------------------------------------===//

/// Lava's SignMode.
enum class SignMode : uint8_t { Mixed = 1, Excitatory = 2, Inhibitory = 3 };

/// The weight a synapse really applies: Lava's
/// clip_weights(w, sign_mode, num_bits=8) then
/// truncate_weights(w, sign_mode, numWeightBits). Mixed: clip to
/// [-256, 255] then clear the low (8 - bits + 1) bits by floor shifts;
/// excitatory: clip to [0, 255], clear (8 - bits) bits; inhibitory: the
/// same on -w.
int32_t effectiveWeight(int32_t w, SignMode mode,
                        unsigned numWeightBits = kWeightBits);

/// The dendritic sum delivered to the compartments: the sum of the effective
/// weights of the synapses whose axon spiked, shifted by weight_exp as
/// PyDenseModelBitAcc does it (left for exp > 0, floor right for exp <= 0)
/// on the whole sum, not per synapse. Saturated to int32.
constexpr int32_t scaleDendriticSum(int64_t weightSum, int weightExp) {
  return fxp::saturateToInt32(fxp::shiftByExponent(weightSum, weightExp));
}

//===----------------------------------------------------------------------===//
// Checks and float encoding (not on the hot path)
//===----------------------------------------------------------------------===//

/// Whether every field lies in its hardware range; otherwise false and, if
/// `why` is given, a message naming the field.
bool validate(const NeuronParams &p, std::string *why = nullptr);
/// Whether u and v lie in the ranges the step preserves.
bool validate(const NeuronState &s, std::string *why = nullptr);

/// du for a current that loses the fraction `lost` of itself per step
/// (dt/tau_syn after discretization): round(4096 * lost) - 1 clamped to
/// [0, 4095]. The smallest loss Loihi can express is 1/4096 (du = 0); du =
/// 4095 clears u every step (u' = a << 6).
uint16_t encodeDu(double lost);
/// dv for a voltage that loses the fraction `lost` per step: round(4096 *
/// lost) clamped to [0, 4095]. dv = 0 is no leak.
uint16_t encodeDv(double lost);
/// The decay factors the integers implement.
constexpr double currentDecayFactor(uint16_t du) {
  return double(kDecayUnity - du - kDsOffset) / double(kDecayUnity);
}
constexpr double voltageDecayFactor(uint16_t dv) {
  return double(kDecayUnity - dv - kDmOffset) / double(kDecayUnity);
}

} // namespace loihi
} // namespace spikec

#endif // SPIKEC_TARGET_LOIHIMODEL_H
