//===- Network.cpp - the mapping problem, its bound and its verifier ------===//
//
// Building and checking a Network, the lower bound on cores and the
// independent verifier of an assignment. The verifier recomputes every
// resource from scratch (it shares nothing with the incremental accounting
// of the partitioner), so tests and partitionNetwork itself can trust it.
//
//===----------------------------------------------------------------------===//

#include "spikec/Mapping/Mapping.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

using namespace spikec;
using namespace spikec::mapping;

uint32_t Network::addPopulation(std::string name, std::string model,
                                uint32_t count, uint32_t synapseBits) {
  uint32_t first = numNeurons;
  populations.push_back(
      {std::move(name), std::move(model), first, count, synapseBits});
  numNeurons += count;
  return first;
}

void Network::setSynapses(std::vector<std::pair<uint32_t, uint32_t>> syn) {
  // Rows by a counting sort on pre, then each (short) row sorted: the same
  // (pre, post) order as sorting the pairs, at a fraction of the cost for
  // 100M synapses.
  rowStart.assign(size_t(numPres()) + 1, 0);
  for (auto [p, q] : syn)
    ++rowStart[p + 1];
  for (size_t p = 0; p < numPres(); ++p)
    rowStart[p + 1] += rowStart[p];
  post.resize(syn.size());
  {
    std::vector<uint64_t> next(rowStart.begin(), rowStart.end() - 1);
    for (auto [p, q] : syn)
      post[next[p]++] = q;
  }
  syn = {};
  for (size_t p = 0; p < numPres(); ++p)
    std::sort(post.begin() + int64_t(rowStart[p]),
              post.begin() + int64_t(rowStart[p + 1]));
}

void Network::copiesOfNeurons(std::vector<uint32_t> &start,
                              std::vector<uint32_t> &copies) const {
  start.assign(size_t(numNeurons) + 1, 0);
  for (uint32_t s : copyOf)
    if (s < numNeurons)
      ++start[s + 1];
  for (uint32_t n = 0; n < numNeurons; ++n)
    start[n + 1] += start[n];
  copies.resize(start.back());
  std::vector<uint32_t> next(start.begin(), start.end() - 1);
  for (uint32_t i = 0; i < copyOf.size(); ++i)
    if (copyOf[i] < numNeurons)
      copies[next[copyOf[i]]++] = numSources() + i;
}

std::vector<uint32_t> Network::populationOfNeurons() const {
  std::vector<uint32_t> pop(numNeurons);
  for (uint32_t i = 0; i < populations.size(); ++i)
    std::fill_n(pop.begin() + populations[i].first, populations[i].count, i);
  return pop;
}

std::vector<uint32_t>
Network::modelOfPopulations(std::vector<std::string> *models) const {
  std::map<std::string, uint32_t> ids;
  std::vector<uint32_t> modelOf;
  for (const Population &p : populations) {
    auto [it, fresh] = ids.try_emplace(p.model, ids.size());
    if (fresh && models)
      models->push_back(p.model);
    modelOf.push_back(it->second);
  }
  return modelOf;
}

std::string Network::checkStructure() const {
  std::ostringstream os;
  uint32_t next = 0;
  for (const Population &p : populations) {
    if (p.first != next) {
      os << "population '" << p.name << "' starts at neuron " << p.first
         << ", expected " << next;
      return os.str();
    }
    next += p.count;
  }
  if (next != numNeurons) {
    os << "populations cover " << next << " neurons, the network has "
       << numNeurons;
    return os.str();
  }
  if (rowStart.size() != size_t(numPres()) + 1 || rowStart.front() != 0 ||
      rowStart.back() != post.size()) {
    os << "synapse rows do not match " << numPres() << " pres and "
       << post.size() << " synapses";
    return os.str();
  }
  for (size_t p = 0; p < numPres(); ++p)
    if (rowStart[p] > rowStart[p + 1])
      return "synapse rows are not increasing";
  for (uint32_t q : post)
    if (q >= numNeurons) {
      os << "synapse to neuron " << q << " of " << numNeurons;
      return os.str();
    }
  for (size_t i = 0; i < copyOf.size(); ++i)
    if (copyOf[i] >= numSources()) {
      os << "copy " << i << " of pre " << copyOf[i] << ", outside the "
         << numSources() << " neurons and inputs";
      return os.str();
    }
  if (!rate.empty() && rate.size() != numSources()) {
    os << "rates given for " << rate.size() << " neurons and inputs, the "
       << "network has " << numSources();
    return os.str();
  }
  for (size_t i = 0; i < rate.size(); ++i)
    if (!(rate[i] >= 0) || !std::isfinite(rate[i])) {
      os << "rate " << rate[i] << " of pre " << i
         << " is not a finite number >= 0";
      return os.str();
    }
  return "";
}

namespace {

uint64_t ceilDiv(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

/// For every pre, the distinct values f(post) over its posts, in one pass:
/// calls visit(pre, value) once per distinct value. `seen` is scratch sized
/// to the value range.
template <typename F, typename V>
void forDistinct(const Network &net, std::vector<int64_t> &seen, F valueOf,
                 V visit) {
  std::fill(seen.begin(), seen.end(), -1);
  for (uint32_t p = 0; p < net.numPres(); ++p)
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e) {
      size_t v = valueOf(net.post[e]);
      if (seen[v] == p)
        continue;
      seen[v] = p;
      visit(p, v);
    }
}

} // namespace

LowerBound mapping::lowerBoundOnCores(const Network &net,
                                      const target::CoreLimits &core) {
  // Per model: neurons, synapse bits, distinct pres reaching it (each needs
  // an input axon somewhere), on-chip pres reaching it (each needs an output
  // axon somewhere).
  std::vector<std::string> models;
  std::vector<uint32_t> modelOfPop = net.modelOfPopulations(&models);
  std::vector<uint32_t> popOf = net.populationOfNeurons();
  size_t m = models.size();
  std::vector<uint64_t> neurons(m), bits(m), ins(m), outs(m);
  for (size_t i = 0; i < net.populations.size(); ++i)
    neurons[modelOfPop[i]] += net.populations[i].count;
  std::vector<int64_t> seen(m);
  forDistinct(
      net, seen, [&](uint32_t q) { return modelOfPop[popOf[q]]; },
      [&](uint32_t p, size_t model) {
        ++ins[model];
        if (net.fromNeuron(p))
          ++outs[model];
      });
  for (uint32_t p = 0; p < net.numPres(); ++p)
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e) {
      const Population &pop = net.populations[popOf[net.post[e]]];
      bits[modelOfPop[popOf[net.post[e]]]] += pop.synapseBits;
    }
  LowerBound lb;
  uint32_t worst = 0;
  for (size_t i = 0; i < m; ++i) {
    std::pair<uint64_t, const char *> r[] = {
        {ceilDiv(neurons[i], core.neurons), "neurons"},
        {ceilDiv(bits[i], core.synapseMemoryBits), "synapse memory"},
        {ceilDiv(ins[i], core.inputAxons), "input axons"},
        {ceilDiv(outs[i], core.outputAxons), "output axons"}};
    auto *best = std::max_element(
        std::begin(r), std::end(r),
        [](const auto &a, const auto &b) { return a.first < b.first; });
    lb.cores += uint32_t(best->first);
    lb.perModel.emplace_back(models[i], uint32_t(best->first));
    if (best->first >= worst) {
      worst = uint32_t(best->first);
      lb.binding = best->second;
    }
  }
  return lb;
}

std::string mapping::verifyPartition(const Network &net,
                                     const target::TargetDesc &target,
                                     const std::vector<int32_t> &coreOf,
                                     MappingStats *stats) {
  const target::CoreLimits &lim = target.core;
  std::ostringstream os;
  if (coreOf.size() != net.numNeurons) {
    os << "assignment has " << coreOf.size() << " entries for "
       << net.numNeurons << " neurons";
    return os.str();
  }
  int32_t maxCore = -1;
  for (uint32_t n = 0; n < net.numNeurons; ++n) {
    if (coreOf[n] < 0) {
      os << "neuron " << n << " has no core";
      return os.str();
    }
    maxCore = std::max(maxCore, coreOf[n]);
  }
  uint32_t numCores = uint32_t(maxCore + 1);
  if (numCores > target.mesh.cores) {
    os << "uses " << numCores << " cores, " << target.name << " has "
       << target.mesh.cores.value;
    return os.str();
  }
  std::vector<uint32_t> popOf = net.populationOfNeurons();
  std::vector<CoreUse> use(numCores);
  std::vector<int64_t> model(numCores, -1);
  std::vector<uint32_t> modelOfPop = net.modelOfPopulations();
  std::vector<uint64_t> fanIn(net.numNeurons, 0);
  for (uint32_t p = 0; p < net.numPres(); ++p)
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e)
      ++fanIn[net.post[e]];
  for (uint32_t n = 0; n < net.numNeurons; ++n) {
    const Population &pop = net.populations[popOf[n]];
    int32_t c = coreOf[n];
    int64_t id = modelOfPop[popOf[n]];
    if (model[c] >= 0 && model[c] != id) {
      os << "core " << c << " runs two models (" << pop.model
         << " of neuron " << n << " and another)";
      return os.str();
    }
    model[c] = id;
    ++use[c].neurons;
    use[c].synapseBits += fanIn[n] * pop.synapseBits;
    if (fanIn[n] > uint64_t(lim.maxFanIn.value)) {
      os << pop.model << " '" << pop.name << "': neuron " << n << " fan-in "
         << fanIn[n] << " exceeds max_fan_in " << lim.maxFanIn.value;
      return os.str();
    }
  }
  double spikes = 0, inputSpikes = 0;
  std::vector<uint32_t> dests(net.numPres(), 0);
  std::vector<int64_t> seen(numCores);
  forDistinct(
      net, seen, [&](uint32_t q) { return size_t(coreOf[q]); },
      [&](uint32_t p, size_t c) {
        ++use[c].inputAxons;
        uint32_t s = net.sourceOf(p);
        if (s < net.numNeurons) {
          ++dests[s];
          ++use[coreOf[s]].outputAxons;
          if (int32_t(c) != coreOf[s])
            spikes += net.rateOf(p);
        } else {
          spikes += net.rateOf(p);
          inputSpikes += net.rateOf(p);
        }
      });
  for (uint32_t n = 0; n < net.numNeurons; ++n)
    if (dests[n] > uint64_t(lim.maxFanOut.value)) {
      const Population &pop = net.populations[popOf[n]];
      os << pop.model << " '" << pop.name << "': neuron " << n << " reaches "
         << dests[n] << " cores, exceeds max_fan_out " << lim.maxFanOut.value;
      return os.str();
    }
  for (uint32_t c = 0; c < numCores; ++c) {
    const CoreUse &u = use[c];
    std::pair<uint64_t, int64_t> checks[] = {
        {u.neurons, lim.neurons},
        {u.inputAxons, lim.inputAxons},
        {u.outputAxons, lim.outputAxons},
        {u.synapseBits, lim.synapseMemoryBits}};
    const char *names[] = {"neurons", "input axons", "output axons",
                           "synapse memory bits"};
    if (u.neurons == 0) {
      os << "core " << c << " is empty";
      return os.str();
    }
    for (int i = 0; i < 4; ++i)
      if (checks[i].first > uint64_t(checks[i].second)) {
        os << "core " << c << " uses " << checks[i].first << " " << names[i]
           << ", exceeds " << checks[i].second;
        return os.str();
      }
  }
  if (stats) {
    stats->numCores = numCores;
    stats->use = std::move(use);
    stats->interCoreSpikes = spikes;
    stats->inputSpikes = inputSpikes;
  }
  return "";
}
