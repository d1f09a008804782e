//===- compile_bench.cpp - spikec-bench-mapping: mapping at scale ---------===//
//
// Generates networks of 10k, 100k and 1M neurons with about 100 synapses
// each and maps them for a target (default loihi): partition (every
// strategy, timed), placement and routing. Kinds ff, rec and tn
// (BenchNetworks.h, shared with spikec-bench-compile).
// Each size and kind runs in a child process so that its peak memory
// (getrusage) is its own. When the target's chip cannot hold the network
// (lower bound above mesh.cores), a larger mesh of the same cores is used
// and the output says so.
//
//   spikec-bench-mapping [--target=loihi] [--sizes=10000,100000,1000000]
//                        [--kinds=ff,rec,tn] [--seed=1]
//                        [--coarsen-above=SYNAPSES] [--merge-duplicates]
//                        [--strategies=sequential,layers,blocks,clusters,metis]
//
// --merge-duplicates sums repeated (pre, post) synapses into one, as
// snn-quantize does, so the graph is the one `spikec compile` maps.
//
//===----------------------------------------------------------------------===//

#include "BenchNetworks.h"
#include "spikec/Mapping/Mapping.h"
#include "spikec/Mapping/Placement.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace spikec;
using namespace spikec::mapping;
using namespace spikec::bench;

namespace {

/// The partition strategies --strategies= names, each with its switch.
struct Strategy {
  const char *name;
  bool PartitionOptions::*enabled;
};
constexpr Strategy kStrategies[] = {
    {"sequential", &PartitionOptions::sequential},
    {"layers", &PartitionOptions::layers},
    {"blocks", &PartitionOptions::blocks},
    {"clusters", &PartitionOptions::clusters},
    {"metis", &PartitionOptions::metis}};

std::string strategyNames() {
  std::string names;
  for (const Strategy &s : kStrategies)
    names += (names.empty() ? "" : ", ") + std::string(s.name);
  return names;
}

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
      .count();
}

double peakMiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_maxrss) / 1024.0;
}

/// Drops repeated posts from every row (rows become ascending).
void mergeDuplicates(Network &net) {
  uint64_t out = 0;
  for (uint32_t p = 0; p < net.numPres(); ++p) {
    auto first = net.post.begin() + int64_t(net.rowStart[p]);
    auto last = net.post.begin() + int64_t(net.rowStart[p + 1]);
    std::sort(first, last);
    auto end = std::unique(first, last);
    net.rowStart[p] = out;
    out = uint64_t(std::copy(first, end, net.post.begin() + int64_t(out)) -
                   net.post.begin());
  }
  net.rowStart[net.numPres()] = out;
  net.post.resize(out);
}

int runOne(const target::TargetDesc &chip, const std::string &kind,
           uint32_t n, uint64_t seed, const PartitionOptions &options,
           bool merge) {
  auto t0 = std::chrono::steady_clock::now();
  Network net;
  generate(kind, n, seed, net);
  if (merge)
    mergeDuplicates(net);
  double genS = since(t0);
  std::printf("\n== %s, %u neurons, %u inputs, %llu synapses (generated in "
              "%.2f s)\n",
              kind.c_str(), net.numNeurons, net.numInputs,
              (unsigned long long)net.numSynapses(), genS);

  target::TargetDesc t = chip;
  LowerBound lb = lowerBoundOnCores(net, t.core);
  if (int64_t s = meshScaleFor(t.mesh, lb.cores); s > 1) {
    t.mesh.width.value *= s;
    t.mesh.height.value *= s;
    t.mesh.cores.value = t.mesh.capacity();
    t.name = chip.name + "-x" + std::to_string(s * s);
    std::printf("%s does not fit it (lower bound %u cores by %s > %lld); "
                "using %s: the same cores on a %lld x %lld mesh, %lld cores\n",
                chip.name.c_str(), lb.cores, lb.binding.c_str(),
                (long long)chip.mesh.cores.value, t.name.c_str(),
                (long long)t.mesh.width.value, (long long)t.mesh.height.value,
                (long long)t.mesh.cores.value);
  }

  t0 = std::chrono::steady_clock::now();
  PartitionOrError r = partitionNetwork(net, t, options);
  double partS = since(t0);
  if (auto *err = std::get_if<std::string>(&r)) {
    std::printf("partition failed: %s\n", err->c_str());
    return 1;
  }
  const Partition &p = std::get<Partition>(r);
  const StrategyResult *seq = nullptr;
  std::printf("%-12s %9s %10s %16s %9s\n", "strategy", "time(s)", "cores",
              "inter-core", "failure");
  for (const StrategyResult &s : p.tried) {
    if (s.name == "sequential")
      seq = &s;
    std::printf("%-12s %9.2f %10u %16.0f %s\n", s.name.c_str(), s.seconds,
                s.cores, s.interCoreSpikes,
                s.failure.substr(0, 100).c_str());
  }
  std::printf("chosen %s: %u cores (lower bound %u by %s)", p.strategy.c_str(),
              p.stats.numCores, p.lowerBound.cores,
              p.lowerBound.binding.c_str());
  if (seq && seq->cores)
    std::printf("; vs sequential fill: cores %.2fx, inter-core spikes %.2fx",
                double(p.stats.numCores) / seq->cores,
                seq->interCoreSpikes > 0
                    ? p.stats.interCoreSpikes / seq->interCoreSpikes
                    : 0.0);
  std::printf("\npartition total %.2f s\n", partS);

  t0 = std::chrono::steady_clock::now();
  std::vector<TrafficEdge> traffic =
      coreTraffic(net, p.coreOf, p.stats.numCores);
  double trafficS = since(t0);
  t0 = std::chrono::steady_clock::now();
  Placement pl = placeCores(p.stats.numCores, traffic, t.mesh);
  double placeS = since(t0);
  t0 = std::chrono::steady_clock::now();
  RouteStats rs = routeTraffic(traffic, pl, t.mesh);
  double routeS = since(t0);
  std::printf("traffic %.2f s (%zu core pairs); placement %.2f s (%u passes, "
              "%llu swaps, hop cost %.0f -> %.0f); routing %.2f s\n",
              trafficS, traffic.size(), placeS, pl.passes,
              (unsigned long long)pl.swaps, pl.initialCost, pl.cost, routeS);
  std::printf("hops: average %.2f, max %d; max link load %.0f spikes/step\n",
              rs.averageHops, rs.maxHops, rs.maxLinkLoad);
  std::printf("peak memory %.0f MiB\n", peakMiB());
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  std::string targetName = "loihi", sizes = "10000,100000,1000000",
              kinds = "ff,rec";
  uint64_t seed = 1;
  bool merge = false;
  PartitionOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char *flag) -> const char * {
      size_t len = std::strlen(flag);
      return a.compare(0, len, flag) == 0 ? argv[i] + len : nullptr;
    };
    if (const char *v = value("--target="))
      targetName = v;
    else if (const char *v = value("--sizes="))
      sizes = v;
    else if (const char *v = value("--kinds="))
      kinds = v;
    else if (const char *v = value("--seed="))
      seed = std::strtoull(v, nullptr, 10);
    else if (const char *v = value("--coarsen-above="))
      options.coarsenAbove = std::strtoull(v, nullptr, 10);
    else if (a == "--merge-duplicates")
      merge = true;
    else if (const char *v = value("--strategies=")) {
      for (const Strategy &s : kStrategies)
        options.*s.enabled = false;
      for (const std::string &name : splitList(v)) {
        const Strategy *s =
            std::find_if(std::begin(kStrategies), std::end(kStrategies),
                         [&](const Strategy &s) { return name == s.name; });
        if (s == std::end(kStrategies)) {
          std::fprintf(stderr,
                       "spikec-bench-mapping: unknown strategy '%s' (known: "
                       "%s)\n",
                       name.c_str(), strategyNames().c_str());
          return 2;
        }
        options.*s->enabled = true;
      }
    } else {
      std::fprintf(stderr,
                   "usage: spikec-bench-mapping [--target=T] "
                   "[--sizes=N,...] [--kinds=ff,rec] [--seed=S] "
                   "[--coarsen-above=SYNAPSES] [--merge-duplicates] "
                   "[--strategies=NAME,...]\n");
      return 2;
    }
  }
  target::TargetOrError tr = target::loadTarget(targetName);
  if (auto *err = std::get_if<std::string>(&tr)) {
    std::fprintf(stderr, "spikec-bench-mapping: %s\n", err->c_str());
    return 1;
  }
  const target::TargetDesc &chip = std::get<target::TargetDesc>(tr);
  std::printf("spikec-bench-mapping: target %s (%lld cores of %lld neurons, "
              "%lld input axons, %lld synapse bits)\n",
              chip.name.c_str(), (long long)chip.mesh.cores.value,
              (long long)chip.core.neurons.value,
              (long long)chip.core.inputAxons.value,
              (long long)chip.core.synapseMemoryBits.value);
  int failures = 0;
  for (const std::string &size : splitList(sizes))
    for (const std::string &kind : splitList(kinds)) {
      if (kind != "ff" && kind != "rec" && kind != "tn") {
        std::fprintf(stderr, "spikec-bench-mapping: unknown kind '%s'\n",
                     kind.c_str());
        return 2;
      }
      std::fflush(stdout);
      pid_t pid = fork();
      if (pid == 0) {
        int rc = runOne(chip, kind, uint32_t(std::stoul(size)), seed, options,
                        merge);
        std::fflush(stdout);
        _exit(rc);
      }
      int status = 0;
      waitpid(pid, &status, 0);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        ++failures;
    }
  return failures ? 1 : 0;
}
