//===- JSONWrite.h - report files as JSON text ------------------*- C++ -*-===//
//
// The JSON reports (quantization, mapping, calibration, legalization) are
// written with nlohmann-json. A figure computed in double that is a whole
// number (an expected count of 6 spikes, a scale of 2774357) prints as an
// integer, "6" rather than nlohmann's "6.0": that is how the reports have
// always read, and what a reader of a count expects. Other doubles print in
// the shortest form that reads back exactly.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_SUPPORT_JSONWRITE_H
#define SPIKEC_SUPPORT_JSONWRITE_H

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace spikec {

/// Replaces, throughout `j`, every double that is a whole number of
/// magnitude below 2^53 by the same integer.
template <typename Json> void wholeNumbersAsIntegers(Json &j) {
  if (j.is_number_float()) {
    double d = j.template get<double>();
    if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 0x1p53)
      j = static_cast<int64_t>(d);
    return;
  }
  if (j.is_structured())
    for (auto &child : j)
      wholeNumbersAsIntegers(child);
}

/// `j` as a report file holds it: indented by 2, whole numbers as integers,
/// ending in a newline.
template <typename Json> std::string reportText(Json j) {
  wholeNumbersAsIntegers(j);
  return j.dump(2) + "\n";
}

} // namespace spikec

#endif // SPIKEC_SUPPORT_JSONWRITE_H
