//===- FormatNumber.h - numbers in messages and reports ---------*- C++ -*-===//
//
// One spelling of a number for every error message and report: the
// shortest of fixed and scientific notation at the given significant
// digits (iostream's default, %g), so 0.5, 1e-04 and 2.5e+06 read as they
// would in a paper; formatExact where the exact value matters. Header-only: the importer, the target loader, the
// passes and the driver all print numbers without sharing a library.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_SUPPORT_FORMATNUMBER_H
#define SPIKEC_SUPPORT_FORMATNUMBER_H

#include <charconv>
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

/// The shortest decimal that reads back as `value`: a number a user wrote,
/// echoed in a message exactly (0.1 as "0.1", not "0.10000000000000001").
inline std::string formatExact(double value) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, r.ptr);
}

/// A size in bytes with a binary unit: "512 B", "1.5 KiB", "24 GiB".
inline std::string formatBytes(double bytes) {
  static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  int u = 0;
  while (bytes >= 1024 && u < 6) {
    bytes /= 1024;
    ++u;
  }
  return formatNumber(bytes, 3) + " " + units[u];
}

} // namespace spikec

#endif // SPIKEC_SUPPORT_FORMATNUMBER_H
