//===- Agreement.cpp - how far two spike trains agree ---------------------===//

#include "spikec/Reference/Agreement.h"

#include <algorithm>
#include <cstdlib>

namespace spikec::ref {

SpikeAgreement compareSpikes(const Rows &a, const Rows &b) {
  SpikeAgreement r;
  size_t steps = std::min(a.size(), b.size());
  size_t width = steps ? std::min(a[0].size(), b[0].size()) : 0;
  std::vector<int64_t> countA(width, 0), countB(width, 0);
  for (size_t t = 0; t < steps; ++t)
    for (size_t i = 0; i < width; ++i) {
      bool sa = a[t][i] != 0, sb = b[t][i] != 0;
      countA[i] += sa;
      countB[i] += sb;
      r.both += sa && sb;
    }
  int64_t diff = 0;
  for (size_t i = 0; i < width; ++i) {
    r.spikesA += uint64_t(countA[i]);
    r.spikesB += uint64_t(countB[i]);
    diff += std::abs(countA[i] - countB[i]);
  }
  uint64_t larger = std::max(r.spikesA, r.spikesB);
  r.exact = larger ? double(r.both) / double(larger) : 1.0;
  r.count = r.spikesA ? 1.0 - double(diff) / double(r.spikesA)
                      : (r.spikesB ? 0.0 : 1.0);
  return r;
}

} // namespace spikec::ref
