//===- AkidaModelTest.cpp - akida layer against hand computations ---------===//
//
// Every expected value below was computed by hand from the formulas of
// targets/MODELS.md (section "akida"): per-event accumulation acc += w * x
// saturated to int32, then out = clamp(floor((acc + offset) / step), 0,
// 2^bits - 1) once per frame.
//
//===----------------------------------------------------------------------===//

// Compiles to nothing until SpikecTargetModels is linked into the unit
// tests (see LoihiModelTest.cpp).

#include "spikec/Target/AkidaModel.h"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <vector>

using namespace spikec;
using namespace spikec::akida;

TEST_CASE("akida: accumulation with each weight and input width") {
  SUBCASE("1-bit weights {-1, +1}, 1-bit inputs") {
    // rows (one per input): in0 {+1, -1}, in1 {+1, +1}, in2 {-1, +1},
    // in3 {-1, -1}; inputs {1, 0, 1, 1} (in1 silent).
    const int8_t w[4 * 2] = {1, -1, 1, 1, -1, 1, -1, -1};
    const uint8_t x[4] = {1, 0, 1, 1};
    int32_t acc[2] = {0, 0};
    accumulateDense(w, 4, 2, x, acc);
    CHECK(acc[0] == -1); // +1 - 1 - 1
    CHECK(acc[1] == -1); // -1 + 1 - 1
  }
  SUBCASE("2-bit weights [-1, 1], 2-bit inputs [0, 3]") {
    // in0 {1, 0}, in1 {-1, 1}, in2 {0, -1}; inputs {3, 2, 1}.
    const int8_t w[3 * 2] = {1, 0, -1, 1, 0, -1};
    const uint8_t x[3] = {3, 2, 1};
    int32_t acc[2] = {0, 0};
    accumulateDense(w, 3, 2, x, acc);
    CHECK(acc[0] == 1); // 3*1 + 2*(-1) + 1*0
    CHECK(acc[1] == 1); // 3*0 + 2*1 + 1*(-1)
  }
  SUBCASE("4-bit weights [-7, 7], 4-bit inputs [0, 15]") {
    // in0 {7, -7}, in1 {-3, 5}; inputs {15, 15}.
    const int8_t w[2 * 2] = {7, -7, -3, 5};
    const uint8_t x[2] = {15, 15};
    int32_t acc[2] = {0, 0};
    accumulateDense(w, 2, 2, x, acc);
    CHECK(acc[0] == 60);  // 105 - 45
    CHECK(acc[1] == -30); // -105 + 75
  }
  SUBCASE("8-bit weights [-127, 127], 8-bit inputs (InputConv)") {
    // in0 {127, -127}, in1 {100, 1}; inputs {255, 2}.
    const int8_t w[2 * 2] = {127, -127, 100, 1};
    const uint8_t x[2] = {255, 2};
    int32_t acc[2] = {0, 0};
    accumulateDense(w, 2, 2, x, acc);
    CHECK(acc[0] == 32585);  // 32385 + 200
    CHECK(acc[1] == -32383); // -32385 + 2
  }
  SUBCASE("zero inputs are not events") {
    const int8_t w[2] = {5, 5};
    const uint8_t x[2] = {0, 0};
    int32_t acc[1] = {9};
    accumulateDense(w, 2, 1, x, acc);
    CHECK(acc[0] == 9);
  }
  // The code points of each width.
  CHECK(weightFits(-1, 1));
  CHECK(weightFits(1, 1));
  CHECK_FALSE(weightFits(0, 1));
  CHECK(weightFits(0, 2));
  CHECK_FALSE(weightFits(-2, 2));
  CHECK(weightFits(-7, 4));
  CHECK_FALSE(weightFits(-8, 4));
  CHECK(weightFits(127, 8));
  CHECK_FALSE(weightFits(-128, 8));
  CHECK(activationFits(15, 4));
  CHECK_FALSE(activationFits(16, 4));
  CHECK_FALSE(activationFits(-1, 4));
  CHECK(activationFits(1, 1));
  CHECK_FALSE(activationFits(2, 1));
}

TEST_CASE("akida: the activation quantizer at its edges") {
  // offset -10, step 4, 2 bits: out = clamp(floor((acc - 10) / 4), 0, 3).
  CHECK(quantize(9, -10, 4, 2) == 0);  // floor(-1/4) = -1 -> 0
  CHECK(quantize(10, -10, 4, 2) == 0); // 0
  CHECK(quantize(13, -10, 4, 2) == 0); // floor(3/4) = 0
  CHECK(quantize(14, -10, 4, 2) == 1); // 4/4
  CHECK(quantize(17, -10, 4, 2) == 1); // floor(7/4)
  CHECK(quantize(18, -10, 4, 2) == 2); // 8/4
  CHECK(quantize(22, -10, 4, 2) == 3); // 12/4
  CHECK(quantize(23, -10, 4, 2) == 3); // floor(13/4), the top code
  CHECK(quantize(1000, -10, 4, 2) == 3); // 247 -> clamped to 3
  const int32_t lo = std::numeric_limits<int32_t>::min();
  const int32_t hi = std::numeric_limits<int32_t>::max();
  CHECK(quantize(lo, -10, 4, 2) == 0);
  // acc + offset is computed in 64 bits: 2^31 - 1 + 2^31 - 1 does not wrap.
  CHECK(quantize(hi, hi, 4, 2) == 3);
  CHECK(quantize(lo, lo, 1, 4) == 0);
  // 1 bit: a spike when acc + offset >= step.
  CHECK(quantize(4, 0, 5, 1) == 0);
  CHECK(quantize(5, 0, 5, 1) == 1);
  CHECK(quantize(100, 0, 5, 1) == 1);
  // 4 bits, step 1: the identity on [0, 15], clamped outside.
  CHECK(quantize(15, 0, 1, 4) == 15);
  CHECK(quantize(16, 0, 1, 4) == 15);
  CHECK(quantize(-1, 0, 1, 4) == 0);
  // A positive offset lowers the threshold: floor((3 + 2) / 5) = 1.
  CHECK(quantize(3, 2, 5, 4) == 1);
}

TEST_CASE("akida: the accumulator saturates at int32") {
  const int32_t lo = std::numeric_limits<int32_t>::min();
  const int32_t hi = std::numeric_limits<int32_t>::max();
  int32_t acc[2] = {hi - 100, lo + 100};
  const int8_t w[2] = {127, -127};
  // +127*15 = +1905 > 100 of headroom: saturates at 2^31 - 1;
  // -1905 saturates at -2^31.
  accumulateEvent(w, 2, 15, acc);
  CHECK(acc[0] == hi);
  CHECK(acc[1] == lo);
  // Saturation is per event: a later negative event starts from 2^31 - 1.
  const int8_t w2[2] = {-1, 1};
  accumulateEvent(w2, 2, 1, acc);
  CHECK(acc[0] == hi - 1);
  CHECK(acc[1] == lo + 1);
}

TEST_CASE("akida: per-channel threshold and step, once per frame") {
  LayerParams params;
  params.outputBits = 4;
  params.resizeChannels(2);
  params.thresholdOffset = {0, -5};
  params.step = {10, 2};
  std::string why;
  CHECK(validate(params, &why));
  // Channel-last: outputs 0, 2 are channel 0; outputs 1, 3 channel 1.
  State state;
  state.resize(4);
  state.acc = {25, 25, 9, 9};
  uint8_t out[4];
  step(params, state, out);
  CHECK(out[0] == 2);  // floor(25 / 10)
  CHECK(out[1] == 10); // floor((25 - 5) / 2)
  CHECK(out[2] == 0);  // floor(9 / 10)
  CHECK(out[3] == 2);  // floor((9 - 5) / 2)
  // The frame is over: the potentials start again from zero.
  CHECK(state.acc == std::vector<int32_t>{0, 0, 0, 0});
  step(params, state, out);
  CHECK(out[0] == 0);
  CHECK(out[1] == 0); // floor(-5 / 2) = -3 -> 0
}

TEST_CASE("akida: validate") {
  LayerParams p;
  p.resizeChannels(1, 0, 1);
  std::string why;
  CHECK(validate(p));
  p.weightBits = 3;
  CHECK_FALSE(validate(p, &why));
  CHECK(why == "weight bits must be 1, 2, 4 or 8");
  p.weightBits = 8;
  p.outputBits = 8;
  CHECK_FALSE(validate(p));
  p.outputBits = 1;
  p.inputBits = 8;
  CHECK(validate(p));
  p.step[0] = 0;
  CHECK_FALSE(validate(p, &why));
  CHECK(why == "every step must be positive");
  LayerParams empty;
  CHECK_FALSE(validate(empty));
}

