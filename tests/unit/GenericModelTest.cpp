//===- GenericModelTest.cpp - generic models against hand traces ----------===//
//
// Every expected value below was computed by hand from targets/MODELS.md,
// section "generic", with the arithmetic in the comments. Notation: D is
// decay_bits, a decay d multiplies by (2^D - d) / 2^D; tz, fl and nr are the
// three roundings (toward zero, floor, nearest with ties up).
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/GenericModel.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <vector>

using namespace spikec;
using namespace spikec::generic;

namespace {

/// One expected step: the input, then v, i, a and the spike after it.
struct Row {
  int32_t input;
  int32_t v, i, a;
  bool spike;
};

/// Runs one neuron from rest and checks every row, with the scalar step and
/// with a one-neuron population step.
void checkLIF(const LIFParams &p, std::initializer_list<Row> rows,
              LIFState s = LIFState()) {
  std::vector<LIFParams> pp(1, p);
  std::vector<LIFState> ps(1, s);
  int t = 1;
  for (const Row &r : rows) {
    INFO("step " << t);
    const bool spike = stepLIF(p, s, r.input);
    CHECK(s.v == r.v);
    CHECK(s.i == r.i);
    CHECK(s.a == r.a);
    CHECK(spike == r.spike);
    uint8_t popSpike = 2;
    step(pp, ps, &r.input, &popSpike);
    CHECK(ps[0].v == r.v);
    CHECK(ps[0].i == r.i);
    CHECK(ps[0].a == r.a);
    CHECK(popSpike == uint8_t(r.spike));
    ++t;
  }
}

LIFParams lif(unsigned membraneBits, int32_t vth) {
  LIFParams p;
  p.membraneBits = uint8_t(membraneBits);
  p.vth = vth;
  return p;
}

LIFState at(int32_t v, int32_t i = 0) {
  LIFState s;
  s.v = v;
  s.i = i;
  return s;
}

} // namespace

TEST_CASE("generic: the three roundings of a decay") {
  // D = 1, d = 1: x * 1 / 2.
  // -5 / 2 = -2.5: tz -2, fl -3, nr floor(-2.5 + 0.5) = -2 (tie up).
  CHECK(decay(-5, 1, 1, Rounding::TowardZero) == -2);
  CHECK(decay(-5, 1, 1, Rounding::Floor) == -3);
  CHECK(decay(-5, 1, 1, Rounding::Nearest) == -2);
  // 5 / 2 = 2.5: tz 2, fl 2, nr 3.
  CHECK(decay(5, 1, 1, Rounding::TowardZero) == 2);
  CHECK(decay(5, 1, 1, Rounding::Floor) == 2);
  CHECK(decay(5, 1, 1, Rounding::Nearest) == 3);
  // D = 2, d = 1: -7 * 3 / 4 = -5.25: tz -5, fl -6, nr floor(-4.75) = -5.
  CHECK(decay(-7, 1, 2, Rounding::TowardZero) == -5);
  CHECK(decay(-7, 1, 2, Rounding::Floor) == -6);
  CHECK(decay(-7, 1, 2, Rounding::Nearest) == -5);
  // D = 0 (no multiplier): the identity.
  CHECK(decay(-7, 0, 0, Rounding::Floor) == -7);
}

TEST_CASE("generic lif: integrate, threshold, reset to v_reset") {
  // 8-bit v, no decay, vth 100: 60, 120 > 100 spikes and resets to 0.
  LIFParams p = lif(8, 100);
  checkLIF(p, {{60, 60, 0, 0, false},
               {60, 0, 0, 0, true},
               {40, 40, 0, 0, false}});
  // v_reset = -3.
  p.vReset = -3;
  checkLIF(p, {{101, -3, 0, 0, true}, {50, 47, 0, 0, false}});
  // A threshold equal to v does not spike (strict >).
  checkLIF(lif(8, 50), {{50, 50, 0, 0, false}, {1, 0, 0, 0, true}});
}

TEST_CASE("generic lif: saturate and wrap edges of an 8-bit membrane") {
  // vth 200 is above the 8-bit range [-128, 127]: no spikes.
  LIFParams p = lif(8, 200);
  p.membraneOverflow = Overflow::Saturate;
  // 120 + 50 = 170 -> 127; 127 - 10 = 117.
  checkLIF(p, {{50, 127, 0, 0, false}, {-10, 117, 0, 0, false}}, at(120));
  // -120 - 20 = -140 -> -128.
  checkLIF(p, {{-20, -128, 0, 0, false}}, at(-120));
  p.membraneOverflow = Overflow::Wrap;
  // 170 - 256 = -86; -86 - 60 = -146 + 256 = 110.
  checkLIF(p, {{50, -86, 0, 0, false}, {-60, 110, 0, 0, false}}, at(120));
}

TEST_CASE("generic lif: decay in each rounding mode") {
  // D = 4, dv = 3: factor 13/16, vth out of reach.
  LIFParams p = lif(16, 30000);
  p.decayBits = 4;
  p.dv = 3;
  // 100 * 13 / 16 = 81.25 -> 81 in every mode.
  p.rounding = Rounding::Floor;
  checkLIF(p, {{0, 81, 0, 0, false}}, at(100));
  // From -100: -1300/16 = -81.25.
  p.rounding = Rounding::TowardZero;
  // tz: -81; then -81 * 13 = -1053, /16 = -65.8125 -> -65.
  checkLIF(p, {{0, -81, 0, 0, false}, {0, -65, 0, 0, false}}, at(-100));
  p.rounding = Rounding::Floor;
  // fl: -82; then -82 * 13 = -1066, /16 = -66.625 -> -67.
  checkLIF(p, {{0, -82, 0, 0, false}, {0, -67, 0, 0, false}}, at(-100));
  p.rounding = Rounding::Nearest;
  // nr: floor(-80.75) = -81; then floor(-65.3125) = -66.
  checkLIF(p, {{0, -81, 0, 0, false}, {0, -66, 0, 0, false}}, at(-100));
}

TEST_CASE("generic lif: input and threshold shifts") {
  // input << 2, theta = 5 << 3 = 40: 20, 40 (not > 40), 44 > 40.
  LIFParams p = lif(16, 5);
  p.inputShift = 2;
  p.thresholdShift = 3;
  checkLIF(p, {{5, 20, 0, 0, false},
               {5, 40, 0, 0, false},
               {1, 0, 0, 0, true}});
}

TEST_CASE("generic lif: subtract and none resets") {
  LIFParams p = lif(16, 10);
  p.reset = ResetMode::Subtract;
  // 25 > 10 -> 15; 15 > 10 -> 5; 5 stays.
  checkLIF(p, {{25, 15, 0, 0, true}, {0, 5, 0, 0, true}, {0, 5, 0, 0, false}});
  p.reset = ResetMode::None;
  // 25 > 10 spikes and keeps 25, which spikes again.
  checkLIF(p, {{25, 25, 0, 0, true}, {0, 25, 0, 0, true}});
  // Subtract on a saturated 8-bit v: 120 + 100 -> 127, 127 - 10 = 117.
  p = lif(8, 10);
  p.reset = ResetMode::Subtract;
  checkLIF(p, {{100, 117, 0, 0, true}}, at(120));
}

TEST_CASE("generic lif: timing pre spikes on the previous membrane") {
  LIFParams p = lif(16, 10);
  p.timing = Timing::Pre;
  // v_old 0: no spike, v 15; v_old 15 > 10: spike, v' = 15 -> reset 0;
  // v_old 0: no spike, v 0.
  checkLIF(p, {{15, 15, 0, 0, false}, {0, 0, 0, 0, true}, {0, 0, 0, 0, false}});
}

TEST_CASE("generic lif: refractory holds v") {
  LIFParams p = lif(16, 10);
  p.refractory = 2;
  // Spike at step 1 (20 > 10 -> 0), steps 2 and 3 hold 0, step 4 spikes.
  checkLIF(p, {{20, 0, 0, 0, true},
               {20, 0, 0, 0, false},
               {20, 0, 0, 0, false},
               {20, 0, 0, 0, true}});
}

TEST_CASE("generic cuba_lif: v integrates the previous current") {
  // 8-bit current, D = 2, di = 2 (factor 1/2), dv = 0, toward zero.
  LIFParams p = lif(16, 100);
  p.currentBits = 8;
  p.decayBits = 2;
  p.di = 2;
  // step 1: v = 0 + i_old 0 = 0, i = 0 + 10 = 10
  // step 2: v = 0 + 10 = 10, i = 5 + 10 = 15
  // step 3: v = 10 + 15 = 25, i = tz(7.5) = 7 + 10 = 17
  checkLIF(p, {{10, 0, 10, 0, false},
               {10, 10, 15, 0, false},
               {10, 25, 17, 0, false}});
  // Saturating current: di = 0, 120 + 20 = 140 -> 127; v gets the old 120
  // (below vth 1000).
  p.di = 0;
  p.vth = 1000;
  checkLIF(p, {{20, 120, 127, 0, false}}, at(0, 120));
  p.currentOverflow = Overflow::Wrap;
  // 140 - 256 = -116.
  checkLIF(p, {{20, 120, -116, 0, false}}, at(0, 120));
  // Refractory: the current keeps integrating while v is held.
  p = lif(16, 5);
  p.currentBits = 8;
  p.refractory = 1;
  // step 1: v 0, i 10; step 2: v 10 > 5 spike -> 0, i 20;
  // step 3: refractory, v 0, i 30; step 4: v 30 > 5 spike, i 40.
  checkLIF(p, {{10, 0, 10, 0, false},
               {10, 0, 20, 0, true},
               {10, 0, 30, 0, false},
               {10, 0, 40, 0, true}});
}

TEST_CASE("generic alif: adaptation raises the threshold and decays") {
  // D = 2, da = 2 (factor 1/2, toward zero), jump 8, vth 10, input 11.
  LIFParams p = lif(16, 10);
  p.decayBits = 2;
  p.da = 2;
  p.adaptJump = 8;
  // 1: 11 > 10 spike, v 0, a = 0 + 8 = 8
  // 2: 11 > 18? no, a = 4
  // 3: 22 > 14 spike, v 0, a = 2 + 8 = 10
  // 4: 11 > 20? no, a = 5
  // 5: 22 > 15 spike, a = tz(2.5) = 2 + 8 = 10
  checkLIF(p, {{11, 0, 0, 8, true},
               {11, 11, 0, 4, false},
               {11, 0, 0, 10, true},
               {11, 11, 0, 5, false},
               {11, 0, 0, 10, true}});
  // Subtract reset subtracts the effective threshold vth + a.
  p.reset = ResetMode::Subtract;
  // 1: 11 > 10 -> 1, a 8; 2: 12 > 18? no, a 4; 3: 23 > 14 -> 9, a 10.
  checkLIF(p, {{11, 1, 0, 8, true},
               {11, 12, 0, 4, false},
               {11, 9, 0, 10, true}});
  // Refractory: a decays while v is held.
  p.reset = ResetMode::ToVReset;
  p.refractory = 1;
  // 1: spike, a 8; 2: held, a 4; 3: 11 > 14? no, a 2.
  checkLIF(p, {{11, 0, 0, 8, true},
               {11, 0, 0, 4, false},
               {11, 11, 0, 2, false}});
}

TEST_CASE("generic lif: checks and the nc parameter list") {
  LIFParams p = lif(8, 10);
  std::string why;
  CHECK(validate(p, &why));
  p.dv = 1; // no decay bits: no multiplier
  CHECK_FALSE(validate(p, &why));
  CHECK(why == "dv = 1 is outside [0, 0]");
  p = lif(8, 10);
  p.vReset = 128; // outside [-128, 127]
  CHECK_FALSE(validate(p, &why));
  CHECK(why == "v_reset = 128 is outside [-128, 127]");

  p = lif(12, 77);
  p.decayBits = 12;
  p.dv = 410;
  p.da = 5;
  p.adaptJump = 9;
  p.reset = ResetMode::Subtract;
  p.refractory = 3;
  std::vector<int64_t> v = toValues(p, true);
  REQUIRE(v.size() == lifParamNames(true).size());
  LIFParams back;
  CHECK(fromValues(v.data(), true, back, &why));
  CHECK(back.dv == 410);
  CHECK(back.da == 5);
  CHECK(back.adaptJump == 9);
  CHECK(back.reset == ResetMode::Subtract);
  CHECK(back.refractory == 3);
  // generic_lif has no adaptation.
  CHECK(lifParamNames(false).size() + 2 == lifParamNames(true).size());
  v = toValues(p, false);
  CHECK(fromValues(v.data(), false, back, &why));
  CHECK(back.da == 0);
  v[0] = 300; // membrane_bits, checked before it is narrowed
  CHECK_FALSE(fromValues(v.data(), false, back, &why));
  CHECK(why == "membrane_bits = 300 is outside [0, 32]");
}

namespace {
/// Q = 4, F = 0: c2 = 1 (1/16), c1 = 80 (5), c0 = 140, cu = 16 (1), ca = 1
/// (1/16), cb = 3 (3/16); v_peak 30, c = -65, d = 8.
IzhikevichParams izh(unsigned bits, Rounding r) {
  IzhikevichParams p;
  p.membraneBits = uint8_t(bits);
  p.fracBits = 0;
  p.coefShift = 4;
  p.rounding = r;
  p.c2 = 1;
  p.c1 = 80;
  p.c0 = 140;
  p.cu = 16;
  p.ca = 1;
  p.cb = 3;
  p.vPeak = 30;
  p.vReset = -65;
  p.uJump = 8;
  return p;
}
} // namespace

TEST_CASE("generic izhikevich: a spike and its reset") {
  for (unsigned bits : {16u, 8u}) {
    INFO(bits << "-bit state");
    IzhikevichParams p = izh(bits, Rounding::Nearest);
    std::string why;
    REQUIRE(validate(p, &why));
    // u0 = nr(3 * -65 / 16) = nr(-12.1875) = floor(-11.6875) = -12.
    IzhikevichState s = initialState(p);
    CHECK(s.v == -65);
    CHECK(s.u == -12);
    // Step 1, input 0: c2 v^2 + (c1 v - cu u) = 4225 + (-5200 + 192) = -783,
    // nr(-783 / 16 = -48.9375) = -49; v = -65 - 49 + 140 = 26.
    // ca (cb v - 16 u) = -195 + 192 = -3, nr(-3 / 256) = 0; u = -12.
    CHECK_FALSE(stepIzhikevich(p, s, 0));
    CHECK(s.v == 26);
    CHECK(s.u == -12);
    // Step 2: 676 + (2080 + 192) = 2948, nr(184.25) = 184; v = 26 + 184 +
    // 140 = 350 (8 bits: saturates to 127), >= 30: spike, v = -65.
    // 78 + 192 = 270, nr(270 / 256 = 1.05) = 1: u = -11, + d = -3.
    CHECK(stepIzhikevich(p, s, 0));
    CHECK(s.v == -65);
    CHECK(s.u == -3);
  }
  // The same in floor rounding: u0 = floor(-12.1875) = -13.
  IzhikevichParams p = izh(16, Rounding::Floor);
  IzhikevichState s = initialState(p);
  CHECK(s.u == -13);
  // 4225 + (-5200 + 208) = -767, floor(-47.9375) = -48: v = -65 - 48 + 140
  // = 27; -195 + 208 = 13, floor(13 / 256) = 0: u = -13.
  CHECK_FALSE(stepIzhikevich(p, s, 0));
  CHECK(s.v == 27);
  CHECK(s.u == -13);
  // The input, << input_shift 2, adds to v: the population step.
  p.inputShift = 2;
  std::vector<IzhikevichParams> pp(1, p);
  std::vector<IzhikevichState> ps(1, initialState(p));
  int32_t in = -2; // -2 << 2 = -8: v = 27 - 8 = 19 < 30
  uint8_t spike = 2;
  step(pp, ps, &in, &spike);
  CHECK(ps[0].v == 19);
  CHECK(spike == 0);
  // An input of 1 << 2 = 4: v = 27 + 4 = 31 >= 30 spikes; u = -13 + 8.
  ps[0] = initialState(p);
  in = 1;
  step(pp, ps, &in, &spike);
  CHECK(spike == 1);
  CHECK(ps[0].v == -65);
  CHECK(ps[0].u == -5);
}

TEST_CASE("generic izhikevich: checks") {
  IzhikevichParams p = izh(32, Rounding::Nearest);
  std::string why;
  // c2 v^2 with a 32-bit v: 1 * 2^62 is not below 2^62.
  CHECK_FALSE(validate(p, &why));
  CHECK(why == "c2 v^2 + 2^F (c1 v - cu u) may reach 2^62 for a 32-bit v");
  // Q = F = 0, 24-bit v: |nv| <= c2 2^46 = 2^61 with c2 = 2^15 (below
  // 2^62), but R(nv) + (input << 30) may reach 2^61 + 2^61 = 2^62.
  p = izh(24, Rounding::Nearest);
  p.coefShift = 0;
  p.c2 = 32768;
  p.c1 = p.cu = p.ca = p.cb = 0;
  p.inputShift = 30;
  CHECK_FALSE(validate(p, &why));
  CHECK(why == "v + R(nv) + c0 + (input << 30) may reach 2^62");
  p.inputShift = 0; // 2^61 + 2^31 + 140 + 2^23: fine
  CHECK(validate(p, &why));
  p = izh(8, Rounding::Nearest);
  p.vReset = -200;
  CHECK_FALSE(validate(p, &why));
  CHECK(why == "v_reset = -200 is outside [-128, 127]");
  p = izh(16, Rounding::Nearest);
  std::vector<int64_t> v = toValues(p);
  IzhikevichParams back;
  CHECK(fromValues(v.data(), back, &why));
  CHECK(back.c1 == 80);
  CHECK(back.uJump == 8);
}
