//===- EvalScoring.h - spikec eval: scores and the class --------*- C++ -*-===//
//
// Each step's output row adds to its neurons' scores by the readout rule;
// the class is the neuron with the highest score, the lowest on a tie.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_SPIKEC_EVALSCORING_H
#define SPIKEC_TOOLS_SPIKEC_EVALSCORING_H

#include <algorithm>
#include <cstdint>
#include <vector>

namespace spikec::driver {

enum class Readout { Count, Last, Max, Mean };

/// What one inference did.
struct Inference {
  /// Per output neuron, its score so far (Readout) and, for the mean, the
  /// steps seen.
  std::vector<double> score;
  int64_t steps = 0;
  Readout readout = Readout::Count;
  uint64_t synapticOps = 0, spikes = 0;
  double ns = 0, pj = 0; ///< cycle mode only
};

/// Adds one step's output row to the scores.
template <typename T> void scoreRow(const T *row, Inference &out) {
  const size_t n = out.score.size();
  const bool first = out.steps == 0;
  for (size_t e = 0; e < n; ++e) {
    double x = double(row[e]);
    switch (out.readout) {
    case Readout::Count:
      out.score[e] += x != 0;
      break;
    case Readout::Last:
      out.score[e] = x;
      break;
    case Readout::Max:
      out.score[e] = first ? x : std::max(out.score[e], x);
      break;
    case Readout::Mean:
      out.score[e] += x;
      break;
    }
  }
  ++out.steps;
}

/// Ends an inference's scores (the mean divides by the steps).
void finishScores(Inference &out);

/// The index of the largest score, the lowest on a tie; `tie` says whether
/// another neuron has the same score.
int64_t argmax(const std::vector<double> &score, bool &tie);

const char *readoutName(Readout r);

} // namespace spikec::driver

#endif // SPIKEC_TOOLS_SPIKEC_EVALSCORING_H
