//===- QuantizeScale.cpp - choosing a population's integer scale ----------===//

#include "QuantizeScale.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

using namespace spikec;
using namespace spikec::quant;

int64_t spikec::quant::roundHalfAway(double x) {
  return int64_t(std::llround(x));
}

namespace {
/// The largest d of which every value (all > 0) is an integer multiple, to
/// a relative 1e-9, by Euclid's algorithm on doubles; 0 when the values
/// share no step coarser than 2^-24 of the largest (no grid worth the name).
/// `forEach(f)` calls f(x) for each value in order until f returns false
/// (twice: the values are not stored, 800 MB at 100M synapses). 0 when
/// there are none.
template <typename ForEach> double commonStep(ForEach forEach) {
  double top = 0, first = 0;
  forEach([&](double x) {
    if (first == 0)
      first = x;
    top = std::max(top, x);
    return true;
  });
  if (first == 0)
    return 0;
  const double tol = top * 1e-9;
  double d = first;
  bool zero = false;
  forEach([&](double x) {
    // Most values are exact multiples of d once d is found: then fmod(x, d)
    // is 0 and the loop below would leave d as it is. x = q d exactly (q
    // an integer, the product's rounding error 0) says so without fmod,
    // whose cost grows with q.
    if (d > tol && x >= d) {
      double q = std::nearbyint(x / d);
      if (q >= 1 && std::fma(q, d, -x) == 0)
        return true;
    }
    double a = std::max(d, x), b = std::min(d, x);
    for (int iter = 0; b > tol; ++iter) {
      if (iter > 200) {
        zero = true;
        return false;
      }
      double r = std::fmod(a, b);
      if (b - r <= tol)
        r = 0;
      a = b;
      b = r;
    }
    d = a;
    // Above tol, d only shrinks: once too fine a grid, it stays one (random
    // weights get there within a few values instead of after all of them).
    if (d > tol && top / d > double(1 << 24)) {
      zero = true;
      return false;
    }
    return true;
  });
  return zero || top / d > double(1 << 24) ? 0 : d;
}

/// A table's weights as multiples of the common step: the largest positive
/// and negative multiple, and their gcd.
struct GridTable {
  int64_t pos = 0, neg = 0, gcd = 0;
};

/// The exponent quantizeTable picks at S = r unit / step (the smallest at
/// which the rounded weights fit), or expMax + 1 when none does.
int64_t exponentAt(const GridTable &t, double r, const WeightGrid &grid) {
  int64_t e = grid.expMin;
  for (; e <= grid.expMax; ++e)
    if (roundHalfAway(r * double(t.pos) / std::ldexp(1.0, int(e))) <= grid.hi &&
        roundHalfAway(r * double(t.neg) / std::ldexp(1.0, int(e))) >= grid.lo)
      break;
  return e;
}

bool isInteger(double x) {
  return std::abs(x - std::round(x)) <= 1e-9 * std::max(1.0, std::abs(x));
}
} // namespace

std::vector<int64_t>
spikec::quant::exactScales(const std::vector<FloatTable> &tables,
                           const std::vector<double> &g, double sMax,
                           const WeightGrid &grid) {
  auto forEach = [&](auto f) {
    for (const FloatTable &tab : tables)
      for (const Synapse &s : tab.syn)
        if (double x = std::abs(g[s.post] * s.w); x > 0 && !f(x))
          return;
  };
  const double step = commonStep(forEach);
  if (step <= 0)
    return {};
  std::vector<GridTable> grids;
  for (const FloatTable &tab : tables) {
    GridTable t;
    for (const Synapse &s : tab.syn) {
      double m = g[s.post] * s.w / step;
      if (!isInteger(m))
        return {};
      int64_t k = int64_t(std::llround(m));
      t.pos = std::max(t.pos, k);
      t.neg = std::min(t.neg, k);
      t.gcd = std::gcd(t.gcd, k < 0 ? -k : k);
    }
    if (t.gcd > 0)
      grids.push_back(t);
  }
  // S = r unit / step is exact for a table when r gcd / 2^e is an integer at
  // its exponent e: the candidates are r = c 2^e / gcd, c an integer, of
  // each table; the 256 largest c within the weight range and sMax suffice
  // (the search wants the largest exact S, and a few below it).
  std::set<int64_t> candidates;
  for (const GridTable &t : grids)
    for (int64_t e = grid.expMin; e <= grid.expMax; ++e) {
      const double perC = std::ldexp(1.0, int(e)) / double(t.gcd);
      double cMax = std::floor(sMax * step / grid.unit / perC);
      if (t.pos > 0)
        cMax = std::min(
            cMax, std::floor(double(grid.hi) * double(t.gcd) / double(t.pos)));
      if (t.neg < 0)
        cMax = std::min(
            cMax, std::floor(double(grid.lo) * double(t.gcd) / double(t.neg)));
      for (double c = cMax; c >= 1 && c > cMax - 256; --c)
        if (double S = c * perC * grid.unit / step; S >= 1 && isInteger(S))
          candidates.insert(int64_t(std::llround(S)));
    }
  std::vector<int64_t> exact;
  for (auto it = candidates.rbegin();
       it != candidates.rend() && exact.size() < 16; ++it) {
    double r = double(*it) * step / grid.unit;
    bool ok = std::all_of(grids.begin(), grids.end(), [&](const GridTable &t) {
      int64_t e = exponentAt(t, r, grid);
      return e <= grid.expMax &&
             isInteger(r * double(t.gcd) / std::ldexp(1.0, int(e)));
    });
    if (ok)
      exact.push_back(*it);
  }
  return exact;
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
