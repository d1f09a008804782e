//===- JSONReading.cpp - checked reading for the JSON importer ------------===//
//
// Typed getters, shapes, nested-list tensors and per-neuron parameters for
// the JSON network importer (JSONReading.h), apart from the importer so that
// what builds the snn dialect reads as the format's rules, not as JSON
// plumbing. Every failure names the JSON pointer of the offending value.
//
//===----------------------------------------------------------------------===//

#include "JSONReading.h"

#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/JSONParse.h"
#include "spikec/Support/JSONTensor.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <cfloat>
#include <cmath>

namespace spikec::jsonimport {

[[noreturn]] void fail(const std::string &pointer, const std::string &message) {
  throw ImportError{pointer, message};
}

std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "a scalar";
  std::string out;
  for (auto [i, d] : llvm::enumerate(shape))
    out += (i ? "x" : "") + (d < 0 ? std::string("?") : std::to_string(d));
  return out;
}

int64_t numElements(llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

/// "a lif", "an integrator".
std::string withArticle(llvm::StringRef word) {
  bool vowel = !word.empty() && llvm::is_contained("aeiou", word[0]);
  return (vowel ? "an " : "a ") + word.str();
}

//===----------------------------------------------------------------------===//
// Checked access to JSON values
//===----------------------------------------------------------------------===//

const json &expectObject(const json &j, const std::string &ptr,
                         const char *what) {
  if (!j.is_object())
    fail(ptr, std::string("expected ") + what + " (a JSON object), got " +
                  describeJSONValue(j));
  return j;
}

const json &expectArray(const json &j, const std::string &ptr,
                        const char *what) {
  if (!j.is_array())
    fail(ptr, std::string("expected ") + what + " (a JSON array), got " +
                  describeJSONValue(j));
  return j;
}

/// Rejects every key of `obj` not in `allowed` ("comment" is always allowed),
/// suggesting the nearest allowed key.
void checkKeys(const json &obj, const std::string &ptr,
               llvm::ArrayRef<llvm::StringRef> allowed, const char *where) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    llvm::StringRef key = it.key();
    if (key == "comment" || llvm::is_contained(allowed, key))
      continue;
    std::string msg = "unknown field '" + key.str() + "' in " + where;
    llvm::StringRef best;
    unsigned bestDist = 3;
    for (llvm::StringRef a : allowed) {
      unsigned d = key.edit_distance(a, true, bestDist);
      if (d < bestDist) {
        bestDist = d;
        best = a;
      }
    }
    if (!best.empty())
      msg += "; did you mean '" + best.str() + "'?";
    else {
      msg += " (expected one of:";
      for (auto [i, a] : llvm::enumerate(allowed))
        msg += (i ? ", " : " ") + a.str();
      msg += ")";
    }
    fail(jsonPointerChild(ptr, key), msg);
  }
}

const json *getField(const json &obj, llvm::StringRef key) {
  auto it = obj.find(key.str());
  return it == obj.end() ? nullptr : &*it;
}

const json &require(const json &obj, const std::string &ptr,
                    llvm::StringRef key) {
  if (const json *j = getField(obj, key))
    return *j;
  fail(ptr, "missing field '" + key.str() + "'");
}

std::string getString(const json &j, const std::string &ptr) {
  if (!j.is_string())
    fail(ptr, "expected a string, got " + describeJSONValue(j));
  return j.get<std::string>();
}

bool getBool(const json &j, const std::string &ptr) {
  if (!j.is_boolean())
    fail(ptr, "expected true or false, got " + describeJSONValue(j));
  return j.get<bool>();
}

int64_t getInt(const json &j, const std::string &ptr, int64_t min) {
  if (!j.is_number_integer())
    fail(ptr, "expected an integer, got " + describeJSONValue(j));
  if (j.is_number_unsigned() && j.get<uint64_t>() > uint64_t(INT64_MAX))
    fail(ptr, "integer " + j.dump() + " is too large");
  int64_t v = j.get<int64_t>();
  if (v < min)
    fail(ptr, "expected an integer >= " + std::to_string(min) + ", got " +
                  std::to_string(v));
  return v;
}

/// A finite number. JSON has no NaN or infinity; nlohmann reads numbers too
/// large for a double (1e999) as infinity, which is rejected here too.
/// `f32` additionally requires the value to fit an f32.
double getNumber(const json &j, const std::string &ptr, bool f32) {
  if (j.is_string()) {
    std::string s = llvm::StringRef(j.get<std::string>()).trim().lower();
    llvm::StringRef t = s;
    t.consume_front("-") || t.consume_front("+");
    if (t == "nan" || t == "inf" || t == "infinity")
      fail(ptr, "expected a finite number, got " + describeJSONValue(j) +
                    " (NaN and infinity are not allowed)");
    fail(ptr, "expected a number, got " + describeJSONValue(j));
  }
  if (!j.is_number())
    fail(ptr, "expected a number, got " + describeJSONValue(j));
  double v = j.get<double>();
  if (!std::isfinite(v))
    fail(ptr, "number is out of range (it does not fit a double; NaN and "
              "infinity are not allowed)");
  if (f32 && std::fabs(v) > double(FLT_MAX))
    fail(ptr, "number " + formatNumber(v) + " is outside the f32 range");
  return v;
}

/// Names of inputs, populations, projections and outputs: non-empty, made of
/// letters, digits, '_', '.' and '-' (':' separates a node from a variable
/// in probes, '/' is reserved for the importer's helper ops).
std::string getName(const json &obj, const std::string &ptr) {
  std::string p = jsonPointerChild(ptr, "name");
  std::string name = getString(require(obj, ptr, "name"), p);
  if (name.empty())
    fail(p, "name must not be empty");
  for (char c : name)
    if (!(llvm::isAlnum(c) || c == '_' || c == '.' || c == '-'))
      fail(p, "name " + json(name).dump() +
                  " may only hold letters, digits, '_', '.' and '-'");
  return name;
}

/// A size or shape: "size": N or "shape": [d0, d1, ...].
llvm::SmallVector<int64_t> getShape(const json &obj, const std::string &ptr) {
  const json *size = getField(obj, "size");
  const json *shape = getField(obj, "shape");
  if (size && shape)
    fail(ptr, "give either 'size' or 'shape', not both");
  // Sizes are bounded so that element counts fit an int32 (sparse indices)
  // and nothing overflows.
  const int64_t maxElements = int64_t(1) << 31;
  if (size) {
    int64_t n = getInt(*size, jsonPointerChild(ptr, "size"), 1);
    if (n > maxElements)
      fail(jsonPointerChild(ptr, "size"),
           "size " + std::to_string(n) + " is too large");
    return {n};
  }
  if (!shape)
    fail(ptr, "missing field 'size' (or 'shape')");
  std::string p = jsonPointerChild(ptr, "shape");
  expectArray(*shape, p, "a shape");
  if (shape->empty())
    fail(p, "a shape needs at least one dimension");
  llvm::SmallVector<int64_t> out;
  int64_t n = 1;
  for (size_t i = 0; i < shape->size(); ++i) {
    out.push_back(getInt((*shape)[i], jsonPointerChild(p, i), 1));
    if (out.back() > maxElements || (n *= out.back()) > maxElements)
      fail(p, "shape is too large (more than 2^31 elements)");
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Tensors: nested lists of numbers
//===----------------------------------------------------------------------===//

/// The shape of a nested list (JSONTensor.h).
static llvm::SmallVector<int64_t> apparentShape(const json &j,
                                                const std::string &ptr) {
  std::vector<int64_t> shape = apparentJSONShape(j, ptr, fail);
  return llvm::SmallVector<int64_t>(shape.begin(), shape.end());
}

/// Appends the f32 numbers of `j`, which must have exactly `shape`, to `out`.
static void flattenInto(const json &j, const std::string &ptr,
                        llvm::ArrayRef<int64_t> shape,
                        std::vector<float> &out) {
  auto readF32 = [](const json &v, const std::string &p) {
    return static_cast<float>(getNumber(v, p));
  };
  flattenJSON(j, ptr, shape.data(), shape.size(), out, readF32, fail);
}

/// Reads a nested list whose shape must match `expected` (-1 matches any
/// size). A rectangular list of the wrong shape is reported as a whole
/// ("expected 3x4, got 3x5"); a ragged one at the first offending element.
std::vector<float> readTensor(const json &j, const std::string &ptr,
                              llvm::ArrayRef<int64_t> expected,
                              llvm::SmallVector<int64_t> &shape,
                              const char *what) {
  if (!j.is_array())
    fail(ptr, std::string("expected ") + what + " (a nested list of shape " +
                  shapeString(expected) + "), got " + describeJSONValue(j));
  shape = apparentShape(j, ptr);
  bool matches = shape.size() == expected.size();
  for (size_t d = 0; matches && d < shape.size(); ++d)
    matches = expected[d] < 0 || expected[d] == shape[d];
  std::vector<float> out;
  out.reserve(numElements(shape));
  if (!matches) {
    // Report a rectangular mismatch as a whole: first check that the list is
    // rectangular by reading it with its own apparent shape.
    try {
      flattenInto(j, ptr, shape, out);
    } catch (ImportError &) {
      if (shape.size() == expected.size())
        throw; // ragged: the element-level message is the useful one
    }
    fail(ptr, std::string("expected ") + what + " of shape " +
                  shapeString(expected) + ", got " + shapeString(shape));
  }
  flattenInto(j, ptr, shape, out);
  return out;
}

/// A per-neuron parameter: a number, a flat list of one value per neuron or
/// a nested list of the population's shape. Returns the values and sets
/// `paramShape` (empty for a number).
std::vector<float> readParamValues(const json &j, const std::string &ptr,
                                   llvm::ArrayRef<int64_t> popShape,
                                   llvm::SmallVector<int64_t> &paramShape) {
  paramShape.clear();
  if (!j.is_array())
    return {static_cast<float>(getNumber(j, ptr))};
  int64_t n = numElements(popShape);
  std::vector<float> out;
  if (!j.empty() && !j[0].is_array()) {
    if (int64_t(j.size()) != n)
      fail(ptr, "expected a number or " + std::to_string(n) +
                    " values (one per neuron), got " +
                    std::to_string(j.size()));
    flattenInto(j, ptr, {n}, out);
    paramShape.push_back(n);
    if (popShape.size() != 1)
      paramShape.assign(popShape.begin(), popShape.end());
    return out;
  }
  llvm::SmallVector<int64_t> shape;
  out = readTensor(j, ptr, popShape, shape, "a per-neuron list");
  paramShape.assign(popShape.begin(), popShape.end());
  return out;
}

void checkRange(const std::vector<float> &values, const json &j,
                const std::string &ptr, Range range) {
  for (auto [i, v] : llvm::enumerate(values)) {
    const char *want = nullptr;
    if (range == Range::Positive && !(v > 0))
      want = "> 0";
    else if (range == Range::NonNegative && !(v >= 0))
      want = ">= 0";
    else if (range == Range::UnitInterval && !(v >= 0 && v <= 1))
      want = "in [0, 1]";
    if (!want)
      continue;
    std::string p = ptr;
    if (j.is_array()) {
      // Point at the element: walk the nested list by the flat index.
      llvm::SmallVector<int64_t> shape = apparentShape(j, ptr);
      size_t rest = i;
      llvm::SmallVector<size_t> idx(shape.size());
      for (size_t d = shape.size(); d-- > 0;) {
        idx[d] = rest % shape[d];
        rest /= shape[d];
      }
      for (size_t k : idx)
        p = jsonPointerChild(p, k);
    }
    fail(p, std::string("must be ") + want + ", got " + formatNumber(v));
  }
}

} // namespace spikec::jsonimport
