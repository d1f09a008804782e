//===- TrueNorthModel.h - TrueNorth neuron, fixed point ---------*- C++ -*-===//
//
// The neuron model of the `truenorth` target: Cassidy et al. 2013 (IJCNN,
// "Cognitive computing building block") as used in Merolla et al. 2014,
// with the equations as NeMo encodes them (markplagge/NeMo
// src/neuro/tn_neuron.c: TNIntegrate, TNNumericLeakCalc,
// TNfireFloorCelingReset, resetNormal/resetLinear/resetNone).
//
// One tick, for neuron j (targets/MODELS.md, section "truenorth", has every
// formula and the reasons):
//
//   rho  = lfsr.next()                      one draw per neuron, in order
//   eta  = rho & (2^maskBits - 1)           0 when maskBits == 0
//   V    = sat20(V + sum_i A_i w_ij s[G_i]) integrate (input to step())
//   V    = sat20(V + Omega * lambda)        Omega = leakReversal ? sgn(V) : 1
//   if V >= alpha + eta: spike; V = R | V - (alpha + eta) | V   (gamma)
//   else if negSaturate and V < -beta:             V = -beta
//   else if !negSaturate and V < -(beta + eta):    V = -R | V + (beta + eta) | V
//
// The deterministic model is the default: maskBits = 0 makes eta = 0. The
// stochastic synapse and stochastic leak modes of the chip are not modelled.
//
// The update functions do not allocate.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_TARGET_TRUENORTHMODEL_H
#define SPIKEC_TARGET_TRUENORTHMODEL_H

#include "spikec/Target/FixedPoint.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace spikec {
namespace truenorth {

constexpr unsigned kMembraneBits = 20;  ///< V, signed, saturating
constexpr unsigned kWeightBits = 9;     ///< s_j^G, signed: [-255, 255]
constexpr unsigned kLeakBits = 9;       ///< lambda, signed: [-255, 255]
constexpr unsigned kThresholdBits = 18; ///< alpha, beta: unsigned
constexpr unsigned kResetBits = 18;     ///< R, signed
constexpr unsigned kMaxMaskBits = 16;   ///< threshold mask: the LFSR width
constexpr unsigned kNumAxonTypes = 4;
constexpr size_t kAxonsPerCore = 256;
constexpr size_t kNeuronsPerCore = 256;
/// An axon delivers a spike 1 to 15 ticks after it was sent (Merolla 2014
/// SM; REFERENCE.md "TrueNorth: fan-out").
constexpr int64_t kMaxAxonDelay = 15;
constexpr int64_t kMinV = -(int64_t(1) << (kMembraneBits - 1)); // -524288
constexpr int64_t kMaxV = (int64_t(1) << (kMembraneBits - 1)) - 1; // 524287

/// gamma: what a spike (and a crossing of the negative threshold with
/// negSaturate off) does to V.
enum class ResetMode : uint8_t {
  Normal = 0, ///< V = R (positive), V = -R (negative)
  Linear = 1, ///< V -= alpha + eta (positive), V += beta + eta (negative)
  None = 2    ///< V unchanged
};

/// One neuron's parameters.
struct NeuronParams {
  std::array<int16_t, kNumAxonTypes> weight{}; ///< s_j^G per axon type
  int16_t leak = 0;          ///< lambda, added once per tick
  bool leakReversal = false; ///< epsilon: leak times sgn(V)
  int32_t alpha = 1;         ///< positive threshold, [0, 2^18 - 1]
  int32_t beta = 0;          ///< negative threshold magnitude, [0, 2^18 - 1]
  int32_t resetV = 0;        ///< R, [-2^17, 2^17 - 1]
  ResetMode resetMode = ResetMode::Normal; ///< gamma
  bool negSaturate = false;  ///< kappa: V < -beta clamps V to -beta
  uint8_t maskBits = 0;      ///< TM: eta = rho & (2^TM - 1), [0, 16]
};

/// The per-core pseudo-random generator of the stochastic threshold: a
/// 16-bit Fibonacci LFSR, polynomial x^16 + x^14 + x^13 + x^11 + 1, shifting
/// right; the feedback bit is s[0] ^ s[2] ^ s[3] ^ s[5] and enters at bit 15.
/// One draw is one shift; it returns the new 16-bit state. Period 65535. The
/// all-zero state is a fixed point, so a zero seed selects kDefaultSeed.
struct Lfsr {
  static constexpr uint16_t kDefaultSeed = 0xACE1;
  uint16_t state = kDefaultSeed;

  constexpr Lfsr() = default;
  constexpr explicit Lfsr(uint16_t seed)
      : state(seed == 0 ? kDefaultSeed : seed) {}
  constexpr uint16_t next() {
    const uint16_t bit =
        uint16_t((state ^ (state >> 2) ^ (state >> 3) ^ (state >> 5)) & 1u);
    state = uint16_t((state >> 1) | (bit << 15));
    return state;
  }
};

/// Parameters of a population (normally one core), structure of arrays.
struct Params {
  std::vector<std::array<int16_t, kNumAxonTypes>> weight;
  std::vector<int16_t> leak;
  std::vector<uint8_t> leakReversal;
  std::vector<int32_t> alpha, beta, resetV;
  std::vector<uint8_t> resetMode; ///< ResetMode values
  std::vector<uint8_t> negSaturate;
  std::vector<uint8_t> maskBits;

  size_t size() const { return leak.size(); }
  void resize(size_t n, const NeuronParams &fill = NeuronParams());
  void set(size_t i, const NeuronParams &p);
  NeuronParams get(size_t i) const;
};

/// State of a population: membranes and the core's LFSR.
struct State {
  std::vector<int32_t> v;
  Lfsr lfsr;

  size_t size() const { return v.size(); }
  /// Resizes to n neurons at V = 0; the LFSR is not touched.
  void resize(size_t n);
};

namespace detail {
/// The one implementation of a neuron tick; everything else calls it.
inline bool stepNeuron(int16_t leak, bool leakReversal, int64_t alpha,
                       int64_t beta, int64_t resetV, uint8_t resetMode,
                       bool negSaturate, uint8_t maskBits, int32_t &vRef,
                       int32_t input, uint16_t rho) {
  const uint32_t mask =
      maskBits >= kMaxMaskBits ? 0xFFFFu : (uint32_t(1) << maskBits) - 1u;
  const int64_t eta = int64_t(rho & mask);
  // Integrate, then leak, saturating at 20 bits after each.
  int64_t v = fxp::clamp(int64_t(vRef) + input, kMinV, kMaxV);
  const int64_t omega = leakReversal ? fxp::sign(v) : 1;
  v = fxp::clamp(v + omega * leak, kMinV, kMaxV);
  bool spike = false;
  if (v >= alpha + eta) {
    spike = true;
    if (resetMode == uint8_t(ResetMode::Normal))
      v = resetV;
    else if (resetMode == uint8_t(ResetMode::Linear))
      v -= alpha + eta;
  } else if (negSaturate) {
    if (v < -beta)
      v = -beta;
  } else if (v < -(beta + eta)) {
    if (resetMode == uint8_t(ResetMode::Normal))
      v = -resetV;
    else if (resetMode == uint8_t(ResetMode::Linear))
      v += beta + eta;
  }
  vRef = int32_t(fxp::clamp(v, kMinV, kMaxV));
  return spike;
}
} // namespace detail

/// One neuron's tick given its summed synaptic input and its draw `rho`
/// (only the low maskBits bits are used). Returns whether it spiked.
inline bool stepNeuron(const NeuronParams &p, int32_t &v, int32_t input,
                       uint16_t rho) {
  return detail::stepNeuron(p.leak, p.leakReversal, p.alpha, p.beta, p.resetV,
                            uint8_t(p.resetMode), p.negSaturate, p.maskBits, v,
                            input, rho);
}

/// Advances every neuron by one tick, in place, in index order, drawing one
/// LFSR value per neuron (whether its mask is zero or not). `input[i]` is
/// neuron i's summed synaptic input; `spikes[i]` receives 1 or 0.
void step(const Params &params, State &state, const int32_t *input,
          uint8_t *spikes);

//===----------------------------------------------------------------------===//
// The crossbar
//===----------------------------------------------------------------------===//

/// A core's binary crossbar and axon types: w_ij in {0, 1} for axon i and
/// neuron j, G_i in [0, 3].
struct Crossbar {
  size_t numAxons = 0, numNeurons = 0;
  std::vector<uint8_t> axonType;  ///< G_i per axon
  std::vector<uint64_t> bits;     ///< row i: wordsPerRow() words, bit j

  Crossbar() = default;
  Crossbar(size_t axons, size_t neurons);
  size_t wordsPerRow() const { return (numNeurons + 63) / 64; }
  bool connected(size_t axon, size_t neuron) const {
    return (bits[axon * wordsPerRow() + neuron / 64] >> (neuron % 64)) & 1u;
  }
  void connect(size_t axon, size_t neuron, bool on = true);
};

/// Event-driven integration of one active axon: input[j] += s_j[G_axon] for
/// every neuron j connected to it. Saturates at int32 (never reached by a
/// 256-axon core: |sum| <= 256 * 255).
void accumulateAxon(const Params &params, const Crossbar &crossbar,
                    size_t axon, int32_t *input);
/// accumulateAxon for every axon i with axonActive[i] != 0, in axon order.
void accumulate(const Params &params, const Crossbar &crossbar,
                const uint8_t *axonActive, int32_t *input);

/// Whether every field lies in its range; otherwise false with a message.
bool validate(const NeuronParams &p, std::string *why = nullptr);

} // namespace truenorth
} // namespace spikec

#endif // SPIKEC_TARGET_TRUENORTHMODEL_H
