//===- Loihi2SigmaDeltaTest.cpp - loihi2_sigma_delta against hand traces --===//
//
// Expected values worked out by hand from the step in Loihi2SigmaDelta.h
// (Lava's PySigmaDeltaModelFixed), written out in the comments. All traces
// use spike_exp 1 and state_exp 2, so vth = vth_mant * 8, bias = bias_mant
// * 8 and the payload is the sent delta >> 2 (floor).
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
  int32_t sigma, act, residue, out;
};

SigmaDeltaParams params(int32_t vthMant, int32_t biasMant, bool relu,
                        bool cumError = false, bool delta = true) {
  SigmaDeltaParams p;
  p.vthMant = vthMant;
  p.biasMant = biasMant;
  p.spikeExp = 1;
  p.stateExp = 2;
  p.relu = relu;
  p.cumError = cumError;
  p.delta = delta;
  return p;
}

/// Steps one neuron from rest through `rows`, with the scalar step and with
/// the registered model's kernel, checking both.
void checkTrace(const SigmaDeltaParams &p, std::initializer_list<Row> rows) {
  std::vector<std::vector<int32_t>> values;
  for (auto &kv : sigmaDeltaToNamedValues({p}))
    values.push_back(kv.second);
  const nc::NCModel *model = nc::lookupNCModel("loihi2_sigma_delta");
  REQUIRE(model);
  CHECK_FALSE(model->spiking);
  CHECK_FALSE(model->readout);
  REQUIRE(model->validate(ref::neuronValues(values, 0)) == "");
  auto kernel = model->makeKernel(values);
  kernel->resize(1);
  SigmaDeltaState s;
  int t = 1;
  for (const Row &r : rows) {
    INFO("step " << t++);
    CHECK(stepNeuron(p, s, r.input) == r.out);
    CHECK(s.sigma == r.sigma);
    CHECK(s.act == r.act);
    CHECK(s.residue == r.residue);
    int32_t out = 12345;
    kernel->update(&r.input, &out);
    CHECK(out == r.out);
    CHECK(kernel->state("sigma")[0] == r.sigma);
    CHECK(kernel->state("act")[0] == r.act);
    CHECK(kernel->state("residue")[0] == r.residue);
  }
}
} // namespace

TEST_CASE("loihi2_sigma_delta: ReLU, threshold, residue and signed payloads") {
  // vth = 16, bias = 8.
  checkTrace(params(2, 1, /*relu=*/true),
             {
                 // sigma 0, act max(0, 0 + 8) = 8, delta 8 < 16: residue 8.
                 {0, 0, 8, 8, 0},
                 // sigma 20, act 28, delta 28 - 8 + 8 = 28: sent, 28 >> 2.
                 {20, 20, 28, 0, 7},
                 // sigma -30, act max(0, -22) = 0, delta -28: sent,
                 // floor(-28 / 4) = -7.
                 {-50, -30, 0, 0, -7},
                 // sigma -25, act 0, delta 0.
                 {5, -25, 0, 0, 0},
                 // sigma 15, act 23, delta 23: sent, 23 >> 2 = 5 (the 3
                 // below the payload's bit are lost, as in Lava).
                 {40, 15, 23, 0, 5},
                 // sigma 12, act 20, delta -3: kept as residue.
                 {-3, 12, 20, -3, 0},
                 // sigma 2, act 10, delta 10 - 20 - 3 = -13: residue.
                 {-10, 2, 10, -13, 0},
                 // sigma 1, act 9, delta 9 - 10 - 13 = -14: residue.
                 {-1, 1, 9, -14, 0},
                 // sigma -2, act 6, delta 6 - 9 - 14 = -17: sent,
                 // floor(-17 / 4) = -5.
                 {-3, -2, 6, 0, -5},
             });
}

TEST_CASE("loihi2_sigma_delta: UNIT with vth 0 is netx's input Delta") {
  // vth = 0, bias = -8: every delta is sent (a zero one as 0).
  checkTrace(params(0, -1, /*relu=*/false),
             {
                 // act 0 - 8 = -8 (no ReLU), delta -8: floor(-8 / 4) = -2.
                 {0, 0, -8, 0, -2},
                 // sigma 3, act -5, delta 3: sent, 3 >> 2 = 0.
                 {3, 3, -5, 0, 0},
                 // act -5 again, delta 0.
                 {0, 3, -5, 0, 0},
             });
}

TEST_CASE("loihi2_sigma_delta: cum_error fires on the accumulated error") {
  // vth = 16, bias 0. Without cum_error, step 2's delta 10 < 16 stays.
  checkTrace(params(2, 0, /*relu=*/true, /*cumError=*/true),
             {
                 // act 10, delta 10, error 10 < 16: residue 10.
                 {10, 10, 10, 10, 0},
                 // delta 0 + 10 = 10, error 20 >= 16: the delta 10 is
                 // sent (10 >> 2 = 2), error reset to 0.
                 {0, 10, 10, 0, 2},
                 // delta 0, error 0.
                 {0, 10, 10, 0, 0},
                 // act 30, delta 20, error 20: sent, 20 >> 2 = 5.
                 {20, 30, 30, 0, 5},
             });
  checkTrace(params(2, 0, /*relu=*/true),
             {{10, 10, 10, 10, 0}, {0, 10, 10, 10, 0}});
}

TEST_CASE("loihi2_sigma_delta: Sigma (delta 0) sends sigma itself") {
  SigmaDeltaParams p = params(0, 0, /*relu=*/false, false, /*delta=*/false);
  // out = sigma: 5, 5 - 7 = -2, -2 + 100 = 98; nothing else moves.
  checkTrace(p, {{5, 5, 0, 0, 5}, {-7, -2, 0, 0, -2}, {100, 98, 0, 0, 98}});
}

TEST_CASE("loihi2_sigma_delta: parameter ranges") {
  auto why = [](SigmaDeltaParams p) {
    std::vector<int64_t> v;
    for (auto &kv : sigmaDeltaToNamedValues({p}))
      v.push_back(kv.second[0]);
    SigmaDeltaParams out;
    return sigmaDeltaFromValues(v, out);
  };
  CHECK(why(params(2, 1, true)) == "");
  CHECK(why(params(-1, 0, true)) == "vth_mant -1 is outside [0, 2147483647]");
  SigmaDeltaParams p = params(0, 2047, true);
  p.spikeExp = 6;
  p.stateExp = 6;
  // 2047 * 2^12 = 8384512 <= 2^23 - 1; 2048 * 2^12 = 2^23 does not fit.
  CHECK(why(p) == "");
  p.biasMant = 2048;
  CHECK(why(p) == "bias_mant 2048 * 2^12 does not fit the 24-bit state");
  p = params(0, 0, true);
  p.stateExp = 8;
  CHECK(why(p) == "state_exp 8 is outside [0, 7]");
  CHECK(why(params(0, 0, /*relu=*/true, false, /*delta=*/false)) ==
        "a sigma neuron (delta 0) has no vth_mant, bias_mant, relu or "
        "cum_error: they must be 0");
}

TEST_CASE("loihi2_sigma_delta: rest state") {
  const nc::NCModel *model = nc::lookupNCModel("loihi2_sigma_delta");
  REQUIRE(model);
  // ReLU with a positive bias fires at once; with a negative one it rests.
  for (auto [bias, rest] : {std::pair{1, false}, std::pair{-1, true}}) {
    std::vector<std::vector<int32_t>> values;
    for (auto &kv : sigmaDeltaToNamedValues({params(2, bias, true)}))
      values.push_back(kv.second);
    auto kernel = model->makeKernel(values);
    kernel->resize(1);
    REQUIRE(kernel->hasRestState());
    CHECK(kernel->atRest(0) == rest);
  }
}
