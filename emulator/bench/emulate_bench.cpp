//===- emulate_bench.cpp - spikec-bench-emulate: emulator throughput ------===//
//
// Synaptic events per second of the emulator's two modes on generated loihi
// images of 10k, 100k and 1M neurons (100 synapses into each neuron), next
// to a bare CSR-scatter kernel run on the same synapse arrays in the same
// process: for each event, walk its axon's synapses and add the weight to
// the target's accumulator, nothing else. That kernel is the practical
// limit of this machine for this memory layout.
//
// The network: cores of 1024 loihi compartments; each neuron takes 90
// synapses from neurons of its own core and 10 from the two neighbouring
// cores (a clustered recurrent network, as a good partition leaves it);
// weights are inhibition-dominated and every neuron has a bias that would
// make it fire alone, so activity settles at a similar fraction of neurons
// per step at every size (no input file needed). With --sparse, the
// network users run instead: cores of 40 neurons (what loihi's synapse
// memory holds at a fan-in of 100) and each neuron's 100 synapses from
// neurons drawn over the whole network, so a packet carries about one
// synapse (tools/bench/workload_bench.py runs that against Brian2). Each
// size runs in a child process so its peak memory is its own.
//
//   spikec-bench-emulate [--sizes=10000,100000,1000000] [--steps=100]
//                        [--seed=1] [--sparse]
//
//===----------------------------------------------------------------------===//

#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"
#include "spikec/Target/Target.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace spikec;

namespace {

/// How the network is laid out (the file comment).
struct Shape {
  uint32_t coreNeurons = 1024;
  uint32_t local = 90, remote = 10;
  /// Remote synapses from anywhere rather than the neighbouring cores.
  bool anywhere = false;
};
Shape shape;

double now() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// The image of `n` neurons (a multiple of the core size is not needed: the
/// last core holds the rest) on a mesh of `t`'s tiles, enlarged when needed.
image::Image makeImage(uint32_t n, std::mt19937_64 &rng,
                       target::TargetDesc &t) {
  const uint32_t perCore = shape.coreNeurons;
  uint32_t numCores = (n + perCore - 1) / perCore;
  while (t.mesh.capacity() < numCores) {
    t.mesh.width.value *= 2;
    t.mesh.height.value *= 2;
  }
  image::Image img;
  img.header.target = t.name;
  img.header.targetHash = t.contentHashHex();
  img.header.dt = 1e-3;
  img.header.meshWidth = uint32_t(t.mesh.width.value);
  img.header.meshHeight = uint32_t(t.mesh.height.value);
  img.header.coresPerTile = uint32_t(t.mesh.coresPerTile.value);
  img.provenance.network = "bench_" + std::to_string(n);
  auto size = [&](uint32_t c) { return std::min(perCore, n - c * perCore); };
  std::uniform_int_distribution<int32_t> weight(-60, 20);
  // pres[c]: the (pre core, pre neuron, post neuron, weight) into core c.
  struct Syn {
    uint32_t preCore, pre, post;
    int32_t w;
  };
  // Axon ids per (core, pre global) in order of first use.
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> routes(n);
  img.cores.resize(numCores);
  std::vector<Syn> syn;
  std::vector<uint32_t> axonOfPre;
  for (uint32_t c = 0; c < numCores; ++c) {
    image::Core &core = img.cores[c];
    uint32_t tile = c / img.header.coresPerTile;
    core.x = tile % img.header.meshWidth;
    core.y = tile / img.header.meshWidth;
    core.slot = c % img.header.coresPerTile;
    core.model = "loihi";
    core.numNeurons = size(c);
    // du = dv = 4095: the current and membrane forget each step, so a
    // neuron fires when its bias (120 x 64) plus this step's input exceeds
    // 100 x 64: it fires alone, and 21 net units of inhibition silence it.
    core.params = {{"du", {4095}},       {"dv", {4095}},
                   {"vth_mant", {100}},  {"bias_mant", {3840}},
                   {"bias_exp", {1}},    {"refractory_delay", {0}}};
    core.groups = {{8, 0, 0}};
    syn.clear();
    for (uint32_t j = 0; j < core.numNeurons; ++j) {
      for (uint32_t k = 0; k < shape.local + shape.remote; ++k) {
        uint32_t pc = c;
        if (k >= shape.local && numCores > 1)
          pc = shape.anywhere ? uint32_t(rng() % numCores)
                              : (c + (rng() & 1 ? 1 : numCores - 1)) % numCores;
        uint32_t pre = uint32_t(rng() % size(pc));
        syn.push_back({pc, pre, j, weight(rng)});
      }
    }
    std::sort(syn.begin(), syn.end(), [](const Syn &a, const Syn &b) {
      return a.preCore != b.preCore ? a.preCore < b.preCore
                                    : a.pre != b.pre ? a.pre < b.pre
                                                     : a.post < b.post;
    });
    core.synTarget.reserve(syn.size());
    core.synWeight.reserve(syn.size());
    for (size_t k = 0; k < syn.size(); ++k) {
      if (k == 0 || syn[k].preCore != syn[k - 1].preCore ||
          syn[k].pre != syn[k - 1].pre) {
        if (k)
          core.axonOffsets.push_back(uint32_t(k));
        uint32_t axon = uint32_t(core.axonGroup.size());
        core.axonGroup.push_back(0);
        routes[syn[k].preCore * perCore + syn[k].pre].push_back({c, axon});
      }
      core.synTarget.push_back(syn[k].post);
      core.synWeight.push_back(syn[k].w);
    }
    core.axonOffsets.push_back(uint32_t(syn.size()));
  }
  for (uint32_t c = 0; c < numCores; ++c) {
    image::Core &core = img.cores[c];
    for (uint32_t j = 0; j < core.numNeurons; ++j) {
      for (auto [dc, da] : routes[c * perCore + j])
        core.routes.push_back({dc, da});
      core.routeOffsets.push_back(uint32_t(core.routes.size()));
    }
  }
  return img;
}

struct Figures {
  double seconds = 0;
  uint64_t events = 0;
  double rate() const { return seconds > 0 ? double(events) / seconds : 0; }
};

/// The bare kernel: for each step, the same number of axon events per core
/// as the functional run had on average, on random axons.
Figures bareScatter(const image::Image &img, uint64_t eventsWanted,
                    int64_t steps, std::mt19937_64 &rng) {
  size_t numCores = img.cores.size();
  uint64_t synapses = 0;
  for (const image::Core &c : img.cores)
    synapses += c.numSynapses();
  // Axons per step per core so that the synapses read match the run's.
  double fraction = double(eventsWanted) / double(steps) / double(synapses);
  std::vector<std::vector<uint32_t>> active(numCores);
  for (size_t c = 0; c < numCores; ++c)
    for (uint32_t a = 0; a < img.cores[c].numAxons(); ++a)
      if (std::generate_canonical<double, 32>(rng) < fraction)
        active[c].push_back(a);
  std::vector<int64_t> acc(shape.coreNeurons, 0);
  Figures f;
  double t0 = now();
  int64_t sink = 0;
  for (int64_t t = 0; t < steps; ++t)
    for (size_t c = 0; c < numCores; ++c) {
      const image::Core &core = img.cores[c];
      const uint32_t *off = core.axonOffsets.data();
      const uint32_t *tgt = core.synTarget.data();
      const int32_t *w = core.synWeight.data();
      for (uint32_t a : active[c]) {
        for (uint32_t k = off[a]; k < off[a + 1]; ++k)
          acc[tgt[k]] += w[k];
        f.events += off[a + 1] - off[a];
      }
      sink += acc[t % shape.coreNeurons];
      std::fill(acc.begin(), acc.begin() + core.numNeurons, 0);
    }
  f.seconds = now() - t0;
  if (sink == 42) // keeps the loop from being optimized away
    std::printf(" ");
  return f;
}

long peakRssMiB() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

int runSize(uint32_t n, int64_t steps, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto loaded = target::loadTarget("loihi");
  if (auto *err = std::get_if<std::string>(&loaded)) {
    std::fprintf(stderr, "error: %s\n", err->c_str());
    return 1;
  }
  target::TargetDesc t = std::get<target::TargetDesc>(loaded);
  double t0 = now();
  image::Image img = makeImage(n, rng, t);
  double build = now() - t0;
  uint64_t synapses = 0;
  for (const image::Core &c : img.cores)
    synapses += c.numSynapses();
  if (std::string why = image::validate(img); !why.empty()) {
    std::fprintf(stderr, "error: generated image is invalid: %s\n",
                 why.c_str());
    return 1;
  }

  auto run = [&](bool cycle, Figures &f, uint64_t &spikes) -> bool {
    std::string err;
    auto emulator = emu::Emulator::create(img, err);
    if (!emulator || !(err = emulator->start({}, steps)).empty()) {
      std::fprintf(stderr, "error: %s\n", err.c_str());
      return false;
    }
    double s0 = now();
    if (cycle) {
      emu::CycleModel model(t, emulator->image());
      model.reserve(steps);
      emulator->run(model);
    } else {
      emulator->run();
    }
    f.seconds = now() - s0;
    f.events = emulator->stats().synapticEvents;
    spikes = emulator->stats().spikes;
    return true;
  };
  Figures functional, cycle;
  uint64_t spikes = 0, spikesCycle = 0;
  if (!run(false, functional, spikes) || !run(true, cycle, spikesCycle))
    return 1;
  Figures bare = bareScatter(img, functional.events, steps, rng);
  std::printf("%9u neurons %11llu synapses %6zu cores | build %.2f s | "
              "activity %.3f spikes/neuron/step | %.3g events\n",
              n, (unsigned long long)synapses, img.cores.size(), build,
              double(spikes) / double(n) / double(steps),
              double(functional.events));
  std::printf("          events/s: functional %.3g (%.2f x bare), cycle "
              "%.3g (%.2f x bare), bare scatter %.3g | ns/event: %.2f, "
              "%.2f, %.2f | peak %ld MiB%s\n",
              functional.rate(), functional.rate() / bare.rate(), cycle.rate(),
              cycle.rate() / bare.rate(), bare.rate(),
              1e9 / functional.rate(), 1e9 / cycle.rate(), 1e9 / bare.rate(),
              peakRssMiB(),
              spikes == spikesCycle ? "" : " | MODES DISAGREE");
  std::fflush(stdout);
  return spikes == spikesCycle ? 0 : 1;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<uint32_t> sizes = {10000, 100000, 1000000};
  int64_t steps = 100;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--sizes=", 0) == 0) {
      sizes.clear();
      std::stringstream ss(a.substr(8));
      for (std::string item; std::getline(ss, item, ',');)
        sizes.push_back(uint32_t(std::stoul(item)));
    } else if (a.rfind("--steps=", 0) == 0) {
      steps = std::stoll(a.substr(8));
    } else if (a.rfind("--seed=", 0) == 0) {
      seed = std::stoull(a.substr(7));
    } else if (a == "--sparse") {
      shape.coreNeurons = 40;
      shape.local = 0;
      shape.remote = 100;
      shape.anywhere = true;
    } else {
      std::fprintf(stderr,
                   "usage: spikec-bench-emulate [--sizes=N,...] [--steps=T] "
                   "[--seed=S] [--sparse]\n");
      return 2;
    }
  }
  if (steps <= 0 || sizes.empty() ||
      std::any_of(sizes.begin(), sizes.end(), [](uint32_t s) { return !s; })) {
    std::fprintf(stderr, "error: sizes and steps must be positive\n");
    return 2;
  }
  std::printf("spikec-bench-emulate: loihi cores of %u neurons, %u synapses "
              "into each neuron (%u from %s), %lld steps\n",
              shape.coreNeurons, shape.local + shape.remote, shape.remote,
              shape.anywhere ? "anywhere" : "the neighbouring cores",
              (long long)steps);
  int status = 0;
  for (uint32_t n : sizes) {
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
      std::_Exit(runSize(n, steps, seed));
    int st = 0;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
      status = 1;
  }
  return status;
}
