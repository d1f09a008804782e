//===- QuantizeScale.h - choosing a population's integer scale --*- C++ -*-===//
//
// The pieces of snn-quantize's scale choice that do not depend on a target's
// neuron model: the tightest of several upper bounds on the scale S with the
// reason for it, and a float synapse table rounded to integer weights at S
// with the smallest weight exponent that fits. Private to SpikecPasses.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_LIB_QUANTIZESCALE_H
#define SPIKEC_PASSES_LIB_QUANTIZESCALE_H

#include "Quantize.h"
#include "spikec/Support/FormatNumber.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace spikec::quant {

/// x rounded to the nearest integer, ties away from zero.
int64_t roundHalfAway(double x);

/// The smallest of the upper bounds offered so far, and why.
struct ScaleBound {
  double value;
  std::string why;

  ScaleBound(double initial, std::string whyInitial)
      : value(initial), why(std::move(whyInitial)) {}
  /// Keeps `b` and its reason when it is tighter.
  void bound(double b, const std::string &reason) {
    if (b < value) {
      value = b;
      why = reason;
    }
  }
};

/// The range of one weight: [lo, hi] at weight exponents [expMin, expMax].
struct WeightGrid {
  int64_t lo = 0, hi = 0;
  int64_t expMin = 0, expMax = 0;
  /// The state units one weight LSB at exponent 0 adds (2^input_shift).
  double unit = 1;
};

/// Rounds `tab` at scale S: w = round(S g[post] w / (unit 2^e)), e the
/// smallest exponent of `grid` at which every weight lies in [lo, hi]; fills
/// it's offsets, targets, weights and weightExp, and adds |w| 2^e to
/// worst[post] (the largest dendritic sum a neuron can receive). Returns
/// false, leaving `it` and `worst` alone, when no exponent fits.
bool quantizeTable(const FloatTable &tab, const std::vector<double> &g,
                   double S, const WeightGrid &grid, IntTable &it,
                   std::vector<double> &worst);

/// Up to 16 integer scales S <= sMax, largest first, at which every table's
/// weights are exact: each |g[post] w| is an integer multiple of one common
/// step (small integer weights, or any grid), and at the exponent
/// quantizeTable picks for a table S g w / (unit 2^e) is an integer for all
/// its synapses. Empty when the weights are not on a grid or no such S is
/// within sMax and the weight range.
std::vector<int64_t> exactScales(const std::vector<FloatTable> &tables,
                                 const std::vector<double> &g, double sMax,
                                 const WeightGrid &grid);

/// The scales a backend tries in turn while the rounded tables do not fit:
/// the exact ones (exactScales) while they last, then 0.5% steps down.
class ScaleSteps {
public:
  /// Starts at exact[0], or at `otherwise` when there is no exact scale.
  ScaleSteps(std::vector<int64_t> exact, int64_t otherwise)
      : exact(std::move(exact)),
        current(this->exact.empty() ? otherwise : this->exact[0]) {}
  int64_t scale() const { return current; }
  /// Moves to the next scale to try.
  void lower() {
    current = ++next < exact.size()
                  ? exact[next]
                  : std::min(current - 1,
                             int64_t(std::floor(double(current) * 0.995)));
  }

private:
  std::vector<int64_t> exact;
  size_t next = 0; ///< index in `exact` of the current scale
  int64_t current;
};

/// max over the table's synapses of |g[post] w|.
double largestScaledWeight(const FloatTable &tab, const std::vector<double> &g);

} // namespace spikec::quant

#endif // SPIKEC_PASSES_LIB_QUANTIZESCALE_H
