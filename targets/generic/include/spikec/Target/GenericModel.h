//===- GenericModel.h - fixed-point neurons of user-described chips -*- C++ -*-===//
//
// The neuron models of the `generic` arithmetic: a chip described only by
// its target file's precision (membrane, current and decay widths, shifts,
// overflow and rounding). Three models, each defined exactly in
// targets/MODELS.md, section "generic":
//
//   LIF (lif, if, cuba_lif) and adaptive LIF (alif), one update:
//     x     = input << inputShift
//     cuba: drive = i;  i' = fitI(decay(i, di) + x)   else drive = x
//     refractory: count -= 1, v held, no spike
//     else: v' = fitV(decay(v, dv) + drive + bias)
//           theta = (vth << thresholdShift) + a
//           spike = (timing pre ? v : v') > theta
//           reset: v' = vReset | fitV(v' - theta) | v'
//     a'    = fitV(decay(a, da) + (spike ? adaptJump : 0))
//   with decay(x, d) = R(x (2^D - d), D), R the declared rounding.
//
//   Izhikevich, v and u with F fractional bits, coefficients with Q:
//     v' = fit(v + R(c2 v^2 + 2^F (c1 v - cu u), Q + F) + c0 + (input << s))
//     u' = fit(u + R(ca (cb v - 2^Q u), 2Q))
//     spike = v' >= vPeak; then v' = vReset, u' = fit(u' + uJump)
//
// Every width and mode is a parameter of the neuron (the target file's
// values, repeated per neuron), so an nc.population of these models needs no
// target file. Everything is computed in int64 without overflow for
// parameters that pass validate(); the update functions do not allocate.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_TARGET_GENERICMODEL_H
#define SPIKEC_TARGET_GENERICMODEL_H

#include "spikec/Target/FixedPoint.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace spikec {
namespace generic {

/// What a state register does when a result leaves its range.
enum class Overflow : uint8_t { Wrap = 0, Saturate = 1 };
/// How a right shift (a division by 2^s) rounds.
enum class Rounding : uint8_t {
  TowardZero = 0, ///< sign(x) (|x| >> s)
  Floor = 1,      ///< toward minus infinity
  Nearest = 2     ///< to nearest, ties toward plus infinity
};
/// What a spike does to v.
enum class ResetMode : uint8_t { ToVReset = 0, Subtract = 1, None = 2 };
/// Which membrane the spike is decided on.
enum class Timing : uint8_t {
  Post = 0, ///< this step's updated membrane (NIR)
  Pre = 1   ///< the previous step's membrane (snnTorch)
};

constexpr unsigned kMinStateBits = 2;
constexpr unsigned kMaxStateBits = 32;
/// x (2^D - d) stays below 2^62 for |x| <= 2^31.
constexpr unsigned kMaxDecayBits = 30;
constexpr unsigned kMaxShift = 31;
constexpr int64_t kMaxRefractory = 65535;
/// The Izhikevich coefficients' fraction bits: 2Q must be a valid shift.
constexpr unsigned kMaxCoefShift = 31;

//===----------------------------------------------------------------------===//
// Shared arithmetic
//===----------------------------------------------------------------------===//

/// x / 2^s rounded as `r` says.
constexpr int64_t roundShift(int64_t x, unsigned s, Rounding r) {
  return r == Rounding::TowardZero ? fxp::shiftRightTowardZero(x, s)
         : r == Rounding::Floor    ? fxp::shiftRightFloor(x, s)
                                   : fxp::shiftRightRoundHalfUp(x, s);
}

/// x in a `bits`-wide signed register: wrapped or saturated.
constexpr int64_t fitState(int64_t x, unsigned bits, Overflow o) {
  return o == Overflow::Wrap ? fxp::wrapSigned(x, bits)
                             : fxp::saturateSigned(x, bits);
}

/// x (2^D - d) / 2^D, rounded as `r` says. D = 0 (no multiplier) needs
/// d = 0 and returns x.
constexpr int64_t decay(int64_t x, int64_t d, unsigned decayBits, Rounding r) {
  return roundShift(x * ((int64_t(1) << decayBits) - d), decayBits, r);
}

//===----------------------------------------------------------------------===//
// LIF and adaptive LIF (models generic_lif, generic_alif)
//===----------------------------------------------------------------------===//

/// One neuron's parameters. The first group is the chip's arithmetic (the
/// same for every neuron of one target), the second the neuron's own.
struct LIFParams {
  uint8_t membraneBits = 16;  ///< v and a, signed, [2, 32]
  uint8_t currentBits = 0;    ///< i, signed, [2, 32]; 0: no current state
  uint8_t decayBits = 0;      ///< D in [0, 30]; 0: no multiplier
  uint8_t inputShift = 0;     ///< [0, 31]
  uint8_t thresholdShift = 0; ///< [0, 31]
  Overflow membraneOverflow = Overflow::Saturate;
  Overflow currentOverflow = Overflow::Saturate;
  Rounding rounding = Rounding::TowardZero;
  ResetMode reset = ResetMode::ToVReset;
  Timing timing = Timing::Post;
  int32_t dv = 0, di = 0, da = 0; ///< decays, [0, 2^D - 1]; 0 without D
  int32_t vth = 0;       ///< threshold mantissa, [0, 2^31 - 1]
  int32_t vReset = 0;    ///< in v's range
  int32_t bias = 0;      ///< added to v every integrating step, in v's range
  int32_t adaptJump = 0; ///< added to a on a spike, [0, max v]
  uint16_t refractory = 0; ///< steps v is held after a spike
};

struct LIFState {
  int32_t v = 0;
  int32_t i = 0; ///< synaptic current (currentBits > 0)
  int32_t a = 0; ///< threshold adaptation, in v's units
  uint16_t refractoryCount = 0;
};

/// The effective threshold without adaptation: vth << thresholdShift.
constexpr int64_t effectiveThreshold(const LIFParams &p) {
  return fxp::shiftLeft(p.vth, p.thresholdShift);
}

/// Advances one neuron by one step; `input` is this step's dendritic sum.
/// Returns whether it spiked.
inline bool stepLIF(const LIFParams &p, LIFState &s, int32_t input) {
  const Rounding r = p.rounding;
  const unsigned m = p.membraneBits, d = p.decayBits;
  const int64_t x = fxp::shiftLeft(input, p.inputShift);
  int64_t drive = x;
  if (p.currentBits) {
    drive = s.i; // v integrates the previous current, as snn's cuba_lif
    s.i = int32_t(fitState(decay(s.i, p.di, d, r) + x, p.currentBits,
                           p.currentOverflow));
  }
  bool spike = false;
  if (s.refractoryCount > 0) {
    --s.refractoryCount;
  } else {
    const int64_t vOld = s.v;
    int64_t v = fitState(decay(vOld, p.dv, d, r) + drive + p.bias, m,
                         p.membraneOverflow);
    const int64_t theta = effectiveThreshold(p) + s.a;
    spike = (p.timing == Timing::Pre ? vOld : v) > theta;
    if (spike) {
      if (p.reset == ResetMode::ToVReset)
        v = p.vReset;
      else if (p.reset == ResetMode::Subtract)
        v = fitState(v - theta, m, p.membraneOverflow);
      s.refractoryCount = p.refractory;
    }
    s.v = int32_t(v);
  }
  s.a = int32_t(fitState(decay(s.a, p.da, d, r) + (spike ? p.adaptJump : 0),
                         m, p.membraneOverflow));
  return spike;
}

/// Advances every neuron; spikes[i] receives 1 or 0. The three arrays and
/// `state` hold params.size() elements.
void step(const std::vector<LIFParams> &params, std::vector<LIFState> &state,
          const int32_t *input, uint8_t *spikes);

/// Whether every field lies in its range; else false and `why`.
bool validate(const LIFParams &p, std::string *why = nullptr);

/// The nc.population parameter names of generic_lif (adaptive = false) or
/// generic_alif (true), in the order of toValues / fromValues.
const std::vector<const char *> &lifParamNames(bool adaptive);
/// The parameters as the nc values, in lifParamNames order.
std::vector<int64_t> toValues(const LIFParams &p, bool adaptive);
/// Reads and validates one neuron's nc values (lifParamNames order);
/// generic_lif leaves da and adaptJump at 0.
bool fromValues(const int64_t *values, bool adaptive, LIFParams &p,
                std::string *why = nullptr);

//===----------------------------------------------------------------------===//
// Izhikevich (model generic_izhikevich)
//===----------------------------------------------------------------------===//

/// One neuron's parameters. v and u are fixed point with fracBits fraction
/// bits (units of 2^-F of the float model's mV), in membraneBits signed
/// registers; c2, c1, cu, ca, cb carry coefShift (Q) fraction bits; c0,
/// vPeak, vReset, uJump are in state units.
struct IzhikevichParams {
  uint8_t membraneBits = 16; ///< v and u, [2, 32]
  uint8_t fracBits = 0;      ///< F, [0, membraneBits - 1]
  uint8_t coefShift = 16;    ///< Q, [0, 31]
  uint8_t inputShift = 0;    ///< [0, 31]
  Overflow overflow = Overflow::Saturate;
  Rounding rounding = Rounding::Nearest;
  int32_t c2 = 0; ///< 0.04 h 2^Q
  int32_t c1 = 0; ///< 5 h 2^Q
  int32_t c0 = 0; ///< 140 h 2^F
  int32_t cu = 0; ///< h 2^Q
  int32_t ca = 0; ///< a h 2^Q
  int32_t cb = 0; ///< b 2^Q
  int32_t vPeak = 0, vReset = 0, uJump = 0; ///< v_peak, c, d in 2^-F
};

struct IzhikevichState {
  int32_t v = 0, u = 0;
};

/// The state a neuron starts in: v = vReset (c), u = fit(R(cb vReset, Q))
/// (b c).
IzhikevichState initialState(const IzhikevichParams &p);

/// Advances one neuron by one step; returns whether it spiked.
inline bool stepIzhikevich(const IzhikevichParams &p, IzhikevichState &s,
                           int32_t input) {
  const Rounding r = p.rounding;
  const unsigned m = p.membraneBits, f = p.fracBits, q = p.coefShift;
  const int64_t v0 = s.v, u0 = s.u;
  // Both updates read the previous v and u (forward Euler).
  const int64_t nv = int64_t(p.c2) * v0 * v0 +
                     fxp::shiftLeft(int64_t(p.c1) * v0 - int64_t(p.cu) * u0, f);
  int64_t v = fitState(v0 + roundShift(nv, q + f, r) + p.c0 +
                           fxp::shiftLeft(input, p.inputShift),
                       m, p.overflow);
  const int64_t nu =
      int64_t(p.ca) * (int64_t(p.cb) * v0 - fxp::shiftLeft(u0, q));
  int64_t u = fitState(u0 + roundShift(nu, 2 * q, r), m, p.overflow);
  const bool spike = v >= p.vPeak;
  if (spike) {
    v = p.vReset;
    u = fitState(u + p.uJump, m, p.overflow);
  }
  s.v = int32_t(v);
  s.u = int32_t(u);
  return spike;
}

void step(const std::vector<IzhikevichParams> &params,
          std::vector<IzhikevichState> &state, const int32_t *input,
          uint8_t *spikes);

/// Ranges, and that no intermediate of the step can leave int64.
bool validate(const IzhikevichParams &p, std::string *why = nullptr);

const std::vector<const char *> &izhikevichParamNames();
std::vector<int64_t> toValues(const IzhikevichParams &p);
bool fromValues(const int64_t *values, IzhikevichParams &p,
                std::string *why = nullptr);

} // namespace generic
} // namespace spikec

#endif // SPIKEC_TARGET_GENERICMODEL_H
