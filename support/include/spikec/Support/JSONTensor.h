//===- JSONTensor.h - Nested JSON lists of numbers --------------*- C++ -*-===//
//
// Tensors written as nested lists ([[1, 2], [3, 4]]) in the network
// description and in spike files: their apparent shape and their numbers in
// row-major order, with an error at the JSON pointer of the first value
// that breaks the shape. Each reader brings its own number rule (f32 or
// double, its wording for NaN) and its own error, both [[noreturn]]
// callables: `fail(pointer, message)`, `readNumber(value, pointer)`.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_SUPPORT_JSONTENSOR_H
#define SPIKEC_SUPPORT_JSONTENSOR_H

#include "spikec/Support/JSONParse.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spikec {

/// The shape of a nested list, following first elements; rank 0 for a
/// number. An empty list fails.
template <typename Fail>
std::vector<int64_t> apparentJSONShape(const nlohmann::json &j,
                                       const std::string &ptr, Fail &&fail) {
  std::vector<int64_t> shape;
  const nlohmann::json *cur = &j;
  std::string p = ptr;
  while (cur->is_array()) {
    if (cur->empty())
      fail(p, "empty list");
    shape.push_back(int64_t(cur->size()));
    cur = &(*cur)[0];
    p = jsonPointerChild(p, size_t(0));
  }
  return shape;
}

/// Appends the numbers of `j`, which must be a nested list of exactly
/// shape[0] x ... x shape[rank - 1] (a number for rank 0), to `out`.
template <typename T, typename ReadNumber, typename Fail>
void flattenJSON(const nlohmann::json &j, const std::string &ptr,
                 const int64_t *shape, size_t rank, std::vector<T> &out,
                 ReadNumber &&readNumber, Fail &&fail) {
  if (rank == 0) {
    if (j.is_array())
      fail(ptr, "expected a number, got a list (too many nesting levels)");
    out.push_back(readNumber(j, ptr));
    return;
  }
  if (!j.is_array())
    fail(ptr, "expected a list of " + std::to_string(shape[0]) +
                  " values, got " + describeJSONValue(j));
  if (int64_t(j.size()) != shape[0])
    fail(ptr, "expected " + std::to_string(shape[0]) + " values, got " +
                  std::to_string(j.size()));
  for (size_t i = 0; i < j.size(); ++i)
    flattenJSON(j[i], jsonPointerChild(ptr, i), shape + 1, rank - 1, out,
                readNumber, fail);
}

} // namespace spikec

#endif // SPIKEC_SUPPORT_JSONTENSOR_H
