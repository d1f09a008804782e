//===- JSONReading.h - checked reading for the JSON importer ----*- C++ -*-===//
//
// The JSON network importer's reading helpers: typed getters, shapes,
// nested-list tensors and per-neuron parameters, each failing with the JSON
// pointer of the offending value (an ImportError, thrown). Private to the
// importer (JSONImport.cpp and its neighbours); the generic pieces (parsing,
// describing a value, pointers) are spikec/Support/JSONParse.h.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_IMPORT_JSONREADING_H
#define SPIKEC_IMPORT_JSONREADING_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace spikec::jsonimport {

using json = nlohmann::json;

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

/// An import error: where (a JSON pointer, or a line and column for syntax
/// errors) and what.
struct ImportError {
  std::string pointer;
  std::string message;
  unsigned line = 0, column = 0;
};

/// Throws the ImportError at `pointer`.
[[noreturn]] void fail(const std::string &pointer, const std::string &message);

/// "3x4", "?x4" for a dimension of any size, "a scalar" for rank 0.
std::string shapeString(llvm::ArrayRef<int64_t> shape);

int64_t numElements(llvm::ArrayRef<int64_t> shape);

/// "a lif", "an integrator".
std::string withArticle(llvm::StringRef word);

//===----------------------------------------------------------------------===//
// Checked access to JSON values
//===----------------------------------------------------------------------===//

/// `j` if it is an object (an array); fails naming `what` otherwise.
const json &expectObject(const json &j, const std::string &ptr,
                         const char *what);
const json &expectArray(const json &j, const std::string &ptr,
                        const char *what);

/// Rejects every key of `obj` not in `allowed` ("comment" is always allowed),
/// suggesting the nearest allowed key.
void checkKeys(const json &obj, const std::string &ptr,
               llvm::ArrayRef<llvm::StringRef> allowed, const char *where);

/// The field `key` of `obj`, or null.
const json *getField(const json &obj, llvm::StringRef key);
/// The field `key` of `obj`; fails when it is missing.
const json &require(const json &obj, const std::string &ptr,
                    llvm::StringRef key);

std::string getString(const json &j, const std::string &ptr);
bool getBool(const json &j, const std::string &ptr);
/// An integer >= `min` that fits an int64_t.
int64_t getInt(const json &j, const std::string &ptr, int64_t min);

/// A finite number. JSON has no NaN or infinity; nlohmann reads numbers too
/// large for a double (1e999) as infinity, which is rejected here too.
/// `f32` additionally requires the value to fit an f32.
double getNumber(const json &j, const std::string &ptr, bool f32 = true);

/// Names of inputs, populations, projections and outputs: non-empty, made of
/// letters, digits, '_', '.' and '-' (':' separates a node from a variable
/// in probes, '/' is reserved for the importer's helper ops).
std::string getName(const json &obj, const std::string &ptr);

/// A size or shape: "size": N or "shape": [d0, d1, ...].
llvm::SmallVector<int64_t> getShape(const json &obj, const std::string &ptr);

//===----------------------------------------------------------------------===//
// Tensors: nested lists of numbers
//===----------------------------------------------------------------------===//

/// Reads a nested list whose shape must match `expected` (-1 matches any
/// size). A rectangular list of the wrong shape is reported as a whole
/// ("expected 3x4, got 3x5"); a ragged one at the first offending element.
std::vector<float> readTensor(const json &j, const std::string &ptr,
                              llvm::ArrayRef<int64_t> expected,
                              llvm::SmallVector<int64_t> &shape,
                              const char *what);

/// A per-neuron parameter: a number, a flat list of one value per neuron or
/// a nested list of the population's shape. Returns the values and sets
/// `paramShape` (empty for a number).
std::vector<float> readParamValues(const json &j, const std::string &ptr,
                                   llvm::ArrayRef<int64_t> popShape,
                                   llvm::SmallVector<int64_t> &paramShape);

/// What every value of a parameter must satisfy.
enum class Range { Any, Positive, NonNegative, UnitInterval };

/// Fails at the first of `values` (read from `j` at `ptr`) outside `range`,
/// pointing at its element when `j` is a list.
void checkRange(const std::vector<float> &values, const json &j,
                const std::string &ptr, Range range);

} // namespace spikec::jsonimport

#endif // SPIKEC_IMPORT_JSONREADING_H
