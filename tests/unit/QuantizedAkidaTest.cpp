//===- QuantizedAkidaTest.cpp - akida in the quantized reference ----------===//
//
// The akida population of the quantized reference against a trace computed
// by hand from targets/MODELS.md ("akida"), and the arithmetic contract of
// nc-legalize-akida's accumulator bound: within it, nc.synapses' int64 sum
// saturated to int32 is Akida's per-event saturating accumulation
// (akida::accumulateDense), whatever the event values.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Reference/QuantizedSimulator.h"
#include "spikec/Target/AkidaModel.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "TestContext.h"
#include "TestIR.h"

#include <doctest/doctest.h>

#include <functional>
#include <random>

using namespace mlir;
using namespace spikec;
using spikec::ref::InputRows;
using spikec::ref::QSimOptions;
using spikec::ref::Rows;

namespace {
/// A context with the nc dialect that collects its diagnostics.
struct Harness : test::DiagnosedContext<nc::NCDialect> {
  /// Parses `text` and runs its one nc.graph for `steps` steps.
  FailureOr<ref::Trace> simulate(const std::string &text, const InputRows &in,
                                 int64_t steps,
                                 std::vector<std::string> probes = {}) {
    m = parseSourceString<ModuleOp>(text, ParserConfig(&ctx, verify));
    INFO("diagnostics: " << diags);
    REQUIRE(m);
    QSimOptions opts;
    opts.timesteps = steps;
    opts.probes = std::move(probes);
    return ref::simulateQuantized(*m->getOps<nc::GraphOp>().begin(), in, opts);
  }

  bool verify = true; ///< false: the simulator's own checks, unverified IR
  OwningOpRef<ModuleOp> m;
};

/// simulate() that must succeed.
FailureOr<ref::Trace> run(const std::string &text, const InputRows &in,
                          int64_t steps, std::vector<std::string> probes) {
  Harness h;
  auto trace = h.simulate(text, in, steps, std::move(probes));
  INFO("diagnostics: " << h.diags);
  REQUIRE(succeeded(trace));
  return trace;
}
} // namespace

// Two neurons, 2-bit activations (0..3), behind a 2-bit direct input
// (round(x) clamped to [0, 3]). Weights x0 -> n0: 3, n1: 7; x1 -> n0: -2.
// n0: offset 1, step 2; n1: offset -3, step 3. Hardware timing: input row
// t - 1 is the frame of step t.
//   events: (1.4, 0) -> (1, 0); (5, 2.6) -> (3, 3); (-1, 1) -> (0, 1);
//           (2, 0) -> (2, 0); (0, 0)
//   t0: acc (0, 0): floor(1/2) = 0, floor(-3/3) = -1 -> 0      out (0, 0)
//   t1: acc (3, 7): floor(4/2) = 2, floor(4/3) = 1             out (2, 1)
//   t2: acc (9 - 6, 21) = (3, 21): 2, floor(18/3) = 6 -> 3     out (2, 3)
//   t3: acc (-2, 0): floor(-1/2) = -1 -> 0, floor(-3/3) -> 0   out (0, 0)
//   t4: acc (6, 14): floor(7/2) = 3, floor(11/3) = 3           out (3, 3)
// Events: the nonzero activations, 6.
TEST_CASE("akida population: hand-computed trace") {
  std::map<std::string, std::vector<int32_t>> blobs = {
      {"o", {0, 2, 3}}, {"t", {0, 1, 0}},  {"w", {3, 7, -2}},
      {"s", {2, 3}},    {"off", {1, -3}}};
  std::string text = R"(
nc.graph @trace target("akida", "0x0") {
  %x = nc.input "x" {encoder = {kind = "direct", gain = 1.0 : f64, bits = 2 : i64}} : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>,
      targets = dense_resource<t> : tensor<3xi32>,
      weights = dense_resource<w> : tensor<3xi32>, weight_bits = 4 : i64}
      : tensor<2xi32> -> tensor<2xi32>
  %h = nc.population %a {model = "akida", params = {output_bits = 2 : i64,
      step = dense_resource<s> : tensor<2xi32>,
      threshold_offset = dense_resource<off> : tensor<2xi32>}}
      : tensor<2xi32> loc("h")
  nc.output %h as "y" : tensor<2xi32>
}
)" + test::resourcesOf(blobs);
  InputRows in{{"x", {{1.4, 0}, {5, 2.6}, {-1, 1}, {2, 0}, {0, 0}}}};
  auto trace = run(text, in, 5, {"h:v"});
  CHECK(trace->outputs.at("y") ==
        Rows{{0, 0}, {2, 1}, {2, 3}, {0, 0}, {3, 3}});
  CHECK(trace->probes.at("h:v") ==
        Rows{{0, 0}, {3, 7}, {3, 21}, {-2, 0}, {6, 14}});
  CHECK(trace->stats.spikes == 6);
  CHECK(trace->spikesPerNode.at("h") == 6);
}

// A direct encoder's `bits` must be a width.
TEST_CASE("akida: a direct encoder's bits out of range is refused") {
  Harness h;
  h.verify = false; // the nc.input verifier refuses it first, by these rules
  CHECK(failed(h.simulate(R"(
nc.graph @g target("akida", "0x0") {
  %x = nc.input "x" {encoder = {kind = "direct", bits = 0 : i64}} : tensor<1xi32>
  nc.output %x as "y" : tensor<1xi32>
})",
                          {{"x", {{1.0}}}}, 1)));
  CHECK(h.diags.find("input 'x': encoder attribute 'bits' must be an "
                     "integer in [1, 31], got 0 : i64") != std::string::npos);
}

// The worst case the legalizer admits on the akida preset: fan-in 57,334,
// |w| <= 127 (8 bits), inputs <= 255 (8 bits).
static_assert(57334LL * 127 * 255 <= INT32_MAX,
              "akida's worst-case potential must fit int32");

/// Runs one dense akida layer with `nIn` inputs of the events `x` and
/// weights `w(i, j)` on the reference and returns its potential; checks it
/// against akida::accumulateDense.
static void checkAccumulation(int nIn, int nOut, const std::function<int(int, int)> &w,
                       const std::vector<uint8_t> &events) {
  std::vector<int8_t> dense(size_t(nIn) * nOut);
  std::vector<int32_t> offsets{0}, targets, weights;
  for (int i = 0; i < nIn; ++i) {
    for (int j = 0; j < nOut; ++j) {
      dense[size_t(i) * nOut + j] = int8_t(w(i, j));
      targets.push_back(j);
      weights.push_back(w(i, j));
    }
    offsets.push_back(int32_t(targets.size()));
  }
  std::vector<int32_t> acc(nOut, 0);
  akida::accumulateDense(dense.data(), nIn, nOut, events.data(), acc.data());

  std::map<std::string, std::vector<int32_t>> blobs = {
      {"o", offsets}, {"t", targets}, {"w", weights}};
  std::string n = std::to_string(nIn), m = std::to_string(nOut),
              k = std::to_string(targets.size());
  std::string text =
      "nc.graph @g target(\"akida\", \"0x0\") {\n"
      "  %x = nc.input \"x\" : tensor<" + n + "xi32>\n"
      "  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<" +
      std::to_string(nIn + 1) + "xi32>, targets = dense_resource<t> : tensor<" +
      k + "xi32>, weights = dense_resource<w> : tensor<" + k +
      "xi32>, weight_bits = 8 : i64} : tensor<" + n + "xi32> -> tensor<" + m +
      "xi32>\n"
      "  %h = nc.population %a {model = \"akida\", params = {output_bits = 4 "
      ": i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<" + m +
      "xi32> loc(\"h\")\n"
      "  nc.output %h as \"y\" : tensor<" + m + "xi32>\n}\n" +
      test::resourcesOf(blobs);
  std::vector<double> row(events.begin(), events.end());
  auto trace = run(text, {{"x", {row, row}}}, 2, {"h:v"});
  CHECK(trace->probes.at("h:v")[1] == std::vector<double>(acc.begin(), acc.end()));
}

// Random 8-bit layers, and the worst case itself: the reference's potential
// equals per-event sat32 accumulation in input order.
TEST_CASE("akida synapses: int64 sum equals per-event sat32 accumulation") {
  std::mt19937 rng(42);
  std::uniform_int_distribution<int> w8(-127, 127), x8(0, 255);
  for (int trial = 0; trial < 10; ++trial) {
    std::vector<int> w(64 * 8);
    for (int &v : w)
      v = w8(rng);
    std::vector<uint8_t> x(64);
    for (uint8_t &v : x)
      v = uint8_t(x8(rng));
    checkAccumulation(64, 8, [&](int i, int j) { return w[i * 8 + j]; }, x);
  }
  // 57,334 events of 255 through +127 and -127: 1,856,779,590 and its
  // negative, within int32.
  std::vector<uint8_t> full(57334, 255);
  checkAccumulation(57334, 2, [](int, int j) { return j ? -127 : 127; }, full);
}
