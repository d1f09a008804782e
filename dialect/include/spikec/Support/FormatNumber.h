//===- FormatNumber.h - numbers in messages and reports ---------*- C++ -*-===//
//
// One spelling of a number for every error message and report: the
// shortest of fixed and scientific notation at the given significant
// digits (iostream's default, %g), so 0.5, 1e-04 and 2.5e+06 read as they
// would in a paper. Header-only: the importer, the target loader, the
// passes and the driver all print numbers without sharing a library.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_SUPPORT_FORMATNUMBER_H
#define SPIKEC_SUPPORT_FORMATNUMBER_H

#include <sstream>
#include <string>

namespace spikec {

/// `value` with `significant` digits (6, or 17 to round-trip a double).
inline std::string formatNumber(double value, int significant = 6) {
  std::ostringstream os;
  os.precision(significant);
  os << value;
  return os.str();
}

} // namespace spikec

#endif // SPIKEC_SUPPORT_FORMATNUMBER_H
