//===- QuantizedSimulatorTest.cpp - the quantized reference simulator -----===//
//
// The quantized reference simulator on hand-built nc graphs against numbers
// computed by hand in the comments, from the Loihi arithmetic of
// targets/MODELS.md:
//   u' = trunc0(u (4096 - du - 1) / 4096) + a * 64
//   v' = trunc0(v (4096 - dv) / 4096) + u' + bias_mant * 2^bias_exp
//   spike when v' > vth_mant * 64, then v' = 0
// and the hardware timing: an edge out of an nc.input or nc.population
// delivers one step later, an nc.output reads its own step.
//
//===----------------------------------------------------------------------===//

#include "spikec/Reference/QuantizedSimulator.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "TestContext.h"
#include "TestIR.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>

using namespace mlir;
using namespace spikec;
using spikec::ref::InputRows;
using spikec::ref::QSimOptions;
using spikec::ref::Rows;
using spikec::ref::Trace;
using spikec::test::hexBlob;

namespace {

/// The resource section for this file's blobs (f32 weights or i32 tables).
std::string resources(const std::map<std::string, std::vector<int32_t>> &blobs) {
  return test::resourcesOf(blobs);
}

/// `%<res> = nc.synapses %<in> ...` with blobs <name>_o, <name>_t, <name>_w.
std::string synapses(const std::string &res, const std::string &in, int pre,
                     int post, int synapses, const std::string &extra = "") {
  // `extra` is appended to weight_bits = 8, or replaces it when it sets
  // weight_bits itself.
  std::string attrs = extra.find("weight_bits") == std::string::npos
                          ? "weight_bits = 8 : i64" + extra
                          : extra;
  std::string n = std::to_string(synapses);
  return "  %" + res + " = nc.synapses %" + in + " {offsets = dense_resource<" +
         res + "_o> : tensor<" + std::to_string(pre + 1) +
         "xi32>, targets = dense_resource<" + res + "_t> : tensor<" + n +
         "xi32>, weights = dense_resource<" + res + "_w> : tensor<" + n +
         "xi32>, " + attrs + "} : tensor<" + std::to_string(pre) + "xi32> -> tensor<" +
         std::to_string(post) + "xi32> loc(\"" + res + "\")\n";
}

/// A loihi population `%<res> = nc.population %<in>` of `n` neurons.
std::string loihiPop(const std::string &res, const std::string &in, int n,
                     int du, int dv, int vth, const std::string &model =
                                                  "loihi") {
  return "  %" + res + " = nc.population %" + in + " {model = \"" + model +
         "\", params = {du = " + std::to_string(du) +
         ", dv = " + std::to_string(dv) + ", vth_mant = " +
         std::to_string(vth) +
         ", bias_mant = 0, bias_exp = 0, refractory_delay = 0}} : tensor<" +
         std::to_string(n) + "xi32> loc(\"" + res + "\")\n";
}

/// Parses a module with one nc.graph, collecting diagnostics.
struct Fixture : test::DiagnosedContext<nc::NCDialect> {
  OwningOpRef<ModuleOp> module;

  nc::GraphOp load(const std::string &text, bool verify = true) {
    ParserConfig config(&ctx, verify);
    module = parseSourceString<ModuleOp>(text, config);
    INFO("diagnostics: " << joined());
    REQUIRE(module);
    return *module->getOps<nc::GraphOp>().begin();
  }

  FailureOr<Trace> run(nc::GraphOp graph, const InputRows &inputs, int64_t T,
                       std::vector<std::string> probes = {}) {
    QSimOptions opts;
    opts.timesteps = T;
    opts.probes = std::move(probes);
    return ref::simulateQuantized(graph, inputs, opts);
  }

  /// Whether a diagnostic says `needle` (one line of text).
  bool saw(const std::string &needle) const {
    return diags.find(needle) != std::string::npos;
  }
};

/// Column `i` of `rows`.
std::vector<double> column(const Rows &rows, size_t i = 0) {
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

/// Rows with a 1 at the given steps, 0 elsewhere, one column.
Rows pulses(int64_t T, std::vector<int64_t> at) {
  Rows rows(T, std::vector<double>{0.0});
  for (int64_t t : at)
    rows[t][0] = 1.0;
  return rows;
}

/// x -> s (one synapse of weight w) -> pop -> output "y". du = 2047 and
/// dv = 2048 halve u and v every step; vth_mant = 20 is 1280.
std::string oneNeuron() {
  return "nc.graph @g target(\"loihi\", \"0x0\") {\n"
         "  %x = nc.input \"x\" : tensor<1xi32>\n" +
         synapses("s", "x", 1, 1, 1) + loihiPop("pop", "s", 1, 2047, 2048, 20) +
         "  nc.output %pop as \"y\" : tensor<1xi32>\n}\n" +
         resources({{"s_o", {0, 1}}, {"s_t", {0}}, {"s_w", {10}}});
}

} // namespace

//===----------------------------------------------------------------------===//
// Neurons and timing
//===----------------------------------------------------------------------===//

TEST_CASE("Quantized one loihi neuron under a constant spike train") {
  // The input spikes every step; the synapse reads the input one step late,
  // so a = 0 at step 0 and a = 10 (a * 64 = 640) from step 1.
  //   t  u                    v                          spike
  //   0  0                    0                          -
  //   1  0 + 640 = 640        0 + 640 = 640              -
  //   2  320 + 640 = 960      320 + 960 = 1280 (not >)   -
  //   3  480 + 640 = 1120     640 + 1120 = 1760 > 1280   yes, v = 0
  //   4  560 + 640 = 1200     0 + 1200 = 1200            -
  //   5  600 + 640 = 1240     600 + 1240 = 1840          yes, v = 0
  //   6  620 + 640 = 1260     0 + 1260 = 1260            -
  //   7  630 + 640 = 1270     630 + 1270 = 1900          yes, v = 0
  Fixture f;
  auto g = f.load(oneNeuron());
  auto trace = f.run(g, {{"x", Rows(8, {1.0})}}, 8,
                     {"pop:u", "pop:v", "pop:out", "s:out", "y:out"});
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  CHECK(column(trace->probes["pop:u"]) ==
        std::vector<double>{0, 640, 960, 1120, 1200, 1240, 1260, 1270});
  CHECK(column(trace->probes["pop:v"]) ==
        std::vector<double>{0, 640, 1280, 0, 1200, 0, 1260, 0});
  CHECK(column(trace->probes["s:out"]) ==
        std::vector<double>{0, 10, 10, 10, 10, 10, 10, 10});
  CHECK(spikeSteps(trace->outputs["y"]) == std::vector<int64_t>{3, 5, 7});
  CHECK(spikeSteps(trace->probes["pop:out"]) == std::vector<int64_t>{3, 5, 7});
  CHECK(spikeSteps(trace->probes["y:out"]) == std::vector<int64_t>{3, 5, 7});
  // Seven steps (1..7) read an active pre neuron with one synapse; the
  // neuron is updated 8 times; the raw input's events are not counted.
  CHECK(trace->stats.synapticEvents == 7);
  CHECK(trace->stats.neuronUpdates == 8);
  CHECK(trace->stats.spikes == 3);
  CHECK(trace->spikesPerNode["pop"] == 3);
  CHECK(trace->spikesPerNode.count("x") == 0);
  CHECK(trace->timesteps == 8);
}

TEST_CASE("Quantized hardware timing: one step per population") {
  // x -> s1 (w 100) -> p1 -> s2 (w 100) -> p2. du = dv = 4095 forget u and
  // v every step, so a = 100 gives v = 6400 > vth 50 * 64 = 3200: a spike.
  // The spike at input step 0 reaches p1 at step 1, p2 at step 2; the
  // outputs read their own step.
  Fixture f;
  auto g = f.load(
      "nc.graph @g target(\"loihi\", \"0x0\") {\n"
      "  %x = nc.input \"x\" : tensor<1xi32>\n" +
      synapses("s1", "x", 1, 1, 1) + loihiPop("p1", "s1", 1, 4095, 4095, 50) +
      synapses("s2", "p1", 1, 1, 1) + loihiPop("p2", "s2", 1, 4095, 4095, 50) +
      "  nc.output %p1 as \"o1\" : tensor<1xi32>\n"
      "  nc.output %p2 as \"o2\" : tensor<1xi32>\n}\n" +
      resources({{"s1_o", {0, 1}}, {"s1_t", {0}}, {"s1_w", {100}},
                 {"s2_o", {0, 1}}, {"s2_t", {0}}, {"s2_w", {100}}}));
  auto trace = f.run(g, {{"x", pulses(5, {0})}}, 5);
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  CHECK(spikeSteps(trace->outputs["o1"]) == std::vector<int64_t>{1});
  CHECK(spikeSteps(trace->outputs["o2"]) == std::vector<int64_t>{2});
  CHECK(trace->stats.spikes == 2);
  CHECK(trace->stats.neuronUpdates == 10);
  CHECK(trace->stats.synapticEvents == 2);
  CHECK(trace->spikesPerNode["p1"] == 1);
  CHECK(trace->spikesPerNode["p2"] == 1);
}

TEST_CASE("Quantized synapse delay adds steps") {
  // As above with delay = 2 on s: the spike at step 0 is read at step
  // 0 + 1 + 2 = 3, where s carries 100 and p spikes.
  Fixture f;
  auto g = f.load(
      "nc.graph @g target(\"loihi\", \"0x0\") {\n"
      "  %x = nc.input \"x\" : tensor<1xi32>\n" +
      synapses("s", "x", 1, 1, 1, ", delay = 2 : i64") +
      loihiPop("p", "s", 1, 4095, 4095, 50) +
      "  nc.output %p as \"y\" : tensor<1xi32>\n}\n" +
      resources({{"s_o", {0, 1}}, {"s_t", {0}}, {"s_w", {100}}}));
  auto trace = f.run(g, {{"x", pulses(6, {0, 1})}}, 6, {"s:out"});
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  CHECK(column(trace->probes["s:out"]) ==
        std::vector<double>{0, 0, 0, 100, 100, 0});
  CHECK(spikeSteps(trace->outputs["y"]) == std::vector<int64_t>{3, 4});
}

TEST_CASE("Quantized recurrent graph delivers one step late") {
  // x -> in (w 100) -> sum <- rec (w 100) <- p, p = population(sum). The
  // input spike of step 0 makes p spike at step 1 (v = 6400 > 3200); from
  // then on the recurrent table carries p's spike of step t-1 into step t,
  // so p spikes at every later step, and the sum is 100 from step 1 on.
  // In the same step it could never see its own spike.
  Fixture f;
  auto g = f.load(
      "nc.graph @g target(\"loihi\", \"0x0\") {\n"
      "  %x = nc.input \"x\" : tensor<1xi32>\n" +
      synapses("in", "x", 1, 1, 1) + synapses("rec", "p", 1, 1, 1) +
      "  %sum = nc.sum %in, %rec : tensor<1xi32> loc(\"sum\")\n" +
      loihiPop("p", "sum", 1, 4095, 4095, 50) +
      "  nc.output %p as \"y\" : tensor<1xi32>\n}\n" +
      resources({{"in_o", {0, 1}}, {"in_t", {0}}, {"in_w", {100}},
                 {"rec_o", {0, 1}}, {"rec_t", {0}}, {"rec_w", {100}}}));
  auto trace = f.run(g, {{"x", pulses(5, {0})}}, 5,
                     {"rec:out", "in:out", "sum:out"});
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  CHECK(column(trace->probes["in:out"]) ==
        std::vector<double>{0, 100, 0, 0, 0});
  CHECK(column(trace->probes["rec:out"]) ==
        std::vector<double>{0, 0, 100, 100, 100});
  CHECK(column(trace->probes["sum:out"]) ==
        std::vector<double>{0, 100, 100, 100, 100});
  CHECK(spikeSteps(trace->outputs["y"]) == std::vector<int64_t>{1, 2, 3, 4});
}

//===----------------------------------------------------------------------===//
// Synapses and sums
//===----------------------------------------------------------------------===//

TEST_CASE("Quantized weight_exp scales the whole sum, floor when negative") {
  // Three pre neurons onto one post neuron with weights 3, 3, -7.
  //   input row 0 = [1, 1, 1]: sum = 3 + 3 - 7 = -1 (read at step 1)
  //     exp -1: floor(-1 / 2) = -1 (truncation would give 0, a shift per
  //     synapse 1 + 1 - 4 = -2); exp 2: -1 * 4 = -4
  //   input row 1 = [2, 1, 0]: sum = 2*3 + 3 = 9 (read at step 2)
  //     exp -1: floor(9 / 2) = 4; exp 2: 36
  Fixture f;
  auto g = f.load(
      "nc.graph @g target(\"loihi\", \"0x0\") {\n"
      "  %x = nc.input \"x\" : tensor<3xi32>\n" +
      synapses("a", "x", 3, 1, 3, ", weight_exp = -1 : i64") +
      synapses("b", "x", 3, 1, 3, ", weight_exp = 2 : i64") +
      "  nc.output %a as \"a\" : tensor<1xi32>\n"
      "  nc.output %b as \"b\" : tensor<1xi32>\n}\n" +
      resources({{"a_o", {0, 1, 2, 3}}, {"a_t", {0, 0, 0}}, {"a_w", {3, 3, -7}},
                 {"b_o", {0, 1, 2, 3}}, {"b_t", {0, 0, 0}},
                 {"b_w", {3, 3, -7}}}));
  Rows x = {{1, 1, 1}, {2, 1, 0}, {0, 0, 0}, {0, 0, 0}};
  auto trace = f.run(g, {{"x", x}}, 4);
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  CHECK(column(trace->outputs["a"]) == std::vector<double>{0, -1, 4, 0});
  CHECK(column(trace->outputs["b"]) == std::vector<double>{0, -4, 36, 0});
  // Step 1: 3 active pre neurons x 1 synapse x 2 tables; step 2: 2 x 1 x 2.
  CHECK(trace->stats.synapticEvents == 10);
  CHECK(trace->stats.neuronUpdates == 0);
}

TEST_CASE("Quantized two tables into a sum, saturated to int32") {
  // a: x0 -> 0 (5), x1 -> 1 (7), x1 -> 2 (2^31 - 1)
  // b: y0 -> 0 (-2), y0 -> 1 (3), y0 -> 2 (2^31 - 1)
  // step 1 (rows 0: x = [1, 1], y = [1]): [5 - 2, 7 + 3, sat(2^32 - 2)]
  // step 2 (rows 1: x = [0, 1], y = [0]): [0, 7, 2^31 - 1]
  const int32_t big = INT32_MAX;
  Fixture f;
  auto g = f.load(
      "nc.graph @g target(\"loihi\", \"0x0\") {\n"
      "  %x = nc.input \"x\" : tensor<2xi32>\n"
      "  %y = nc.input \"y\" : tensor<1xi32>\n" +
      synapses("a", "x", 2, 3, 3, "weight_bits = 32 : i64") +
      synapses("b", "y", 1, 3, 3, "weight_bits = 32 : i64") +
      "  %s = nc.sum %a, %b : tensor<3xi32> loc(\"s\")\n"
      "  nc.output %s as \"s\" : tensor<3xi32>\n}\n" +
      resources({{"a_o", {0, 1, 3}}, {"a_t", {0, 1, 2}}, {"a_w", {5, 7, big}},
                 {"b_o", {0, 3}}, {"b_t", {0, 1, 2}}, {"b_w", {-2, 3, big}}}));
  Rows x = {{1, 1}, {0, 1}, {0, 0}}, y = {{1}, {0}, {0}};
  auto trace = f.run(g, {{"x", x}, {"y", y}}, 3);
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  CHECK(trace->outputs["s"] ==
        Rows{{0, 0, 0}, {3, 10, double(big)}, {0, 7, double(big)}});
  // Step 1: x0 (1) + x1 (2) + y0 (3) synapses; step 2: x1 (2).
  CHECK(trace->stats.synapticEvents == 8);
}

TEST_CASE("Quantized raw input events are integers used as they are") {
  // A raw input value of 3 (not a spike) multiplies the weight: 3 * -4.
  Fixture f;
  auto g = f.load("nc.graph @g target(\"loihi\", \"0x0\") {\n"
                  "  %x = nc.input \"x\" : tensor<1xi32>\n" +
                  synapses("s", "x", 1, 1, 1) +
                  "  nc.output %s as \"y\" : tensor<1xi32>\n}\n" +
                  resources({{"s_o", {0, 1}}, {"s_t", {0}}, {"s_w", {-4}}}));
  auto trace = f.run(g, {{"x", Rows{{3}, {0}}}}, 2);
  REQUIRE(succeeded(trace));
  CHECK(column(trace->outputs["y"]) == std::vector<double>{0, -12});
}

//===----------------------------------------------------------------------===//
// Encoders
//===----------------------------------------------------------------------===//

namespace {
/// splitmix64, written out again from its published definition so that the
/// test does not trust the simulator's copy.
uint64_t mix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
double uniform(uint64_t seed, uint64_t t, uint64_t i) {
  return double(mix(mix(mix(seed) ^ t) ^ i) >> 11) / 9007199254740992.0;
}

std::string encodedInput(int n, const std::string &encoder) {
  std::string ty = "tensor<" + std::to_string(n) + "xi32>";
  return "nc.graph @g target(\"loihi\", \"0x0\") {\n  %x = nc.input \"x\" "
         "{encoder = {" +
         encoder + "}} : " + ty + "\n  nc.output %x as \"y\" : " + ty +
         "\n}\n";
}
} // namespace

TEST_CASE("Quantized rate encoder draws splitmix64 counters") {
  // gain 0.5: probabilities 0.1, 0.5, 1 (clamped from 1.5) and 0 (clamped
  // from -0.5). An output reads the input's own step.
  Fixture f;
  auto g = f.load(
      encodedInput(4, "kind = \"rate\", gain = 0.5 : f64, seed = 42 : i64"));
  const int64_t T = 200;
  const std::vector<double> x = {0.2, 1.0, 3.0, -1.0};
  auto trace = f.run(g, {{"x", Rows(T, x)}}, T);
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  uint64_t count = 0;
  for (int64_t t = 0; t < T; ++t)
    for (int i = 0; i < 4; ++i) {
      double p = std::min(std::max(0.5 * x[i], 0.0), 1.0);
      double want = (p > 0 && uniform(42, t, i) < p) ? 1.0 : 0.0;
      count += want != 0;
      INFO("t " << t << " i " << i);
      CHECK(trace->outputs["y"][t][i] == want);
    }
  CHECK(spikeSteps(trace->outputs["y"], 2).size() == T);
  CHECK(spikeSteps(trace->outputs["y"], 3).empty());
  CHECK(trace->stats.spikes == count);
  CHECK(trace->spikesPerNode["x"] == count);
}

TEST_CASE("Quantized direct encoder rounds half away from zero") {
  // gain 2: 0.75 -> 1.5 -> 2, -1.25 -> -2.5 -> -3, 0.2 -> 0.4 -> 0.
  Fixture f;
  auto g = f.load(encodedInput(3, "kind = \"direct\", gain = 2.0 : f64"));
  auto trace = f.run(g, {{"x", Rows{{0.75, -1.25, 0.2}}}}, 1);
  REQUIRE(succeeded(trace));
  CHECK(trace->outputs["y"] == Rows{{2, -3, 0}});
  CHECK(trace->stats.spikes == 0); // a direct input is not spikes
}

TEST_CASE("Quantized latency encoder spikes once per window") {
  // window 4, threshold 0.1: offset round((1 - x) * 3): x = 1 -> 0,
  // x = 0.5 -> round(1.5) = 2, x = 0 -> silent (not > 0.1),
  // x = 0.34 -> round(1.98) = 2. Two windows of constant input.
  Fixture f;
  auto g = f.load(encodedInput(
      4, "kind = \"latency\", window = 4 : i64, threshold = 0.1 : f64"));
  auto trace = f.run(g, {{"x", Rows(8, {1.0, 0.5, 0.0, 0.34})}}, 8);
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  const Rows &y = trace->outputs["y"];
  CHECK(spikeSteps(y, 0) == std::vector<int64_t>{0, 4});
  CHECK(spikeSteps(y, 1) == std::vector<int64_t>{2, 6});
  CHECK(spikeSteps(y, 2).empty());
  CHECK(spikeSteps(y, 3) == std::vector<int64_t>{2, 6});
  CHECK(trace->stats.spikes == 6);
}

TEST_CASE("Quantized delta encoder emits on and off events") {
  // threshold 0.5, r = 0: 0.2 (0), 0.6 (+1, r = 0.6), 0.7 (0),
  // 1.2 (+1, r = 1.2), 0.1 (r - x = 1.1: -1, r = 0.1).
  Fixture f;
  auto g = f.load(encodedInput(
      1, "kind = \"delta\", threshold = 0.5 : f64, off_spikes = true"));
  auto trace =
      f.run(g, {{"x", Rows{{0.2}, {0.6}, {0.7}, {1.2}, {0.1}}}}, 5);
  INFO(f.joined());
  REQUIRE(succeeded(trace));
  CHECK(column(trace->outputs["y"]) == std::vector<double>{0, 1, 0, 1, -1});
  CHECK(trace->stats.spikes == 3);
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

TEST_CASE("Quantized errors name the input, probe and numbers") {
  Fixture f;
  auto g = f.load(oneNeuron());
  Rows ok(3, {1.0});

  SUBCASE("timesteps <= 0") {
    CHECK(failed(f.run(g, {{"x", ok}}, 0)));
    CHECK(f.saw("timesteps must be > 0, got 0"));
  }
  SUBCASE("missing input") {
    CHECK(failed(f.run(g, {}, 3)));
    CHECK(f.saw("input 'x' is missing"));
  }
  SUBCASE("unknown input") {
    CHECK(failed(f.run(g, {{"x", ok}, {"z", ok}}, 3)));
    CHECK(f.saw("input 'z' names no nc.input of the graph"));
  }
  SUBCASE("fewer rows than timesteps") {
    CHECK(failed(f.run(g, {{"x", Rows(2, {1.0})}}, 3)));
    CHECK(f.saw("input 'x' has 2 rows, fewer than the 3 timesteps"));
  }
  SUBCASE("wrong row width") {
    CHECK(failed(f.run(g, {{"x", Rows{{1}, {1, 0}, {1}}}}, 3)));
    CHECK(f.saw("input 'x': row 1 has 2 values, expected 1"));
  }
  SUBCASE("non-integral input without an encoder") {
    CHECK(failed(f.run(g, {{"x", Rows{{1}, {0.5}, {1}}}}, 3)));
    CHECK(f.saw("input 'x': row 1, element 0 is 0.5, not an int32"));
  }
  SUBCASE("input out of int32 range") {
    CHECK(failed(f.run(g, {{"x", Rows{{1}, {1}, {4294967296.0}}}}, 3)));
    CHECK(f.saw("input 'x': row 2, element 0 is"));
  }
  SUBCASE("non-finite input") {
    CHECK(failed(f.run(g, {{"x", Rows{{1}, {1}, {NAN}}}}, 3)));
    CHECK(f.saw("input 'x': row 2, element 0 is nan, not a finite number"));
  }
  SUBCASE("probe without a colon") {
    CHECK(failed(f.run(g, {{"x", ok}}, 3, {"pop"})));
    CHECK(f.saw("probe 'pop' is not of the form '<node>:<var>'"));
  }
  SUBCASE("probe of an unknown node") {
    CHECK(failed(f.run(g, {{"x", ok}}, 3, {"nope:v"})));
    CHECK(f.saw("probe 'nope:v' names no node 'nope'"));
  }
  SUBCASE("probe of an unknown variable") {
    CHECK(failed(f.run(g, {{"x", ok}}, 3, {"pop:w"})));
    CHECK(f.saw("probe 'pop:w': nc.population 'pop' has no variable 'w' "
                "(it has u, v, out)"));
    CHECK(failed(f.run(g, {{"x", ok}}, 3, {"s:v"})));
    CHECK(f.saw("probe 's:v': nc.synapses 's' has no variable 'v' (it has "
                "out)"));
  }
  CHECK(!f.diags.empty());
}

TEST_CASE("Quantized error: an unknown model") {
  // The verifier rejects it too; a graph built without verification must
  // still be refused, not run.
  Fixture f;
  auto g = f.load("nc.graph @g target(\"loihi\", \"0x0\") {\n"
                  "  %x = nc.input \"x\" : tensor<1xi32>\n" +
                      loihiPop("pop", "x", 1, 0, 0, 1, "spinnaker") +
                      "  nc.output %pop as \"y\" : tensor<1xi32>\n}\n",
                  /*verify=*/false);
  CHECK(failed(f.run(g, {{"x", Rows(2, {1.0})}}, 2)));
  CHECK(f.saw("cannot simulate nc.population 'pop': model 'spinnaker' has no "
              "quantized reference (known: loihi,"));
}

// Unverified IR: the nc.input verifier refuses these first, by the same
// rules (Dialect NC errors.mlir); the simulator still says it too.
TEST_CASE("Quantized error: encoder attributes") {
  SUBCASE("delta without a threshold") {
    Fixture f;
    auto g = f.load(encodedInput(1, "kind = \"delta\""), /*verify=*/false);
    CHECK(failed(f.run(g, {{"x", Rows(1, {0.5})}}, 1)));
    CHECK(f.saw("input 'x': encoder 'delta' needs attribute 'threshold'"));
  }
  SUBCASE("latency without a window") {
    Fixture f;
    auto g = f.load(encodedInput(1, "kind = \"latency\""), /*verify=*/false);
    CHECK(failed(f.run(g, {{"x", Rows(1, {0.5})}}, 1)));
    CHECK(f.saw("input 'x': encoder 'latency' needs an integer attribute "
                "'window' > 0"));
  }
  SUBCASE("an attribute the kind does not have") {
    Fixture f;
    auto g = f.load(encodedInput(1, "kind = \"rate\", window = 3 : i64"),
                    /*verify=*/false);
    CHECK(failed(f.run(g, {{"x", Rows(1, {0.5})}}, 1)));
    CHECK(f.saw("input 'x': encoder 'rate' has no attribute 'window'"));
  }
  SUBCASE("a gain that is not a number") {
    Fixture f;
    auto g = f.load(encodedInput(1, "kind = \"rate\", gain = \"high\""),
                    /*verify=*/false);
    CHECK(failed(f.run(g, {{"x", Rows(1, {0.5})}}, 1)));
    CHECK(f.saw("input 'x': encoder attribute 'gain' must be a finite "
                "number"));
  }
}
