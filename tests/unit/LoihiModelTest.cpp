//===- LoihiModelTest.cpp - loihi compartment against hand traces ---------===//
//
// Every expected value below was computed by hand from the formulas of
// targets/MODELS.md (section "loihi"), which are Lava's bit-accurate LIF
// (lava/proc/lif/models.py, AbstractPyLifModelFixed.subthr_dynamics), with
// the arithmetic written out in the comments. Notation: f_u = 4096 - (du + 1)
// and f_v = 4096 - dv are the decay factors over 4096; t0(x) is x / 4096
// rounded toward zero; a is the dendritic sum and a << 6 = 64 a.
//
//===----------------------------------------------------------------------===//


#include "spikec/Target/LoihiModel.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <vector>

using namespace spikec;
using namespace spikec::loihi;

namespace {

/// One expected step: the input, then u, v and the spike after the step.
struct Row {
  int32_t input;
  int32_t u, v;
  bool spike;
};

/// Runs one compartment from `s` and checks every row, both with the scalar
/// step and with a one-element population step.
void checkTrace(const NeuronParams &p, NeuronState s,
                std::initializer_list<Row> rows) {
  Params pp;
  pp.resize(1, p);
  State ps;
  ps.resize(1);
  ps.set(0, s);
  int t = 1;
  for (const Row &r : rows) {
    INFO("step " << t);
    const bool spike = stepNeuron(p, s, r.input);
    CHECK(s.u == r.u);
    CHECK(s.v == r.v);
    CHECK(spike == r.spike);
    uint8_t popSpike = 2;
    step(pp, ps, &r.input, &popSpike);
    CHECK(ps.u[0] == r.u);
    CHECK(ps.v[0] == r.v);
    CHECK(popSpike == uint8_t(r.spike));
    ++t;
  }
}

NeuronParams params(uint16_t du, uint16_t dv, int32_t vthMant,
                    int32_t biasMant = 0, int32_t biasExp = 0,
                    uint16_t refractoryDelay = 0) {
  NeuronParams p;
  p.du = du;
  p.dv = dv;
  p.vthMant = vthMant;
  p.biasMant = biasMant;
  p.biasExp = biasExp;
  p.refractoryDelay = refractoryDelay;
  return p;
}

NeuronState state(int32_t u, int32_t v) {
  NeuronState s;
  s.u = u;
  s.v = v;
  return s;
}

} // namespace

TEST_CASE("loihi: u and v decay after a single input") {
  // du = 1023: f_u = 4096 - 1024 = 3072 (u keeps 3/4).
  // dv = 2048: f_v = 2048 (v keeps 1/2). vth never reached.
  checkTrace(params(1023, 2048, 131071), state(0, 0),
             {
                 // u = t0(0) + 10*64 = 640;  v = t0(0) + 640 = 640
                 {10, 640, 640, false},
                 // u = 640*3072/4096 = 480;  v = 640*2048/4096 + 480 = 800
                 {0, 480, 800, false},
                 // u = 480*3072/4096 = 360;  v = 400 + 360 = 760
                 {0, 360, 760, false},
                 // u = 360*3072/4096 = 270;  v = 380 + 270 = 650
                 {0, 270, 650, false},
                 // u = 829440/4096 = 202.5 -> 202;  v = 325 + 202 = 527
                 {0, 202, 527, false},
                 // u = 620544/4096 = 151.5 -> 151;
                 // v = 527*2048/4096 = 263.5 -> 263;  v = 263 + 151 = 414
                 {0, 151, 414, false},
             });
}

TEST_CASE("loihi: decay rounds toward zero for negative values") {
  // du = 0: f_u = 4095, the ds_offset of 1 makes u decay even at du = 0.
  // dv = 2048: f_v = 2048.
  checkTrace(params(0, 2048, 131071), state(-5, -3),
             {
                 // u: -5*4095 = -20475; 20475 >> 12 = 4 (4.998) -> -4
                 //    (a floor shift would give -5)
                 // v: -3*2048 = -6144; 6144 >> 12 = 1 (1.5) -> -1;
                 //    v = -1 + (-4) = -5
                 {0, -4, -5, false},
                 // u: -4*4095 = -16380; 16380 >> 12 = 3 (3.999) -> -3
                 // v: -5*2048 = -10240; 10240 >> 12 = 2 (2.5) -> -2;
                 //    v = -2 + (-3) = -5
                 {0, -3, -5, false},
             });
  // The positive mirror: 5*4095 >> 12 = 4;  v = 3*2048 >> 12 = 1, 1 + 4 = 5.
  checkTrace(params(0, 2048, 131071), state(5, 3), {{0, 4, 5, false}});
  // The helper itself: trunc(-7 * 2048 / 4096) = trunc(-3.5) = -3.
  CHECK(decay(-7, 2048) == -3);
  CHECK(decay(7, 2048) == 3);
}

TEST_CASE("loihi: u wraps at the 24-bit edge as Lava does") {
  // Above +2^23. du = 0 (f_u = 4095), dv = 4095 (f_v = 1: v = 0 stays 0).
  // u: 8388607*4095 = 34351345665 = 8386559*4096 + 1 -> 8386559
  //    + 100*64 = 6400 -> 8392959 > 2^23 = 8388608
  //    -> 8392959 - 2^24 = 8392959 - 16777216 = -8384257
  // v: 0 + (-8384257) + 0 = -8384257 (inside the clip)
  checkTrace(params(0, 4095, 131071), state(8388607, 0),
             {{100, -8384257, -8384257, false}});

  // Exactly -2^23 becomes +2^23 (Lava: `<= -max_uv_val` adds 2^24), a value
  // a 24-bit two's-complement register cannot hold.
  // u: 6292993*4095 = 25769806335 = 6291456*4096 + 2559 -> -6291456
  //    + (-32768)*64 = -2097152 -> -8388608 = -2^23 -> +8388608
  // v: 0 + 8388608 -> clipped to 8388607 > vth = 131071*64 = 8388544:
  //    spike, v = 0
  checkTrace(params(0, 4095, 131071), state(-6292993, 0),
             {{-32768, 8388608, 0, true}});

  // The input is wrapped to 16 bits first (our assumption, MODELS.md):
  // du = 4095 gives f_u = 0, so u = a * 64.
  // 32768 -> -32768: u = -2097152, v = 0 + (-2097152)
  checkTrace(params(4095, 4095, 131071), state(0, 0),
             {{32768, -2097152, -2097152, false}});
  // 65541 = 65536 + 5 -> 5: u = 320; v = t0(-2097152 * 1) = -512
  // (2^21 / 2^12) + 320 = -192
  checkTrace(params(4095, 4095, 131071), state(0, -2097152),
             {{65541, 320, -192, false}});
}

TEST_CASE("loihi: v saturates at +-(2^23 - 1)") {
  // du = 4095: u = a*64. dv = 0: f_v = 4096, v does not leak.
  checkTrace(params(4095, 0, 131071), state(0, -8000000),
             {
                 // u = -7000*64 = -448000;  v = -8000000 - 448000 = -8448000
                 // -> clipped to -(2^23 - 1) = -8388607
                 {-7000, -448000, -8388607, false},
                 // v = -8388607 - 448000 -> -8388607 again
                 {-7000, -448000, -8388607, false},
             });
  // Positive: 8388000 + 448000 = 8836000 -> 8388607, which exceeds every
  // threshold (at most 131071*64 = 8388544): spike, v = 0.
  checkTrace(params(4095, 0, 131071), state(0, 8388000),
             {{7000, 448000, 0, true}});
}

TEST_CASE("loihi: spike when v exceeds vth << 6, then v = 0") {
  // du = 4095: u = a*64 = 320. dv = 0: no leak. vth = 10 << 6 = 640.
  checkTrace(params(4095, 0, 10), state(0, 0),
             {
                 {5, 320, 320, false},
                 // v = 640, not > 640: the comparison is strict
                 {5, 320, 640, false},
                 // v = 960 > 640: spike; v = 0, u is not reset
                 {5, 320, 0, true},
                 {5, 320, 320, false},
             });
}

TEST_CASE("loihi: refractory delay holds v while u integrates") {
  // As the previous case with refractoryDelay = 2: after the spike at step
  // 3, v is not updated at steps 4 and 5 (Lava LIFRefractory:
  // refractory_period_end = 3 + 2, v updated when end < t).
  checkTrace(params(4095, 0, 10, 0, 0, 2), state(0, 0),
             {
                 {5, 320, 320, false},
                 {5, 320, 640, false},
                 {5, 320, 0, true},
                 // refractory: u = 1*64 = 64, v held at 0
                 {1, 64, 0, false},
                 {1, 64, 0, false},
                 // free again: v = 0 + 320
                 {5, 320, 320, false},
                 {5, 320, 640, false},
                 {5, 320, 0, true},
             });
  // Without the delay, step 4 would give v = 0 + 64 = 64.
  checkTrace(params(4095, 0, 10), state(0, 0),
             {{5, 320, 320, false},
              {5, 320, 640, false},
              {5, 320, 0, true},
              {1, 64, 64, false}});
  NeuronState s = state(0, 0);
  stepNeuron(params(4095, 0, 10, 0, 0, 2), s, 20); // v = 1280 > 640
  CHECK(s.refractoryCount == 2);
}

TEST_CASE("loihi: weight exponent and effective weights") {
  // PyDenseModelBitAcc shifts the whole sum: left for exp > 0, numpy
  // (floor) right shift for exp <= 0.
  CHECK(scaleDendriticSum(3, 2) == 12);   // 3 * 4
  CHECK(scaleDendriticSum(5, 0) == 5);
  CHECK(scaleDendriticSum(7, -1) == 3);   // floor(3.5)
  CHECK(scaleDendriticSum(-7, -1) == -4); // floor(-3.5)
  CHECK(scaleDendriticSum(-1, -3) == -1); // floor(-0.125)
  // Weights 1 + 2 with weight_exp 2: a = 12, u = 12*64 = 768 (du = 4095),
  // v = 768 (dv = 0).
  checkTrace(params(4095, 0, 131071), state(0, 0),
             {{scaleDendriticSum(1 + 2, 2), 768, 768, false}});

  // clip_weights(num_bits=8) then truncate_weights(num_weight_bits):
  // mixed, 8 bits: clip to [-256, 255], drop 8 - 8 + 1 = 1 low bit.
  CHECK(effectiveWeight(255, SignMode::Mixed) == 254);   // (255>>1)<<1
  CHECK(effectiveWeight(-3, SignMode::Mixed) == -4);     // (-3>>1)<<1 = -2*2
  CHECK(effectiveWeight(300, SignMode::Mixed) == 254);   // 255 -> 254
  CHECK(effectiveWeight(-300, SignMode::Mixed) == -256); // clip, even
  // excitatory, 8 bits: clip to [0, 255], nothing dropped.
  CHECK(effectiveWeight(255, SignMode::Excitatory) == 255);
  CHECK(effectiveWeight(300, SignMode::Excitatory) == 255);
  CHECK(effectiveWeight(-5, SignMode::Excitatory) == 0);
  // excitatory, 6 bits: drop 2 low bits.
  CHECK(effectiveWeight(255, SignMode::Excitatory, 6) == 252); // 63*4
  CHECK(effectiveWeight(7, SignMode::Excitatory, 6) == 4);
  // inhibitory: the same on -w.
  CHECK(effectiveWeight(-255, SignMode::Inhibitory) == -255);
  CHECK(effectiveWeight(5, SignMode::Inhibitory) == 0); // -5 clips to 0
  CHECK(effectiveWeight(-7, SignMode::Inhibitory, 6) == -4);
}

TEST_CASE("loihi: bias is mantissa << exponent, added to v without << 6") {
  // bias = 3 << 2 = 12 per step; du = 4095 and no input keep u = 0;
  // dv = 0: v accumulates.
  checkTrace(params(4095, 0, 131071, 3, 2), state(0, 0),
             {{0, 0, 12, false}, {0, 0, 24, false}, {0, 0, 36, false}});
  // A negative exponent is a floor shift in Lava's scale_bias:
  // -5 >> 1 = floor(-2.5) = -3. (validate() rejects it: Loihi's exponent
  // is unsigned.)
  checkTrace(params(4095, 0, 131071, -5, -1), state(0, 0),
             {{0, 0, -3, false}, {0, 0, -6, false}});
  CHECK(effectiveBias(4095, 7) == 524160); // 4095 * 128
  CHECK(effectiveBias(-4096, 7) == -524288);
  // The bias reaches the threshold: vth = 1 << 6 = 64; bias 13 << 2 = 52.
  // v = 52, then 104 > 64: spike.
  checkTrace(params(4095, 0, 1, 13, 2), state(0, 0),
             {{0, 0, 52, false}, {0, 0, 0, true}});
}

TEST_CASE("loihi: the population step is the scalar step, neuron by neuron") {
  // A property, not a hand trace: 64 compartments with assorted parameters
  // over 200 steps.
  const size_t n = 64;
  Params pp;
  pp.resize(n);
  State ps;
  ps.resize(n);
  std::vector<NeuronParams> sp(n);
  std::vector<NeuronState> ss(n);
  uint32_t seed = 12345;
  auto rnd = [&seed](uint32_t mod) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % mod;
  };
  for (size_t i = 0; i < n; ++i) {
    sp[i] = params(uint16_t(rnd(4096)), uint16_t(rnd(4096)),
                   int32_t(rnd(2000)), int32_t(rnd(8192)) - 4096,
                   int32_t(rnd(8)), uint16_t(rnd(4)));
    pp.set(i, sp[i]);
    CHECK(pp.get(i).du == sp[i].du);
  }
  std::vector<int32_t> input(n);
  std::vector<uint8_t> spikes(n);
  for (int t = 0; t < 200; ++t) {
    for (size_t i = 0; i < n; ++i)
      input[i] = int32_t(rnd(65536)) - 32768;
    step(pp, ps, input.data(), spikes.data());
    for (size_t i = 0; i < n; ++i) {
      const bool s = stepNeuron(sp[i], ss[i], input[i]);
      REQUIRE(ps.get(i).u == ss[i].u);
      REQUIRE(ps.get(i).v == ss[i].v);
      REQUIRE(ps.get(i).refractoryCount == ss[i].refractoryCount);
      REQUIRE(spikes[i] == uint8_t(s));
      REQUIRE(validate(ss[i]));
    }
  }
}

TEST_CASE("loihi: validate and encode") {
  std::string why;
  CHECK(validate(params(4095, 4095, 131071, 4095, 7, 255)));
  CHECK(validate(params(0, 0, 0, -4096, 0)));
  CHECK_FALSE(validate(params(4096, 0, 0), &why));
  CHECK(why == "du must lie in [0, 4095]");
  CHECK_FALSE(validate(params(0, 4096, 0)));
  CHECK_FALSE(validate(params(0, 0, 131072)));
  CHECK_FALSE(validate(params(0, 0, -1)));
  CHECK_FALSE(validate(params(0, 0, 0, 4096)));
  CHECK_FALSE(validate(params(0, 0, 0, -4097)));
  CHECK_FALSE(validate(params(0, 0, 0, 0, 8)));
  CHECK_FALSE(validate(params(0, 0, 0, 0, -1)));
  CHECK_FALSE(validate(params(0, 0, 0, 0, 0, 256)));
  CHECK(validate(state(8388608, 8388607)));   // u may be +2^23
  CHECK_FALSE(validate(state(-8388608, 0)));  // but not -2^23
  CHECK_FALSE(validate(state(0, 8388608)));

  // Loss per step -> du/dv: du = round(4096 * lost) - 1, dv = round(...).
  CHECK(encodeDu(0.25) == 1023); // 1024 - 1
  CHECK(currentDecayFactor(1023) == 0.75);
  CHECK(encodeDv(0.5) == 2048);
  CHECK(voltageDecayFactor(2048) == 0.5);
  CHECK(encodeDu(0.0) == 0);     // u cannot stop decaying: factor 4095/4096
  CHECK(encodeDu(1.0) == 4095);  // u' = a << 6
  CHECK(currentDecayFactor(4095) == 0.0);
  CHECK(encodeDv(1.0) == 4095);  // 4096 does not fit: factor 1/4096
  CHECK(encodeDv(0.0) == 0);
  CHECK(encodeDv(-1.0) == 0);
}

TEST_CASE("loihi: a readout compartment never fires; v saturates and stays") {
  // du = 4095: u = a*64; dv = 0: no leak. Hand-computed as the rows above:
  // v = 8388000 + 448000 -> 8388607 (clipped), where a spiking compartment
  // fires (the previous case); the readout keeps it.
  int32_t u = 0, v = 8388000;
  CHECK(stepReadout(4095, 0, 0, u, v, 7000) == 8388607);
  CHECK(u == 448000);
  CHECK(v == 8388607);
  CHECK(stepReadout(4095, 0, 0, u, v, 7000) == 8388607);
  // Negative input brings it down; the bias adds without << 6.
  CHECK(stepReadout(4095, 0, 5, u, v, -7000) == 8388607 - 448000 + 5);
  CHECK(u == -448000);
}

TEST_CASE("loihi: a readout step is the compartment step without a spike") {
  // Decays with rounding toward zero, a slow current (du = 100), a leak
  // (dv = 300) and a bias: v follows stepCompartment's arithmetic exactly
  // wherever that one does not fire (a threshold of the largest mantissa,
  // 131071 << 6, is never reached here).
  const int32_t inputs[] = {3000, -2000, 0, 32767, -32768, 0, 0, 12345, -1};
  int32_t u = 0, v = 0, u2 = 0, v2 = 0;
  uint16_t refr = 0;
  for (int32_t in : inputs) {
    int32_t out = stepReadout(100, 300, int64_t(-7) * 8, u, v, in);
    bool spiked = detail::stepCompartment(100, 300, int64_t(-7) * 8,
                                          effectiveThreshold(131071), 0, u2, v2,
                                          refr, in);
    CHECK_FALSE(spiked);
    CHECK(out == v);
    CHECK(u == u2);
    CHECK(v == v2);
  }
  CHECK(v != 0);
}
