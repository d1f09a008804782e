//===- QuantizedTrueNorthTest.cpp - truenorth in the quantized reference --===//
//
// The truenorth population of the quantized reference against a trace
// computed by hand from targets/MODELS.md ("truenorth"), and
// nc-legalize-truenorth's contract: the legalized graph computes the
// unlegalized one, shifted by the latency its splitters add.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Reference/QuantizedSimulator.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "TestContext.h"
#include "TestIR.h"

#include <doctest/doctest.h>

#include <random>

using namespace mlir;
using namespace spikec;
using spikec::ref::InputRows;
using spikec::ref::QSimOptions;
using spikec::ref::Rows;
using spikec::ref::Trace;

namespace {

struct Context : test::DiagnosedContext<nc::NCDialect, snn::SNNDialect> {
  OwningOpRef<ModuleOp> parse(const std::string &text) {
    auto m = parseSourceString<ModuleOp>(text, ParserConfig(&ctx));
    INFO("diagnostics: " << diags);
    REQUIRE(m);
    return m;
  }
};

FailureOr<Trace> simulate(ModuleOp m, const InputRows &in, int64_t T,
                          std::vector<std::string> probes = {}) {
  QSimOptions opts;
  opts.timesteps = T;
  opts.probes = std::move(probes);
  return ref::simulateQuantized(*m.getOps<nc::GraphOp>().begin(), in, opts);
}

Rows column(const Rows &rows, size_t i) {
  Rows out;
  for (const auto &r : rows)
    out.push_back({r.at(i)});
  return out;
}

} // namespace

// Two neurons behind one table with axon types: x0 -> n0 (type 0), n1
// (type 0); x1 -> n0 (type 1), n1 (type 3). Hardware timing: input row
// t - 1 arrives at step t.
//   n0: s = {6, -3, 0, 0}, leak -1, alpha 6, beta 4, Normal R = 2, kappa 0
//   n1: s = {7, 0, 0, -9}, leak 2 reversed (sgn V), alpha 8, Linear,
//       kappa 1, beta 0 (a floor at 0)
// rows (x0, x1): (1,0) (1,1) (0,1) (0,1) (1,0) (1,1) (0,0) (0,0)
// n0 (in = 6 x0 - 3 x1; V += in; V -= 1; V >= 6 -> V = 2; V < -4 -> -2):
//   t0 0-1=-1 | t1 -1+6-1=4 | t2 4+3-1=6 spike -> 2 | t3 2-3-1=-2 |
//   t4 -2-3-1=-6 < -4 -> -2 | t5 -2+6-1=3 | t6 3+3-1=5 | t7 5-1=4
// n1 (in = 7 x0 - 9 x1; V += in; V += 2 sgn V; V >= 8 -> V -= 8; V < 0 -> 0):
//   t0 0 (sgn 0 = 0) | t1 7+2=9 spike -> 1 | t2 1-2=-1, -1-2=-3 -> 0 |
//   t3 -9-2=-11 -> 0 | t4 -> 0 | t5 7+2=9 spike -> 1 | t6 -> 0 | t7 0
TEST_CASE("truenorth population: hand-computed trace") {
  Context c;
  std::map<std::string, std::vector<int32_t>> blobs = {
      {"o", {0, 2, 4}},    {"t", {0, 1, 0, 1}}, {"w", {6, 7, -3, -9}},
      {"g", {0, 0, 1, 3}}, {"w0", {6, 7}},      {"w1", {-3, 0}},
      {"w3", {0, -9}},     {"leak", {-1, 2}},   {"rev", {0, 1}},
      {"alpha", {6, 8}},   {"beta", {4, 0}},    {"r", {2, 0}},
      {"mode", {0, 1}},    {"kappa", {0, 1}}};
  std::string text = R"(
nc.graph @trace target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>,
      targets = dense_resource<t> : tensor<4xi32>,
      weights = dense_resource<w> : tensor<4xi32>,
      axon_types = dense_resource<g> : tensor<4xi32>, weight_bits = 9 : i64}
      : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "truenorth", params = {
      weight0 = dense_resource<w0> : tensor<2xi32>,
      weight1 = dense_resource<w1> : tensor<2xi32>, weight2 = 0 : i64,
      weight3 = dense_resource<w3> : tensor<2xi32>,
      leak = dense_resource<leak> : tensor<2xi32>,
      leak_reversal = dense_resource<rev> : tensor<2xi32>,
      alpha = dense_resource<alpha> : tensor<2xi32>,
      beta = dense_resource<beta> : tensor<2xi32>,
      reset_v = dense_resource<r> : tensor<2xi32>,
      reset_mode = dense_resource<mode> : tensor<2xi32>,
      neg_saturate = dense_resource<kappa> : tensor<2xi32>,
      mask_bits = 0 : i64}} : tensor<2xi32> loc("p")
  nc.output %p as "y" : tensor<2xi32>
}
)" + test::resourcesOf(blobs);
  auto m = c.parse(text);
  InputRows in{
      {"x", {{1, 0}, {1, 1}, {0, 1}, {0, 1}, {1, 0}, {1, 1}, {0, 0}, {0, 0}}}};
  auto trace = simulate(*m, in, 8, {"p:v"});
  INFO("diagnostics: " << c.diags);
  REQUIRE(succeeded(trace));
  const Rows &v = trace->probes.at("p:v");
  CHECK(column(v, 0) == Rows{{-1}, {4}, {2}, {-2}, {-2}, {3}, {5}, {4}});
  CHECK(column(v, 1) == Rows{{0}, {1}, {0}, {0}, {0}, {1}, {0}, {0}});
  CHECK(trace->outputs.at("y") ==
        Rows{{0, 0}, {0, 1}, {1, 0}, {0, 0}, {0, 0}, {0, 1}, {0, 0}, {0, 0}});
}

namespace {

/// A 6 -> 5 -> 4 IF network with weights in {-1, -0.5, 0.5, 1} (and
/// zeros), threshold 1, and a skip projection x -> out, so that the
/// legalization needs splitters (signed weights from h into one core of out)
/// and a delay on the skip table.
std::string skipNetwork(uint32_t seed) {
  std::mt19937 rng(seed);
  const float levels[] = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f};
  auto weights = [&](int n) {
    std::vector<float> w(n);
    for (float &x : w)
      x = levels[rng() % 5];
    return w;
  };
  std::map<std::string, std::vector<float>> blobs = {
      {"w1", weights(30)}, {"w2", weights(20)}, {"w3", weights(24)}};
  return R"(
snn.network @skip {
  %x = snn.input "x" : tensor<6xf32>
  %a = snn.linear %x {weight = dense_resource<w1> : tensor<5x6xf32>} : tensor<6xf32> -> tensor<5xf32>
  %h = snn.if %a {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<5xf32> loc("h")
  %b = snn.linear %h {weight = dense_resource<w2> : tensor<4x5xf32>} : tensor<5xf32> -> tensor<4xf32>
  %c = snn.linear %x {weight = dense_resource<w3> : tensor<4x6xf32>} : tensor<6xf32> -> tensor<4xf32>
  %d = snn.add %b, %c : tensor<4xf32>
  %o = snn.if %d {r = 1000.0 : f32, v_threshold = 1.0 : f32, reset = #snn<reset subtract>} : tensor<4xf32> loc("out")
  snn.output %o as "y" : tensor<4xf32>
}
)" + test::resourcesOf(blobs);
}

LogicalResult lower(ModuleOp m, bool legalize) {
  PassManager pm(m.getContext());
  pm.nest<snn::NetworkOp>().addPass(
      createDiscretize(DiscretizeOptions{/*dt=*/1e-3}));
  QuantizeOptions q;
  q.target = "truenorth";
  pm.addPass(createQuantize(q));
  if (legalize)
    pm.nest<nc::GraphOp>().addPass(createLegalizeTrueNorth());
  return pm.run(m);
}

} // namespace

// The contract of nc-legalize-truenorth: output row t + L of the legalized
// graph is output row t of the unlegalized one (L = the output's latency),
// and the first L rows are empty.
TEST_CASE("nc-legalize-truenorth: the legalized graph is the quantized one "
          "delayed by its latency") {
  for (uint32_t seed : {1u, 2u, 3u}) {
    Context c;
    auto plain = c.parse(skipNetwork(seed));
    auto legal = c.parse(skipNetwork(seed));
    INFO("seed " << seed << ", diagnostics: " << c.diags);
    REQUIRE(succeeded(lower(*plain, false)));
    REQUIRE(succeeded(lower(*legal, true)));
    nc::GraphOp g = *legal->getOps<nc::GraphOp>().begin();
    nc::OutputOp out = *g.getBodyBlock().getOps<nc::OutputOp>().begin();
    auto latency = out->getAttrOfType<IntegerAttr>("latency");
    REQUIRE(latency);
    const int64_t L = latency.getInt();
    CHECK(L == 1); // h -> out goes through h's splitter
    int splitters = 0;
    for (auto pop : g.getBodyBlock().getOps<nc::PopulationOp>())
      splitters += pop->hasAttr("splitter_of");
    CHECK(splitters == 1);
    // The skip table (x -> out) waits for the splitter.
    bool delayed = false;
    for (auto syn : g.getBodyBlock().getOps<nc::SynapsesOp>())
      delayed |= isa<nc::InputOp>(syn.getInput().getDefiningOp()) &&
                 syn.getDelay() == 1;
    CHECK(delayed);

    std::mt19937 rng(seed + 100);
    const int64_t T = 80;
    Rows x(T, std::vector<double>(6));
    for (auto &row : x)
      for (double &v : row)
        v = rng() % 3 == 0;
    InputRows in{{"x", x}};
    auto a = simulate(*plain, in, T, {"out:v"});
    auto b = simulate(*legal, in, T, {"out:v"});
    REQUIRE(succeeded(a));
    REQUIRE(succeeded(b));
    const Rows &ya = a->outputs.at("y"), &yb = b->outputs.at("y");
    const Rows &va = a->probes.at("out:v"), &vb = b->probes.at("out:v");
    double spikes = 0;
    for (int64_t t = 0; t < T; ++t) {
      if (t < L) {
        CHECK(yb[t] == std::vector<double>(4, 0.0));
        CHECK(vb[t] == std::vector<double>(4, 0.0));
        continue;
      }
      CHECK(yb[t] == ya[t - L]);
      CHECK(vb[t] == va[t - L]);
      for (double s : ya[t - L])
        spikes += s;
    }
    CHECK(spikes > 0);
  }
}
