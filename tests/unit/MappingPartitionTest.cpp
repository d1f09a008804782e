//===- MappingPartitionTest.cpp - neurons to cores, by hand ---------------===//
//
// Small networks whose optimal core counts are worked out in the comments;
// every result goes through verifyPartition (the independent check of every
// limit), and the verifier itself is shown to catch each broken rule.
//
//===----------------------------------------------------------------------===//

#include "MappingTestUtil.h"

#include "spikec/Mapping/Mapping.h"

#include <doctest/doctest.h>

#include <set>

using namespace spikec;
using namespace spikec::mapping;
using mappingtest::Limits;
using mappingtest::makeTarget;

namespace {

/// Partitions, requires success and a valid result, returns it.
Partition mapOk(const Network &net, const target::TargetDesc &t,
                const PartitionOptions &o = {}) {
  PartitionOrError r = partitionNetwork(net, t, o);
  if (auto *err = std::get_if<std::string>(&r))
    FAIL(*err);
  Partition p = std::get<Partition>(std::move(r));
  MappingStats s;
  CHECK(verifyPartition(net, t, p.coreOf, &s) == "");
  CHECK(s.numCores == p.stats.numCores);
  return p;
}

std::string mapError(const Network &net, const target::TargetDesc &t) {
  PartitionOrError r = partitionNetwork(net, t);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

const StrategyResult &tried(const Partition &p, const std::string &name) {
  for (const StrategyResult &r : p.tried)
    if (r.name == name)
      return r;
  FAIL("strategy " << name << " not tried");
  return p.tried.front();
}

/// 8 clusters of 16 neurons, neuron i in cluster i % 8, all to all inside
/// a cluster, plus a ring i -> i + 1 between clusters.
Network clusteredRing() {
  Network net;
  net.addPopulation("rec", "lif", 128);
  std::vector<std::pair<uint32_t, uint32_t>> syn;
  for (uint32_t i = 0; i < 128; ++i) {
    for (uint32_t j = i % 8; j < 128; j += 8)
      if (j != i)
        syn.push_back({i, j});
    syn.push_back({i, (i + 1) % 128});
  }
  net.setSynapses(syn);
  return net;
}

} // namespace

TEST_CASE("mapping: a 2-layer net needs exactly ceil(16 / 4) cores") {
  // 3 inputs -> 10 neurons -> 6 neurons, all to all; 4 neurons per core and
  // nothing else binding: lower bound ceil(16 / 4) = 4, and filling in order
  // reaches it (4 + 4 + (2 + 2) + 4).
  Network net;
  uint32_t a = net.addPopulation("fc1", "lif", 10);
  uint32_t b = net.addPopulation("fc2", "lif", 6);
  net.numInputs = 3;
  std::vector<std::pair<uint32_t, uint32_t>> syn;
  for (uint32_t i = 0; i < 3; ++i)
    for (uint32_t j = 0; j < 10; ++j)
      syn.push_back({net.numNeurons + i, a + j});
  for (uint32_t i = 0; i < 10; ++i)
    for (uint32_t j = 0; j < 6; ++j)
      syn.push_back({a + i, b + j});
  net.setSynapses(syn);
  Limits l;
  l.neurons = 4;
  Partition p = mapOk(net, makeTarget(l));
  CHECK(p.lowerBound.cores == 4);
  CHECK(p.lowerBound.binding == "neurons");
  CHECK(p.stats.numCores == 4);
  CHECK(tried(p, "sequential").cores == 4);
  // Cores 0 and 1 hold fc1 only: the 3 inputs each.
  CHECK(p.stats.use[0].inputAxons == 3);
  CHECK(p.stats.use[0].synapseBits == 4 * 3 * 8);
}

TEST_CASE("mapping: the input-axon limit binds, not the neuron limit") {
  // Neuron i (0..7) listens to inputs i and i+1 (9 inputs). A core of
  // neurons i..j needs inputs i..j+1: j - i + 2 axons, so at most 3 neurons
  // under 4 axons: ceil(8 / 3) = 3 cores; the bound is ceil(9 / 4) = 3 by
  // input axons, though 8 neurons fit one core's 8 slots.
  Network net;
  net.addPopulation("l", "lif", 8);
  net.numInputs = 9;
  std::vector<std::pair<uint32_t, uint32_t>> syn;
  for (uint32_t i = 0; i < 8; ++i) {
    syn.push_back({8 + i, i});
    syn.push_back({8 + i + 1, i});
  }
  net.setSynapses(syn);
  Limits l;
  l.neurons = 8;
  l.inputAxons = 4;
  Partition p = mapOk(net, makeTarget(l));
  CHECK(p.lowerBound.cores == 3);
  CHECK(p.lowerBound.binding == "input axons");
  CHECK(p.stats.numCores == 3);
  for (const CoreUse &u : p.stats.use)
    CHECK(u.inputAxons <= 4);
  // Every input reaching 2 cores counts once: inputs 3 and 6 straddle the
  // core boundaries (neurons 0-2 | 3-5 | 6-7), so 9 + 2 = 11 spikes.
  CHECK(p.stats.interCoreSpikes == 11);
}

TEST_CASE("mapping: fan-out 1 keeps a neuron's posts in one core") {
  // a0, a1 -> all of b0..b3; 4 neurons per core, max_fan_out 1 (TrueNorth's
  // one destination). Filling in order puts b0, b1 with a0, a1 and b2 in a
  // second core: a0 would reach 2 cores. Layer slicing starts b in a core of
  // its own (2 + 4 > 4): 2 cores, a0 and a1 reach core 1 only.
  Network net;
  net.addPopulation("a", "lif", 2);
  net.addPopulation("b", "lif", 4);
  std::vector<std::pair<uint32_t, uint32_t>> syn;
  for (uint32_t i = 0; i < 2; ++i)
    for (uint32_t j = 2; j < 6; ++j)
      syn.push_back({i, j});
  net.setSynapses(syn);
  Limits l;
  l.neurons = 4;
  l.maxFanOut = 1;
  Partition p = mapOk(net, makeTarget(l));
  CHECK(tried(p, "sequential").failure.find("fan-out of a pre 2 exceeds 1") !=
        std::string::npos);
  CHECK(tried(p, "layers").failure == "");
  CHECK(p.stats.numCores == 2);
  CHECK(p.coreOf[2] == p.coreOf[5]);
  CHECK(p.coreOf[0] != p.coreOf[2]);

  // Eight posts cannot share a 4-neuron core: no strategy fits.
  Network wide;
  wide.addPopulation("src", "lif", 1);
  wide.addPopulation("dst", "lif", 8);
  syn.clear();
  for (uint32_t j = 1; j < 9; ++j)
    syn.push_back({0, j});
  wide.setSynapses(syn);
  std::string err = mapError(wide, makeTarget(l));
  CHECK(err.find("no strategy fits the network on testchip") == 0);
  CHECK(err.find("fan-out") != std::string::npos);
}

TEST_CASE("mapping: populations of different models never share a core") {
  // 3 lif + 3 if neurons fit one 8-neuron core by count, but a core runs
  // one model: 2 cores, and the bound is 1 + 1.
  Network net;
  net.addPopulation("x", "lif", 3);
  net.addPopulation("y", "if", 3);
  std::vector<std::pair<uint32_t, uint32_t>> syn;
  for (uint32_t i = 0; i < 3; ++i)
    syn.push_back({i, 3 + i});
  net.setSynapses(syn);
  Limits l;
  l.neurons = 8;
  auto t = makeTarget(l);
  Partition p = mapOk(net, t);
  CHECK(p.lowerBound.cores == 2);
  CHECK(p.stats.numCores == 2);
  CHECK(p.coreOf[0] != p.coreOf[3]);
  std::vector<int32_t> mixed(6, 0);
  CHECK(verifyPartition(net, t, mixed).find("runs two models") !=
        std::string::npos);
}

TEST_CASE("mapping: a neuron too big for any core, or too many cores") {
  Network net;
  net.addPopulation("big", "lif", 1);
  net.numInputs = 10;
  std::vector<std::pair<uint32_t, uint32_t>> syn;
  for (uint32_t i = 0; i < 10; ++i)
    syn.push_back({1 + i, 0});
  net.setSynapses(syn);
  Limits l;
  l.inputAxons = 8;
  CHECK(mapError(net, makeTarget(l)) ==
        "lif 'big': neuron 0: fan-in from 10 pres exceeds testchip's 8 input "
        "axons per core");
  l = Limits();
  l.memoryBits = 64; // 10 synapses x 8 bits = 80
  CHECK(mapError(net, makeTarget(l)) ==
        "lif 'big': neuron 0: fan-in 10 x 8 bits exceeds testchip's 64 "
        "synapse memory bits per core");
  l = Limits();
  l.maxFanIn = 9;
  CHECK(mapError(net, makeTarget(l)) ==
        "lif 'big': neuron 0: fan-in 10 exceeds testchip's max_fan_in 9");

  // 20 neurons at 4 per core need ceil(20 / 4) = 5 cores; the chip has 4.
  Network many;
  many.addPopulation("p", "lif", 20);
  many.setSynapses({});
  l = Limits();
  l.neurons = 4;
  l.cores = 4;
  CHECK(mapError(many, makeTarget(l)) ==
        "network needs at least 5 cores (by neurons), testchip has 4");
}

TEST_CASE("mapping: METIS beats the sequential fill on a clustered graph") {
  // 8 clusters of 16 neurons, neuron i in cluster i % 8, all to all inside a
  // cluster, plus a ring i -> i + 1 between clusters. 16 neurons per core:
  // 8 cores. In index order each core holds one neuron of every cluster, so
  // each neuron reaches all 8 cores: 128 x 7 = 896 spikes cross. One cluster
  // per core leaves only the 128 ring synapses (at most one each).
  Network net = clusteredRing();
  Limits l;
  l.neurons = 16;
  PartitionOptions metisOnly;
  metisOnly.clusters = false;
  Partition p = mapOk(net, makeTarget(l), metisOnly);
  const StrategyResult &seq = tried(p, "sequential");
  CHECK(seq.cores == 8);
  CHECK(seq.interCoreSpikes == 896);
  CHECK(tried(p, "layers").failure ==
        "not layered: the populations form a cycle");
  CHECK(p.strategy.rfind("metis", 0) == 0);
  CHECK(p.stats.numCores == 8);
  CHECK(p.stats.interCoreSpikes <= 128);

  // Whole-core label propagation finds the clusters as well.
  Partition lp = mapOk(net, makeTarget(l));
  CHECK(tried(lp, "clusters").cores == 8);
  CHECK(tried(lp, "clusters").interCoreSpikes == 128);

  // Rates weight the spikes: doubling every rate doubles the figure.
  net.rate.assign(net.numPres(), 2.0);
  Partition q = mapOk(net, makeTarget(l));
  CHECK(tried(q, "sequential").interCoreSpikes == 2 * 896);

  // The coarsened path (label propagation first) finds the clusters too.
  PartitionOptions coarse = metisOnly;
  coarse.coarsenAbove = 0;
  Partition c = mapOk(net, makeTarget(l), coarse);
  CHECK(c.stats.numCores == 8);
  CHECK(c.stats.interCoreSpikes < 896 / 2);
}

TEST_CASE("mapping: a neuron holding a cluster's place is evicted") {
  // Two clusters of 4 on cores of 4 neurons: A = {0, 4, 5, 6} and
  // B = {1, 2, 3, 7}, 15 synapses inside them and 5 across (6 -> 3, 6 -> 2,
  // 7 -> 0, 2 -> 5, 1 -> 6). Plain propagation in index order lets 6 (A)
  // take the fourth place in B's label {1, 2, 3, 6}; 7 (B), most connected
  // to that full label, stays with 0, and 4, 5 form a third label: 3 cores.
  // 6 and 7 are each more connected to the other label than to their own,
  // so both are evicted, and each then joins its own cluster: one core per
  // cluster; the pres 6, 7, 2 and 1 send to the other core, 4 spikes a step.
  Network net;
  net.addPopulation("rec", "lif", 8);
  net.setSynapses({{6, 4}, {6, 0}, {6, 3}, {6, 2}, {4, 5}, {0, 6}, {0, 5},
                   {5, 6}, {5, 4}, {7, 0}, {7, 3}, {7, 2}, {3, 7}, {3, 2},
                   {3, 1}, {2, 5}, {2, 7}, {2, 1}, {1, 6}, {1, 3}});
  Limits l;
  l.neurons = 4;
  PartitionOptions clustersOnly;
  clustersOnly.sequential = clustersOnly.layers = clustersOnly.blocks =
      clustersOnly.metis = false;
  Partition p = mapOk(net, makeTarget(l), clustersOnly);
  CHECK(p.stats.numCores == 2);
  CHECK(p.stats.interCoreSpikes == 4);
  for (uint32_t n : {4, 5, 6})
    CHECK(p.coreOf[n] == p.coreOf[0]);
  for (uint32_t n : {2, 3, 7})
    CHECK(p.coreOf[n] == p.coreOf[1]);
}

TEST_CASE("mapping: a fill is abandoned past the best core count") {
  // The clustered graph above (8 clusters of 16, neuron i in cluster i % 8,
  // all to all inside, a ring i -> i + 1) with 40 input axons per core. A
  // cluster on a core reads 32 pres (its 16 members and the 16 ring pres
  // of the cluster before it): 8 cores. In index order consecutive neurons
  // are in different clusters, each reading 16 pres, so the sequential fill
  // gets at most 2 neurons a core and passes 8 cores long before its end;
  // it runs after the clusters (the graph is recurrent) and stops there.
  Network net = clusteredRing();
  Limits l;
  l.neurons = 16;
  l.inputAxons = 40;
  l.cores = 64;
  l.width = l.height = 8;
  PartitionOptions noMetis;
  noMetis.metis = false;
  Partition p = mapOk(net, makeTarget(l), noMetis);
  CHECK(p.strategy == "clusters");
  CHECK(p.stats.numCores == 8);
  CHECK(p.tried.front().name == "clusters");
  CHECK(tried(p, "sequential").failure ==
        "abandoned: needs more than 8 cores, the best strategy so far");
}

TEST_CASE("mapping: the verifier catches every broken limit") {
  // 4 neurons; 0 -> 1, 0 -> 2, 0 -> 3 and input 4 -> 0.
  Network net;
  net.addPopulation("p", "lif", 4);
  net.numInputs = 1;
  net.setSynapses({{0, 1}, {0, 2}, {0, 3}, {4, 0}});
  Limits l;
  l.neurons = 2;
  std::vector<int32_t> ok = {0, 0, 1, 1};
  MappingStats s;
  CHECK(verifyPartition(net, makeTarget(l), ok, &s) == "");
  // Neuron 0 reaches cores 0 and 1: 2 output axons in core 0, 1 crossing.
  CHECK(s.use[0].outputAxons == 2);
  CHECK(s.use[1].inputAxons == 1);
  CHECK(s.interCoreSpikes == 2); // neuron 0 to core 1, input to core 0
  CHECK(verifyPartition(net, makeTarget(l), {0, 0, 0, 1}) ==
        "core 0 uses 3 neurons, exceeds 2");
  CHECK(verifyPartition(net, makeTarget(l), {0, 0, 2, 2}) ==
        "core 1 is empty");
  l.maxFanOut = 1;
  CHECK(verifyPartition(net, makeTarget(l), ok) ==
        "lif 'p': neuron 0 reaches 2 cores, exceeds max_fan_out 1");
  l = Limits();
  l.neurons = 2;
  l.outputAxons = 1;
  CHECK(verifyPartition(net, makeTarget(l), ok) ==
        "core 0 uses 2 output axons, exceeds 1");
  l.outputAxons = 4;
  l.memoryBits = 16; // each core: 2 synapses x 8 bits = 16
  CHECK(verifyPartition(net, makeTarget(l), ok) == "");
  l.memoryBits = 15;
  CHECK(verifyPartition(net, makeTarget(l), ok) ==
        "core 0 uses 16 synapse memory bits, exceeds 15");
  l.cores = 1;
  CHECK(verifyPartition(net, makeTarget(l), ok) ==
        "uses 2 cores, testchip has 1");
}

TEST_CASE("mapping: a copy is an axon and a destination of its own") {
  // Neuron s (population src) reaches a0, a1 through one table and b0, b1
  // through another: pre s for a, copy c of s for b. 4 neurons per core.
  // With s alone in core 0 and a, b in core 1: core 1 has 2 input axons
  // (s and c), s has 2 destinations (both in core 1), core 0 2 output
  // axons; both pres fire at s's rate: 2 x 0.25 inter-core spikes.
  Network net;
  uint32_t s = net.addPopulation("src", "lif", 1);
  uint32_t a = net.addPopulation("a", "lif", 2);
  uint32_t b = net.addPopulation("b", "lif", 2);
  net.copyOf = {s};
  uint32_t c = net.numSources();
  CHECK(c == 5);
  net.setSynapses({{s, a}, {s, a + 1}, {c, b}, {c, b + 1}});
  net.rate = {0.25, 0, 0, 0, 0};
  REQUIRE(net.checkStructure() == "");
  CHECK(net.sourceOf(c) == s);
  CHECK(net.rateOf(c) == 0.25);
  Limits l;
  l.neurons = 4;
  MappingStats stats;
  CHECK(verifyPartition(net, makeTarget(l), {0, 1, 1, 1, 1}, &stats) == "");
  CHECK(stats.use[1].inputAxons == 2);
  CHECK(stats.use[0].outputAxons == 2);
  CHECK(stats.interCoreSpikes == doctest::Approx(0.5));

  // With one destination per neuron (TrueNorth's rule) the two pres need
  // two, wherever a and b go.
  l.maxFanOut = 1;
  CHECK(verifyPartition(net, makeTarget(l), {0, 1, 1, 1, 1}) ==
        "lif 'src': neuron 0 reaches 2 cores, exceeds max_fan_out 1");
  CHECK(mapError(net, makeTarget(l)).find("fan-out") != std::string::npos);

  // Input axons bind by pres: with 1 axon per core, a (fed by s) and b (fed
  // by c) cannot share a core; s has no inputs and joins either. Lower
  // bound ceil(2 / 1) = 2 by axons (ceil(5 / 4) = 2 by neurons), reached;
  // counting s and c as one pre would have put a and b together.
  l.maxFanOut = 4096;
  l.inputAxons = 1;
  Partition p = mapOk(net, makeTarget(l));
  CHECK(p.lowerBound.cores == 2);
  CHECK(p.stats.numCores == 2);
  CHECK(p.coreOf[a] == p.coreOf[a + 1]);
  CHECK(p.coreOf[b] == p.coreOf[b + 1]);
  CHECK(p.coreOf[a] != p.coreOf[b]);
}

TEST_CASE("mapping: malformed copies and rates are named") {
  Network net;
  net.addPopulation("p", "lif", 2);
  net.copyOf = {7};
  net.setSynapses({});
  CHECK(net.checkStructure() ==
        "copy 0 of pre 7, outside the 2 neurons and inputs");
  net.copyOf = {1};
  net.setSynapses({});
  net.rate = {1.0, -2.0};
  CHECK(net.checkStructure() ==
        "rate -2 of pre 1 is not a finite number >= 0");
  net.rate = {1.0};
  CHECK(net.checkStructure() ==
        "rates given for 1 neurons and inputs, the network has 2");
}
