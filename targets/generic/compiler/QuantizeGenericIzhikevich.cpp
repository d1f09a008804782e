//===- QuantizeGenericIzhikevich.cpp - izhikevich to generic integers
//------===//
//
// snn-quantize for user-described chips: izhikevich becomes
// generic_izhikevich with S = 2^F, F the most fraction bits with which v's
// range and the weights fit (targets/MODELS.md, "Quantizing for generic").
//
//===----------------------------------------------------------------------===//

#include "GenericBackend.h"

#include "spikec/Dialect/SNN/SNNOps.h"

#include <algorithm>
#include <cmath>

using namespace spikec;
using namespace spikec::quant;
namespace gm = spikec::generic;

namespace {
std::string str(int64_t x) { return std::to_string(x); }
} // namespace

std::string GenericBackend::quantizeIzhikevich(const FloatPopulation &pop,
                                               IntPopulation &out) {
  auto iz = mlir::cast<snn::IzhikevichOp>(pop.op);
  const int64_t n = pop.size;
  auto a = paramOf(pop.op, "a", 0.0, n), b = paramOf(pop.op, "b", 0.0, n),
       c = paramOf(pop.op, "c", 0.0, n), d = paramOf(pop.op, "d", 0.0, n),
       r = paramOf(pop.op, "r", 1.0, n);
  if (!a || !b || !c || !d || !r)
    return "a parameter blob is missing";
  const double h = iz.getH() ? iz.getH()->convertToDouble() : 1.0;
  const double vPeak = iz.getVPeak().convertToDouble();
  const unsigned m = prec.membraneBits;
  const int64_t maxV = prec.maxV();

  // F: the most fraction bits with which the largest of |v_peak|, |c|,
  // |b c| and |d| plus a quarter (v's excursion below c) fits v's range,
  // lowered until the weights fit at S = 2^F.
  double span = std::abs(vPeak);
  for (int64_t j = 0; j < n; ++j)
    span = std::max({span, std::abs((*c)[j]), std::abs((*b)[j] * (*c)[j]),
                     std::abs((*d)[j])});
  if (1.25 * span > double(maxV))
    return "v_peak, c, b c and d up to " + formatNumber(span) +
           " (plus a quarter) do "
           "not fit a " +
           str(m) + "-bit membrane with 0 fraction bits";
  int f = 0;
  while (f + 1 < int(m) && 1.25 * std::ldexp(span, f + 1) <= double(maxV))
    ++f;

  // g: the state units per float unit of input, h r (v' gains h r x).
  std::vector<double> g(n);
  for (int64_t j = 0; j < n; ++j)
    g[j] = h * (*r)[j];
  for (;; --f) {
    ScaleBound sb(std::ldexp(1.0, f), "");
    for (const FloatTable &tab : pop.tables)
      if (double w = largestScaledWeight(tab, g); w > 0)
        sb.bound(double(prec.grid.hi) *
                     std::ldexp(prec.grid.unit, int(prec.grid.expMax)) / w,
                 "weights from '" + tab.source + "': |h r w| up to " +
                     formatNumber(w) + " in [" + str(prec.grid.lo) + ", " +
                     str(prec.grid.hi) + "] at weight_exp " +
                     str(prec.grid.expMax));
    int64_t s = 0;
    if (fitTables(pop, g, sb, s, out.tables, /*exactFirst=*/false).empty() &&
        s == (int64_t(1) << f))
      break;
    if (f == 0)
      return "the weights do not fit with v in whole mV (S = 1, the fewest "
             "fraction bits): " +
             (sb.why.empty() ? "the dendritic sum exceeds int32" : sb.why);
  }
  const double S = std::ldexp(1.0, f);

  // Q: the most coefficient fraction bits (up to 24) for which every
  // coefficient fits int32 and the step cannot overflow int64.
  std::vector<gm::IzhikevichParams> ps(n);
  double coefError = 0;
  for (int64_t j = 0; j < n; ++j) {
    const double coefs[] = {0.04 * h, 5 * h, h, (*a)[j] * h, (*b)[j]};
    std::string why;
    bool found = false;
    for (int q = 24; q >= 0 && !found; --q) {
      gm::IzhikevichParams &p = ps[j];
      p.membraneBits = uint8_t(m);
      p.fracBits = uint8_t(f);
      p.coefShift = uint8_t(q);
      p.inputShift = uint8_t(prec.inputShift);
      p.overflow = prec.membraneOverflow;
      p.rounding = prec.rounding;
      int64_t ints[5];
      bool fit32 = true;
      for (int k2 = 0; k2 < 5; ++k2) {
        ints[k2] = roundHalfAway(std::ldexp(coefs[k2], q));
        fit32 &= std::abs(ints[k2]) <= fxp::maxSigned(32);
      }
      // 140 h plus the projection constant's h r b, in state units.
      const int64_t c0 =
          roundHalfAway(S * h * (140 + (*r)[j] * pop.constant[j]));
      const int64_t vp = roundHalfAway(S * vPeak),
                    vr = roundHalfAway(S * (*c)[j]),
                    uj = roundHalfAway(S * (*d)[j]);
      fit32 &= std::abs(c0) <= fxp::maxSigned(32);
      if (!fit32)
        continue;
      p.c2 = int32_t(ints[0]);
      p.c1 = int32_t(ints[1]);
      p.cu = int32_t(ints[2]);
      p.ca = int32_t(ints[3]);
      p.cb = int32_t(ints[4]);
      p.c0 = int32_t(c0);
      p.vPeak = int32_t(vp);
      p.vReset = int32_t(vr);
      p.uJump = int32_t(uj);
      if (!gm::validate(p, &why))
        continue;
      found = true;
      for (int k2 = 0; k2 < 5; ++k2)
        if (coefs[k2] != 0)
          coefError =
              std::max(coefError,
                       std::abs(std::ldexp(double(ints[k2]), -q) - coefs[k2]) /
                           std::abs(coefs[k2]));
    }
    if (!found)
      return "no coefficient precision fits" + neuronSuffix(j) + ": " + why;
  }

  std::vector<std::vector<int64_t>> values;
  for (const gm::IzhikevichParams &p : ps)
    values.push_back(gm::toValues(p));
  finish(pop, g, S, "generic_izhikevich", gm::izhikevichParamNames(), values,
         out);
  out.report = {{"S", int64_t(S)},
                {"frac_bits", int64_t(f)},
                {"coef_shift", int64_t(ps.empty() ? 0 : ps[0].coefShift)},
                {"coef_rel_error", coefError}};
  return "";
}
