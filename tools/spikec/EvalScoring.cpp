//===- EvalScoring.cpp - spikec eval: scores and the class ----------------===//

#include "EvalScoring.h"

namespace spikec::driver {

void finishScores(Inference &out) {
  if (out.readout == Readout::Mean && out.steps > 0)
    for (double &x : out.score)
      x /= double(out.steps);
}

int64_t argmax(const std::vector<double> &score, bool &tie) {
  int64_t best = 0;
  for (size_t k = 1; k < score.size(); ++k)
    if (score[k] > score[best])
      best = k;
  tie = false;
  for (size_t k = 0; k < score.size(); ++k)
    tie |= int64_t(k) != best && score[k] == score[best];
  return best;
}

const char *readoutName(Readout r) {
  switch (r) {
  case Readout::Count:
    return "count";
  case Readout::Last:
    return "last";
  case Readout::Max:
    return "max";
  case Readout::Mean:
    return "mean";
  }
  return "";
}

} // namespace spikec::driver
