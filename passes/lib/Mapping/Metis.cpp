//===- Metis.cpp - METIS k-way partition of each model's neurons ----------===//
//
// Per model (a core runs one), the neurons form an undirected graph: an edge
// per synapse weighted by its pre's firing rate, both directions summed;
// vertex weights are the neuron slot and the synapse memory (two METIS
// constraints). Above PartitionOptions::coarsenAbove synapses the neurons
// are first merged by size-constrained label propagation (each neuron joins
// the neighbouring cluster it is most connected to, clusters capped at an
// eighth of a core), so METIS sees tens of thousands of vertices instead of
// a million. The parts become fill orders; the filler enforces the limits
// METIS only balances.
//
//===----------------------------------------------------------------------===//

#include "MappingInternal.h"

#include <metis.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

using namespace spikec;
using namespace spikec::mapping;
using namespace spikec::mapping::detail;

namespace {

/// The neurons of one model, with local ids.
struct Group {
  std::vector<uint32_t> members; ///< global ids, ascending
  uint32_t parts = 1;
};

/// Calls f(localNeighbour, weight) for every synapse of member v (local id)
/// to or from another member: out-edges weighted by v's rate, then
/// (after calling `inEdges()`) in-edges by the pre's.
template <typename F, typename G = void (*)()>
void forNeighbours(
    const Graph &g, const std::vector<int32_t> &localOf, uint32_t v,
    uint32_t global, F f, G inEdges = [] {}) {
  const Network &net = g.net;
  double r = net.rateOf(global);
  g.forPresOf(global, [&](uint32_t p) {
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e) {
      int32_t u = localOf[net.post[e]];
      if (u >= 0 && uint32_t(u) != v)
        f(uint32_t(u), r);
    }
  });
  inEdges();
  for (uint64_t e = g.inStart[global]; e < g.inStart[global + 1]; ++e) {
    uint32_t p = g.pre[e];
    if (!net.fromNeuron(p))
      continue;
    int32_t u = localOf[net.sourceOf(p)];
    if (u >= 0 && uint32_t(u) != v)
      f(uint32_t(u), net.rateOf(p));
  }
}

/// forNeighbours of every member, recorded once: label propagation sweeps
/// the group a dozen times, and the recorded lists are read in order
/// instead of through the network's pres, copies and local ids (800 MB at
/// 100M synapses). Each member's out-edges come first (weight: its rate),
/// then its in-edges (weight: the pre's rate, the neighbour's), so the
/// calls, their order and their weights are forNeighbours' own.
class Adjacency {
public:
  Adjacency(const Graph &g, const Group &grp,
            const std::vector<int32_t> &localOf) {
    const Network &net = g.net;
    size_t n = grp.members.size();
    uint64_t bound = 0;
    for (uint32_t m : grp.members) {
      g.forPresOf(m, [&](uint32_t p) {
        bound += net.rowStart[p + 1] - net.rowStart[p];
      });
      bound += g.fanIn(m);
    }
    nbr.reserve(bound);
    start.reserve(n + 1);
    split.reserve(n);
    rate.reserve(n);
    start.push_back(0);
    for (uint32_t v = 0; v < n; ++v)
      rate.push_back(net.rateOf(grp.members[v]));
    for (uint32_t v = 0; v < n; ++v) {
      forNeighbours(
          g, localOf, v, grp.members[v],
          [&](uint32_t u, double) { nbr.push_back(u); },
          [&] { split.push_back(nbr.size()); });
      start.push_back(nbr.size());
    }
  }

  /// Calls f(u, weight) for each neighbour u of v.
  template <typename F> void each(uint32_t v, F f) const {
    uint64_t e = start[v];
    double r = rate[v];
    for (; e < split[v]; ++e)
      f(nbr[e], r);
    for (; e < start[v + 1]; ++e)
      f(nbr[e], rate[nbr[e]]);
  }

private:
  std::vector<uint64_t> start, split;
  std::vector<uint32_t> nbr;
  std::vector<double> rate;
};

/// Propagation can stop with a natural cluster split into labels that
/// cannot grow into each other one neuron at a time (each is held by its
/// own members): a 900 and a 100. Whole labels merge here, smallest first,
/// into the label they are most connected to, when the two fit together;
/// otherwise the pieces land in cores of their own and their neurons reach
/// several cores each.
void mergeFragments(const Group &grp, const Adjacency &adj,
                    std::vector<uint32_t> &label, std::vector<uint64_t> &size,
                    std::vector<uint64_t> &bits, uint64_t maxNeurons,
                    uint64_t maxBits) {
  size_t n = grp.members.size();
  // Members by label (CSR).
  std::vector<uint64_t> start(n + 1, 0);
  for (uint32_t l : label)
    ++start[l + 1];
  for (size_t l = 0; l < n; ++l)
    start[l + 1] += start[l];
  std::vector<uint32_t> byLabel(n);
  std::vector<uint64_t> next(start.begin(), start.end() - 1);
  for (uint32_t v = 0; v < n; ++v)
    byLabel[next[label[v]]++] = v;
  // Fragments: labels under half a core, smallest first.
  std::vector<uint32_t> order;
  for (uint32_t l = 0; l < n; ++l)
    if (size[l] > 0 && 2 * size[l] < maxNeurons)
      order.push_back(l);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return size[a] < size[b];
  });
  // Merged labels as a union-find forest over the original labels.
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](uint32_t l) {
    while (parent[l] != l)
      l = parent[l] = parent[parent[l]];
    return l;
  };
  std::vector<double> acc(n, 0);
  std::vector<uint32_t> touched;
  for (uint32_t l : order) {
    uint32_t own = find(l);
    if (own != l)
      continue; // already merged into another label
    // Its connections, from its own members (fragments that merged into it
    // earlier count in its size only: a heuristic).
    for (uint64_t i = start[l]; i < start[l + 1]; ++i) {
      uint32_t v = byLabel[i];
      adj.each(v, [&](uint32_t u, double w) {
        uint32_t m = find(label[u]);
        if (m == own)
          return;
        if (acc[m] == 0)
          touched.push_back(m);
        acc[m] += w;
      });
    }
    uint32_t best = own;
    double bestW = 0;
    for (uint32_t m : touched)
      if (acc[m] > bestW && size[m] + size[own] <= maxNeurons &&
          bits[m] + bits[own] <= maxBits) {
        best = m;
        bestW = acc[m];
      }
    for (uint32_t m : touched)
      acc[m] = 0;
    touched.clear();
    if (best == own)
      continue;
    parent[own] = best;
    size[best] += size[own];
    bits[best] += bits[own];
    size[own] = bits[own] = 0;
  }
  for (uint32_t &l : label)
    l = find(l);
}

/// Size-constrained label propagation: a cluster id per member, clusters
/// of at most maxNeurons neurons and maxBits synapse bits.
///
/// A cap close to a natural cluster's size makes plain propagation stall:
/// a label fills up with a few neurons of a neighbouring cluster, and the
/// rest of its own cluster, held in a second label, cannot join it. So
/// after propagation settles, every neuron more connected to another label
/// than to its own (whatever the room there) is evicted to a label of its
/// own, and propagation resumes; evictions make the room that the evicted
/// neurons of the other cluster then take.
std::vector<uint32_t> propagateLabels(const Graph &g, const Group &grp,
                                      const std::vector<int32_t> &localOf,
                                      uint64_t maxNeurons, uint64_t maxBits,
                                      int iterations) {
  size_t n = grp.members.size();
  const Adjacency adj(g, grp, localOf);
  std::vector<uint32_t> label(n);
  std::iota(label.begin(), label.end(), 0u);
  std::vector<uint64_t> size(n, 1), bits(n);
  for (size_t v = 0; v < n; ++v)
    bits[v] = g.synapseBits(grp.members[v]);
  std::vector<double> acc(n, 0);
  std::vector<uint32_t> touched;
  auto relabel = [&](uint32_t v, uint32_t to) {
    uint64_t b = g.synapseBits(grp.members[v]);
    --size[label[v]];
    bits[label[v]] -= b;
    ++size[to];
    bits[to] += b;
    label[v] = to;
  };
  // The label v is most connected to, among those with room for it
  // (`withRoom`) or all; its own label unless another is strictly better.
  // Adds v's weight to other labels to *cut when given.
  auto bestLabel = [&](uint32_t v, bool withRoom, double *cut = nullptr) {
    double total = 0;
    adj.each(v, [&](uint32_t u, double w) {
      uint32_t l = label[u];
      if (acc[l] == 0)
        touched.push_back(l);
      acc[l] += w;
      total += w;
    });
    uint32_t own = label[v], best = own;
    double bestW = acc[own];
    if (cut)
      *cut += total - bestW;
    uint64_t b = g.synapseBits(grp.members[v]);
    for (uint32_t l : touched)
      if (l != own && acc[l] > bestW &&
          (!withRoom || (size[l] + 1 <= maxNeurons && bits[l] + b <= maxBits))) {
        best = l;
        bestW = acc[l];
      }
    for (uint32_t l : touched)
      acc[l] = 0;
    touched.clear();
    return best;
  };
  auto propagate = [&](int rounds) {
    for (int iter = 0; iter < rounds; ++iter) {
      uint64_t moves = 0;
      for (uint32_t v = 0; v < n; ++v)
        if (uint32_t best = bestLabel(v, true); best != label[v]) {
          relabel(v, best);
          ++moves;
        }
      if (moves <= n / 1000)
        break;
    }
  };
  propagate(iterations);
  // Eviction rounds, each kept only when it cuts less weight between labels
  // without making more of them (else the labels of the round before stay).
  struct Labels {
    std::vector<uint32_t> label;
    std::vector<uint64_t> size, bits;
    double cut = 0;
    uint64_t count = 0;
  } kept;
  std::vector<uint32_t> evict, freeLabels;
  for (int round = 0;; ++round) {
    // Who would rather be elsewhere, and the weight cut by the labels.
    evict.clear();
    double cut = 0;
    for (uint32_t v = 0; v < n; ++v)
      if (bestLabel(v, false, &cut) != label[v] && size[label[v]] > 1)
        evict.push_back(v);
    uint64_t count = n - uint64_t(std::count(size.begin(), size.end(), 0));
    if (round > 0 && !(cut < kept.cut && count <= kept.count)) {
      label = std::move(kept.label);
      size = std::move(kept.size);
      bits = std::move(kept.bits);
      break;
    }
    if (round == 3 || evict.empty())
      break;
    freeLabels.clear();
    for (uint32_t l = 0; l < n; ++l)
      if (size[l] == 0)
        freeLabels.push_back(l);
    if (freeLabels.size() < evict.size())
      break;
    // Kept only now that another round follows, to compare it with.
    kept = {label, size, bits, cut, count};
    for (uint32_t v : evict) {
      relabel(v, freeLabels.back());
      freeLabels.pop_back();
    }
    propagate(iterations);
  }
  mergeFragments(grp, adj, label, size, bits, maxNeurons, maxBits);
  return label;
}

/// Partitions one group into grp.parts parts; returns the fill order of its
/// members (part by part, clusters kept together) and the part starts.
std::variant<std::pair<std::vector<uint32_t>, std::vector<uint64_t>>,
             std::string>
partitionGroup(const Graph &g, const target::CoreLimits &lim, const Group &grp,
               std::vector<int32_t> &localOf, const PartitionOptions &options) {
  size_t n = grp.members.size();
  for (size_t v = 0; v < n; ++v)
    localOf[grp.members[v]] = int32_t(v);
  uint64_t synapses = 0;
  for (uint32_t m : grp.members)
    synapses += g.fanIn(m);

  // Clusters: label propagation when large, else one per neuron.
  std::vector<uint32_t> cluster(n);
  uint32_t numClusters = 0;
  if (synapses > options.coarsenAbove) {
    std::vector<uint32_t> label = propagateLabels(
        g, grp, localOf, std::max<int64_t>(1, lim.neurons / 8),
        std::max<int64_t>(1, lim.synapseMemoryBits / 8), 3);
    std::vector<int64_t> renum(n, -1);
    for (size_t v = 0; v < n; ++v) {
      if (renum[label[v]] < 0)
        renum[label[v]] = numClusters++;
      cluster[v] = uint32_t(renum[label[v]]);
    }
  } else {
    std::iota(cluster.begin(), cluster.end(), 0u);
    numClusters = uint32_t(n);
  }
  std::vector<uint64_t> clusterStart(size_t(numClusters) + 1, 0);
  for (uint32_t c : cluster)
    ++clusterStart[c + 1];
  for (uint32_t c = 0; c < numClusters; ++c)
    clusterStart[c + 1] += clusterStart[c];
  std::vector<uint32_t> byCluster(n);
  {
    std::vector<uint64_t> next(clusterStart.begin(), clusterStart.end() - 1);
    for (uint32_t v = 0; v < n; ++v)
      byCluster[next[cluster[v]]++] = v;
  }

  // The cluster graph in METIS's CSR: weights summed, self-edges dropped.
  std::vector<idx_t> xadj(1, 0), adjncy;
  std::vector<double> wgt;
  std::vector<uint64_t> clusterBits(numClusters, 0);
  std::vector<double> acc(numClusters, 0);
  std::vector<uint32_t> mark(numClusters, std::numeric_limits<uint32_t>::max());
  std::vector<uint32_t> touched;
  for (uint32_t c = 0; c < numClusters; ++c) {
    for (uint64_t i = clusterStart[c]; i < clusterStart[c + 1]; ++i) {
      uint32_t v = byCluster[i];
      clusterBits[c] += g.synapseBits(grp.members[v]);
      forNeighbours(g, localOf, v, grp.members[v], [&](uint32_t u, double w) {
        uint32_t d = cluster[u];
        if (d == c)
          return;
        if (mark[d] != c) {
          mark[d] = c;
          touched.push_back(d);
        }
        acc[d] += w;
      });
    }
    for (uint32_t d : touched) {
      adjncy.push_back(idx_t(d));
      wgt.push_back(acc[d]);
      acc[d] = 0;
    }
    touched.clear();
    xadj.push_back(idx_t(adjncy.size()));
  }
  // Integer weights: keep every total below 2^30 (METIS sums them in idx_t).
  // The memory weight gets 1 added so that it is never all zero.
  double bitsTotal =
      double(std::accumulate(clusterBits.begin(), clusterBits.end(), 0ull));
  double bitScale = std::min(1.0, 1e9 / std::max(1.0, bitsTotal));
  std::vector<idx_t> vwgt(2 * size_t(numClusters));
  for (uint32_t c = 0; c < numClusters; ++c) {
    vwgt[2 * c] = idx_t(clusterStart[c + 1] - clusterStart[c]);
    vwgt[2 * c + 1] = idx_t(double(clusterBits[c]) * bitScale) + 1;
  }
  double wTotal = std::accumulate(wgt.begin(), wgt.end(), 0.0);
  double wScale = std::min(100.0, 1e9 / std::max(1.0, wTotal));
  std::vector<idx_t> adjwgt(wgt.size());
  for (size_t i = 0; i < wgt.size(); ++i)
    adjwgt[i] = std::max<idx_t>(1, idx_t(std::llround(wgt[i] * wScale)));

  std::vector<idx_t> part(numClusters, 0);
  idx_t nparts = idx_t(grp.parts);
  if (nparts >= idx_t(numClusters)) {
    std::iota(part.begin(), part.end(), 0);
  } else if (nparts > 1) {
    idx_t nvtxs = idx_t(numClusters), ncon = 2, objval = 0;
    idx_t opts[METIS_NOPTIONS];
    METIS_SetDefaultOptions(opts);
    opts[METIS_OPTION_SEED] = options.seed;
    opts[METIS_OPTION_NUMBERING] = 0;
    real_t ubvec[2] = {1.03f, 1.05f};
    int rc = METIS_PartGraphKway(&nvtxs, &ncon, xadj.data(), adjncy.data(),
                                 vwgt.data(), nullptr, adjwgt.data(), &nparts,
                                 nullptr, ubvec, opts, &objval, part.data());
    if (rc != METIS_OK) {
      std::ostringstream os;
      os << "METIS_PartGraphKway failed with code " << rc << " on "
         << numClusters << " vertices and " << nparts << " parts";
      return os.str();
    }
  }

  // Order: part by part, clusters together, members ascending.
  std::vector<uint32_t> clusterOrder(numClusters);
  std::iota(clusterOrder.begin(), clusterOrder.end(), 0u);
  std::stable_sort(clusterOrder.begin(), clusterOrder.end(),
                   [&](uint32_t a, uint32_t b) { return part[a] < part[b]; });
  std::vector<uint32_t> order;
  std::vector<uint64_t> starts;
  order.reserve(n);
  for (size_t i = 0; i < clusterOrder.size(); ++i) {
    uint32_t c = clusterOrder[i];
    if (i == 0 || part[c] != part[clusterOrder[i - 1]])
      starts.push_back(order.size());
    for (uint64_t j = clusterStart[c]; j < clusterStart[c + 1]; ++j)
      order.push_back(grp.members[byCluster[j]]);
  }
  for (uint32_t m : grp.members)
    localOf[m] = -1;
  return std::make_pair(std::move(order), std::move(starts));
}

} // namespace

FillPlan detail::clusterPlan(const Graph &g, const target::CoreLimits &lim) {
  const Network &net = g.net;
  std::vector<Group> groups(g.models.size());
  for (uint32_t n = 0; n < net.numNeurons; ++n)
    groups[g.modelOf[n]].members.push_back(n);
  FillPlan plan;
  plan.breakMode = FillPlan::Break::IfNotFits;
  std::vector<int32_t> localOf(net.numNeurons, -1);
  for (const Group &grp : groups) {
    for (size_t v = 0; v < grp.members.size(); ++v)
      localOf[grp.members[v]] = int32_t(v);
    std::vector<uint32_t> label = propagateLabels(
        g, grp, localOf, lim.neurons, lim.synapseMemoryBits, 10);
    // Clusters in order of their first member, members ascending.
    std::vector<std::vector<uint32_t>> members(grp.members.size());
    std::vector<uint32_t> firsts;
    for (size_t v = 0; v < grp.members.size(); ++v) {
      if (members[label[v]].empty())
        firsts.push_back(label[v]);
      members[label[v]].push_back(grp.members[v]);
    }
    for (uint32_t l : firsts) {
      plan.groupStart.push_back(plan.order.size());
      plan.order.insert(plan.order.end(), members[l].begin(),
                        members[l].end());
    }
    for (uint32_t m : grp.members)
      localOf[m] = -1;
  }
  return plan;
}

std::variant<std::vector<FillPlan>, std::string>
detail::metisPlans(const Graph &g, const target::CoreLimits &lim,
                   const PartitionOptions &options, double slack) {
  const Network &net = g.net;
  LowerBound lb = lowerBoundOnCores(net, lim);
  std::vector<Group> groups(g.models.size());
  for (uint32_t n = 0; n < net.numNeurons; ++n)
    groups[g.modelOf[n]].members.push_back(n);
  for (size_t m = 0; m < groups.size(); ++m)
    groups[m].parts = std::max<uint32_t>(
        1, uint32_t(std::ceil(lb.perModel[m].second * slack)));

  std::vector<FillPlan> plans(2);
  plans[0].breakMode = FillPlan::Break::Always;
  plans[1].breakMode = FillPlan::Break::Never;
  std::vector<int32_t> localOf(net.numNeurons, -1);
  for (const Group &grp : groups) {
    auto r = partitionGroup(g, lim, grp, localOf, options);
    if (auto *err = std::get_if<std::string>(&r))
      return *err;
    auto &[order, starts] =
        std::get<std::pair<std::vector<uint32_t>, std::vector<uint64_t>>>(r);
    uint64_t offset = plans[0].order.size();
    for (uint64_t s : starts)
      plans[0].groupStart.push_back(offset + s);
    plans[0].order.insert(plans[0].order.end(), order.begin(), order.end());
  }
  plans[1].order = plans[0].order;
  return plans;
}
