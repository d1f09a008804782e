//===- TrueNorthModelTest.cpp - truenorth neuron against hand traces ------===//
//
// Every expected value below was computed by hand from the formulas of
// targets/MODELS.md (section "truenorth"): integrate, leak, then the
// positive threshold alpha + eta, else the negative threshold, with the
// arithmetic in the comments.
//
//===----------------------------------------------------------------------===//

// Compiles to nothing until SpikecTargetModels is linked into the unit
// tests (see LoihiModelTest.cpp).

#include "spikec/Target/TrueNorthModel.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <vector>

using namespace spikec;
using namespace spikec::truenorth;

namespace {

/// One expected tick: input, draw, then V and the spike after the tick.
struct Row {
  int32_t input;
  int32_t v;
  bool spike;
  uint16_t rho = 0;
};

void checkTrace(const NeuronParams &p, int32_t v,
                std::initializer_list<Row> rows) {
  int t = 1;
  for (const Row &r : rows) {
    INFO("tick " << t);
    const bool spike = stepNeuron(p, v, r.input, r.rho);
    CHECK(v == r.v);
    CHECK(spike == r.spike);
    ++t;
  }
}

NeuronParams neuron(int32_t alpha, int32_t beta, ResetMode mode,
                    int32_t resetV = 0, bool negSaturate = false,
                    int16_t leak = 0, bool leakReversal = false) {
  NeuronParams p;
  p.alpha = alpha;
  p.beta = beta;
  p.resetMode = mode;
  p.resetV = resetV;
  p.negSaturate = negSaturate;
  p.leak = leak;
  p.leakReversal = leakReversal;
  return p;
}

} // namespace

TEST_CASE("truenorth: integration sums s[G] over active connected axons") {
  Params params;
  params.resize(2);
  NeuronParams n0, n1;
  n0.weight = {5, -3, 10, 0};
  n1.weight = {7, 2, -4, 9};
  params.set(0, n0);
  params.set(1, n1);
  // Axon types: a0 = 0, a1 = 1, a2 = 2, a3 = 0.
  // Crossbar: a0-n0, a1-n0, a2-n0, a0-n1, a3-n1.
  Crossbar xb(4, 2);
  xb.axonType = {0, 1, 2, 0};
  xb.connect(0, 0);
  xb.connect(1, 0);
  xb.connect(2, 0);
  xb.connect(0, 1);
  xb.connect(3, 1);
  CHECK(xb.connected(2, 0));
  CHECK_FALSE(xb.connected(2, 1));
  // Active axons a0, a1, a3 (a2 silent).
  const uint8_t active[4] = {1, 1, 0, 1};
  int32_t input[2] = {0, 0};
  accumulate(params, xb, active, input);
  CHECK(input[0] == 2);  // s0[0] + s0[1] = 5 - 3 (a2 is silent)
  CHECK(input[1] == 14); // s1[0] (a0) + s1[0] (a3) = 7 + 7

  // Neurons past the first 64-bit word of a row.
  Params wide;
  NeuronParams w;
  w.weight = {0, 0, 0, -2};
  wide.resize(130, w);
  Crossbar xb2(2, 130);
  xb2.axonType = {0, 3};
  xb2.connect(1, 70);
  xb2.connect(1, 129);
  xb2.connect(1, 5);
  xb2.connect(1, 5, false);
  std::vector<int32_t> in2(130, 0);
  accumulateAxon(wide, xb2, 1, in2.data());
  CHECK(in2[70] == -2);
  CHECK(in2[129] == -2);
  CHECK(in2[5] == 0);
  CHECK(in2[0] == 0);
}

TEST_CASE("truenorth: normal reset sets V to R") {
  // alpha = 10, R = 2.
  checkTrace(neuron(10, 100, ResetMode::Normal, 2), 0,
             {
                 {6, 6, false},
                 {6, 2, true}, // 12 >= 10: spike, V = R
                 {8, 2, true}, // 2 + 8 = 10 >= 10 (not strict): spike
                 {0, 2, false},
             });
}

TEST_CASE("truenorth: linear reset subtracts alpha") {
  checkTrace(neuron(10, 100, ResetMode::Linear), 0,
             {
                 {7, 7, false},
                 {7, 4, true},   // 14 >= 10: V = 14 - 10
                 {0, 4, false},
                 {25, 19, true}, // 29: one spike per tick, V = 29 - 10
                 {0, 9, true},   // 19 - 10
                 {0, 9, false},
             });
}

TEST_CASE("truenorth: no reset keeps V") {
  checkTrace(neuron(10, 100, ResetMode::None), 0,
             {
                 {12, 12, true},
                 {0, 12, true}, // still >= 10: fires again
                 {-5, 7, false},
             });
}

TEST_CASE("truenorth: leak is added after integration") {
  // lambda = -2, no reversal: V drifts down through zero.
  checkTrace(neuron(100, 100, ResetMode::Normal, 0, false, -2), 0,
             {
                 {10, 8, false}, // 0 + 10 - 2
                 {0, 6, false},
                 {0, 4, false},
                 {0, 2, false},
                 {0, 0, false},
                 {0, -2, false},
                 {0, -4, false},
             });
  // lambda = +3 drives V up to the threshold: 3, 6, 9, 12 >= 10 -> R = 0.
  checkTrace(neuron(10, 100, ResetMode::Normal, 0, false, 3), 0,
             {{0, 3, false}, {0, 6, false}, {0, 9, false}, {0, 0, true}});
}

TEST_CASE("truenorth: leak reversal leaks toward zero") {
  // epsilon = 1, lambda = -2: V += sgn(V) * -2, sgn taken after integration.
  checkTrace(neuron(100, 100, ResetMode::Normal, 0, false, -2, true), 0,
             {
                 {5, 3, false},  // 5 - 2
                 {0, 1, false},  // 3 - 2
                 {0, -1, false}, // 1 - 2: the leak overshoots zero ...
                 {0, 1, false},  // -1 + 2: ... and rings (no clamp at 0)
                 {0, -1, false},
             });
  checkTrace(neuron(100, 100, ResetMode::Normal, 0, false, -2, true), 0,
             {
                 {-6, -4, false}, // -6 + 2
                 {0, -2, false},
                 {0, 0, false},   // -2 + 2
                 {0, 0, false},   // sgn(0) = 0: no leak
             });
}

TEST_CASE("truenorth: negative threshold behaviours") {
  // beta = 5, R = 2. V = -6 < -5 in every case.
  // kappa = 0, normal reset: V = -R.
  checkTrace(neuron(10, 5, ResetMode::Normal, 2), 0, {{-6, -2, false}});
  // kappa = 0, linear reset: V = -6 + 5.
  checkTrace(neuron(10, 5, ResetMode::Linear, 2), 0, {{-6, -1, false}});
  // kappa = 0, no reset: V stays.
  checkTrace(neuron(10, 5, ResetMode::None, 2), 0, {{-6, -6, false}});
  // kappa = 1 saturates to -beta whatever the reset mode.
  checkTrace(neuron(10, 5, ResetMode::Normal, 2, true), 0, {{-6, -5, false}});
  checkTrace(neuron(10, 5, ResetMode::None, 2, true), 0,
             {{-6, -5, false}, {-100, -5, false}});
  // V = -5 is not below -5: nothing happens (both kappa).
  checkTrace(neuron(10, 5, ResetMode::Normal, 2), 0, {{-5, -5, false}});
  checkTrace(neuron(10, 5, ResetMode::Normal, 2, true), 0, {{-5, -5, false}});
}

TEST_CASE("truenorth: the membrane saturates at 20 bits") {
  // alpha = 2^18 - 1, no reset: 524284 + 10 = 524294 -> 2^19 - 1 = 524287,
  // above alpha: spike, V stays.
  checkTrace(neuron(262143, 262143, ResetMode::None, 0, false, 5), 524284,
             {
                 {10, 524287, true},
                 // 524287 + 0, then the leak +5 -> 524292 -> 524287
                 {0, 524287, true},
             });
  // -524285 - 10 = -524295 -> -2^19 = -524288; below -beta but no reset.
  checkTrace(neuron(262143, 262143, ResetMode::None), -524285,
             {{-10, -524288, false}, {-1000, -524288, false}});
  // Integration saturates before the leak: -524288 - 1000 -> -524288,
  // then + 5 -> -524283. (Saturating once, after input and leak together,
  // would give -524288 - 995 -> -524288.)
  checkTrace(neuron(262143, 262143, ResetMode::None, 0, false, 5), -524288,
             {{-1000, -524283, false}});
}

TEST_CASE("truenorth: the LFSR's first 8 values") {
  // x^16 + x^14 + x^13 + x^11 + 1, shifting right; feedback
  // b = s0 ^ s2 ^ s3 ^ s5 enters at bit 15. Seed 0xACE1.
  //  s          low byte    s0 s2 s3 s5  b   next
  //  0xACE1  1110 0001     1  0  0  1   0   0xACE1 >> 1          = 0x5670
  //  0x5670  0111 0000     0  0  0  1   1   0x2B38 | 0x8000      = 0xAB38
  //  0xAB38  0011 1000     0  0  1  1   0   0xAB38 >> 1          = 0x559C
  //  0x559C  1001 1100     0  1  1  0   0   0x559C >> 1          = 0x2ACE
  //  0x2ACE  1100 1110     0  1  1  0   0   0x2ACE >> 1          = 0x1567
  //  0x1567  0110 0111     1  1  0  1   1   0x0AB3 | 0x8000      = 0x8AB3
  //  0x8AB3  1011 0011     1  0  0  1   0   0x8AB3 >> 1          = 0x4559
  //  0x4559  0101 1001     1  0  1  0   0   0x4559 >> 1          = 0x22AC
  Lfsr lfsr;
  CHECK(lfsr.state == 0xACE1);
  const uint16_t expected[8] = {0x5670, 0xAB38, 0x559C, 0x2ACE,
                                0x1567, 0x8AB3, 0x4559, 0x22AC};
  for (int i = 0; i < 8; ++i) {
    INFO("draw " << i + 1);
    CHECK(lfsr.next() == expected[i]);
  }
  CHECK(Lfsr(0).state == Lfsr::kDefaultSeed); // zero would lock up
  CHECK(Lfsr(0x1234).state == 0x1234);
}

TEST_CASE("truenorth: stochastic threshold, one draw per neuron in order") {
  // Two neurons, alpha = 10, 4 mask bits: eta = rho & 0xF.
  Params params;
  NeuronParams p = neuron(10, 100, ResetMode::Normal, 0);
  p.maskBits = 4;
  params.resize(2, p);
  State state;
  state.resize(2); // seed 0xACE1
  int32_t input[2];
  uint8_t spikes[2];

  // Tick 1: n0 draws 0x5670 (eta 0), n1 draws 0xAB38 (eta 8).
  // n0: 12 >= 10 + 0: spike, V = 0.  n1: 12 < 10 + 8: V = 12.
  input[0] = 12;
  input[1] = 12;
  step(params, state, input, spikes);
  CHECK(spikes[0] == 1);
  CHECK(spikes[1] == 0);
  CHECK(state.v[0] == 0);
  CHECK(state.v[1] == 12);
  // Tick 2: n0 draws 0x559C (eta 0xC = 12), n1 0x2ACE (eta 0xE = 14).
  // n0: 12 < 22.  n1: 12 < 24.
  input[0] = 12;
  input[1] = 0;
  step(params, state, input, spikes);
  CHECK(spikes[0] == 0);
  CHECK(spikes[1] == 0);
  CHECK(state.v[0] == 12);
  CHECK(state.v[1] == 12);
  // Tick 3: n0 draws 0x1567 (eta 7), n1 0x8AB3 (eta 3).
  // n0: 12 + 5 = 17 >= 17: spike.  n1: 12 + 1 = 13 >= 13: spike.
  input[0] = 5;
  input[1] = 1;
  step(params, state, input, spikes);
  CHECK(spikes[0] == 1);
  CHECK(spikes[1] == 1);
  CHECK(state.lfsr.state == 0x8AB3);

  // eta also moves the negative threshold and the linear resets.
  NeuronParams q = neuron(10, 5, ResetMode::Linear);
  q.maskBits = 4;
  // rho = 0x0013: eta = 3. -7 is not below -(5 + 3); -9 is: -9 + 8 = -1.
  checkTrace(q, 0, {{-7, -7, false, 0x0013}, {-2, -1, false, 0x0013}});
  // rho = 0x0005: eta = 5. 20 >= 15: V = 20 - 15.
  checkTrace(q, 0, {{20, 5, true, 0x0005}});
  // maskBits = 0 ignores the draw.
  checkTrace(neuron(10, 5, ResetMode::Linear), 0, {{20, 10, true, 0xFFFF}});
}

TEST_CASE("truenorth: stochastic runs are reproducible from the seed") {
  const size_t n = 16;
  auto run = [n](uint16_t seed, uint8_t maskBits) {
    Params params;
    NeuronParams p = neuron(20, 30, ResetMode::Linear, 0, false, -1, true);
    p.maskBits = maskBits;
    params.resize(n, p);
    State state;
    state.resize(n);
    state.lfsr = Lfsr(seed);
    std::vector<int32_t> input(n);
    std::vector<uint8_t> spikes(n);
    std::vector<int32_t> trace;
    uint32_t r = 7;
    for (int t = 0; t < 100; ++t) {
      for (size_t i = 0; i < n; ++i) {
        r = r * 1103515245u + 12345u;
        input[i] = int32_t((r >> 16) % 21) - 5;
      }
      step(params, state, input.data(), spikes.data());
      for (size_t i = 0; i < n; ++i) {
        trace.push_back(state.v[i]);
        trace.push_back(spikes[i]);
      }
    }
    return trace;
  };
  CHECK(run(0x1234, 5) == run(0x1234, 5));
  CHECK(run(0x1234, 5) != run(0x4321, 5));
  // Deterministic neurons do not depend on the seed.
  CHECK(run(0x1234, 0) == run(0x4321, 0));
}

TEST_CASE("truenorth: validate") {
  std::string why;
  NeuronParams p = neuron(262143, 262143, ResetMode::None, -131072);
  p.weight = {255, -255, 0, 1};
  p.leak = -255;
  p.maskBits = 16;
  CHECK(validate(p));
  NeuronParams bad = p;
  bad.weight[2] = 256;
  CHECK_FALSE(validate(bad, &why));
  CHECK(why == "synaptic weights must lie in [-255, 255]");
  bad = p;
  bad.alpha = 262144;
  CHECK_FALSE(validate(bad));
  bad = p;
  bad.beta = -1;
  CHECK_FALSE(validate(bad));
  bad = p;
  bad.resetV = 131072;
  CHECK_FALSE(validate(bad));
  bad = p;
  bad.maskBits = 17;
  CHECK_FALSE(validate(bad));
  bad = p;
  bad.resetMode = ResetMode(3);
  CHECK_FALSE(validate(bad));
  Params params;
  params.resize(1, p);
  CHECK(params.get(0).resetV == -131072);
  CHECK(params.get(0).weight[1] == -255);
}

