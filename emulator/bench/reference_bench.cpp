//===- reference_bench.cpp - throughput of the reference simulator --------===//
//
// Builds a 100k-neuron feed-forward network programmatically: 1000 rate-coded
// inputs -> 4 layers of 25000 LIF neurons, each neuron receiving 100 random
// synapses from the layer before (10M synapses in snn.sparse projections),
// reads the last layer out through 10 summing channels, runs it
// for a few hundred steps and prints synaptic events/s and neuron
// updates/s. A one-step run is timed as well, so that the setup (weight
// tables) can be separated from the time loop.
//
//   spikec-bench-reference [steps=300] [layers=4] [width=25000] [fanin=100]
//                          [mean0=0.02] [mean=0.012] [sd=0.05]
// (weights ~ normal(mean0, sd) into layer 0, normal(mean, sd) further on)
//
//===----------------------------------------------------------------------===//

#include "spikec/Reference/Simulator.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>

using namespace mlir;
using namespace spikec;

namespace {

Value addOp(OpBuilder &b, StringRef name, Type type, ValueRange operands,
            ArrayRef<NamedAttribute> attrs, StringRef node = {}) {
  Location loc = node.empty() ? b.getUnknownLoc()
                              : Location(NameLoc::get(b.getStringAttr(node)));
  OperationState state(loc, name);
  state.addOperands(operands);
  if (type)
    state.addTypes(type);
  state.addAttributes(attrs);
  Operation *op = b.create(state);
  return op->getNumResults() ? op->getResult(0) : Value();
}

double seconds(std::chrono::steady_clock::time_point a,
               std::chrono::steady_clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

} // namespace

int main(int argc, char **argv) {
  int64_t steps = argc > 1 ? std::atoll(argv[1]) : 300;
  int64_t layers = argc > 2 ? std::atoll(argv[2]) : 4;
  int64_t width = argc > 3 ? std::atoll(argv[3]) : 25000;
  int64_t fanin = argc > 4 ? std::atoll(argv[4]) : 100;
  double mean0 = argc > 5 ? std::atof(argv[5]) : 0.02;
  double meanN = argc > 6 ? std::atof(argv[6]) : 0.012;
  double sd = argc > 7 ? std::atof(argv[7]) : 0.05;
  const int64_t nin = 1000;

  DialectRegistry registry;
  registry.insert<snn::SNNDialect>();
  MLIRContext ctx(registry, MLIRContext::Threading::DISABLED);
  ctx.loadAllAvailableDialects();
  OpBuilder b(&ctx);
  auto module = ModuleOp::create(b.getUnknownLoc());
  b.setInsertionPointToEnd(module.getBody());
  auto net = b.create<snn::NetworkOp>(b.getUnknownLoc(), "bench");
  b.setInsertionPointToStart(&net.getBodyBlock());

  auto f32 = b.getF32Type();
  auto vec = [&](int64_t n) { return RankedTensorType::get({n}, f32); };
  auto fattr = [&](double v) { return b.getF32FloatAttr(v); };

  std::mt19937_64 rng(2024);
  Value x = addOp(b, "snn.input", vec(nin), {},
                  {b.getNamedAttr("name", b.getStringAttr("x"))});
  Value spikes = addOp(b, "snn.encode_rate", vec(nin), {x},
                       {b.getNamedAttr("gain", b.getF64FloatAttr(1.0)),
                        b.getNamedAttr("seed", b.getI64IntegerAttr(1))},
                       "encoder");
  int64_t prevN = nin;
  uint64_t synapses = 0;
  for (int64_t l = 0; l < layers; ++l) {
    // Each post neuron draws `fanin` presynaptic partners; weights are
    // mostly excitatory, scaled so that every layer fires at a few percent.
    std::uniform_int_distribution<int32_t> pick(0, prevN - 1);
    double mean = l == 0 ? mean0 : meanN;
    std::normal_distribution<float> wdist(mean, sd);
    std::vector<int32_t> pre, post;
    std::vector<float> w;
    pre.reserve(width * fanin), post.reserve(width * fanin);
    w.reserve(width * fanin);
    for (int64_t j = 0; j < width; ++j)
      for (int64_t k = 0; k < fanin; ++k) {
        pre.push_back(pick(rng));
        post.push_back(j);
        w.push_back(wdist(rng));
      }
    synapses += w.size();
    std::string id = "l" + std::to_string(l);
    Value proj = addOp(
        b, "snn.sparse", vec(width), {spikes},
        {b.getNamedAttr("pre", snn::makeIndexBlob(&ctx, id + ".pre", pre)),
         b.getNamedAttr("post", snn::makeIndexBlob(&ctx, id + ".post", post)),
         b.getNamedAttr("weight",
                        snn::makeWeight(&ctx, id + ".w",
                                        {static_cast<int64_t>(w.size())}, w))});
    spikes = addOp(b, "snn.lif", vec(width), {proj},
                   {b.getNamedAttr("decay", fattr(0.9)),
                    b.getNamedAttr("gain", fattr(1.0)),
                    b.getNamedAttr("v_threshold", fattr(1.0))},
                   id);
    prevN = width;
  }
  // Read the last layer out through 10 summing channels (neuron j adds to
  // channel j % 10) so the recorded trace stays small.
  const int64_t nout = 10;
  {
    std::vector<int32_t> pre(width), post(width);
    for (int64_t j = 0; j < width; ++j)
      pre[j] = j, post[j] = j % nout;
    std::vector<float> ones(width, 1.0f);
    Value readout = addOp(
        b, "snn.sparse", vec(nout), {spikes},
        {b.getNamedAttr("pre", snn::makeIndexBlob(&ctx, "out.pre", pre)),
         b.getNamedAttr("post", snn::makeIndexBlob(&ctx, "out.post", post)),
         b.getNamedAttr("weight", snn::makeWeight(&ctx, "out.w", {width},
                                                  ones))});
    addOp(b, "snn.output", Type(), {readout},
          {b.getNamedAttr("name", b.getStringAttr("y"))});
  }
  if (failed(verify(module))) {
    std::fprintf(stderr, "the benchmark network does not verify\n");
    return 1;
  }

  // Rate-coded input: a fixed random intensity per input in [0, 0.2), so
  // about 100 of the 1000 inputs spike per step.
  std::uniform_real_distribution<double> rate(0.0, 0.2);
  std::vector<double> intensity(nin);
  for (double &v : intensity)
    v = rate(rng);
  ref::InputRows inputs{{"x", ref::Rows(steps, intensity)}};

  ref::SimOptions opts;
  opts.timesteps = 1;
  auto t0 = std::chrono::steady_clock::now();
  auto once = ref::simulate(net, inputs, opts);
  auto t1 = std::chrono::steady_clock::now();
  opts.timesteps = steps;
  auto trace = ref::simulate(net, inputs, opts);
  auto t2 = std::chrono::steady_clock::now();
  if (failed(once) || failed(trace))
    return 1;

  double setup = seconds(t0, t1), total = seconds(t1, t2);
  double loop = total - setup;
  const ref::SimStats &s = trace->stats;
  int64_t neurons = layers * width;
  std::printf("network: %lld inputs -> %lld x %lld LIF = %lld neurons, "
              "%llu synapses (fan-in %lld)\n",
              (long long)nin, (long long)layers, (long long)width,
              (long long)neurons, (unsigned long long)synapses,
              (long long)fanin);
  std::printf("steps: %lld\n", (long long)steps);
  // The last layer's firing rate, from the recorded output.
  double outSpikes = 0;
  for (const auto &row : trace->outputs["y"])
    for (double v : row)
      outSpikes += v;
  std::printf("last layer rate: %.2f%%\n",
              100.0 * outSpikes / double(width * steps));
  std::printf("spikes: %llu (%.2f%% of neuron-steps incl. inputs)\n",
              (unsigned long long)s.spikes,
              100.0 * s.spikes / double((neurons + nin) * steps));
  std::printf("synaptic events: %llu (%.0f per step)\n",
              (unsigned long long)s.synapticEvents,
              s.synapticEvents / double(steps));
  std::printf("neuron updates: %llu\n", (unsigned long long)s.neuronUpdates);
  std::printf("time: total %.3f s, of which setup ~%.3f s (1-step run), "
              "loop ~%.3f s\n",
              total, setup, loop);
  std::printf("synaptic events/s: %.3g (loop only), %.3g (incl. setup)\n",
              s.synapticEvents / loop, s.synapticEvents / total);
  std::printf("neuron updates/s:  %.3g (loop only), %.3g (incl. setup)\n",
              s.neuronUpdates / loop, s.neuronUpdates / total);
  return 0;
}
