//===- JSONImport.cpp - hand-written JSON networks into the snn dialect ---===//
//
// Reads the network description of docs/network-json.md with nlohmann-json
// and builds one snn.network. Every error names the file and the JSON
// pointer of the offending value; syntax errors name the line and column.
//
//===----------------------------------------------------------------------===//

#include "spikec/Import/Import.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/JSONParse.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Path.h"

#include <nlohmann/json.hpp>

#include <cfloat>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;
using json = nlohmann::json;

namespace {

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
double getNumber(const json &j, const std::string &ptr, bool f32 = true) {
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

/// The shape of a nested list, following first elements; rank 0 for a
/// number. Fails on an empty list.
llvm::SmallVector<int64_t> apparentShape(const json &j,
                                         const std::string &ptr) {
  llvm::SmallVector<int64_t> shape;
  const json *cur = &j;
  std::string p = ptr;
  while (cur->is_array()) {
    if (cur->empty())
      fail(p, "empty list");
    shape.push_back(cur->size());
    cur = &(*cur)[0];
    p = jsonPointerChild(p, 0);
  }
  return shape;
}

/// Appends the numbers of `j`, which must have exactly `shape`, to `out`.
void flattenInto(const json &j, const std::string &ptr,
                 llvm::ArrayRef<int64_t> shape, std::vector<float> &out) {
  if (shape.empty()) {
    if (j.is_array())
      fail(ptr, "expected a number, got a list (too many nesting levels)");
    out.push_back(static_cast<float>(getNumber(j, ptr)));
    return;
  }
  if (!j.is_array())
    fail(ptr, "expected a list of " + std::to_string(shape[0]) +
                  " values, got " + describeJSONValue(j));
  if (int64_t(j.size()) != shape[0])
    fail(ptr, "expected " + std::to_string(shape[0]) + " values, got " +
                  std::to_string(j.size()));
  for (size_t i = 0; i < j.size(); ++i)
    flattenInto(j[i], jsonPointerChild(ptr, i), shape.drop_front(), out);
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

enum class Range { Any, Positive, NonNegative, UnitInterval };

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

//===----------------------------------------------------------------------===//
// Neuron models
//===----------------------------------------------------------------------===//

enum class Form { Neutral, Continuous, Discrete };

struct ParamSpec {
  llvm::StringRef name; // the op's attribute name
  Form form;
  Range range;
};

struct ModelSpec {
  llvm::StringRef model;   // JSON name
  llvm::StringRef opName;  // snn op
  bool spiking;
  /// Every parameter the model takes.
  llvm::SmallVector<ParamSpec> params;
  /// Key parameters of each form (one of the two sets must be complete).
  llvm::SmallVector<llvm::StringRef> continuousKeys, discreteKeys;
  /// Required whatever the form.
  llvm::SmallVector<llvm::StringRef> required;
};

const std::vector<ModelSpec> &modelSpecs() {
  static const std::vector<ModelSpec> specs = [] {
    using F = Form;
    using R = Range;
    ParamSpec tau{"tau", F::Continuous, R::Positive},
        r{"r", F::Continuous, R::Any}, vLeak{"v_leak", F::Continuous, R::Any},
        decay{"decay", F::Discrete, R::UnitInterval},
        gain{"gain", F::Discrete, R::Any}, bias{"bias", F::Discrete, R::Any},
        tauSyn{"tau_syn", F::Continuous, R::Positive},
        wIn{"w_in", F::Continuous, R::Any},
        synDecay{"syn_decay", F::Discrete, R::UnitInterval},
        synGain{"syn_gain", F::Discrete, R::Any},
        tauAdapt{"tau_adapt", F::Continuous, R::Positive},
        adaptDecay{"adapt_decay", F::Discrete, R::UnitInterval},
        adapt{"adapt", F::Neutral, R::NonNegative},
        vTh{"v_threshold", F::Neutral, R::Any},
        vReset{"v_reset", F::Neutral, R::Any};
    std::vector<ModelSpec> s;
    s.push_back({"integrator", "snn.integrator", false, {r, gain}, {"r"},
                 {"gain"}, {}});
    s.push_back({"li", "snn.li", false, {tau, r, vLeak, decay, gain, bias},
                 {"tau"}, {"decay"}, {}});
    s.push_back({"lif", "snn.lif", true,
                 {tau, r, vLeak, decay, gain, bias, vTh, vReset}, {"tau"},
                 {"decay"}, {"v_threshold"}});
    s.push_back({"if", "snn.if", true, {r, gain, vTh, vReset}, {"r"},
                 {"gain"}, {"v_threshold"}});
    s.push_back({"cuba_li", "snn.cuba_li", false,
                 {tauSyn, wIn, tau, r, vLeak, synDecay, synGain, decay, gain,
                  bias},
                 {"tau_syn", "tau"}, {"syn_decay", "decay"}, {}});
    s.push_back({"cuba_lif", "snn.cuba_lif", true,
                 {tauSyn, wIn, tau, r, vLeak, synDecay, synGain, decay, gain,
                  bias, vTh, vReset},
                 {"tau_syn", "tau"}, {"syn_decay", "decay"}, {"v_threshold"}});
    s.push_back({"alif", "snn.alif", true,
                 {tau, r, vLeak, tauAdapt, decay, gain, bias, adaptDecay,
                  adapt, vTh, vReset},
                 {"tau", "tau_adapt"}, {"decay", "adapt_decay"},
                 {"adapt", "v_threshold"}});
    s.push_back({"izhikevich", "snn.izhikevich", true,
                 {{"a", F::Neutral, R::Any},
                  {"b", F::Neutral, R::Any},
                  {"c", F::Neutral, R::Any},
                  {"d", F::Neutral, R::Any},
                  {"r", F::Neutral, R::Any}},
                 {}, {}, {"a", "b", "c", "d"}});
    return s;
  }();
  return specs;
}

/// Other names accepted in "params" for the same parameter.
llvm::StringRef canonicalParam(llvm::StringRef name) {
  return llvm::StringSwitch<llvm::StringRef>(name)
      .Case("beta", "decay")
      .Case("alpha", "syn_decay")
      .Case("tau_mem", "tau")
      .Default(name);
}

//===----------------------------------------------------------------------===//
// The importer
//===----------------------------------------------------------------------===//

class JSONImporter {
public:
  JSONImporter(MLIRContext *ctx, llvm::StringRef path)
      : ctx(ctx), path(path), builder(ctx),
        fileLoc(FileLineColLoc::get(ctx, path, 0, 0)) {}

  OwningOpRef<ModuleOp> run(const json &root);

private:
  /// Something projections read from and outputs show: an input (through
  /// its encoder, if any) or a population.
  struct Node {
    std::string pointer;
    Value value;
    llvm::SmallVector<int64_t> shape;
    Operation *population = nullptr; // null for inputs
    bool used = false;
    llvm::SmallVector<Value> incoming;
  };

  Location nodeLoc(llvm::StringRef name) {
    return NameLoc::get(StringAttr::get(ctx, name), fileLoc);
  }
  RankedTensorType tensorType(llvm::ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, Float32Type::get(ctx));
  }
  /// Resource blob keys must be identifiers: keep [A-Za-z0-9_.].
  std::string blobName(llvm::StringRef owner, llvm::StringRef field) {
    std::string out;
    for (char c : owner)
      out += (llvm::isAlnum(c) || c == '_' || c == '.') ? c : '_';
    if (out.empty() || llvm::isDigit(out[0]))
      out = "_" + out;
    return out + "." + field.str();
  }
  void claimName(const std::string &name, const std::string &ptr) {
    auto [it, inserted] = names.try_emplace(name, ptr);
    if (!inserted)
      fail(jsonPointerChild(ptr, "name"),
           "duplicate name '" + name + "' (first used at " + it->second + ")");
  }
  Node &lookup(const json &obj, const std::string &ptr, llvm::StringRef key,
               bool populationOnly) {
    std::string p = jsonPointerChild(ptr, key);
    std::string name = getString(require(obj, ptr, key), p);
    auto it = nodes.find(name);
    if (it == nodes.end()) {
      std::string msg = "unknown " +
                        std::string(populationOnly ? "population" : "node") +
                        " '" + name + "'";
      if (names.count(name))
        msg += " ('" + name + "' is a " +
               (llvm::StringRef(names[name]).starts_with("/projections")
                    ? "projection"
                    : "output") +
               ", not " +
               (populationOnly ? "a population" : "an input or population") +
               ")";
      fail(p, msg);
    }
    if (populationOnly && !it->second.population)
      fail(p, "'" + name + "' is an input; projections must end at a "
                           "population");
    return it->second;
  }

  void importInput(const json &obj, const std::string &ptr);
  void importPopulation(const json &obj, const std::string &ptr);
  void importProjection(const json &obj, const std::string &ptr);
  void importOutput(const json &obj, const std::string &ptr);
  Value buildProjection(const json &obj, const std::string &ptr,
                        const std::string &name, llvm::StringRef kind,
                        Node &from, Node &to);

  Attribute readParam(const json &j, const std::string &ptr,
                      llvm::ArrayRef<int64_t> shape, Range range,
                      llvm::StringRef owner, llvm::StringRef field) {
    llvm::SmallVector<int64_t> pshape;
    std::vector<float> values = readParamValues(j, ptr, shape, pshape);
    checkRange(values, j, ptr, range);
    return makeParam(ctx, blobName(owner, field), pshape, values);
  }

  /// Legal, but a neuron that resets above its threshold fires on every
  /// step after its first spike: usually swapped fields. A warning, as the
  /// NIR importer gives, at the first such neuron.
  void warnResetAboveThreshold(
      const std::map<std::string, std::pair<const json *, std::string>> &given,
      llvm::ArrayRef<int64_t> shape, const std::string &ptr) {
    auto th = given.find("v_threshold"), rs = given.find("v_reset");
    if (th == given.end())
      return;
    llvm::SmallVector<int64_t> pshape;
    std::vector<float> threshold =
        readParamValues(*th->second.first, th->second.second, shape, pshape);
    std::vector<float> reset = {0.0f}; // the documented default
    std::string at = ptr;
    if (rs != given.end()) {
      reset =
          readParamValues(*rs->second.first, rs->second.second, shape, pshape);
      at = rs->second.second;
    }
    size_t n = std::max(reset.size(), threshold.size());
    for (size_t i = 0; i < n; ++i) {
      float r = reset[reset.size() == 1 ? 0 : i];
      float t = threshold[threshold.size() == 1 ? 0 : i];
      if (r > t) {
        emitWarning(fileLoc)
            << at << ": v_reset " << formatNumber(r)
            << (rs == given.end() ? " (the default)" : "")
            << " is above v_threshold " << formatNumber(t) << " (neuron " << i
            << "): the neuron fires on every step after its first spike";
        return;
      }
    }
  }

  MLIRContext *ctx;
  std::string path;
  OpBuilder builder;
  Location fileLoc;
  NetworkOp net;
  Value placeholder;
  /// Every name in use, with the pointer of its definition.
  llvm::StringMap<std::string> names;
  /// Names written later in the file (outputs), which default projection
  /// names must not take.
  std::set<std::string> reserved;
  /// Inputs and populations, in definition order.
  std::map<std::string, Node> nodes;
  std::vector<std::string> populationOrder;
};

OwningOpRef<ModuleOp> JSONImporter::run(const json &root) {
  expectObject(root, "", "a network description");
  checkKeys(root, "",
            {"name", "description", "inputs", "populations", "projections",
             "outputs"},
            "the network description");
  std::string netName = llvm::sys::path::stem(path).str();
  if (const json *n = getField(root, "name"))
    netName = getString(*n, "/name");
  if (netName.empty())
    netName = "network";
  if (const json *d = getField(root, "description"))
    getString(*d, "/description");

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  builder.setInsertionPointToEnd(module->getBody());
  net = builder.create<NetworkOp>(fileLoc, netName);
  builder.setInsertionPointToEnd(&net.getBodyBlock());

  const json &inputs = expectArray(require(root, "", "inputs"), "/inputs",
                                   "the list of inputs");
  if (inputs.empty())
    fail("/inputs", "a network needs at least one input");
  for (size_t i = 0; i < inputs.size(); ++i)
    importInput(inputs[i], jsonPointerChild("/inputs", i));

  static const json empty = json::array();
  const json *pops = getField(root, "populations");
  pops = pops ? &expectArray(*pops, "/populations", "the list of populations")
              : &empty;
  for (size_t i = 0; i < pops->size(); ++i)
    importPopulation((*pops)[i], jsonPointerChild("/populations", i));

  const json *projs = getField(root, "projections");
  projs = projs ? &expectArray(*projs, "/projections",
                               "the list of projections")
                : &empty;
  // Claim explicit projection names first so that a default name never
  // takes a name written later in the file.
  if (const json *outs = getField(root, "outputs"); outs && outs->is_array())
    for (const json &o : *outs)
      if (o.is_object() && o.contains("name") && o["name"].is_string())
        reserved.insert(o["name"].get<std::string>());
  for (size_t i = 0; i < projs->size(); ++i) {
    std::string p = jsonPointerChild("/projections", i);
    expectObject((*projs)[i], p, "a projection");
    if (getField((*projs)[i], "name"))
      claimName(getName((*projs)[i], p), p);
  }
  for (size_t i = 0; i < projs->size(); ++i)
    importProjection((*projs)[i], jsonPointerChild("/projections", i));

  const json &outputs = expectArray(require(root, "", "outputs"), "/outputs",
                                    "the list of outputs");
  if (outputs.empty())
    fail("/outputs", "a network needs at least one output");
  for (size_t i = 0; i < outputs.size(); ++i)
    importOutput(outputs[i], jsonPointerChild("/outputs", i));

  // Close the populations' inputs: one edge is used as is, several are
  // summed.
  for (const std::string &name : populationOrder) {
    Node &node = nodes[name];
    if (node.incoming.empty())
      fail(node.pointer, "population '" + name +
                             "' receives no projection (its input would "
                             "be undefined)");
    Value in = node.incoming.front();
    if (node.incoming.size() > 1) {
      builder.setInsertionPoint(node.population);
      in = builder.create<AddOp>(nodeLoc(name + "/sum"),
                                 tensorType(node.shape), node.incoming);
    }
    node.population->setOperand(0, in);
  }
  for (auto &[name, node] : nodes)
    if (!node.used)
      fail(node.pointer, std::string(node.population ? "population" : "input") +
                             " '" + name +
                             "' is never read (no projection or output uses "
                             "it)");
  return module;
}

void JSONImporter::importInput(const json &obj, const std::string &ptr) {
  expectObject(obj, ptr, "an input");
  checkKeys(obj, ptr, {"name", "size", "shape", "encoder"}, "an input");
  std::string name = getName(obj, ptr);
  claimName(name, ptr);
  auto shape = getShape(obj, ptr);
  Type type = tensorType(shape);
  Value value = builder.create<InputOp>(nodeLoc(name), type,
                                        builder.getStringAttr(name));
  if (!placeholder)
    placeholder = value;

  if (const json *enc = getField(obj, "encoder")) {
    std::string ep = jsonPointerChild(ptr, "encoder");
    json encObj = enc->is_string() ? json{{"kind", *enc}} : *enc;
    expectObject(encObj, ep, "an encoder");
    std::string kp = enc->is_string() ? ep : jsonPointerChild(ep, "kind");
    std::string kind = getString(require(encObj, ep, "kind"), kp);
    Location loc = nodeLoc(name + "/encoder");
    auto f64 = [&](llvm::StringRef key, double dflt, Range range) {
      const json *j = getField(encObj, key);
      if (!j)
        return builder.getF64FloatAttr(dflt);
      std::string p = jsonPointerChild(ep, key);
      double v = getNumber(*j, p, false);
      checkRange({float(v)}, *j, p, range);
      return builder.getF64FloatAttr(v);
    };
    if (kind == "direct") {
      checkKeys(encObj, ep, {"kind", "gain"}, "a direct encoder");
      value = builder.create<EncodeDirectOp>(loc, type, value,
                                             f64("gain", 1.0, Range::Any));
    } else if (kind == "rate") {
      checkKeys(encObj, ep, {"kind", "gain", "seed"}, "a rate encoder");
      int64_t seed = 0;
      if (const json *s = getField(encObj, "seed"))
        seed = getInt(*s, jsonPointerChild(ep, "seed"), 0);
      value = builder.create<EncodeRateOp>(
          loc, type, value, f64("gain", 1.0, Range::NonNegative),
          builder.getI64IntegerAttr(seed));
    } else if (kind == "latency") {
      checkKeys(encObj, ep, {"kind", "window", "threshold"},
                "a latency encoder");
      int64_t window = getInt(require(encObj, ep, "window"),
                              jsonPointerChild(ep, "window"), 1);
      value = builder.create<EncodeLatencyOp>(
          loc, type, value, builder.getI64IntegerAttr(window),
          f64("threshold", 0.0, Range::Any));
    } else if (kind == "delta") {
      checkKeys(encObj, ep, {"kind", "threshold", "off_spikes"},
                "a delta encoder");
      require(encObj, ep, "threshold");
      bool off = false;
      if (const json *o = getField(encObj, "off_spikes"))
        off = getBool(*o, jsonPointerChild(ep, "off_spikes"));
      value = builder.create<EncodeDeltaOp>(
          loc, type, value, f64("threshold", 0.0, Range::Positive),
          builder.getBoolAttr(off));
    } else {
      fail(kp, "unknown encoder '" + kind +
                   "' (expected direct, rate, latency or delta)");
    }
  }
  Node &node = nodes[name];
  node.pointer = ptr;
  node.value = value;
  node.shape = shape;
}

void JSONImporter::importPopulation(const json &obj, const std::string &ptr) {
  expectObject(obj, ptr, "a population");
  checkKeys(obj, ptr,
            {"name", "model", "size", "shape", "params", "reset", "timing",
             "refractory", "v_peak", "time_scale"},
            "a population");
  std::string name = getName(obj, ptr);
  claimName(name, ptr);
  std::string mp = jsonPointerChild(ptr, "model");
  std::string model = getString(require(obj, ptr, "model"), mp);
  const ModelSpec *spec = nullptr;
  for (const ModelSpec &s : modelSpecs())
    if (s.model == model)
      spec = &s;
  if (!spec) {
    std::string known;
    for (auto [i, s] : llvm::enumerate(modelSpecs()))
      known += (i ? ", " : "") + s.model.str();
    fail(mp, "unknown neuron model '" + model + "' (expected one of: " +
                 known + ")");
  }
  auto shape = getShape(obj, ptr);
  bool izh = model == "izhikevich";

  // Parameters, by their canonical name.
  std::string pp = jsonPointerChild(ptr, "params");
  static const json noParams = json::object();
  const json &params =
      getField(obj, "params") ? expectObject(obj["params"], pp, "parameters")
                          : noParams;
  std::map<std::string, std::pair<const json *, std::string>> given;
  std::set<std::string> continuous, discrete;
  for (auto it = params.begin(); it != params.end(); ++it) {
    if (it.key() == "comment")
      continue;
    std::string key = it.key();
    std::string canon = canonicalParam(key).str();
    const ParamSpec *ps = nullptr;
    for (const ParamSpec &p : spec->params)
      if (p.name == canon)
        ps = &p;
    if (!ps) {
      std::string msg = "unknown parameter '" + key + "' for " + withArticle(model) +
                        " population (it takes:";
      for (auto [i, p] : llvm::enumerate(spec->params))
        msg += (i ? ", " : " ") + p.name.str();
      fail(jsonPointerChild(pp, key), msg + ")");
    }
    if (given.count(canon))
      fail(jsonPointerChild(pp, key),
           "'" + key + "' sets '" + canon + "', which is already given");
    given[canon] = {&*it, jsonPointerChild(pp, key)};
    if (ps->form == Form::Continuous)
      continuous.insert(key);
    if (ps->form == Form::Discrete)
      discrete.insert(key);
  }
  auto join = [](const std::set<std::string> &s) {
    std::string out;
    for (const std::string &k : s)
      out += (out.empty() ? "" : ", ") + k;
    return out;
  };
  if (!continuous.empty() && !discrete.empty())
    fail(pp, "mixes continuous-time (" + join(continuous) + ") and per-step (" +
                 join(discrete) + ") parameters; use one form");
  if (!izh) {
    const auto &keys =
        discrete.empty() ? spec->continuousKeys : spec->discreteKeys;
    for (llvm::StringRef k : keys)
      if (!given.count(k.str())) {
        std::string msg = withArticle(model) + " population needs '" + k.str() + "'";
        if (continuous.empty() && discrete.empty()) {
          msg = withArticle(model) + " population needs its continuous-time (";
          for (auto [i, c] : llvm::enumerate(spec->continuousKeys))
            msg += (i ? ", " : "") + c.str();
          msg += ") or per-step (";
          for (auto [i, d] : llvm::enumerate(spec->discreteKeys))
            msg += (i ? ", " : "") + d.str();
          msg += ") parameters";
        }
        fail(getField(obj, "params") ? pp : ptr, msg);
      }
  }
  for (llvm::StringRef k : spec->required)
    if (!given.count(k.str()))
      fail(getField(obj, "params") ? pp : ptr,
           withArticle(model) + " population needs parameter '" + k.str() + "'");

  OperationState state(nodeLoc(name), spec->opName);
  state.addOperands(placeholder);
  state.addTypes(tensorType(shape));
  for (const ParamSpec &ps : spec->params) {
    auto it = given.find(ps.name.str());
    if (it == given.end())
      continue;
    state.addAttribute(ps.name,
                       readParam(*it->second.first, it->second.second, shape,
                                 ps.range, name, ps.name));
  }

  // Spike behaviour.
  ResetMode resetMode = ResetMode::ToVReset;
  if (const json *reset = getField(obj, "reset")) {
    std::string p = jsonPointerChild(ptr, "reset");
    if (!spec->spiking || izh)
      fail(p, withArticle(model) + " population has no reset mode");
    std::string mode = getString(*reset, p);
    std::optional<ResetMode> m = llvm::StringSwitch<std::optional<ResetMode>>(mode)
                                     .Case("to_v_reset", ResetMode::ToVReset)
                                     .Case("subtract", ResetMode::Subtract)
                                     .Case("none", ResetMode::None)
                                     .Default(std::nullopt);
    if (!m)
      fail(p, "unknown reset mode '" + mode +
                  "' (expected to_v_reset, subtract or none)");
    resetMode = *m;
    state.addAttribute("reset", ResetModeAttr::get(ctx, *m));
  }
  // An alif's threshold rises with adaptation, so its reset above the base
  // threshold does not make it fire every step.
  if (spec->spiking && !izh && model != "alif" &&
      resetMode == ResetMode::ToVReset)
    warnResetAboveThreshold(given, shape, ptr);
  if (const json *timing = getField(obj, "timing")) {
    std::string p = jsonPointerChild(ptr, "timing");
    if (!spec->spiking || izh)
      fail(p, withArticle(model) + " population has no spike timing");
    std::string t = getString(*timing, p);
    if (t != "post" && t != "pre")
      fail(p, "unknown spike timing '" + t + "' (expected post or pre)");
    state.addAttribute("timing", SpikeTimingAttr::get(
                                     ctx, t == "pre" ? SpikeTiming::Pre
                                                     : SpikeTiming::Post));
  }
  if (const json *refr = getField(obj, "refractory")) {
    std::string p = jsonPointerChild(ptr, "refractory");
    if (!spec->spiking || izh)
      fail(p, withArticle(model) + " population has no refractory period");
    state.addAttribute("refractory",
                       builder.getI64IntegerAttr(getInt(*refr, p, 0)));
  }
  for (llvm::StringRef key : {"v_peak", "time_scale"}) {
    const json *j = getField(obj, key);
    if (!j)
      continue;
    std::string p = jsonPointerChild(ptr, key);
    if (!izh)
      fail(p, "only izhikevich populations take '" + key.str() + "'");
    double v = getNumber(*j, p, false);
    if (key == "time_scale")
      checkRange({float(v)}, *j, p, Range::Positive);
    state.addAttribute(key, builder.getF64FloatAttr(v));
  }

  Operation *op = builder.create(state);
  Node &node = nodes[name];
  node.pointer = ptr;
  node.value = op->getResult(0);
  node.shape = shape;
  node.population = op;
  populationOrder.push_back(name);
}

void JSONImporter::importProjection(const json &obj,
                                    const std::string &ptr) {
  std::string kp = jsonPointerChild(ptr, "kind");
  std::string kind = getString(require(obj, ptr, "kind"), kp);
  Node &from = lookup(obj, ptr, "from", false);
  Node &to = lookup(obj, ptr, "to", true);
  from.used = true;

  std::string name;
  if (getField(obj, "name")) {
    name = getName(obj, ptr); // claimed before
  } else {
    std::string base =
        getString(obj["from"], "") + "_to_" + getString(obj["to"], "");
    name = base;
    for (int k = 2; names.count(name) || reserved.count(name); ++k)
      name = base + "_" + std::to_string(k);
    claimName(name, ptr);
  }
  builder.setInsertionPoint(to.population);
  Value out = buildProjection(obj, ptr, name, kind, from, to);
  to.incoming.push_back(out);
}

/// Builds the ops of one projection and returns the value it delivers to
/// `to`, of `to`'s shape.
Value JSONImporter::buildProjection(const json &obj, const std::string &ptr,
                                    const std::string &name,
                                    llvm::StringRef kind, Node &from,
                                    Node &to) {
  Location loc = nodeLoc(name);
  std::string toName = getString(obj["to"], "");
  std::string fromName = getString(obj["from"], "");
  int64_t nIn = numElements(from.shape), nOut = numElements(to.shape);
  auto arr = [&](llvm::ArrayRef<int64_t> v) {
    return builder.getDenseI64ArrayAttr(v);
  };
  /// An int or a list of `dims` ints, each >= min.
  auto geometry = [&](llvm::StringRef key, size_t dims, int64_t dflt,
                      int64_t min) {
    llvm::SmallVector<int64_t> out(dims, dflt);
    const json *j = getField(obj, key);
    if (!j)
      return out;
    std::string p = jsonPointerChild(ptr, key);
    if (j->is_array()) {
      if (j->size() != dims)
        fail(p, "expected " + std::to_string(dims) + " values, got " +
                    std::to_string(j->size()));
      for (size_t d = 0; d < dims; ++d)
        out[d] = getInt((*j)[d], jsonPointerChild(p, d), min);
    } else {
      out.assign(dims, getInt(*j, p, min));
    }
    for (int64_t v : out)
      if (v > (int64_t(1) << 24))
        fail(p, key.str() + " " + std::to_string(v) + " is too large");
    return out;
  };
  /// Makes `v` (of shape `shape`) fit the target: as is, or flattened when
  /// the target is a vector of the same size.
  auto fit = [&](Value v, llvm::ArrayRef<int64_t> shape) -> Value {
    if (llvm::ArrayRef<int64_t>(to.shape) == shape)
      return v;
    if (to.shape.size() == 1 && numElements(shape) == nOut)
      return builder.create<FlattenOp>(nodeLoc(name + "/flatten"),
                                       tensorType(to.shape), v,
                                       builder.getI64IntegerAttr(0),
                                       builder.getI64IntegerAttr(-1));
    fail(ptr, "the " + kind.str() + " projection produces " +
                  shapeString(shape) + " values, but population '" + toName +
                  "' has shape " + shapeString(to.shape));
  };
  auto sourceVector = [&]() -> Value {
    if (from.shape.size() == 1)
      return from.value;
    return builder.create<FlattenOp>(
        nodeLoc(name + "/flatten"), tensorType({nIn}), from.value,
        builder.getI64IntegerAttr(0), builder.getI64IntegerAttr(-1));
  };

  if (kind == "dense") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind", "weight", "bias"},
              "a dense projection");
    if (to.shape.size() != 1)
      fail(jsonPointerChild(ptr, "to"),
           "a dense projection needs a population of rank 1; '" + toName +
               "' has shape " + shapeString(to.shape));
    llvm::SmallVector<int64_t> wshape;
    std::string wp = jsonPointerChild(ptr, "weight");
    auto w = readTensor(require(obj, ptr, "weight"), wp, {nOut, nIn}, wshape,
                        "a weight matrix");
    Value src = sourceVector();
    Type type = tensorType({nOut});
    auto weight = makeWeight(ctx, blobName(name, "weight"), {nOut, nIn}, w);
    if (const json *b = getField(obj, "bias")) {
      llvm::SmallVector<int64_t> bshape;
      auto bv = readTensor(*b, jsonPointerChild(ptr, "bias"), {nOut}, bshape,
                           "a bias");
      auto bias = makeWeight(ctx, blobName(name, "bias"), {nOut}, bv);
      return builder.create<AffineOp>(loc, type, src, weight, bias);
    }
    return builder.create<LinearOp>(loc, type, src, weight);
  }

  if (kind == "sparse") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind", "synapses"},
              "a sparse projection");
    std::string sp = jsonPointerChild(ptr, "synapses");
    const json &syn = expectArray(require(obj, ptr, "synapses"), sp,
                                  "a list of [pre, post, weight] synapses");
    if (syn.empty())
      fail(sp, "a sparse projection needs at least one synapse");
    std::vector<int32_t> pre, post;
    std::vector<float> weight;
    for (size_t k = 0; k < syn.size(); ++k) {
      std::string p = jsonPointerChild(sp, k);
      const json &s = syn[k];
      if (!s.is_array() || s.size() != 3)
        fail(p, "expected a synapse [pre, post, weight], got " +
                    (s.is_array() ? "a list of " + std::to_string(s.size()) +
                                        " values"
                                  : describeJSONValue(s)));
      int64_t a = getInt(s[0], jsonPointerChild(p, 0), 0),
              c = getInt(s[1], jsonPointerChild(p, 1), 0);
      if (a >= nIn)
        fail(jsonPointerChild(p, 0),
             "pre index " + std::to_string(a) + " is outside [0, " +
                 std::to_string(nIn) + ") of '" + fromName + "'");
      if (c >= nOut)
        fail(jsonPointerChild(p, 1),
             "post index " + std::to_string(c) + " is outside [0, " +
                 std::to_string(nOut) + ") of '" + toName + "'");
      pre.push_back(int32_t(a));
      post.push_back(int32_t(c));
      weight.push_back(float(getNumber(s[2], jsonPointerChild(p, 2))));
    }
    int64_t n = weight.size();
    return builder.create<SparseOp>(
        loc, tensorType(to.shape), from.value,
        makeIndexBlob(ctx, blobName(name, "pre"), pre),
        makeIndexBlob(ctx, blobName(name, "post"), post),
        makeWeight(ctx, blobName(name, "weight"), {n}, weight));
  }

  if (kind == "conv1d" || kind == "conv2d") {
    size_t dims = kind == "conv1d" ? 1 : 2;
    checkKeys(obj, ptr,
              {"name", "from", "to", "kind", "weight", "bias", "stride",
               "padding", "dilation", "groups"},
              kind == "conv1d" ? "a conv1d projection" : "a conv2d projection");
    if (from.shape.size() != dims + 1)
      fail(jsonPointerChild(ptr, "from"),
           withArticle(kind) + " projection needs a source of shape " +
               (dims == 1 ? "[C, L]" : "[C, H, W]") + "; '" + fromName +
               "' has shape " + shapeString(from.shape));
    int64_t groups = 1;
    if (const json *g = getField(obj, "groups"))
      groups = getInt(*g, jsonPointerChild(ptr, "groups"), 1);
    int64_t cin = from.shape[0];
    std::string gp = jsonPointerChild(ptr, "groups");
    if (cin % groups)
      fail(gp, "groups = " + std::to_string(groups) + " does not divide the " +
                   std::to_string(cin) + " input channels");
    llvm::SmallVector<int64_t> expected(dims + 2, -1), wshape;
    expected[1] = cin / groups;
    std::string wp = jsonPointerChild(ptr, "weight");
    auto w = readTensor(require(obj, ptr, "weight"), wp, expected, wshape,
                        "a convolution kernel");
    int64_t cout = wshape[0];
    if (cout % groups)
      fail(gp, "groups = " + std::to_string(groups) + " does not divide the " +
                   std::to_string(cout) + " output channels");
    auto stride = geometry("stride", dims, 1, 1);
    auto padding = geometry("padding", dims, 0, 0);
    auto dilation = geometry("dilation", dims, 1, 1);
    llvm::SmallVector<int64_t> outShape{cout};
    for (size_t d = 0; d < dims; ++d) {
      int64_t n = (from.shape[d + 1] + 2 * padding[d] -
                   dilation[d] * (wshape[d + 2] - 1) - 1) /
                      stride[d] +
                  1;
      if (n < 1 || from.shape[d + 1] + 2 * padding[d] <
                       dilation[d] * (wshape[d + 2] - 1) + 1)
        fail(wp, "the kernel (" + shapeString(wshape) +
                     ") does not fit the input '" + fromName + "' (" +
                     shapeString(from.shape) + ") along dimension " +
                     std::to_string(d + 1));
      outShape.push_back(n);
    }
    auto weight = makeWeight(ctx, blobName(name, "weight"), wshape, w);
    DenseF32ResourceElementsAttr bias;
    if (const json *b = getField(obj, "bias")) {
      llvm::SmallVector<int64_t> bshape;
      auto bv = readTensor(*b, jsonPointerChild(ptr, "bias"), {cout}, bshape,
                           "a bias");
      bias = makeWeight(ctx, blobName(name, "bias"), {cout}, bv);
    }
    Value v;
    if (dims == 1)
      v = builder.create<Conv1dOp>(loc, tensorType(outShape), from.value,
                                   weight, bias, arr(stride), arr(padding),
                                   arr(dilation),
                                   builder.getI64IntegerAttr(groups));
    else
      v = builder.create<Conv2dOp>(loc, tensorType(outShape), from.value,
                                   weight, bias, arr(stride), arr(padding),
                                   arr(dilation),
                                   builder.getI64IntegerAttr(groups));
    return fit(v, outShape);
  }

  if (kind == "sum_pool2d" || kind == "avg_pool2d") {
    checkKeys(obj, ptr,
              {"name", "from", "to", "kind", "kernel_size", "stride",
               "padding"},
              "a pooling projection");
    if (from.shape.size() != 3)
      fail(jsonPointerChild(ptr, "from"),
           withArticle(kind) +
               " projection needs a source of shape [C, H, "
               "W]; '" +
               fromName + "' has shape " + shapeString(from.shape));
    require(obj, ptr, "kernel_size");
    auto kernel = geometry("kernel_size", 2, 1, 1);
    auto stride = geometry("stride", 2, 1, 1);
    if (!getField(obj, "stride"))
      stride = kernel;
    auto padding = geometry("padding", 2, 0, 0);
    llvm::SmallVector<int64_t> outShape{from.shape[0]};
    for (size_t d = 0; d < 2; ++d) {
      int64_t span = from.shape[d + 1] + 2 * padding[d];
      if (span < kernel[d])
        fail(jsonPointerChild(ptr, "kernel_size"),
             "the window does not fit the input '" + fromName + "' (" +
                 shapeString(from.shape) + ") along dimension " +
                 std::to_string(d + 1));
      outShape.push_back((span - kernel[d]) / stride[d] + 1);
    }
    Value v;
    if (kind == "sum_pool2d")
      v = builder.create<SumPool2dOp>(loc, tensorType(outShape), from.value,
                                      arr(kernel), arr(stride), arr(padding));
    else
      v = builder.create<AvgPool2dOp>(loc, tensorType(outShape), from.value,
                                      arr(kernel), arr(stride), arr(padding));
    return fit(v, outShape);
  }

  if (kind == "scale") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind", "scale"},
              "a scale projection");
    std::string sp = jsonPointerChild(ptr, "scale");
    Attribute scale = readParam(require(obj, ptr, "scale"), sp, from.shape,
                                Range::Any, name, "scale");
    Value v = builder.create<ScaleOp>(loc, from.value.getType(), from.value,
                                      scale);
    return fit(v, from.shape);
  }

  if (kind == "delay") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind", "delay", "steps"},
              "a delay projection");
    const json *d = getField(obj, "delay");
    const json *s = getField(obj, "steps");
    if (bool(d) == bool(s))
      fail(ptr, "a delay projection needs exactly one of 'delay' (seconds) "
                "or 'steps'");
    Attribute delay;
    DenseI64ArrayAttr steps;
    if (d) {
      delay = readParam(*d, jsonPointerChild(ptr, "delay"), from.shape,
                        Range::NonNegative, name, "delay");
    } else {
      std::string p = jsonPointerChild(ptr, "steps");
      llvm::SmallVector<int64_t> v;
      if (s->is_array()) {
        if (int64_t(s->size()) != nIn)
          fail(p, "expected an integer or " + std::to_string(nIn) +
                      " step counts (one per element), got " +
                      std::to_string(s->size()));
        for (size_t k = 0; k < s->size(); ++k)
          v.push_back(getInt((*s)[k], jsonPointerChild(p, k), 0));
      } else {
        v.push_back(getInt(*s, p, 0));
      }
      steps = arr(v);
    }
    Value v = builder.create<DelayOp>(loc, from.value.getType(), from.value,
                                      delay, steps);
    return fit(v, from.shape);
  }

  if (kind == "identity") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind"},
              "an identity projection");
    if (from.shape == to.shape)
      return from.value;
    return fit(from.value, from.shape);
  }

  fail(jsonPointerChild(ptr, "kind"),
       "unknown projection kind '" + kind.str() +
           "' (expected dense, sparse, conv1d, conv2d, sum_pool2d, "
           "avg_pool2d, scale, delay or identity)");
}

void JSONImporter::importOutput(const json &obj, const std::string &ptr) {
  expectObject(obj, ptr, "an output");
  checkKeys(obj, ptr, {"name", "from"}, "an output");
  std::string name = getName(obj, ptr);
  claimName(name, ptr);
  Node &from = lookup(obj, ptr, "from", false);
  from.used = true;
  builder.setInsertionPointToEnd(&net.getBodyBlock());
  builder.create<OutputOp>(nodeLoc(name), from.value,
                           builder.getStringAttr(name));
}

} // namespace

OwningOpRef<ModuleOp> spikec::importJSON(llvm::StringRef text,
                                         llvm::StringRef path,
                                         MLIRContext *ctx) {
  ctx->loadDialect<SNNDialect>();
  Location fileLoc = FileLineColLoc::get(ctx, path, 0, 0);
  try {
    auto parsed = parseJSON(text);
    if (auto *e = std::get_if<JSONParseError>(&parsed)) {
      switch (e->kind) {
      case JSONParseError::Kind::Syntax:
        emitError(FileLineColLoc::get(ctx, path, e->line, e->column))
            << e->message;
        return nullptr;
      case JSONParseError::Kind::DuplicateKey:
      case JSONParseError::Kind::OutOfRange:
        fail(e->pointer, e->message);
      case JSONParseError::Kind::Other:
        emitError(fileLoc) << "cannot import: " << e->message;
        return nullptr;
      }
    }
    json root = std::get<json>(std::move(parsed));
    JSONImporter importer(ctx, path);
    OwningOpRef<ModuleOp> module = importer.run(root);
    if (failed(verify(*module)))
      return nullptr;
    return module;
  } catch (const ImportError &e) {
    if (e.pointer.empty())
      emitError(fileLoc) << e.message;
    else
      emitError(fileLoc) << e.pointer << ": " << e.message;
    return nullptr;
  } catch (const std::exception &e) {
    emitError(fileLoc) << "cannot import: " << e.what();
    return nullptr;
  }
}
