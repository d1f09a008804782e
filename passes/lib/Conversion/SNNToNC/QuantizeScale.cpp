//===- QuantizeScale.cpp - choosing a population's integer scale ----------===//

#include "QuantizeScale.h"

#include <algorithm>
#include <cmath>

using namespace spikec;
using namespace spikec::quant;

int64_t spikec::quant::roundHalfAway(double x) {
  return int64_t(std::llround(x));
}

double spikec::quant::largestScaledWeight(const FloatTable &tab,
                                          const std::vector<double> &g) {
  double m = 0;
  for (const Synapse &s : tab.syn)
    m = std::max(m, std::abs(g[s.post] * s.w));
  return m;
}

bool spikec::quant::quantizeTable(const FloatTable &tab,
                                  const std::vector<double> &g, double S,
                                  const WeightGrid &grid, IntTable &it,
                                  std::vector<double> &worst) {
  auto weightAt = [&](const Synapse &s, int64_t e) {
    return roundHalfAway(S * g[s.post] * s.w / std::ldexp(grid.unit, int(e)));
  };
  int64_t e = grid.expMin;
  for (; e <= grid.expMax; ++e) {
    bool ok = true;
    for (const Synapse &s : tab.syn) {
      int64_t q = weightAt(s, e);
      if (q > grid.hi || q < grid.lo) {
        ok = false;
        break;
      }
    }
    if (ok)
      break;
  }
  if (e > grid.expMax)
    return false;
  it.weightExp = e;
  it.offsets.assign(tab.preSize + 1, 0);
  it.targets.clear();
  it.weights.clear();
  for (const Synapse &s : tab.syn) {
    int64_t q = weightAt(s, e);
    it.offsets[s.pre + 1]++;
    it.targets.push_back(s.post);
    it.weights.push_back(int32_t(q));
    worst[s.post] += std::abs(double(q)) * std::ldexp(1.0, int(e));
  }
  for (int64_t p = 0; p < tab.preSize; ++p)
    it.offsets[p + 1] += it.offsets[p];
  return true;
}
