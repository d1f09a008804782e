//===- TestIR.h - writing MLIR text with resource blobs in tests -*- C++ -*-===//
//
// Unit tests build small networks as MLIR text; weights and tables are
// dense_resource blobs, written here in the textual format the parser reads.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TESTS_UNIT_TESTIR_H
#define SPIKEC_TESTS_UNIT_TESTIR_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace spikec::test {

/// A dense_resource blob: 4-byte alignment, then the values' little-endian
/// bytes (this machine's order, which is little-endian), as a quoted hex
/// string.
template <typename T>
std::string hexBlob(const std::vector<T> &values) {
  static const char *digits = "0123456789ABCDEF";
  std::string s = "\"0x04000000";
  const auto *p = reinterpret_cast<const uint8_t *>(values.data());
  for (size_t i = 0; i < values.size() * sizeof(T); ++i) {
    s += digits[p[i] >> 4];
    s += digits[p[i] & 15];
  }
  return s + "\"";
}

/// The `{-# dialect_resources ... #-}` section holding `blobs` by name.
template <typename T>
std::string resourcesOf(const std::map<std::string, std::vector<T>> &blobs) {
  std::string s = "{-#\n  dialect_resources: {\n    builtin: {\n";
  bool first = true;
  for (const auto &[name, values] : blobs) {
    s += (first ? "      " : ",\n      ") + name + ": " + hexBlob(values);
    first = false;
  }
  return s + "\n    }\n  }\n#-}\n";
}

} // namespace spikec::test

#endif // SPIKEC_TESTS_UNIT_TESTIR_H
