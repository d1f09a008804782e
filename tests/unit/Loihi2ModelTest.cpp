//===- Loihi2ModelTest.cpp - loihi2 compartment against hand traces -------===//
//
// Expected values computed by hand from docs/chips.md ("loihi2"), written
// out in the comments. Notation as in LoihiModelTest.cpp: f_u = 4096 -
// (du + 1), f_v = 4096 - dv; t0(x) is x / 4096 rounded toward zero.
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/Loihi2Params.h"
#include "spikec/Target/ModelTable.h"
#include "spikec/Target/PopulationKernel.h"

#include <doctest/doctest.h>

#include <initializer_list>
#include <vector>

using namespace spikec;
using namespace spikec::loihi2;

namespace {
struct Row {
  int32_t input;
  int32_t u, v;
  bool spike;
};

/// Steps one compartment from rest through `rows`, with the scalar step and
/// with the registered model's kernel, checking both.
void checkTrace(const NeuronParams &p, std::initializer_list<Row> rows) {
  std::vector<std::vector<int32_t>> values;
  for (auto &kv : toNamedValues({p}))
    values.push_back(kv.second);
  const nc::NCModel *model = nc::lookupNCModel("loihi2_lif");
  REQUIRE(model);
  REQUIRE(model->validate(ref::neuronValues(values, 0)) == "");
  auto kernel = model->makeKernel(values);
  kernel->resize(1);
  NeuronState s;
  int t = 1;
  for (const Row &r : rows) {
    INFO("step " << t++);
    CHECK(stepNeuron(p, s, r.input) == r.spike);
    CHECK(s.u == r.u);
    CHECK(s.v == r.v);
    int32_t out = 2;
    kernel->update(&r.input, &out);
    CHECK(out == int32_t(r.spike));
    CHECK(kernel->state("u")[0] == r.u);
    CHECK(kernel->state("v")[0] == r.v);
  }
}

NeuronParams params(uint16_t du, uint16_t dv, int32_t vthMant,
                    int32_t biasMant = 0, int32_t biasExp = 0) {
  NeuronParams p;
  p.base.du = du;
  p.base.dv = dv;
  p.base.vthMant = vthMant;
  p.base.biasMant = biasMant;
  p.base.biasExp = biasExp;
  return p;
}
} // namespace

TEST_CASE("loihi2: with every choice off it is loihi's compartment") {
  // Leaky current and voltage, a membrane bias, a threshold that is
  // crossed: the same u, v and spikes as loihi::stepNeuron.
  NeuronParams p = params(1023, 200, 40, 37, 2);
  loihi::NeuronState ls;
  NeuronState s;
  const int32_t inputs[] = {10, 0, -3, 70, 0, 0, 25, -40000, 5, 0, 0, 12};
  for (int32_t a : inputs) {
    INFO("input " << a);
    CHECK(stepNeuron(p, s, a) == loihi::stepNeuron(p.base, ls, a));
    CHECK(s.u == ls.u);
    CHECK(s.v == ls.v);
  }
}

TEST_CASE("loihi2: reset to zero and by subtraction") {
  // du = 4095: f_u = 0, so u = a << 6 = 192 every step; dv = 0: no leak;
  // vth = 1 << 6 = 64.
  NeuronParams zero = params(4095, 0, 1);
  checkTrace(zero, {
                       {3, 192, 0, true}, // v = 192 > 64 -> 0
                       {3, 192, 0, true},
                       {0, 0, 0, false},
                   });
  NeuronParams sub = zero;
  sub.subtractReset = true;
  checkTrace(sub, {
                      {3, 192, 128, true}, // v = 192 > 64 -> 192 - 64
                      {3, 192, 256, true}, // v = 128 + 192 = 320 -> 256
                      {0, 0, 192, true},   // v = 256 > 64 -> 192
                      {0, 0, 128, true},
                      {0, 0, 64, true},  // 128 > 64 -> 64
                      {0, 0, 64, false}, // 64 is not > 64
                  });
}

TEST_CASE("loihi2: v integrates the updated or the previous current") {
  // du = 0: f_u = 4095; dv = 0; vth out of reach. One input of 1 (64).
  NeuronParams p = params(0, 0, 131071);
  checkTrace(p, {
                    {1, 64, 64, false},  // u = 64; v = 0 + 64
                    {0, 63, 127, false}, // u = t0(64*4095) = 63; v = 64 + 63
                    {0, 62, 189, false}, // u = t0(63*4095) = 62; v = 127 + 62
                });
  p.prevCurrent = true;
  checkTrace(p, {
                    {1, 64, 0, false},   // v = 0 + old u 0; u = 64
                    {0, 63, 64, false},  // v = 0 + 64; u = 63
                    {0, 62, 127, false}, // v = 64 + 63; u = 62
                });
}

TEST_CASE("loihi2: a bias into the membrane or into the current") {
  // du = 0 (f_u = 4095), dv = 0; bias = 5 << 1 = 10; vth out of reach.
  NeuronParams p = params(0, 0, 131071, 5, 1);
  checkTrace(p, {
                    {0, 0, 10, false}, // u stays 0; v = 0 + 0 + 10
                    {0, 0, 20, false},
                });
  p.biasCurrent = true;
  checkTrace(p, {
                    {0, 10, 10, false}, // u = 0 + 10; v = 0 + 10
                    {0, 19, 29, false}, // u = t0(10*4095) = 9, + 10; v = 10 + 19
                });
  p.prevCurrent = true; // NIR's CubaLIF: v takes the current of the step before
  checkTrace(p, {
                    {0, 10, 0, false},  // v = 0 + old u 0; u = 10
                    {0, 19, 10, false}, // v = 0 + 10; u = 9 + 10
                    {0, 28, 29, false}, // v = 10 + 19; u = t0(19*4095) = 18, + 10
                });
}

TEST_CASE("loihi2: parameters by name, checked") {
  std::vector<std::string> names;
  for (llvm::StringRef n : paramNames())
    names.push_back(n.str());
  CHECK(names == std::vector<std::string>{"du", "dv", "vth_mant", "bias_mant",
                                          "bias_exp", "reset", "bias_current",
                                          "prev_current"});
  NeuronParams p;
  CHECK(fromValues({1, 2, 3, -4, 5, 1, 0, 1}, p) == "");
  CHECK(p.base.du == 1);
  CHECK(p.base.biasMant == -4);
  CHECK(p.base.refractoryDelay == 0);
  CHECK(p.subtractReset);
  CHECK(!p.biasCurrent);
  CHECK(p.prevCurrent);
  CHECK(fromValues({1, 2, 3, -4, 5, 2, 0, 1}, p) == "reset must be 0 or 1");
  CHECK(fromValues({1, 2, 3, -4, 5, 0, -1, 0}, p) ==
        "bias_current must be 0 or 1");
  // loihi's own ranges and messages.
  CHECK(fromValues({4096, 0, 3, 0, 0, 0, 0, 0}, p) ==
        "du must lie in [0, 4095]");
  CHECK(fromValues({0, 0, 3, 4096, 0, 0, 0, 0}, p) ==
        "bias mantissa must lie in [-4096, 4095]");
}
