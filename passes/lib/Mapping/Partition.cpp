//===- Partition.cpp - neurons to cores: filler, strategies, choice -------===//
//
// Every strategy produces an order of the neurons (and where its groups
// start); the greedy filler turns an order into cores, enforcing each hard
// limit incrementally, so METIS's balance (which does not guarantee caps) is
// repaired by construction. The candidates are measured by the independent
// verifier and the one with the fewest cores, then the fewest inter-core
// spikes, wins.
//
//===----------------------------------------------------------------------===//

#include "MappingInternal.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/topological_sort.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

using namespace spikec;
using namespace spikec::mapping;
using namespace spikec::mapping::detail;

Graph::Graph(const Network &net) : net(net), popOf(net.populationOfNeurons()) {
  std::vector<uint32_t> modelOfPop = net.modelOfPopulations(&models);
  modelOf.resize(net.numNeurons);
  for (uint32_t n = 0; n < net.numNeurons; ++n)
    modelOf[n] = modelOfPop[popOf[n]];
  // Counting sort by post; pres come out ascending since p is.
  inStart.assign(size_t(net.numNeurons) + 1, 0);
  for (uint32_t q : net.post)
    ++inStart[q + 1];
  for (uint32_t n = 0; n < net.numNeurons; ++n)
    inStart[n + 1] += inStart[n];
  pre.resize(net.post.size());
  std::vector<uint64_t> next(inStart.begin(), inStart.end() - 1);
  for (uint32_t p = 0; p < net.numPres(); ++p)
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e)
      pre[next[net.post[e]]++] = p;
  net.copiesOfNeurons(copyStart, copies);
}

namespace {

/// Cores filled one at a time, only the newest one open. Because cores are
/// created in increasing order, "pre p already reaches the newest core" is
/// destNewest[p] == newest, and "pre p already has an input axon in the
/// newest core" is inStamp[p] == newest: O(fan-in + fan-out) per neuron.
/// Destinations are counted per pre and charged to the neuron it copies.
///
/// A core's output axons grow after it is closed, as its neurons' posts land
/// in later cores. So a neuron is charged, when placed, the destinations it
/// is expected to have (`reserve`, from an earlier round); growth beyond
/// that is charged to its core without a check (the core is closed), and
/// fillCores reruns with larger reservations when the result breaks the
/// limit.
class CoreFiller {
public:
  CoreFiller(const Graph &g, const target::CoreLimits &lim,
             const std::vector<uint32_t> &reserve)
      : g(g), lim(lim), reserve(reserve), coreOf(g.net.numNeurons, -1),
        inStamp(g.net.numPres(), -1), destNewest(g.net.numPres(), -1),
        dests(g.net.numNeurons, 0), charged(g.net.numNeurons, 0) {
    openCore();
  }

  void openCore() {
    use.emplace_back();
    coreModel.push_back(0);
    outDelta.push_back(0);
    seen.push_back(0);
  }
  int32_t current() const { return int32_t(use.size()) - 1; }
  const CoreUse &currentUse() const { return use.back(); }

  /// Places n in the newest core when every limit still holds. Otherwise
  /// changes nothing and, when `why` is given, says which limit.
  bool tryPlace(uint32_t n, std::string *why);

  std::vector<int32_t> takeAssignment() {
    if (use.back().neurons == 0)
      use.pop_back();
    return std::move(coreOf);
  }

private:
  bool fail(std::string *why, const char *what, uint64_t need, int64_t limit) {
    for (int32_t t : touched)
      outDelta[t] = 0;
    touched.clear();
    if (why) {
      std::ostringstream os;
      os << what << " " << need << " exceeds " << limit;
      *why = os.str();
    }
    return false;
  }

  const Graph &g;
  const target::CoreLimits &lim;
  const std::vector<uint32_t> &reserve;
  std::vector<int32_t> coreOf;
  std::vector<int32_t> inStamp;    ///< per pre
  std::vector<int32_t> destNewest; ///< per pre: newest core it reaches
  std::vector<uint32_t> dests;     ///< per neuron: its pres' destinations
  std::vector<uint32_t> charged;   ///< per neuron: output axons charged
  std::vector<CoreUse> use;
  std::vector<uint32_t> coreModel;
  std::vector<uint32_t> outDelta; ///< per core, scratch of one tryPlace
  std::vector<int32_t> touched;
  std::vector<uint64_t> seen; ///< per core: stamp of the last count
  uint64_t stamp = 0;
  std::vector<int32_t> newestOfPres; ///< scratch of one tryPlace
};

bool CoreFiller::tryPlace(uint32_t n, std::string *why) {
  const Network &net = g.net;
  int32_t c = current();
  CoreUse &u = use[c];
  ++stamp;
  if (u.neurons && coreModel[c] != g.modelOf[n]) {
    if (why)
      *why = "core runs " + g.models[coreModel[c]];
    return false;
  }
  if (u.neurons + 1 > uint64_t(lim.neurons.value))
    return fail(why, "neurons", u.neurons + 1, lim.neurons);
  uint64_t bits = g.synapseBits(n);
  if (u.synapseBits + bits > uint64_t(lim.synapseMemoryBits.value))
    return fail(why, "synapse memory bits", u.synapseBits + bits,
                lim.synapseMemoryBits);
  // Input axons of this core, and new destinations of placed pres.
  uint64_t dIn = 0;
  uint32_t prev = std::numeric_limits<uint32_t>::max();
  for (uint64_t e = g.inStart[n]; e < g.inStart[n + 1]; ++e) {
    uint32_t p = g.pre[e];
    if (p == prev)
      continue;
    prev = p;
    if (inStamp[p] != c)
      ++dIn;
    uint32_t s = net.sourceOf(p);
    if (s < net.numNeurons && s != n && coreOf[s] >= 0 &&
        destNewest[p] != c) {
      // (Two copies of s new here count one: a rare, slight optimism that
      // verifyPartition catches.)
      if (dests[s] + 1 > uint64_t(lim.maxFanOut.value))
        return fail(why, "fan-out of a pre", dests[s] + 1, lim.maxFanOut);
      // Only the open core is checked; see the class comment.
      if (coreOf[s] == c && dests[s] + 1 > charged[s] && outDelta[c]++ == 0)
        touched.push_back(c);
    }
  }
  if (u.inputAxons + dIn > uint64_t(lim.inputAxons.value))
    return fail(why, "input axons", u.inputAxons + dIn, lim.inputAxons);
  // n's own destinations among its placed posts (and this core), over its
  // pres; newest[i] is the newest core of its i-th pre.
  uint32_t k = 0;
  newestOfPres.clear();
  g.forPresOf(n, [&](uint32_t p) {
    ++stamp;
    int32_t newest = -1;
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e) {
      uint32_t q = net.post[e];
      int32_t qc = q == n ? c : coreOf[q];
      if (qc < 0 || seen[qc] == stamp)
        continue;
      seen[qc] = stamp;
      ++k;
      newest = std::max(newest, qc);
    }
    newestOfPres.push_back(newest);
  });
  if (k > uint64_t(lim.maxFanOut.value))
    return fail(why, "fan-out", k, lim.maxFanOut);
  uint32_t charge = std::max(k, reserve[n]);
  if (charge) {
    if (outDelta[c] == 0)
      touched.push_back(c);
    outDelta[c] += charge;
  }
  for (int32_t t : touched)
    if (use[t].outputAxons + outDelta[t] > uint64_t(lim.outputAxons.value))
      return fail(why, "output axons", use[t].outputAxons + outDelta[t],
                  lim.outputAxons);
  for (int32_t t : touched)
    outDelta[t] = 0;
  touched.clear();

  // Commit.
  coreOf[n] = c;
  coreModel[c] = g.modelOf[n];
  ++u.neurons;
  u.synapseBits += bits;
  u.inputAxons += uint32_t(dIn);
  prev = std::numeric_limits<uint32_t>::max();
  for (uint64_t e = g.inStart[n]; e < g.inStart[n + 1]; ++e) {
    uint32_t p = g.pre[e];
    if (p == prev)
      continue;
    prev = p;
    inStamp[p] = c;
    uint32_t s = net.sourceOf(p);
    if (s < net.numNeurons && s != n && coreOf[s] >= 0 &&
        destNewest[p] != c) {
      destNewest[p] = c;
      if (++dests[s] > charged[s]) {
        charged[s] = dests[s];
        ++use[coreOf[s]].outputAxons;
      }
    }
  }
  dests[n] = k;
  charged[n] = charge;
  size_t i = 0;
  g.forPresOf(n, [&](uint32_t p) { destNewest[p] = newestOfPres[i++]; });
  u.outputAxons += charge;
  return true;
}

std::string describeNeuron(const Graph &g, uint32_t n) {
  const Population &pop = g.net.populations[g.popOf[n]];
  std::ostringstream os;
  os << pop.model << " '" << pop.name << "': neuron " << n;
  return os.str();
}

std::variant<std::vector<int32_t>, std::string>
fillOnce(const Graph &g, const target::CoreLimits &lim, const FillPlan &plan,
         const std::vector<uint32_t> &reserve, uint32_t maxCores) {
  CoreFiller f(g, lim, reserve);
  auto tooMany = [&] { return uint32_t(f.current()) >= maxCores; };
  auto abandoned = [&] {
    return "abandoned: needs more than " + std::to_string(maxCores) +
           " cores, the best strategy so far";
  };
  std::vector<uint32_t> deferred;
  std::string why;
  auto place = [&](uint32_t n) {
    if (f.tryPlace(n, nullptr))
      return true;
    if (f.currentUse().neurons)
      f.openCore();
    return f.tryPlace(n, &why);
  };
  size_t group = 0;
  for (uint64_t i = 0; i < plan.order.size(); ++i) {
    bool starts = false;
    while (group < plan.groupStart.size() && plan.groupStart[group] == i) {
      starts = true;
      ++group;
    }
    if (starts && f.currentUse().neurons) {
      uint64_t end = group < plan.groupStart.size() ? plan.groupStart[group]
                                                    : plan.order.size();
      if (plan.breakMode == FillPlan::Break::Always ||
          (plan.breakMode == FillPlan::Break::IfNotFits &&
           f.currentUse().neurons + (end - i) >
               uint64_t(lim.neurons.value)))
        f.openCore();
    }
    uint32_t n = plan.order[i];
    if (plan.breakMode == FillPlan::Break::Always) {
      if (!f.tryPlace(n, nullptr))
        deferred.push_back(n);
    } else if (!place(n)) {
      return describeNeuron(g, n) + " fits no core: " + why;
    }
    if (tooMany())
      return abandoned();
  }
  if (!deferred.empty() && f.currentUse().neurons)
    f.openCore();
  for (uint32_t n : deferred) {
    if (!place(n))
      return describeNeuron(g, n) + " fits no core: " + why;
    if (tooMany())
      return abandoned();
  }
  return f.takeAssignment();
}

/// Distinct destination cores of every neuron under `coreOf`.
std::vector<uint32_t> destinationCounts(const Network &net,
                                        const std::vector<int32_t> &coreOf,
                                        uint32_t numCores) {
  std::vector<uint32_t> dests(net.numNeurons, 0);
  std::vector<int64_t> seen(numCores, -1);
  for (uint32_t p = 0; p < net.numPres(); ++p) {
    uint32_t s = net.sourceOf(p);
    if (s >= net.numNeurons)
      continue;
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e) {
      int32_t c = coreOf[net.post[e]];
      if (seen[c] != p) {
        seen[c] = p;
        ++dests[s];
      }
    }
  }
  return dests;
}

} // namespace

std::variant<std::vector<int32_t>, std::string>
detail::fillCores(const Graph &g, const target::CoreLimits &lim,
                  const FillPlan &plan, uint32_t maxCores) {
  // Rounds of reservations: each charges every neuron at least the
  // destinations it had in the round before.
  std::vector<uint32_t> reserve(g.net.numNeurons, 0);
  std::string overflow;
  uint64_t lastWorst = std::numeric_limits<uint64_t>::max();
  for (int round = 0; round < 4; ++round) {
    auto r = fillOnce(g, lim, plan, reserve, maxCores);
    if (std::holds_alternative<std::string>(r))
      return r;
    const std::vector<int32_t> &coreOf = std::get<std::vector<int32_t>>(r);
    if (coreOf.empty())
      return r;
    uint32_t numCores =
        uint32_t(*std::max_element(coreOf.begin(), coreOf.end()) + 1);
    std::vector<uint32_t> dests = destinationCounts(g.net, coreOf, numCores);
    std::vector<uint64_t> out(numCores, 0);
    for (uint32_t n = 0; n < g.net.numNeurons; ++n)
      out[coreOf[n]] += dests[n];
    auto worst = std::max_element(out.begin(), out.end());
    if (*worst <= uint64_t(lim.outputAxons.value))
      return r;
    std::ostringstream os;
    os << "core " << (worst - out.begin()) << " needs " << *worst
       << " output axons, exceeds " << lim.outputAxons.value << " after "
       << round + 1 << " rounds of reservations";
    overflow = os.str();
    if (*worst >= lastWorst)
      break; // not converging
    lastWorst = *worst;
    for (uint32_t n = 0; n < g.net.numNeurons; ++n)
      reserve[n] = std::max(reserve[n], dests[n]);
  }
  return overflow;
}

namespace {

FillPlan sequentialPlan(const Network &net) {
  FillPlan plan;
  plan.order.resize(net.numNeurons);
  std::iota(plan.order.begin(), plan.order.end(), 0u);
  return plan;
}

/// Every population in blocks of core.neurons consecutive neurons, each
/// block a core of its own.
FillPlan blockPlan(const Network &net, const target::CoreLimits &lim) {
  FillPlan plan = sequentialPlan(net);
  plan.breakMode = FillPlan::Break::Always;
  for (const Population &pop : net.populations)
    for (uint32_t i = 0; i < pop.count; i += uint32_t(lim.neurons.value))
      plan.groupStart.push_back(pop.first + i);
  return plan;
}

/// Populations in topological order (Boost.Graph), each a group; fails when
/// the population graph has a cycle (a recurrent network).
std::variant<FillPlan, std::string> layerPlan(const Graph &g) {
  const Network &net = g.net;
  using PopGraph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  size_t numPops = net.populations.size();
  PopGraph pg(numPops);
  std::vector<int64_t> seen(numPops, -1); // per target: last source
  for (uint32_t p = 0; p < net.numPres(); ++p) {
    if (!net.fromNeuron(p))
      continue;
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e) {
      uint32_t from = g.popOf[net.sourceOf(p)], to = g.popOf[net.post[e]];
      if (seen[to] != from) {
        seen[to] = from;
        boost::add_edge(from, to, pg);
      }
    }
  }
  std::vector<size_t> reversed;
  try {
    boost::topological_sort(pg, std::back_inserter(reversed));
  } catch (const boost::not_a_dag &) {
    return std::string("not layered: the populations form a cycle");
  }
  FillPlan plan;
  plan.breakMode = FillPlan::Break::IfNotFits;
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) {
    const Population &pop = net.populations[*it];
    plan.groupStart.push_back(plan.order.size());
    for (uint32_t i = 0; i < pop.count; ++i)
      plan.order.push_back(pop.first + i);
  }
  return plan;
}

/// Errors for a neuron no core can hold whatever the assignment.
std::string checkNeurons(const Graph &g, const target::TargetDesc &t) {
  const target::CoreLimits &lim = t.core;
  for (uint32_t n = 0; n < g.net.numNeurons; ++n) {
    uint64_t fanIn = g.fanIn(n), distinct = 0;
    for (uint64_t e = g.inStart[n]; e < g.inStart[n + 1]; ++e)
      distinct += e == g.inStart[n] || g.pre[e] != g.pre[e - 1];
    std::ostringstream os;
    os << describeNeuron(g, n) << ": fan-in ";
    if (fanIn > uint64_t(lim.maxFanIn.value))
      os << fanIn << " exceeds " << t.name << "'s max_fan_in "
         << lim.maxFanIn.value;
    else if (distinct > uint64_t(lim.inputAxons.value))
      os << "from " << distinct << " pres exceeds " << t.name << "'s "
         << lim.inputAxons.value << " input axons per core";
    else if (g.synapseBits(n) > uint64_t(lim.synapseMemoryBits.value))
      os << fanIn << " x " << g.net.populations[g.popOf[n]].synapseBits
         << " bits exceeds " << t.name << "'s "
         << lim.synapseMemoryBits.value << " synapse memory bits per core";
    else
      continue;
    return os.str();
  }
  return "";
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
      .count();
}

} // namespace

PartitionOrError mapping::partitionNetwork(const Network &net,
                                           const target::TargetDesc &target,
                                           const PartitionOptions &options) {
  if (std::string err = net.checkStructure(); !err.empty())
    return "malformed network: " + err;
  Graph g(net);
  if (std::string err = checkNeurons(g, target); !err.empty())
    return err;
  Partition result;
  result.lowerBound = lowerBoundOnCores(net, target.core);
  if (result.lowerBound.cores > target.mesh.cores) {
    std::ostringstream os;
    os << "network needs at least " << result.lowerBound.cores
       << " cores (by " << result.lowerBound.binding << "), " << target.name
       << " has " << target.mesh.cores.value;
    return os.str();
  }

  target::TargetDesc unboundedMesh = target;
  unboundedMesh.mesh.cores.value = std::numeric_limits<int32_t>::max();
  std::vector<int32_t> best;
  auto tryPlan = [&](const std::string &name,
                     const std::variant<FillPlan, std::string> &plan,
                     double planSeconds) {
    auto t0 = std::chrono::steady_clock::now();
    StrategyResult r;
    r.name = name;
    std::vector<int32_t> coreOf;
    if (auto *err = std::get_if<std::string>(&plan)) {
      r.failure = *err;
    } else {
      // A fill past the best core count so far cannot win: stop it there.
      uint32_t maxCores = best.empty()
                              ? std::numeric_limits<uint32_t>::max()
                              : result.stats.numCores;
      auto filled =
          fillCores(g, target.core, std::get<FillPlan>(plan), maxCores);
      if (auto *err = std::get_if<std::string>(&filled))
        r.failure = *err;
      else
        coreOf = std::move(std::get<std::vector<int32_t>>(filled));
    }
    // Verified against an unbounded mesh first, so that a result too big
    // for the chip still reports its figures (the benchmark compares them).
    MappingStats stats;
    if (r.failure.empty())
      r.failure = verifyPartition(net, unboundedMesh, coreOf, &stats);
    r.seconds = planSeconds + secondsSince(t0);
    r.cores = stats.numCores;
    r.interCoreSpikes = stats.interCoreSpikes;
    if (r.failure.empty() && stats.numCores > target.mesh.cores) {
      std::ostringstream os;
      os << "uses " << stats.numCores << " cores, " << target.name << " has "
         << target.mesh.cores.value;
      r.failure = os.str();
    }
    if (r.failure.empty()) {
      if (best.empty() || stats.numCores < result.stats.numCores ||
          (stats.numCores == result.stats.numCores &&
           stats.interCoreSpikes < result.stats.interCoreSpikes)) {
        best = std::move(coreOf);
        result.stats = std::move(stats);
        result.strategy = name;
      }
    }
    result.tried.push_back(std::move(r));
  };

  auto t0 = std::chrono::steady_clock::now();
  auto layers = layerPlan(g);
  double layerSeconds = secondsSince(t0);
  bool layered = std::holds_alternative<FillPlan>(layers);
  auto tryClusters = [&] {
    auto t0 = std::chrono::steady_clock::now();
    FillPlan plan = clusterPlan(g, target.core);
    tryPlan("clusters", std::move(plan), secondsSince(t0));
  };
  // A recurrent network's natural clusters come first, so that the plain
  // fills after them stop once they need more cores (at 100M synapses the
  // sequential fill of a clustered graph took 33 s to lose).
  if (options.clusters && !layered)
    tryClusters();
  if (options.sequential)
    tryPlan("sequential", sequentialPlan(net), 0);
  if (options.layers)
    tryPlan("layers", layers, layerSeconds);
  if (options.blocks)
    tryPlan("blocks", blockPlan(net, target.core), 0);
  // Graph partitioning is for irregular and recurrent networks, or when
  // the fills above left cores to gain.
  bool partitionGraph =
      !layered || best.empty() || result.stats.numCores > result.lowerBound.cores;
  if (options.clusters && layered && partitionGraph)
    tryClusters();
  // METIS costs most on a large graph (tens of seconds at 100M synapses):
  // there it runs only when nothing above fits.
  if (options.metis && partitionGraph && !best.empty() &&
      net.numSynapses() > options.metisOnlyIfNeededAbove) {
    StrategyResult r;
    r.name = "metis";
    std::ostringstream os;
    os << "skipped: " << result.strategy << " fits and the network is large ("
       << net.numSynapses() << " synapses > "
       << options.metisOnlyIfNeededAbove << ")";
    r.failure = os.str();
    result.tried.push_back(std::move(r));
    partitionGraph = false;
  }
  if (options.metis && partitionGraph) {
    // k = the lower bound first; more parts when nothing fits yet (parts
    // that split natural clusters make neurons reach more cores).
    for (double slack : {1.0, 1.05, 1.15}) {
      if (slack > 1.0 && !best.empty())
        break;
      auto t0 = std::chrono::steady_clock::now();
      auto plans = metisPlans(g, target.core, options, slack);
      double s = secondsSince(t0);
      std::string suffix =
          slack == 1.0 ? "" : "@" + std::to_string(std::lround(slack * 100)) + "%";
      if (auto *err = std::get_if<std::string>(&plans)) {
        tryPlan("metis" + suffix, *err, s);
      } else {
        auto &ps = std::get<std::vector<FillPlan>>(plans);
        const char *names[] = {"metis", "metis-flow"};
        for (size_t i = 0; i < ps.size() && i < 2; ++i)
          tryPlan(names[i] + suffix, std::move(ps[i]), s);
      }
    }
  }
  if (best.empty()) {
    std::ostringstream os;
    os << "no strategy fits the network on " << target.name;
    for (const StrategyResult &r : result.tried)
      os << "; " << r.name << ": " << r.failure;
    return os.str();
  }
  result.coreOf = std::move(best);
  return result;
}
