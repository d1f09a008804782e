//===- GenericModel.cpp - fixed-point neurons of user-described chips -----===//
//
// Population steps, checks and the nc parameter lists of the generic models.
// The arithmetic is in GenericModel.h (stepLIF, stepIzhikevich).
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/GenericModel.h"

#include <cassert>
#include <cmath>

using namespace spikec;
using namespace spikec::generic;

void generic::step(const std::vector<LIFParams> &params,
                   std::vector<LIFState> &state, const int32_t *input,
                   uint8_t *spikes) {
  assert(state.size() == params.size() && "state and params differ in size");
  for (size_t i = 0, n = params.size(); i < n; ++i)
    spikes[i] = stepLIF(params[i], state[i], input[i]);
}

void generic::step(const std::vector<IzhikevichParams> &params,
                   std::vector<IzhikevichState> &state, const int32_t *input,
                   uint8_t *spikes) {
  assert(state.size() == params.size() && "state and params differ in size");
  for (size_t i = 0, n = params.size(); i < n; ++i)
    spikes[i] = stepIzhikevich(params[i], state[i], input[i]);
}

IzhikevichState generic::initialState(const IzhikevichParams &p) {
  IzhikevichState s;
  s.v = p.vReset;
  s.u = int32_t(fitState(roundShift(int64_t(p.cb) * p.vReset, p.coefShift,
                                    p.rounding),
                         p.membraneBits, p.overflow));
  return s;
}

namespace {
bool fail(std::string *why, const std::string &msg) {
  if (why)
    *why = msg;
  return false;
}

std::string str(int64_t x) { return std::to_string(x); }

bool inRange(int64_t x, int64_t lo, int64_t hi) { return x >= lo && x <= hi; }

/// Checks a value against [lo, hi], naming it.
bool checkRange(const char *name, int64_t x, int64_t lo, int64_t hi,
                std::string *why) {
  if (inRange(x, lo, hi))
    return true;
  return fail(why, std::string(name) + " = " + str(x) + " is outside [" +
                       str(lo) + ", " + str(hi) + "]");
}

/// The first `narrow` values against [0, hi[k]] (widths, shifts, modes:
/// checked before they are narrowed to 8 bits), the rest up to `count`
/// against int32.
bool checkFields(const char *const *names, const int64_t *v,
                 const int64_t *hi, int narrow, int count, std::string *why) {
  for (int k = 0; k < count; ++k)
    if (!checkRange(names[k], v[k], k < narrow ? 0 : fxp::minSigned(32),
                    k < narrow ? hi[k] : fxp::maxSigned(32), why))
      return false;
  return true;
}

bool checkInState(const char *name, int64_t x, unsigned bits,
                  std::string *why) {
  return checkRange(name, x, fxp::minSigned(bits), fxp::maxSigned(bits), why);
}
} // namespace

bool generic::validate(const LIFParams &p, std::string *why) {
  const int64_t maxDecay =
      p.decayBits ? fxp::maxUnsigned(p.decayBits) : int64_t(0);
  return checkRange("membrane_bits", p.membraneBits, kMinStateBits,
                    kMaxStateBits, why) &&
         (p.currentBits == 0 ||
          checkRange("current_bits", p.currentBits, kMinStateBits,
                     kMaxStateBits, why)) &&
         checkRange("decay_bits", p.decayBits, 0, kMaxDecayBits, why) &&
         checkRange("input_shift", p.inputShift, 0, kMaxShift, why) &&
         checkRange("threshold_shift", p.thresholdShift, 0, kMaxShift, why) &&
         checkRange("dv", p.dv, 0, maxDecay, why) &&
         checkRange("di", p.di, 0, p.currentBits ? maxDecay : 0, why) &&
         checkRange("da", p.da, 0, maxDecay, why) &&
         checkRange("vth", p.vth, 0, fxp::maxSigned(32), why) &&
         checkInState("v_reset", p.vReset, p.membraneBits, why) &&
         checkInState("bias", p.bias, p.membraneBits, why) &&
         checkRange("adapt_jump", p.adaptJump, 0, fxp::maxSigned(p.membraneBits),
                    why);
}

const std::vector<const char *> &generic::lifParamNames(bool adaptive) {
  static const std::vector<const char *> lif = {
      "membrane_bits", "current_bits", "decay_bits", "input_shift",
      "threshold_shift", "membrane_overflow", "current_overflow", "rounding",
      "reset", "timing", "dv", "di", "vth", "v_reset", "bias", "refractory"};
  static const std::vector<const char *> alif = [] {
    std::vector<const char *> names = lif;
    names.push_back("da");
    names.push_back("adapt_jump");
    return names;
  }();
  return adaptive ? alif : lif;
}

std::vector<int64_t> generic::toValues(const LIFParams &p, bool adaptive) {
  std::vector<int64_t> v = {p.membraneBits,
                            p.currentBits,
                            p.decayBits,
                            p.inputShift,
                            p.thresholdShift,
                            int64_t(p.membraneOverflow),
                            int64_t(p.currentOverflow),
                            int64_t(p.rounding),
                            int64_t(p.reset),
                            int64_t(p.timing),
                            p.dv,
                            p.di,
                            p.vth,
                            p.vReset,
                            p.bias,
                            p.refractory};
  if (adaptive) {
    v.push_back(p.da);
    v.push_back(p.adaptJump);
  }
  return v;
}

bool generic::fromValues(const int64_t *v, bool adaptive, LIFParams &p,
                         std::string *why) {
  // The narrow fields are checked before they are narrowed.
  const char *const *names = lifParamNames(adaptive).data();
  static const int64_t hi[] = {kMaxStateBits, kMaxStateBits, kMaxDecayBits,
                               kMaxShift,     kMaxShift,     1,
                               1,             2,             2,
                               1};
  if (!checkFields(names, v, hi, 10, adaptive ? 18 : 16, why) ||
      !checkRange("refractory", v[15], 0, kMaxRefractory, why))
    return false;
  p.membraneBits = uint8_t(v[0]);
  p.currentBits = uint8_t(v[1]);
  p.decayBits = uint8_t(v[2]);
  p.inputShift = uint8_t(v[3]);
  p.thresholdShift = uint8_t(v[4]);
  p.membraneOverflow = Overflow(v[5]);
  p.currentOverflow = Overflow(v[6]);
  p.rounding = Rounding(v[7]);
  p.reset = ResetMode(v[8]);
  p.timing = Timing(v[9]);
  p.dv = int32_t(v[10]);
  p.di = int32_t(v[11]);
  p.vth = int32_t(v[12]);
  p.vReset = int32_t(v[13]);
  p.bias = int32_t(v[14]);
  p.refractory = uint16_t(v[15]);
  p.da = adaptive ? int32_t(v[16]) : 0;
  p.adaptJump = adaptive ? int32_t(v[17]) : 0;
  return validate(p, why);
}

bool generic::validate(const IzhikevichParams &p, std::string *why) {
  if (!checkRange("membrane_bits", p.membraneBits, kMinStateBits,
                  kMaxStateBits, why) ||
      !checkRange("frac_bits", p.fracBits, 0, p.membraneBits - 1, why) ||
      !checkRange("coef_shift", p.coefShift, 0, kMaxCoefShift, why) ||
      !checkRange("input_shift", p.inputShift, 0, kMaxShift, why) ||
      !checkInState("v_peak", p.vPeak, p.membraneBits, why) ||
      !checkInState("v_reset", p.vReset, p.membraneBits, why) ||
      !checkInState("u_jump", p.uJump, p.membraneBits, why))
    return false;
  // The largest |intermediate| of each update, in double: the step is exact
  // in int64 when both stay below 2^62.
  const double vMax = std::ldexp(1.0, p.membraneBits - 1);
  const double nv = std::abs(double(p.c2)) * vMax * vMax +
                    std::ldexp((std::abs(double(p.c1)) + std::abs(double(p.cu))) *
                                   vMax,
                               p.fracBits);
  const double nu = std::abs(double(p.ca)) *
                    (std::abs(double(p.cb)) * vMax +
                     std::ldexp(vMax, p.coefShift));
  const double limit = std::ldexp(1.0, 62);
  if (!(nv < limit))
    return fail(why, "c2 v^2 + 2^F (c1 v - cu u) may reach 2^62 for a " +
                         str(p.membraneBits) + "-bit v");
  if (!(nu < limit))
    return fail(why, "ca (cb v - 2^Q u) may reach 2^62 for a " +
                         str(p.membraneBits) + "-bit v");
  // The sum v' is formed from, with an int32 input.
  const double sum = std::ldexp(nv, -int(p.fracBits + p.coefShift)) +
                     std::ldexp(1.0, 31 + p.inputShift) +
                     std::abs(double(p.c0)) + vMax;
  if (!(sum < limit))
    return fail(why, "v + R(nv) + c0 + (input << " + str(p.inputShift) +
                         ") may reach 2^62");
  return true;
}

const std::vector<const char *> &generic::izhikevichParamNames() {
  static const std::vector<const char *> names = {
      "membrane_bits", "frac_bits", "coef_shift", "input_shift", "overflow",
      "rounding",      "c2",        "c1",         "c0",          "cu",
      "ca",            "cb",        "v_peak",     "v_reset",     "u_jump"};
  return names;
}

std::vector<int64_t> generic::toValues(const IzhikevichParams &p) {
  return {p.membraneBits, p.fracBits, p.coefShift, p.inputShift,
          int64_t(p.overflow), int64_t(p.rounding), p.c2, p.c1, p.c0,
          p.cu, p.ca, p.cb, p.vPeak, p.vReset, p.uJump};
}

bool generic::fromValues(const int64_t *v, IzhikevichParams &p,
                         std::string *why) {
  const char *const *names = izhikevichParamNames().data();
  static const int64_t hi[] = {kMaxStateBits, kMaxStateBits - 1,
                               kMaxCoefShift, kMaxShift, 1, 2};
  if (!checkFields(names, v, hi, 6, 15, why))
    return false;
  p.membraneBits = uint8_t(v[0]);
  p.fracBits = uint8_t(v[1]);
  p.coefShift = uint8_t(v[2]);
  p.inputShift = uint8_t(v[3]);
  p.overflow = Overflow(v[4]);
  p.rounding = Rounding(v[5]);
  p.c2 = int32_t(v[6]);
  p.c1 = int32_t(v[7]);
  p.c0 = int32_t(v[8]);
  p.cu = int32_t(v[9]);
  p.ca = int32_t(v[10]);
  p.cb = int32_t(v[11]);
  p.vPeak = int32_t(v[12]);
  p.vReset = int32_t(v[13]);
  p.uJump = int32_t(v[14]);
  return validate(p, why);
}
