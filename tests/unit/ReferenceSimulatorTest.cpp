//===- ReferenceSimulatorTest.cpp - neurons, timing, encoders, errors -----===//
//
// The float reference simulator against numbers computed independently of
// it: closed forms of the forward-Euler recurrences of DESIGN.md section 3,
// or hand traces written out step by step in the comments. Parameters are
// f32 values promoted to double, so closed forms that depend on a rounded
// factor (0.9, 0.1, ...) use the f32 value, (double)0.9f.
//
//
// Longer than 600 lines: a closed form or hand trace per neuron model,
// timing rule and encoder, sharing one parse-and-simulate fixture.
//===----------------------------------------------------------------------===//

#include "spikec/Passes/Passes.h"
#include "spikec/Reference/Simulator.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "TestContext.h"
#include "TestIR.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <map>

using namespace mlir;
using namespace spikec;
using spikec::ref::InputRows;
using spikec::ref::Rows;
using spikec::ref::SimOptions;
using spikec::ref::Trace;
using spikec::test::hexBlob;

namespace {

/// The resource section for this file's blobs (f32 weights or i32 tables).
std::string resources(const std::map<std::string, std::vector<float>> &blobs) {
  return test::resourcesOf(blobs);
}

/// Parses a network (optionally running snn-discretize) and simulates it,
/// collecting diagnostics instead of printing them.
struct Fixture : test::DiagnosedContext<snn::SNNDialect> {
  OwningOpRef<ModuleOp> module;

  snn::NetworkOp load(const std::string &text, double dt = 0) {
    module = parseSourceString<ModuleOp>(text, &ctx);
    INFO("diagnostics: " << joined());
    REQUIRE(module);
    if (dt > 0) {
      PassManager pm(&ctx);
      pm.addNestedPass<snn::NetworkOp>(createDiscretize(DiscretizeOptions{dt}));
      REQUIRE(succeeded(pm.run(*module)));
    }
    return *module->getOps<snn::NetworkOp>().begin();
  }

  FailureOr<Trace> run(snn::NetworkOp net, const InputRows &inputs,
                       int64_t T, snn::Sync sync = snn::Sync::Layer,
                       std::vector<std::string> probes = {}) {
    SimOptions opts;
    opts.sync = sync;
    opts.timesteps = T;
    opts.probes = std::move(probes);
    return ref::simulate(net, inputs, opts);
  }

  /// Whether a diagnostic says `needle` (one line of text).
  bool saw(const std::string &needle) const {
    return diags.find(needle) != std::string::npos;
  }
};

Rows constantRows(int64_t T, std::vector<double> row) {
  return Rows(T, std::move(row));
}

/// Column `i` of `rows`.
std::vector<double> column(const Rows &rows, size_t i) {
  std::vector<double> out;
  for (const auto &r : rows)
    out.push_back(r.at(i));
  return out;
}

/// Steps (0-based) at which column `i` is nonzero.
std::vector<int64_t> spikeSteps(const Rows &rows, size_t i = 0) {
  std::vector<int64_t> out;
  for (size_t t = 0; t < rows.size(); ++t)
    if (rows[t].at(i) != 0)
      out.push_back(t);
  return out;
}

void checkClose(const std::vector<double> &got,
                const std::vector<double> &want, double tol) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("element " << i << ": got " << got[i] << ", want " << want[i]);
    CHECK(std::fabs(got[i] - want[i]) <= tol);
  }
}

std::vector<double> head(std::vector<double> v, size_t n) {
  v.resize(n);
  return v;
}

/// A one-op network `%s = snn.<op> %x {attrs}` on a vector of `n`.
std::string population(const std::string &op, const std::string &attrs,
                       int n = 1) {
  std::string ty = "tensor<" + std::to_string(n) + "xf32>";
  return "snn.network @n {\n  %x = snn.input \"x\" : " + ty +
         "\n  %s = snn." + op + " %x {" + attrs + "} : " + ty +
         " loc(\"p\")\n  snn.output %s as \"y\" : " + ty + "\n}\n";
}

} // namespace

//===----------------------------------------------------------------------===//
// Populations
//===----------------------------------------------------------------------===//

TEST_CASE("Reference LI with constant input follows the closed form") {
  // tau dv/dt = v_leak - v + r x under forward Euler is
  // v_n = v_inf + (v0 - v_inf)(1 - dt/tau)^n with v_inf = v_leak + r x and
  // v0 = 0; row t holds v after step t, i.e. n = t + 1.
  Fixture f;
  auto net = f.load(population("li", "tau = 1.0e-2 : f32, r = 2.0 : f32, "
                                     "v_leak = 0.5 : f32"),
                    1e-3);
  const double x = 1.5, vInf = 0.5 + 2.0 * x, decay = 1.0 - 1e-3 / 1e-2;
  auto trace = f.run(net, {{"x", constantRows(60, {x})}}, 60,
                     snn::Sync::Layer, {"p:v"});
  REQUIRE(succeeded(trace));
  std::vector<double> want;
  for (int n = 1; n <= 60; ++n)
    want.push_back(vInf + (0.0 - vInf) * std::pow(decay, n));
  // f32 factors (0.9f, 0.2f, 0.05f) move the result by ~1e-6 at most.
  checkClose(column(trace->outputs["y"], 0), want, 1e-5);
  checkClose(column(trace->probes["p:v"], 0), want, 1e-5);
}

TEST_CASE("Reference integrator ramps linearly") {
  // dv/dt = r x, gain = dt r = 1e-3 * 250 = 0.25: v_n = 0.25 * sum of x.
  Fixture f;
  auto net = f.load(population("integrator", "r = 250.0 : f32"), 1e-3);
  Rows rows;
  for (int t = 0; t < 10; ++t)
    rows.push_back({t < 5 ? 2.0 : -1.0});
  auto trace = f.run(net, {{"x", rows}}, 10);
  REQUIRE(succeeded(trace));
  // Ramp up by 0.5 per step for 5 steps, then down by 0.25 per step.
  std::vector<double> want{0.5, 1.0, 1.5, 2.0, 2.5, 2.25, 2.0, 1.75, 1.5, 1.25};
  checkClose(column(trace->outputs["y"], 0), want, 1e-12);
}

namespace {
/// The closed-form spike train of a LIF neuron with constant drive: between
/// spikes v_k = v_inf + (rho - v_inf) beta^k from the post-reset value rho,
/// so the next spike comes after the smallest k with
/// beta^k < (v_inf - theta) / (v_inf - rho). Returns the 0-based steps.
std::vector<int64_t> lifClosedForm(double beta, double vInf, double theta,
                                   bool subtract, int64_t T) {
  std::vector<int64_t> steps;
  double rho = 0;
  int64_t t = -1; // the step of the last reset
  while (true) {
    double ratio = (vInf - theta) / (vInf - rho);
    int64_t k = static_cast<int64_t>(std::floor(std::log(ratio) /
                                                std::log(beta))) + 1;
    // Guard against a decision that rounding could flip.
    double vk = vInf + (rho - vInf) * std::pow(beta, k);
    double vk1 = vInf + (rho - vInf) * std::pow(beta, k - 1);
    REQUIRE(vk - theta > 1e-6);
    REQUIRE(theta - vk1 > 1e-6);
    t += k;
    if (t >= T)
      return steps;
    steps.push_back(t);
    rho = subtract ? vk - theta : 0.0;
  }
}
} // namespace

TEST_CASE("Reference LIF spike times match the closed form") {
  // tau = 10 ms, dt = 1 ms: beta = 0.9f, gain = 0.1f; x = 2.5 gives
  // v_inf = 0.1 * 2.5 / (1 - 0.9) = 2.5 > theta = 1. With reset to 0 the
  // period is the first k with 2.5 (1 - 0.9^k) > 1, k = 5: spikes at
  // 4, 9, 14, ...; subtract-reset keeps the residue (see lifClosedForm).
  const double beta = 0.9f, gain = 0.1f, x = 2.5;
  const double vInf = gain * x / (1 - beta);
  const int64_t T = 80;
  for (bool subtract : {false, true}) {
    CAPTURE(subtract);
    Fixture f;
    std::string attrs = "tau = 1.0e-2 : f32, r = 1.0 : f32, "
                        "v_threshold = 1.0 : f32";
    if (subtract)
      attrs += ", reset = #snn<reset subtract>";
    auto net = f.load(population("lif", attrs), 1e-3);
    auto trace = f.run(net, {{"x", constantRows(T, {x})}}, T);
    REQUIRE(succeeded(trace));
    auto want = lifClosedForm(beta, vInf, 1.0, subtract, T);
    if (!subtract)
      CHECK(want == std::vector<int64_t>{4, 9, 14, 19, 24, 29, 34, 39, 44,
                                         49, 54, 59, 64, 69, 74, 79});
    CHECK(spikeSteps(trace->outputs["y"]) == want);
  }
}

TEST_CASE("Reference LIF timing pre (snnTorch) versus post") {
  // snnTorch Leaky, beta = 0.5, x = 0.6, threshold 1, subtract reset:
  //   spk = mem > 1; mem = 0.5 mem + 0.6 - spk.
  // pre:  mem 0.6, 0.9, 1.05, (spk) 0.525+0.6-1 = 0.125, 0.6625, 0.93125,
  //       1.065625, (spk) 0.1328125            -> spikes at 3 and 7.
  // post: v 0.6, 0.9, 1.05 -> spike, 0.05; 0.625, 0.9125, 1.05625 -> spike,
  //       0.05625; 0.628125                     -> spikes at 2 and 5.
  const char *attrs = "decay = 0.5 : f32, gain = 1.0 : f32, "
                      "v_threshold = 1.0 : f32, reset = #snn<reset subtract>";
  Fixture pre, post;
  auto netPre = pre.load(population(
      "lif", std::string(attrs) + ", timing = #snn<timing pre>"));
  auto netPost = post.load(population("lif", attrs));
  auto tPre = pre.run(netPre, {{"x", constantRows(8, {0.6})}}, 8,
                      snn::Sync::Layer, {"p:v"});
  auto tPost = post.run(netPost, {{"x", constantRows(8, {0.6})}}, 8,
                        snn::Sync::Layer, {"p:v"});
  REQUIRE(succeeded(tPre));
  REQUIRE(succeeded(tPost));
  CHECK(spikeSteps(tPre->outputs["y"]) == std::vector<int64_t>{3, 7});
  CHECK(spikeSteps(tPost->outputs["y"]) == std::vector<int64_t>{2, 5});
  checkClose(column(tPre->probes["p:v"], 0),
             {0.6, 0.9, 1.05, 0.125, 0.6625, 0.93125, 1.065625, 0.1328125},
             1e-12);
  checkClose(column(tPost->probes["p:v"], 0),
             {0.6, 0.9, 0.05, 0.625, 0.9125, 0.05625, 0.628125, 0.9140625},
             1e-12);
}

TEST_CASE("Reference LIF refractory period holds the membrane") {
  // decay 1, gain 1, x = 0.7, theta = 1, refractory = 2.
  // to_v_reset: 0.7, 1.4 spike -> 0, held 0, 0, 0.7, 1.4 spike, 0, 0, 0.7,
  //   1.4 spike: spikes at 1, 5, 9.
  // subtract: 0.7, 1.4 spike -> 0.4, held 0.4, 0.4, 1.1 spike -> 0.1, held
  //   0.1, 0.1, 0.8, 1.5 spike -> 0.5, held, held, 1.2 spike: 1, 4, 8, 11.
  // Without refractory (to_v_reset): 0.7, 1.4 spike, ... every 2 steps.
  struct Case {
    std::string attrs;
    std::vector<int64_t> spikes;
    std::vector<double> v;
  };
  std::string base = "decay = 1.0 : f32, gain = 1.0 : f32, "
                     "v_threshold = 1.0 : f32";
  std::vector<Case> cases{
      {base + ", refractory = 2", {1, 5, 9},
       {0.7, 0, 0, 0, 0.7, 0, 0, 0, 0.7, 0, 0, 0}},
      {base + ", refractory = 2, reset = #snn<reset subtract>", {1, 4, 8, 11},
       {0.7, 0.4, 0.4, 0.4, 0.1, 0.1, 0.1, 0.8, 0.5, 0.5, 0.5, 0.2}},
      {base, {1, 3, 5, 7, 9, 11}, {0.7, 0, 0.7, 0, 0.7, 0, 0.7, 0, 0.7, 0, 0.7, 0}},
  };
  for (const Case &c : cases) {
    CAPTURE(c.attrs);
    Fixture f;
    auto net = f.load(population("lif", c.attrs));
    auto trace = f.run(net, {{"x", constantRows(12, {0.7})}}, 12,
                       snn::Sync::Layer, {"p:v"});
    REQUIRE(succeeded(trace));
    CHECK(spikeSteps(trace->outputs["y"]) == c.spikes);
    checkClose(column(trace->probes["p:v"], 0), c.v, 1e-12);
  }
}

TEST_CASE("Reference IF fires on strictly exceeding the threshold") {
  // gain 0.25, x = 1: v = 0.25, 0.5, 0.75, 1.0 (not > 1), 1.25 spike.
  // to_v_reset: period 5 -> 4, 9, 14. subtract: 1.25 - 1 = 0.25 remains,
  // then 0.5, 0.75, 1.0, 1.25 -> period 4 -> 4, 8, 12.
  Fixture a, b;
  auto netA = a.load(population("if", "gain = 0.25 : f32, v_threshold = 1.0 : f32"));
  auto netB = b.load(population(
      "if", "gain = 0.25 : f32, v_threshold = 1.0 : f32, "
            "reset = #snn<reset subtract>"));
  auto tA = a.run(netA, {{"x", constantRows(15, {1.0})}}, 15);
  auto tB = b.run(netB, {{"x", constantRows(15, {1.0})}}, 15);
  REQUIRE(succeeded(tA));
  REQUIRE(succeeded(tB));
  CHECK(spikeSteps(tA->outputs["y"]) == std::vector<int64_t>{4, 9, 14});
  CHECK(spikeSteps(tB->outputs["y"]) == std::vector<int64_t>{4, 8, 12});
}

TEST_CASE("Reference CubaLI and CubaLIF: the membrane lags the current") {
  // tau_syn = tau = 2 ms, dt = 1 ms, w_in = r = 2: syn_decay = decay = 0.5,
  // syn_gain = gain = 1. With x = 1:
  //   I' = 0.5 I + x:       1, 1.5, 1.75, 1.875
  //   v' = 0.5 v + I(old):  0, 1,   2,    2.75
  Fixture f;
  auto net = f.load(population("cuba_li",
                               "tau_syn = 2.0e-3 : f32, tau = 2.0e-3 : f32, "
                               "w_in = 2.0 : f32, r = 2.0 : f32"),
                    1e-3);
  auto trace = f.run(net, {{"x", constantRows(4, {1.0})}}, 4,
                     snn::Sync::Layer, {"p:i", "p:v"});
  REQUIRE(succeeded(trace));
  // tau_syn and tau are f32 (2e-3 is 2.0000001e-3), so the discrete factors
  // are off by an f32 ulp: 1e-6 absorbs that.
  checkClose(column(trace->probes["p:i"], 0), {1, 1.5, 1.75, 1.875}, 1e-6);
  checkClose(column(trace->probes["p:v"], 0), {0, 1, 2, 2.75}, 1e-6);
  checkClose(column(trace->outputs["y"], 0), {0, 1, 2, 2.75}, 1e-6);

  // CubaLIF, same factors in per-step form, threshold 1.5, reset to 0:
  //   step 0: I 1,    v 0
  //   step 1: I 1.5,  v 1
  //   step 2: I 1.75, v 0.5 + 1.5 = 2 > 1.5 -> spike, v 0
  //   step 3: I 1.875, v 0 + 1.75 > 1.5 -> spike, v 0
  Fixture g;
  auto net2 = g.load(population(
      "cuba_lif", "syn_decay = 0.5 : f32, syn_gain = 1.0 : f32, "
                  "decay = 0.5 : f32, gain = 1.0 : f32, v_threshold = 1.5 : f32"));
  auto t2 = g.run(net2, {{"x", constantRows(4, {1.0})}}, 4, snn::Sync::Layer,
                  {"p:i", "p:v"});
  REQUIRE(succeeded(t2));
  checkClose(column(t2->probes["p:i"], 0), {1, 1.5, 1.75, 1.875}, 1e-12);
  checkClose(column(t2->probes["p:v"], 0), {0, 1, 0, 0}, 1e-12);
  CHECK(spikeSteps(t2->outputs["y"]) == std::vector<int64_t>{2, 3});
}

TEST_CASE("Reference ALIF threshold grows with each spike") {
  // decay 1, gain 1, x = 0.6, theta0 = 1, adapt = 0.5, adapt_decay = 0.5;
  // theta = 1 + 0.5 a(prev), a' = 0.5 a + s. Reset to 0:
  //   t0: theta 1,       v 0.6,              a 0
  //   t1: theta 1,       v 1.2 spike -> 0,   a 1
  //   t2: theta 1.5,     v 0.6,              a 0.5
  //   t3: theta 1.25,    v 1.2 (no),         a 0.25
  //   t4: theta 1.125,   v 1.8 spike -> 0,   a 1.125
  //   t5: theta 1.5625,  v 0.6,              a 0.5625
  //   t6: theta 1.28125, v 1.2 (no),         a 0.28125
  //   t7: theta 1.140625,v 1.8 spike,        a 1.140625
  std::string base = "decay = 1.0 : f32, gain = 1.0 : f32, "
                     "adapt_decay = 0.5 : f32, adapt = 0.5 : f32, "
                     "v_threshold = 1.0 : f32";
  Fixture f;
  auto net = f.load(population("alif", base));
  auto trace = f.run(net, {{"x", constantRows(8, {0.6})}}, 8,
                     snn::Sync::Layer, {"p:a", "p:v"});
  REQUIRE(succeeded(trace));
  CHECK(spikeSteps(trace->outputs["y"]) == std::vector<int64_t>{1, 4, 7});
  checkClose(column(trace->probes["p:a"], 0),
             {0, 1, 0.5, 0.25, 1.125, 0.5625, 0.28125, 1.140625}, 1e-12);

  // Subtract-reset removes the effective threshold:
  //   t0 v 0.6; t1 1.2 > 1 -> 0.2, a 1; t2 theta 1.5, v 0.8, a 0.5;
  //   t3 theta 1.25, v 1.4 -> 0.15, a 1.25; t4 theta 1.625, v 0.75.
  Fixture g;
  auto net2 = g.load(population("alif", base + ", reset = #snn<reset subtract>"));
  auto t2 = g.run(net2, {{"x", constantRows(5, {0.6})}}, 5, snn::Sync::Layer,
                  {"p:v"});
  REQUIRE(succeeded(t2));
  CHECK(spikeSteps(t2->outputs["y"]) == std::vector<int64_t>{1, 3});
  checkClose(column(t2->probes["p:v"], 0), {0.6, 0.2, 0.8, 0.15, 0.75}, 1e-12);
}

TEST_CASE("Reference Izhikevich first steps by hand") {
  // a 0.02, b 0.2, c -65, d 8, r 1, h = dt / time_scale = 1. Start v = -65,
  // u = b c = -13; both updates from the previous v, u:
  //   v' = v + 0.04 v^2 + 5 v + 140 - u + x,  u' = u + a (b v - u).
  // Neuron 0, x = 10:
  //   1: v = -65 + (169 - 325 + 140 + 13 + 10) = -58,   u = -13 + 0 = -13
  //   2: v = -58 + (134.56 - 290 + 140 + 13 + 10) = -50.44,
  //      u = -13 + 0.02 (-11.6 + 13) = -12.972
  //   3: v = -50.44 + (101.767744 - 252.2 + 140 + 12.972 + 10) = -37.900256,
  //      u = -12.972 + 0.02 (-10.088 + 12.972) = -12.91432
  // Neuron 1, x = 1000:
  //   1: v = -65 + 997 = 932 >= 30: spike, v = -65, u = -13 + 0 + 8 = -5
  //   2: v = -65 + (169 - 325 + 140 + 5 + 1000) = 924: spike, v = -65,
  //      u = -5 + 0.02 (-13 + 5) + 8 = 2.84
  Fixture f;
  auto net = f.load(population("izhikevich",
                               "a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32, "
                               "d = 8.0 : f32",
                               2),
                    1e-3);
  auto trace = f.run(net, {{"x", constantRows(3, {10.0, 1000.0})}}, 3,
                     snn::Sync::Layer, {"p:v", "p:u"});
  REQUIRE(succeeded(trace));
  // f32 a, b are off by ~1e-9 relative; the hand values are exact decimals.
  checkClose(column(trace->probes["p:v"], 0), {-58, -50.44, -37.900256}, 1e-4);
  checkClose(column(trace->probes["p:u"], 0), {-13, -12.972, -12.91432}, 1e-4);
  checkClose(head(column(trace->probes["p:v"], 1), 2), {-65, -65}, 1e-9);
  checkClose(head(column(trace->probes["p:u"], 1), 2), {-5, 2.84}, 1e-4);
  CHECK(spikeSteps(trace->outputs["y"], 0).empty());
  CHECK(spikeSteps(trace->outputs["y"], 1) == std::vector<int64_t>{0, 1, 2});
}

TEST_CASE("Reference delay holds whole steps") {
  // y(t) = x(t - 3): x row t = [t + 1, 10 (t + 1)], so y row t = row t - 3
  // for t >= 3 and zeros before. `delay = 3 ms` at dt = 1 ms is 3 steps.
  auto input = [](int64_t T) {
    Rows rows;
    for (int64_t t = 0; t < T; ++t)
      rows.push_back({double(t + 1), 10.0 * (t + 1)});
    return rows;
  };
  auto shifted = [](int64_t T, int64_t d0, int64_t d1) {
    Rows rows;
    for (int64_t t = 0; t < T; ++t)
      rows.push_back({t >= d0 ? double(t - d0 + 1) : 0.0,
                      t >= d1 ? 10.0 * (t - d1 + 1) : 0.0});
    return rows;
  };
  {
    Fixture f;
    auto net = f.load(population("delay", "delay = 3.0e-3 : f32", 2), 1e-3);
    auto trace = f.run(net, {{"x", input(8)}}, 8);
    REQUIRE(succeeded(trace));
    CHECK(trace->outputs["y"] == shifted(8, 3, 3));
    // Hardware timing adds the input edge's step: 4 in all.
    auto hw = f.run(net, {{"x", input(8)}}, 8, snn::Sync::Hardware);
    REQUIRE(succeeded(hw));
    CHECK(hw->outputs["y"] == shifted(8, 4, 4));
  }
  {
    // Per-element steps 0 and 2: element 0 passes straight through.
    Fixture f;
    auto net = f.load(population("delay", "steps = array<i64: 0, 2>", 2));
    auto trace = f.run(net, {{"x", input(6)}}, 6);
    REQUIRE(succeeded(trace));
    CHECK(trace->outputs["y"] == shifted(6, 0, 2));
  }
  {
    // Per-element steps 1 and 4.
    Fixture f;
    auto net = f.load(population("delay", "steps = array<i64: 1, 4>", 2));
    auto trace = f.run(net, {{"x", input(7)}}, 7);
    REQUIRE(succeeded(trace));
    CHECK(trace->outputs["y"] == shifted(7, 1, 4));
  }
}

//===----------------------------------------------------------------------===//
// Encoders
//===----------------------------------------------------------------------===//

namespace {
/// splitmix64 as published (Steele, Lea, Flood 2014), written out here
/// independently of the simulator.
uint64_t testMix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
double testUniform(uint64_t seed, uint64_t step, uint64_t index) {
  return double(testMix(testMix(testMix(seed) ^ step) ^ index) >> 11) /
         9007199254740992.0; // 2^53
}
} // namespace

TEST_CASE("Reference direct encoder scales the input") {
  // y = gain x with gain 2.
  Fixture f;
  auto net = f.load(population("encode_direct", "gain = 2.0 : f64", 3));
  auto trace = f.run(net, {{"x", {{1, -2, 0.5}, {0, 3, 4}}}}, 2);
  REQUIRE(succeeded(trace));
  CHECK(trace->outputs["y"] == Rows{{2, -4, 1}, {0, 6, 8}});
}

TEST_CASE("Reference rate encoder draws splitmix64 Bernoulli spikes") {
  // Element i spikes at step t iff u(seed, t, i) < clamp(gain x, 0, 1), u
  // the documented splitmix64 chain (testUniform above). x = 0 never
  // spikes, gain x >= 1 always does, and the mean rate approaches p.
  CHECK(ref::counterUniform(7, 3, 11) == testUniform(7, 3, 11));
  CHECK(ref::counterUniform(0, 0, 0) == testUniform(0, 0, 0));
  Fixture f;
  auto net = f.load(population("encode_rate", "gain = 0.5 : f64, seed = 7", 4));
  const int64_t T = 4000;
  std::vector<double> x{0.0, 0.4, 1.0, 3.0}; // p = 0, 0.2, 0.5, 1
  auto trace = f.run(net, {{"x", constantRows(T, x)}}, T);
  REQUIRE(succeeded(trace));
  const Rows &y = trace->outputs["y"];
  int64_t mismatches = 0;
  std::vector<double> count(4, 0);
  for (int64_t t = 0; t < T; ++t)
    for (int i = 0; i < 4; ++i) {
      double p = std::min(1.0, std::max(0.0, 0.5 * x[i]));
      double want = testUniform(7, t, i) < p ? 1.0 : 0.0;
      mismatches += y[t][i] != want;
      count[i] += y[t][i];
    }
  CHECK(mismatches == 0);
  CHECK(count[0] == 0);
  CHECK(count[3] == T);
  // Binomial: 4 standard deviations.
  CHECK(std::fabs(count[1] / T - 0.2) < 4 * std::sqrt(0.2 * 0.8 / T));
  CHECK(std::fabs(count[2] / T - 0.5) < 4 * std::sqrt(0.25 / T));
}

TEST_CASE("Reference latency encoder spikes once per window") {
  // window 5: offset round((1 - x) * 4) when x > 0.01:
  //   x = 1 -> 0, x = 0.5 -> 2, x = 0 -> silent, x = 0.26 -> round(2.96) = 3;
  // the pattern repeats every 5 steps.
  Fixture f;
  auto net = f.load(population("encode_latency",
                               "window = 5, threshold = 1.0e-2 : f64", 4));
  auto trace = f.run(net, {{"x", constantRows(10, {1.0, 0.5, 0.0, 0.26})}}, 10);
  REQUIRE(succeeded(trace));
  const Rows &y = trace->outputs["y"];
  CHECK(spikeSteps(y, 0) == std::vector<int64_t>{0, 5});
  CHECK(spikeSteps(y, 1) == std::vector<int64_t>{2, 7});
  CHECK(spikeSteps(y, 2).empty());
  CHECK(spikeSteps(y, 3) == std::vector<int64_t>{3, 8});
}

TEST_CASE("Reference delta encoder") {
  // threshold 0.5, reference r from 0, x = 0.2, 0.6, 0.7, 1.2, 0.6, 0.0:
  //   0.2: 0 | 0.6 - 0 >= 0.5: +1, r 0.6 | 0.7: 0 | 1.2 - 0.6: +1, r 1.2 |
  //   0.6: r - x = 0.6 -> -1 (off) else 0 | 0.0: -1 (r 0.6 -> 0) else 0.
  Rows x{{0.2}, {0.6}, {0.7}, {1.2}, {0.6}, {0.0}};
  Fixture on, both;
  auto netOn = on.load(population("encode_delta", "threshold = 0.5 : f64"));
  auto netBoth = both.load(
      population("encode_delta", "threshold = 0.5 : f64, off_spikes = true"));
  auto tOn = on.run(netOn, {{"x", x}}, 6);
  auto tBoth = both.run(netBoth, {{"x", x}}, 6);
  REQUIRE(succeeded(tOn));
  REQUIRE(succeeded(tBoth));
  CHECK(column(tOn->outputs["y"], 0) == std::vector<double>{0, 1, 0, 1, 0, 0});
  CHECK(column(tBoth->outputs["y"], 0) ==
        std::vector<double>{0, 1, 0, 1, -1, -1});
}

//===----------------------------------------------------------------------===//
// Timing conventions
//===----------------------------------------------------------------------===//

TEST_CASE("Reference layer versus hardware timing on a 2-layer chain") {
  // x -> linear -> lif -> linear -> lif -> y, all weights 1, lif with
  // decay 0 and threshold 0.5 (fires exactly when its input is 1).
  // An impulse at step 0: in layer timing every edge delivers in the same
  // step, so y fires at 0. In hardware timing every edge out of an input or
  // a population is one step late, except into an output: x->linear and
  // lif1->linear are on the path, so layer 1 fires at 1, layer 2 at 2 and y
  // shows it at 2 (depth 2, two steps).
  std::string text = R"(
snn.network @chain {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.linear %x {weight = dense_resource<w1> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s1 = snn.lif %a {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.5 : f32} : tensor<1xf32> loc("l1")
  %b = snn.linear %s1 {weight = dense_resource<w2> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s2 = snn.lif %b {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.5 : f32} : tensor<1xf32> loc("l2")
  snn.output %s2 as "y" : tensor<1xf32>
}
)" + resources({{"w1", {1.0f}}, {"w2", {1.0f}}});
  Fixture f;
  auto net = f.load(text);
  Rows x(6, {0.0});
  x[0] = {1.0};
  auto layer = f.run(net, {{"x", x}}, 6, snn::Sync::Layer, {"l1:out", "l2:out"});
  auto hw = f.run(net, {{"x", x}}, 6, snn::Sync::Hardware, {"l1:out", "l2:out"});
  REQUIRE(succeeded(layer));
  REQUIRE(succeeded(hw));
  CHECK(spikeSteps(layer->outputs["y"]) == std::vector<int64_t>{0});
  CHECK(spikeSteps(layer->probes["l1:out"]) == std::vector<int64_t>{0});
  CHECK(spikeSteps(hw->probes["l1:out"]) == std::vector<int64_t>{1});
  CHECK(spikeSteps(hw->probes["l2:out"]) == std::vector<int64_t>{2});
  CHECK(spikeSteps(hw->outputs["y"]) == std::vector<int64_t>{2});
}

TEST_CASE("Reference recurrent edge delivers one step late") {
  // Two neurons (decay 0, threshold 0.5); the recurrent linear maps neuron
  // 0's spike onto neuron 1 (weight [[0, 0], [1, 0]]). Impulse on neuron 0
  // at step 0.
  // layer: n0 fires at 0; the back edge linear -> add is one step late, so
  //   n1 fires at 1; y shows both at once (0 and 1).
  // hardware: x -> add late: n0 at 1; lif -> linear late: n1 at 2; the
  //   output reads them in the same step. Either way n1 follows n0 by
  //   exactly one step.
  std::string text = R"(
snn.network @rec {
  %x = snn.input "x" : tensor<2xf32>
  %sum = snn.add %x, %r : tensor<2xf32>
  %s = snn.lif %sum {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.5 : f32} : tensor<2xf32> loc("pop")
  %r = snn.linear %s {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
)" + resources({{"w", {0.0f, 0.0f, 1.0f, 0.0f}}});
  Fixture f;
  auto net = f.load(text);
  Rows x(6, {0.0, 0.0});
  x[0] = {1.0, 0.0};
  auto layer = f.run(net, {{"x", x}}, 6, snn::Sync::Layer, {"pop:out"});
  auto hw = f.run(net, {{"x", x}}, 6, snn::Sync::Hardware, {"pop:out"});
  REQUIRE(succeeded(layer));
  REQUIRE(succeeded(hw));
  CHECK(spikeSteps(layer->outputs["y"], 0) == std::vector<int64_t>{0});
  CHECK(spikeSteps(layer->outputs["y"], 1) == std::vector<int64_t>{1});
  CHECK(spikeSteps(hw->probes["pop:out"], 0) == std::vector<int64_t>{1});
  CHECK(spikeSteps(hw->probes["pop:out"], 1) == std::vector<int64_t>{2});
  CHECK(spikeSteps(hw->outputs["y"], 0) == std::vector<int64_t>{1});
  CHECK(spikeSteps(hw->outputs["y"], 1) == std::vector<int64_t>{2});
  // Counters: 1 synaptic event (one spike through one stored synapse),
  // 2 neurons x 6 steps of updates, 2 spikes.
  CHECK(layer->stats.synapticEvents == 1);
  CHECK(layer->stats.neuronUpdates == 12);
  CHECK(layer->stats.spikes == 2);
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

namespace {
const char *kErrNet = R"(
snn.network @e {
  %x = snn.input "x" : tensor<3xf32>
  %s = snn.lif %x {decay = 0.5 : f32, v_threshold = 1.0 : f32} : tensor<3xf32> loc("l1")
  snn.output %s as "y" : tensor<3xf32>
}
)";
} // namespace

TEST_CASE("Reference errors: inputs") {
  // Each malformed input is refused with a message that names the input
  // and the numbers involved.
  Fixture f;
  auto net = f.load(kErrNet);
  Rows good(4, {0.0, 0.0, 0.0});

  CHECK(failed(f.run(net, {}, 4)));
  CHECK(f.saw("input 'x' is missing"));

  Rows wide = good;
  wide[3] = {1, 2, 3, 4, 5};
  CHECK(failed(f.run(net, {{"x", wide}}, 4)));
  CHECK(f.saw("input 'x': row 3 has 5 values, expected 3"));

  CHECK(failed(f.run(net, {{"x", Rows(2, {0.0, 0.0, 0.0})}}, 4)));
  CHECK(f.saw("input 'x' has 2 rows, fewer than the 4 timesteps"));

  CHECK(failed(f.run(net, {{"x", good}, {"z", good}}, 4)));
  CHECK(f.saw("input 'z' names no snn.input"));

  CHECK(failed(f.run(net, {{"x", good}}, 0)));
  CHECK(f.saw("timesteps must be > 0, got 0"));
  CHECK(failed(f.run(net, {{"x", good}}, -3)));
  CHECK(f.saw("timesteps must be > 0, got -3"));

  CHECK(succeeded(f.run(net, {{"x", good}}, 4)));
}

TEST_CASE("Reference errors: probes") {
  // Probes must name a node and one of its variables (or "out").
  Fixture f;
  auto net = f.load(kErrNet);
  Rows good(2, {1.0, 0.0, 2.0});
  CHECK(failed(f.run(net, {{"x", good}}, 2, snn::Sync::Layer, {"nope:v"})));
  CHECK(f.saw("probe 'nope:v' names no node 'nope'"));
  CHECK(failed(f.run(net, {{"x", good}}, 2, snn::Sync::Layer, {"l1:q"})));
  CHECK(f.saw("probe 'l1:q': snn.lif 'l1' has no variable 'q' (it has v, out)"));
  CHECK(failed(f.run(net, {{"x", good}}, 2, snn::Sync::Layer, {"l1"})));
  CHECK(f.saw("probe 'l1' is not of the form '<node>:<var>'"));
  // Valid probes on an input, a population and an output.
  auto ok = f.run(net, {{"x", good}}, 2, snn::Sync::Layer,
                  {"x:out", "l1:v", "y:out"});
  REQUIRE(succeeded(ok));
  CHECK(ok->probes["x:out"] == good);
  // v = 0.5 v + x: 1, 0, 2 then 1.5, 0, 3 -> spikes on element 2 at both
  // steps (reset to 0) and element 0 at step 1.
  CHECK(ok->probes["l1:v"] == Rows{{1, 0, 0}, {0, 0, 0}});
  CHECK(ok->probes["y:out"] == Rows{{0, 0, 1}, {1, 0, 1}});
}

TEST_CASE("Reference errors: network not discretized or not shaped") {
  // A continuous-time lif (tau) and an unranked tensor are both refused.
  Fixture f;
  auto cont = f.load(population("lif", "tau = 1.0e-2 : f32, v_threshold = 1.0 : f32"));
  CHECK(failed(f.run(cont, {{"x", Rows(2, {0.0})}}, 2)));
  CHECK(f.saw("network is not discretized: snn.lif 'p' has continuous-time "
              "parameters (run snn-discretize)"));

  Fixture g;
  auto unshaped = g.load(R"(
snn.network @u {
  %x = snn.input "x" : tensor<*xf32>
  %s = snn.lif %x {decay = 0.5 : f32, v_threshold = 1.0 : f32} : tensor<*xf32>
  snn.output %s as "y" : tensor<*xf32>
}
)");
  CHECK(failed(g.run(unshaped, {{"x", Rows(2, {0.0})}}, 2)));
  CHECK(g.saw("network is not shaped"));
}
