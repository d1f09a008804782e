//===- BenchNetworks.h - the benchmarks' generated networks -----*- C++ -*-===//
//
// The networks spikec-bench-mapping and spikec-bench-compile generate, so
// that both measure the same graphs. Each is a mapping::Network (a CSR from
// pre to post); about kSynapses synapses leave every pre. Kinds:
// - ff:  4 layers of N/4 neurons fed by N/4 inputs; each pre sends 100
//        synapses to random posts in a window of 256 around its position in
//        the next layer (local receptive fields, as convolutions have);
// - rec: random recurrent, clusters of 1000 neurons whose ids are shuffled
//        (index order says nothing about the clusters): 90 synapses inside
//        the cluster, 10 to the two neighbouring clusters; N/100 inputs of
//        100 synapses into one cluster each.
// - tn:  TrueNorth-shaped feed-forward: as ff, but each pre sends 100
//        synapses to distinct posts of its own aligned block of 256 in the
//        next layer, so a block of 256 posts reads exactly 256 pres (one
//        core's axons) and a pre reaches one block (one destination).
// Also the larger mesh a benchmark uses when the chip is too small.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_BENCH_BENCHNETWORKS_H
#define SPIKEC_BENCH_BENCHNETWORKS_H

#include "spikec/Mapping/Mapping.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace spikec::bench {

/// splitmix64: fast, reproducible.
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint32_t below(uint32_t n) { return uint32_t((next() >> 32) * n >> 32); }
  /// Uniform in [lo, hi).
  float uniform(float lo, float hi) {
    return lo + (hi - lo) * float(next() >> 40) * (1.0f / float(1 << 24));
  }
};

constexpr uint32_t kSynapses = 100;
/// The TrueNorth-shaped kind's block: one core's neurons and axons.
constexpr uint32_t kTnBlock = 256;

/// Builds the CSR row by row: rows must be appended in pre order.
struct CsrBuilder {
  mapping::Network &net;
  void beginRows() {
    net.rowStart.assign(1, 0);
    net.post.clear();
    net.post.reserve(uint64_t(net.numPres()) * kSynapses);
  }
  void endRow() { net.rowStart.push_back(net.post.size()); }
};

/// The ff kind, or with `tnBlocks` the tn kind.
inline mapping::Network feedForward(uint32_t n, uint64_t seed,
                                    bool tnBlocks = false) {
  mapping::Network net;
  uint32_t layer = n / 4;
  for (int l = 0; l < 4; ++l)
    net.addPopulation("fc" + std::to_string(l), "cuba_lif", layer);
  net.numInputs = layer;
  Rng rng{seed};
  CsrBuilder b{net};
  b.beginRows();
  std::vector<uint32_t> slots(kTnBlock);
  auto row = [&](uint32_t pos, uint32_t nextFirst) {
    if (tnBlocks) {
      // kSynapses distinct posts of pos's block (a partial Fisher-Yates).
      uint32_t first = pos / kTnBlock * kTnBlock;
      uint32_t size = std::min(kTnBlock, layer - first);
      std::iota(slots.begin(), slots.begin() + size, first);
      for (uint32_t k = 0; k < std::min(kSynapses, size); ++k) {
        std::swap(slots[k], slots[k + rng.below(size - k)]);
        net.post.push_back(nextFirst + slots[k]);
      }
      b.endRow();
      return;
    }
    for (uint32_t k = 0; k < kSynapses; ++k) {
      int64_t q = int64_t(pos) + int64_t(rng.below(256)) - 128;
      q = std::clamp<int64_t>(q, 0, layer - 1);
      net.post.push_back(nextFirst + uint32_t(q));
    }
    b.endRow();
  };
  for (uint32_t l = 0; l < 4; ++l)
    for (uint32_t i = 0; i < layer; ++i) {
      if (l == 3)
        b.endRow();
      else
        row(i, (l + 1) * layer);
    }
  for (uint32_t i = 0; i < layer; ++i)
    row(i, 0);
  return net;
}

inline mapping::Network recurrent(uint32_t n, uint64_t seed) {
  mapping::Network net;
  net.addPopulation("rec", "cuba_lif", n);
  net.numInputs = n / 100;
  Rng rng{seed};
  const uint32_t clusterSize = 1000;
  uint32_t clusters = std::max(1u, n / clusterSize);
  // Neuron at position i of the cluster order gets id perm[i].
  std::vector<uint32_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0u);
  for (uint32_t i = n - 1; i > 0; --i)
    std::swap(perm[i], perm[rng.below(i + 1)]);
  std::vector<uint32_t> posOf(n);
  for (uint32_t i = 0; i < n; ++i)
    posOf[perm[i]] = i;
  auto member = [&](uint32_t cluster) {
    uint32_t first = cluster * clusterSize;
    uint32_t size = cluster + 1 == clusters ? n - first : clusterSize;
    return perm[first + rng.below(size)];
  };
  CsrBuilder b{net};
  b.beginRows();
  for (uint32_t id = 0; id < n; ++id) {
    uint32_t c = std::min(posOf[id] / clusterSize, clusters - 1);
    for (uint32_t k = 0; k < kSynapses; ++k) {
      uint32_t d = c;
      if (k >= 90 && clusters > 1)
        d = (c + (k % 2 ? 1 : clusters - 1)) % clusters;
      net.post.push_back(member(d));
    }
    b.endRow();
  }
  for (uint32_t i = 0; i < net.numInputs; ++i) {
    for (uint32_t k = 0; k < kSynapses; ++k)
      net.post.push_back(member(i % clusters));
    b.endRow();
  }
  return net;
}

/// The network of a kind ("ff", "rec" or "tn"); false for another kind.
inline bool generate(const std::string &kind, uint32_t n, uint64_t seed,
                     mapping::Network &out) {
  if (kind == "ff" || kind == "tn")
    out = feedForward(n, seed, kind == "tn");
  else if (kind == "rec")
    out = recurrent(n, seed);
  else
    return false;
  return true;
}

/// The side factor s by which a mesh of the same cores is enlarged (tiles
/// scaled by s in x and y) so that it has room for four times `cores` (fills
/// that need more than the lower bound); 1 when the chip already holds
/// `cores`.
inline int64_t meshScaleFor(const target::Mesh &mesh, uint32_t cores) {
  if (int64_t(cores) <= mesh.cores.value)
    return 1;
  int64_t s = 1;
  while (mesh.capacity() * s * s < int64_t(cores) * 4)
    ++s;
  return s;
}

/// "a,b,c" as {a, b, c}: the benchmarks' list options.
inline std::vector<std::string> splitList(const std::string &s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string item; std::getline(ss, item, ',');)
    out.push_back(item);
  return out;
}

} // namespace spikec::bench

#endif // SPIKEC_BENCH_BENCHNETWORKS_H
