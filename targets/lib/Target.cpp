//===- Target.cpp - target description loader ----------------------------===//
//
// Reads a target description (targets/README.md) with nlohmann-json, checks
// every field and collects every error as "<file>: <pointer>: <problem>", and
// writes a description back as JSON (with provenance, or canonical for the
// content hash).
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/Target.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/JSONParse.h"
#include "spikec/Target/Chip.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

using json = nlohmann::json;

namespace spikec::target {

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

static const char *const kEventKindNames[kNumEventKinds] = {
    "synaptic_op",
    "synaptic_update",
    "neuron_update_active",
    "neuron_update_idle",
    "spike_out",
    "hop_ew",
    "hop_ns",
    "barrier"};

const char *eventKindName(EventKind kind) {
  return kEventKindNames[static_cast<size_t>(kind)];
}

std::optional<EventKind> parseEventKind(std::string_view name) {
  for (EventKind k : kAllEventKinds)
    if (name == eventKindName(k))
      return k;
  return std::nullopt;
}

const char *routingName(Routing r) { return r == Routing::XY ? "xy" : "yx"; }
const char *overflowName(Overflow o) {
  return o == Overflow::Wrap ? "wrap" : "saturate";
}
const char *roundingName(Rounding r) {
  switch (r) {
  case Rounding::TowardZero:
    return "toward_zero";
  case Rounding::Floor:
    return "floor";
  case Rounding::Nearest:
    return "nearest";
  case Rounding::Stochastic:
    return "stochastic";
  }
  return "toward_zero";
}

const std::vector<std::string> &knownNeuronModels() {
  static const std::vector<std::string> models = {
      "lif",     "if",   "cuba_lif",   "li",        "integrator",
      "cuba_li", "alif", "izhikevich", "truenorth", "akida"};
  return models;
}

const std::vector<std::string> &knownLayerKinds() {
  static const std::vector<std::string> kinds = {
      "dense",      "sparse",    "conv1d", "conv2d", "separable_conv2d",
      "sum_pool2d", "avg_pool2d"};
  return kinds;
}

//===----------------------------------------------------------------------===//
// Error collection helpers
//===----------------------------------------------------------------------===//

namespace {

/// Optimal string alignment distance (Levenshtein plus transpositions).
size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1,
                                     std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

/// The closest candidate when it is close enough to be a typo.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string> &options) {
  size_t limit = std::max<size_t>(1, std::min<size_t>(3, word.size() / 3));
  std::optional<std::string> best;
  size_t bestDist = limit + 1;
  for (const std::string &o : options) {
    size_t dist = editDistance(word, o);
    if (dist < bestDist) {
      bestDist = dist;
      best = o;
    }
  }
  return best;
}

std::string joined(const std::vector<std::string> &items) {
  std::string out;
  for (const std::string &s : items)
    out += (out.empty() ? "" : ", ") + s;
  return out;
}

/// " (did you mean 'x'?)" or "".
std::string didYouMean(std::string_view word,
                       const std::vector<std::string> &options) {
  if (auto c = closest(word, options))
    return " (did you mean '" + *c + "'?)";
  return "";
}

/// Which numbers must carry provenance.
enum class Prov { Optional, Required };

/// What a number must satisfy.
enum class Range {
  Any,
  Capacity,    ///< integer > 0
  Positive,    ///< > 0
  NonNegative, ///< >= 0
  Bits,        ///< integer in 1..32
  Shift,       ///< integer in 0..31
  Exponent,    ///< integer in -32..32
};

class Reader {
public:
  explicit Reader(std::string file) : file(std::move(file)) {}

  std::string file;
  std::vector<std::string> errors;

  void error(const std::string &ptr, const std::string &problem) {
    errors.push_back(file + ": " + (ptr.empty() ? "/" : ptr) + ": " + problem);
  }

  /// Checks that `j` is an object whose keys are all in `keys`.
  bool object(const json &j, const std::string &ptr,
              const std::vector<std::string> &keys) {
    if (!j.is_object()) {
      error(ptr, "expected an object, got " + describeJSONValue(j));
      return false;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (std::find(keys.begin(), keys.end(), it.key()) != keys.end())
        continue;
      std::string hint = didYouMean(it.key(), keys);
      if (hint.empty())
        hint = " (expected one of: " + joined(keys) + ")";
      error(jsonPointerChild(ptr, it.key()),
            "unknown field '" + it.key() + "'" + hint);
    }
    return true;
  }

  /// The field `key` of object `obj`, or null (reported when required).
  const json *field(const json &obj, const std::string &ptr,
                    const std::string &key, bool required) {
    auto it = obj.find(key);
    if (it != obj.end())
      return &*it;
    if (required)
      error(jsonPointerChild(ptr, key), "missing required field '" + key + "'");
    return nullptr;
  }

  /// Splits a number's {"value", "source"|"assumed"} wrapper. Returns the
  /// value node and its pointer, or nullopt after reporting an error.
  struct Unwrapped {
    const json *value;
    std::string ptr;
    Provenance provenance;
    std::string note;
  };
  std::optional<Unwrapped> unwrap(const json &j, const std::string &ptr,
                                  Prov prov) {
    if (!j.is_object()) {
      if (prov == Prov::Required && (j.is_number() || j.is_array())) {
        error(ptr,
              "value without source or assumed: write {\"value\": " + j.dump() +
                  ", \"source\": \"<REFERENCE.md section: row>\"} or "
                  "{\"value\": " +
                  j.dump() + ", \"assumed\": \"<why this value>\"}");
        return std::nullopt;
      }
      return Unwrapped{&j, ptr, Provenance::Bare, ""};
    }
    if (!object(j, ptr, {"value", "source", "assumed"}))
      return std::nullopt;
    const json *value = field(j, ptr, "value", true);
    const json *source = field(j, ptr, "source", false);
    const json *assumed = field(j, ptr, "assumed", false);
    if (!value)
      return std::nullopt;
    if (source && assumed) {
      error(ptr, "give either \"source\" or \"assumed\", not both");
      return std::nullopt;
    }
    if (!source && !assumed) {
      error(ptr, "value without source or assumed: add \"source\": "
                 "\"<REFERENCE.md section: row>\" or \"assumed\": \"<why "
                 "this value>\"");
      return std::nullopt;
    }
    const json *note = source ? source : assumed;
    std::string noteKey = source ? "source" : "assumed";
    if (!note->is_string()) {
      error(jsonPointerChild(ptr, noteKey),
            "expected a string, got " + describeJSONValue(*note));
      return std::nullopt;
    }
    if (note->get<std::string>().empty()) {
      error(jsonPointerChild(ptr, noteKey),
            "\"" + noteKey + "\" must not be empty");
      return std::nullopt;
    }
    return Unwrapped{value, jsonPointerChild(ptr, "value"),
                     source ? Provenance::Source : Provenance::Assumed,
                     note->get<std::string>()};
  }

  /// Checks `v` (at `ptr`, the field's pointer) against `range`.
  bool inRange(double v, const std::string &ptr, Range range) {
    auto fail = [&](const std::string &what) {
      error(ptr, what + ", got " + spikec::formatNumber(v, 17));
      return false;
    };
    switch (range) {
    case Range::Any:
      return true;
    case Range::Capacity:
      return v > 0 ? true : fail("capacity must be positive");
    case Range::Positive:
      return v > 0 ? true : fail("must be positive");
    case Range::NonNegative:
      return v >= 0 ? true : fail("must not be negative");
    case Range::Bits:
      return v >= 1 && v <= 32 ? true : fail("bits out of range 1..32");
    case Range::Shift:
      return v >= 0 && v <= 31 ? true : fail("shift out of range 0..31");
    case Range::Exponent:
      return v >= -32 && v <= 32 ? true : fail("exponent out of range -32..32");
    }
    return true;
  }

  /// An integer value node.
  std::optional<int64_t> integer(const json &v, const std::string &ptr) {
    if (v.is_number_integer()) {
      if (v.is_number_unsigned() &&
          v.get<uint64_t>() >
              static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
        error(ptr, "integer too large, got " + v.dump());
        return std::nullopt;
      }
      return v.get<int64_t>();
    }
    if (v.is_number_float()) {
      double d = v.get<double>();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
        return static_cast<int64_t>(d);
    }
    error(ptr, "expected an integer, got " + describeJSONValue(v));
    return std::nullopt;
  }

  std::optional<SInt> readInt(const json &j, const std::string &ptr,
                              Range range, Prov prov = Prov::Optional) {
    auto u = unwrap(j, ptr, prov);
    if (!u)
      return std::nullopt;
    auto v = integer(*u->value, u->ptr);
    if (!v || !inRange(static_cast<double>(*v), ptr, range))
      return std::nullopt;
    return SInt{*v, u->provenance, u->note};
  }

  std::optional<SReal> readReal(const json &j, const std::string &ptr,
                                Range range, Prov prov = Prov::Optional) {
    auto u = unwrap(j, ptr, prov);
    if (!u)
      return std::nullopt;
    if (!u->value->is_number()) {
      error(u->ptr, "expected a number, got " + describeJSONValue(*u->value));
      return std::nullopt;
    }
    double v = u->value->get<double>();
    if (!inRange(v, ptr, range))
      return std::nullopt;
    return SReal{v, u->provenance, u->note};
  }

  std::optional<SIntList> readIntList(const json &j, const std::string &ptr,
                                      Range range) {
    auto u = unwrap(j, ptr, Prov::Optional);
    if (!u)
      return std::nullopt;
    if (!u->value->is_array() || u->value->empty()) {
      error(u->ptr, "expected a non-empty array of integers, got " +
                        describeJSONValue(*u->value));
      return std::nullopt;
    }
    SIntList out{{}, u->provenance, u->note};
    bool ok = true;
    for (size_t i = 0; i < u->value->size(); ++i) {
      std::string p = jsonPointerChild(u->ptr, i);
      auto v = integer((*u->value)[i], p);
      if (!v || !inRange(static_cast<double>(*v), p, range)) {
        ok = false;
        continue;
      }
      if (!out.value.empty() && *v <= out.value.back()) {
        error(p, "values must be strictly increasing");
        ok = false;
        continue;
      }
      out.value.push_back(*v);
    }
    return ok ? std::optional<SIntList>(out) : std::nullopt;
  }

  /// Reads field `key` of `obj` as an integer into `out`.
  void intField(const json &obj, const std::string &ptr, const char *key,
                Range range, SInt &out, Prov prov = Prov::Optional) {
    if (const json *f = field(obj, ptr, key, true))
      if (auto v = readInt(*f, jsonPointerChild(ptr, key), range, prov))
        out = *v;
  }
  void optIntField(const json &obj, const std::string &ptr, const char *key,
                   Range range, std::optional<SInt> &out) {
    if (const json *f = field(obj, ptr, key, false))
      out = readInt(*f, jsonPointerChild(ptr, key), range);
  }
  void realField(const json &obj, const std::string &ptr, const char *key,
                 Range range, SReal &out, Prov prov) {
    if (const json *f = field(obj, ptr, key, true))
      if (auto v = readReal(*f, jsonPointerChild(ptr, key), range, prov))
        out = *v;
  }

  std::optional<std::string> string(const json &obj, const std::string &ptr,
                                    const char *key, bool required) {
    const json *f = field(obj, ptr, key, required);
    if (!f)
      return std::nullopt;
    if (!f->is_string()) {
      error(jsonPointerChild(ptr, key),
            "expected a string, got " + describeJSONValue(*f));
      return std::nullopt;
    }
    return f->get<std::string>();
  }

  /// A string field that must be one of `options`; returns its index.
  std::optional<size_t> choice(const json &j, const std::string &ptr,
                               const std::vector<std::string> &options) {
    if (!j.is_string()) {
      error(ptr, "expected a string, got " + describeJSONValue(j));
      return std::nullopt;
    }
    std::string s = j.get<std::string>();
    auto it = std::find(options.begin(), options.end(), s);
    if (it != options.end())
      return it - options.begin();
    error(ptr, "unknown value '" + s + "'" + didYouMean(s, options) +
                   "; known: " + joined(options));
    return std::nullopt;
  }

  bool boolean(const json &obj, const std::string &ptr, const char *key,
               bool &out) {
    const json *f = field(obj, ptr, key, true);
    if (!f)
      return false;
    if (!f->is_boolean()) {
      error(jsonPointerChild(ptr, key),
            "expected true or false, got " + describeJSONValue(*f));
      return false;
    }
    out = f->get<bool>();
    return true;
  }

  /// A non-empty list of names, each from `known`, no repeats.
  void nameList(const json &obj, const std::string &ptr, const char *key,
                const char *what, const std::vector<std::string> &known,
                std::vector<std::string> &out) {
    const json *f = field(obj, ptr, key, true);
    if (!f)
      return;
    std::string p = jsonPointerChild(ptr, key);
    if (!f->is_array()) {
      error(p, "expected an array of strings, got " + describeJSONValue(*f));
      return;
    }
    if (f->empty())
      error(p, std::string("must list at least one ") + what);
    for (size_t i = 0; i < f->size(); ++i) {
      const json &e = (*f)[i];
      std::string ep = jsonPointerChild(p, i);
      if (!e.is_string()) {
        error(ep, "expected a string, got " + describeJSONValue(e));
        continue;
      }
      std::string s = e.get<std::string>();
      if (std::find(known.begin(), known.end(), s) == known.end()) {
        error(ep, std::string("unknown ") + what + " '" + s + "'" +
                      didYouMean(s, known) + "; known: " + joined(known));
        continue;
      }
      if (std::find(out.begin(), out.end(), s) != out.end()) {
        error(ep, std::string("duplicate ") + what + " '" + s + "'");
        continue;
      }
      out.push_back(s);
    }
  }
};

//===----------------------------------------------------------------------===//
// Sections
//===----------------------------------------------------------------------===//

void readMesh(Reader &r, const json &j, const std::string &p, Mesh &m) {
  if (!r.object(j, p,
                {"width", "height", "cores_per_tile", "cores", "routing"}))
    return;
  r.intField(j, p, "width", Range::Capacity, m.width);
  r.intField(j, p, "height", Range::Capacity, m.height);
  r.intField(j, p, "cores_per_tile", Range::Capacity, m.coresPerTile);
  r.intField(j, p, "cores", Range::Capacity, m.cores);
  if (const json *f = r.field(j, p, "routing", true))
    if (auto c = r.choice(*f, jsonPointerChild(p, "routing"), {"xy", "yx"}))
      m.routing = *c == 0 ? Routing::XY : Routing::YX;
}

void readCore(Reader &r, const json &j, const std::string &p, CoreLimits &c) {
  if (!r.object(j, p,
                {"neurons", "input_axons", "output_axons",
                 "synapse_memory_bits", "max_fan_in", "max_fan_out",
                 "axon_types", "max_synaptic_delay", "synapse_ops_per_cycle"}))
    return;
  r.intField(j, p, "neurons", Range::Capacity, c.neurons);
  r.intField(j, p, "input_axons", Range::Capacity, c.inputAxons);
  r.intField(j, p, "output_axons", Range::Capacity, c.outputAxons);
  r.intField(j, p, "synapse_memory_bits", Range::Capacity, c.synapseMemoryBits);
  r.intField(j, p, "max_fan_in", Range::Capacity, c.maxFanIn);
  r.intField(j, p, "max_fan_out", Range::Capacity, c.maxFanOut);
  r.optIntField(j, p, "axon_types", Range::Capacity, c.axonTypes);
  r.optIntField(j, p, "max_synaptic_delay", Range::NonNegative,
                c.maxSynapticDelay);
  r.realField(j, p, "synapse_ops_per_cycle", Range::Positive,
              c.synapseOpsPerCycle, Prov::Optional);
}

/// Checks that every entry of an allowed-bits list is at most `bits`.
void checkAllowed(Reader &r, const std::optional<SIntList> &allowed,
                  const SInt &bits, const std::string &p) {
  if (allowed && !allowed->value.empty() && allowed->value.back() > bits)
    r.error(p, "allowed bits go up to " +
                   std::to_string(allowed->value.back()) +
                   ", more than bits (" + std::to_string(bits.value) + ")");
}

void readPrecision(Reader &r, const json &j, const std::string &p,
                   Precision &pr) {
  if (!r.object(j, p,
                {"weight", "membrane_bits", "current_bits", "decay_bits",
                 "threshold", "input_shift", "bias", "activation", "overflow",
                 "rounding"}))
    return;
  if (const json *w = r.field(j, p, "weight", true)) {
    std::string wp = jsonPointerChild(p, "weight");
    if (r.object(*w, wp,
                 {"bits", "signed", "allowed_bits", "exponent_min",
                  "exponent_max"})) {
      r.intField(*w, wp, "bits", Range::Bits, pr.weight.bits);
      r.boolean(*w, wp, "signed", pr.weight.isSigned);
      if (const json *a = r.field(*w, wp, "allowed_bits", false)) {
        pr.weight.allowedBits = r.readIntList(
            *a, jsonPointerChild(wp, "allowed_bits"), Range::Bits);
        checkAllowed(r, pr.weight.allowedBits, pr.weight.bits,
                     jsonPointerChild(wp, "allowed_bits"));
      }
      r.optIntField(*w, wp, "exponent_min", Range::Exponent,
                    pr.weight.exponentMin);
      r.optIntField(*w, wp, "exponent_max", Range::Exponent,
                    pr.weight.exponentMax);
      bool hasMin = w->contains("exponent_min");
      bool hasMax = w->contains("exponent_max");
      if (hasMin != hasMax)
        r.error(jsonPointerChild(wp, hasMin ? "exponent_max" : "exponent_min"),
                std::string("missing required field '") +
                    (hasMin ? "exponent_max" : "exponent_min") +
                    "' (exponent_min and exponent_max go together)");
      else if (pr.weight.exponentMin && pr.weight.exponentMax &&
               pr.weight.exponentMin->value > pr.weight.exponentMax->value)
        r.error(jsonPointerChild(wp, "exponent_min"),
                "exponent_min (" +
                    std::to_string(pr.weight.exponentMin->value) +
                    ") is greater than exponent_max (" +
                    std::to_string(pr.weight.exponentMax->value) + ")");
    }
  }
  r.intField(j, p, "membrane_bits", Range::Bits, pr.membraneBits);
  r.optIntField(j, p, "current_bits", Range::Bits, pr.currentBits);
  r.optIntField(j, p, "decay_bits", Range::Bits, pr.decayBits);
  if (const json *t = r.field(j, p, "threshold", false)) {
    std::string tp = jsonPointerChild(p, "threshold");
    if (r.object(*t, tp, {"bits", "shift"})) {
      ThresholdPrecision th;
      r.intField(*t, tp, "bits", Range::Bits, th.bits);
      r.intField(*t, tp, "shift", Range::Shift, th.shift);
      pr.threshold = th;
    }
  }
  r.optIntField(j, p, "input_shift", Range::Shift, pr.inputShift);
  if (const json *b = r.field(j, p, "bias", false)) {
    std::string bp = jsonPointerChild(p, "bias");
    if (r.object(*b, bp, {"mantissa_bits", "exponent_bits"})) {
      BiasPrecision bias;
      r.intField(*b, bp, "mantissa_bits", Range::Bits, bias.mantissaBits);
      r.intField(*b, bp, "exponent_bits", Range::Bits, bias.exponentBits);
      pr.bias = bias;
    }
  }
  if (const json *a = r.field(j, p, "activation", false)) {
    std::string ap = jsonPointerChild(p, "activation");
    if (r.object(*a, ap, {"bits", "allowed_bits"})) {
      ActivationPrecision act;
      r.intField(*a, ap, "bits", Range::Bits, act.bits);
      if (const json *l = r.field(*a, ap, "allowed_bits", false)) {
        act.allowedBits = r.readIntList(
            *l, jsonPointerChild(ap, "allowed_bits"), Range::Bits);
        checkAllowed(r, act.allowedBits, act.bits,
                     jsonPointerChild(ap, "allowed_bits"));
      }
      pr.activation = act;
    }
  }
  static const std::vector<std::string> overflows = {"wrap", "saturate"};
  if (const json *o = r.field(j, p, "overflow", true)) {
    std::string op = jsonPointerChild(p, "overflow");
    auto asOverflow = [](size_t i) {
      return i == 0 ? Overflow::Wrap : Overflow::Saturate;
    };
    if (o->is_object()) {
      if (r.object(*o, op, {"current", "membrane"})) {
        if (const json *c = r.field(*o, op, "current", true))
          if (auto i = r.choice(*c, jsonPointerChild(op, "current"), overflows))
            pr.currentOverflow = asOverflow(*i);
        if (const json *m = r.field(*o, op, "membrane", true))
          if (auto i =
                  r.choice(*m, jsonPointerChild(op, "membrane"), overflows))
            pr.membraneOverflow = asOverflow(*i);
      }
    } else if (auto i = r.choice(*o, op, overflows)) {
      pr.currentOverflow = pr.membraneOverflow = asOverflow(*i);
    }
  }
  if (const json *o = r.field(j, p, "rounding", true))
    if (auto i = r.choice(*o, jsonPointerChild(p, "rounding"),
                          {"toward_zero", "floor", "nearest", "stochastic"}))
      pr.rounding = static_cast<Rounding>(*i);
}

void readTiming(Reader &r, const json &j, const std::string &p, Timing &t) {
  if (!r.object(j, p, {"tick_s", "barrier_ns"}))
    return;
  if (const json *f = r.field(j, p, "tick_s", false))
    t.tickS = r.readReal(*f, jsonPointerChild(p, "tick_s"), Range::Positive,
                         Prov::Required);
  const json *b = r.field(j, p, "barrier_ns", true);
  if (!b)
    return;
  std::string bp = jsonPointerChild(p, "barrier_ns");
  if (!b->is_array() || b->empty()) {
    r.error(bp, "expected a non-empty array of {\"tiles\", \"ns\"} rows, got " +
                    describeJSONValue(*b));
    return;
  }
  for (size_t i = 0; i < b->size(); ++i) {
    std::string rp = jsonPointerChild(bp, i);
    const json &row = (*b)[i];
    if (!r.object(row, rp, {"tiles", "ns"}))
      continue;
    BarrierPoint pt;
    size_t before = r.errors.size();
    r.intField(row, rp, "tiles", Range::Capacity, pt.tiles);
    r.realField(row, rp, "ns", Range::NonNegative, pt.ns, Prov::Required);
    if (r.errors.size() != before)
      continue;
    if (!t.barrierNs.empty() && pt.tiles.value <= t.barrierNs.back().tiles)
      r.error(jsonPointerChild(rp, "tiles"),
              "rows must have strictly increasing tiles, got " +
                  std::to_string(pt.tiles.value) + " after " +
                  std::to_string(t.barrierNs.back().tiles.value));
    else
      t.barrierNs.push_back(pt);
  }
}

void readEvents(Reader &r, const json &j, const std::string &p,
                std::array<std::optional<SReal>, kNumEventKinds> &out,
                bool withBarrier) {
  std::vector<std::string> keys;
  for (EventKind k : kAllEventKinds)
    if (withBarrier || k != EventKind::Barrier)
      keys.push_back(eventKindName(k));
  if (!r.object(j, p, keys))
    return;
  for (EventKind k : kAllEventKinds) {
    if (!withBarrier && k == EventKind::Barrier)
      continue;
    bool required = k != EventKind::SynapticUpdate;
    const char *key = eventKindName(k);
    if (const json *f = r.field(j, p, key, required))
      out[static_cast<size_t>(k)] = r.readReal(
          *f, jsonPointerChild(p, key), Range::NonNegative, Prov::Required);
  }
}

/// Cross-field checks, once every field read cleanly.
void checkDesc(Reader &r, const TargetDesc &d) {
  // Each native arithmetic reads fields the generic one leaves optional.
  if (const Chip *chip = lookupChip(d.arithmetic); chip && chip->missingFields)
    for (const std::string &field : chip->missingFields(d))
      r.error("/arithmetic",
              "arithmetic '" + d.arithmetic + "' needs " + field);
  // The mapper and the cycle model keep per-tile and per-core tables: bound
  // the mesh before anything is sized by it (and before capacity()
  // multiplies the fields). The largest published chip here, TrueNorth, has
  // 64 x 64 = 4,096 cores.
  constexpr int64_t kMaxMeshCores = 1 << 16;
  const Mesh &m = d.mesh;
  if (m.width.value > kMaxMeshCores || m.height.value > kMaxMeshCores ||
      m.width.value * m.height.value > kMaxMeshCores)
    r.error("/mesh", "a mesh of " + std::to_string(m.width.value) + " x " +
                         std::to_string(m.height.value) +
                         " tiles is more than the " +
                         std::to_string(kMaxMeshCores) +
                         " tiles a chip description may have (TrueNorth, the "
                         "largest published chip, has 4,096 cores)");
  else if (m.coresPerTile.value > kMaxMeshCores ||
           m.cores.value > kMaxMeshCores || m.capacity() > kMaxMeshCores)
    r.error("/mesh/cores",
            std::to_string(m.cores.value) + " cores in " +
                std::to_string(m.width.value) + " x " +
                std::to_string(m.height.value) + " tiles of " +
                std::to_string(m.coresPerTile.value) +
                " is more than the " + std::to_string(kMaxMeshCores) +
                " cores a chip description may have (TrueNorth, the largest "
                "published chip, has 4,096)");
  else if (d.mesh.cores.value > d.mesh.capacity())
    r.error("/mesh/cores",
            "mesh too small for cores: " + std::to_string(d.mesh.width.value) +
                " x " + std::to_string(d.mesh.height.value) + " tiles x " +
                std::to_string(d.mesh.coresPerTile.value) +
                " cores per tile = " + std::to_string(d.mesh.capacity()) +
                " < " + std::to_string(d.mesh.cores.value) + " cores");
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

template <typename T> json emit(const Sourced<T> &q, bool provenance) {
  json v = q.value;
  if (!provenance || q.provenance == Provenance::Bare)
    return v;
  return json{
      {"value", v},
      {q.provenance == Provenance::Source ? "source" : "assumed", q.note}};
}

json toJsonImpl(const TargetDesc &d, bool provenance, bool canonical) {
  json out;
  out["name"] = d.name;
  out["arithmetic"] = d.arithmetic;
  if (!canonical) {
    out["summary"] = d.summary;
    if (!d.notes.empty())
      out["notes"] = d.notes;
  }
  out["mesh"] = {{"width", emit(d.mesh.width, provenance)},
                 {"height", emit(d.mesh.height, provenance)},
                 {"cores_per_tile", emit(d.mesh.coresPerTile, provenance)},
                 {"cores", emit(d.mesh.cores, provenance)},
                 {"routing", routingName(d.mesh.routing)}};
  const CoreLimits &c = d.core;
  json core = {
      {"neurons", emit(c.neurons, provenance)},
      {"input_axons", emit(c.inputAxons, provenance)},
      {"output_axons", emit(c.outputAxons, provenance)},
      {"synapse_memory_bits", emit(c.synapseMemoryBits, provenance)},
      {"max_fan_in", emit(c.maxFanIn, provenance)},
      {"max_fan_out", emit(c.maxFanOut, provenance)},
      {"synapse_ops_per_cycle", emit(c.synapseOpsPerCycle, provenance)}};
  if (c.axonTypes)
    core["axon_types"] = emit(*c.axonTypes, provenance);
  if (c.maxSynapticDelay)
    core["max_synaptic_delay"] = emit(*c.maxSynapticDelay, provenance);
  out["core"] = core;

  const Precision &p = d.precision;
  json weight = {{"bits", emit(p.weight.bits, provenance)},
                 {"signed", p.weight.isSigned}};
  if (p.weight.allowedBits)
    weight["allowed_bits"] = emit(*p.weight.allowedBits, provenance);
  if (p.weight.exponentMin && p.weight.exponentMax) {
    weight["exponent_min"] = emit(*p.weight.exponentMin, provenance);
    weight["exponent_max"] = emit(*p.weight.exponentMax, provenance);
  }
  json prec = {{"weight", weight},
               {"membrane_bits", emit(p.membraneBits, provenance)},
               {"rounding", roundingName(p.rounding)}};
  if (p.currentOverflow == p.membraneOverflow)
    prec["overflow"] = overflowName(p.currentOverflow);
  else
    prec["overflow"] = {{"current", overflowName(p.currentOverflow)},
                        {"membrane", overflowName(p.membraneOverflow)}};
  if (p.currentBits)
    prec["current_bits"] = emit(*p.currentBits, provenance);
  if (p.decayBits)
    prec["decay_bits"] = emit(*p.decayBits, provenance);
  if (p.threshold)
    prec["threshold"] = {{"bits", emit(p.threshold->bits, provenance)},
                         {"shift", emit(p.threshold->shift, provenance)}};
  if (p.inputShift)
    prec["input_shift"] = emit(*p.inputShift, provenance);
  if (p.bias)
    prec["bias"] = {{"mantissa_bits", emit(p.bias->mantissaBits, provenance)},
                    {"exponent_bits", emit(p.bias->exponentBits, provenance)}};
  if (p.activation) {
    json act = {{"bits", emit(p.activation->bits, provenance)}};
    if (p.activation->allowedBits)
      act["allowed_bits"] = emit(*p.activation->allowedBits, provenance);
    prec["activation"] = act;
  }
  out["precision"] = prec;

  // The lists are sets: the canonical form sorts them.
  std::vector<std::string> models = d.neuronModels, kinds = d.layerKinds;
  if (canonical) {
    std::sort(models.begin(), models.end());
    std::sort(kinds.begin(), kinds.end());
  }
  out["neuron_models"] = models;
  out["layer_kinds"] = kinds;
  out["clock_hz"] = emit(d.clockHz, provenance);
  json timing = json::object();
  if (d.timing.tickS)
    timing["tick_s"] = emit(*d.timing.tickS, provenance);
  json barrier = json::array();
  for (const BarrierPoint &b : d.timing.barrierNs)
    barrier.push_back(
        {{"tiles", emit(b.tiles, provenance)}, {"ns", emit(b.ns, provenance)}});
  timing["barrier_ns"] = barrier;
  out["timing"] = timing;
  json energy = json::object(), latency = json::object();
  for (EventKind k : kAllEventKinds) {
    size_t i = static_cast<size_t>(k);
    if (d.energyPj[i])
      energy[eventKindName(k)] = emit(*d.energyPj[i], provenance);
    if (d.latencyNs[i])
      latency[eventKindName(k)] = emit(*d.latencyNs[i], provenance);
  }
  out["energy_pj"] = energy;
  out["latency_ns"] = latency;
  out["static_power_w"] = emit(d.staticPowerW, provenance);
  return out;
}

} // namespace

//===----------------------------------------------------------------------===//
// TargetDesc
//===----------------------------------------------------------------------===//

bool TargetDesc::supportsNeuronModel(std::string_view model) const {
  return std::find(neuronModels.begin(), neuronModels.end(), model) !=
         neuronModels.end();
}

bool TargetDesc::supportsLayerKind(std::string_view kind) const {
  return std::find(layerKinds.begin(), layerKinds.end(), kind) !=
         layerKinds.end();
}

double TargetDesc::energyPjOf(EventKind kind) const {
  const auto &e = energyPj[static_cast<size_t>(kind)];
  return e ? e->value : 0.0;
}

double TargetDesc::latencyNsOf(EventKind kind) const {
  if (kind == EventKind::Barrier)
    return barrierNsFor(mesh.tiles());
  const auto &l = latencyNs[static_cast<size_t>(kind)];
  return l ? l->value : 0.0;
}

uint64_t TargetDesc::cyclesFor(double ns) const {
  // The small slack keeps 3.5 ns at 2 GHz from becoming 8 cycles.
  return uint64_t(std::ceil(ns * clockHz.value * 1e-9 - 1e-9));
}

double TargetDesc::barrierNsFor(int64_t tilesInUse) const {
  const std::vector<BarrierPoint> &rows = timing.barrierNs;
  if (rows.empty())
    return 0.0;
  if (tilesInUse <= rows.front().tiles.value)
    return rows.front().ns.value;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (tilesInUse > rows[i].tiles.value)
      continue;
    double t0 = rows[i - 1].tiles.value, t1 = rows[i].tiles.value;
    double f = (tilesInUse - t0) / (t1 - t0);
    return rows[i - 1].ns.value + f * (rows[i].ns.value - rows[i - 1].ns.value);
  }
  return rows.back().ns.value;
}

std::string TargetDesc::toJson(int indent) const {
  return toJsonImpl(*this, /*provenance=*/true, /*canonical=*/false)
             .dump(indent) +
         "\n";
}

std::string TargetDesc::canonicalJson() const {
  return toJsonImpl(*this, /*provenance=*/false, /*canonical=*/true).dump();
}

uint64_t fnv1a64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t TargetDesc::contentHash() const { return fnv1a64(canonicalJson()); }

std::string TargetDesc::contentHashHex() const {
  static const char digits[] = "0123456789abcdef";
  uint64_t h = contentHash();
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4)
    out[i] = digits[h & 0xf];
  return out;
}

//===----------------------------------------------------------------------===//
// Loading
//===----------------------------------------------------------------------===//

TargetOrError parseTarget(std::string_view text,
                          const std::string &nameForErrors) {
  // The shared parser also rejects keys given twice and numbers that do not
  // fit a double, which json::parse would overwrite or throw out of here.
  auto parsed = parseJSON(text);
  if (auto *err = std::get_if<JSONParseError>(&parsed)) {
    if (err->kind == JSONParseError::Kind::Syntax)
      return nameForErrors + ":" + std::to_string(err->line) + ":" +
             std::to_string(err->column) + ": " + err->message;
    return nameForErrors + ": " + (err->pointer.empty() ? "" : err->pointer + ": ") +
           err->message;
  }
  json root = std::move(std::get<json>(parsed));

  Reader r(nameForErrors);
  TargetDesc d;
  if (!r.object(root, "",
                {"name", "summary", "notes", "arithmetic", "mesh", "core",
                 "precision",
                 "neuron_models", "layer_kinds", "clock_hz", "timing",
                 "energy_pj", "latency_ns", "static_power_w"}))
    return r.errors.front();

  if (auto name = r.string(root, "", "name", true)) {
    if (name->empty())
      r.error("/name", "must not be empty");
    d.name = *name;
  }
  if (auto summary = r.string(root, "", "summary", true))
    d.summary = *summary;
  if (const json *n = r.field(root, "", "notes", false)) {
    if (!n->is_array())
      r.error("/notes", "expected an array of strings, got " + describeJSONValue(*n));
    else
      for (size_t i = 0; i < n->size(); ++i) {
        if ((*n)[i].is_string())
          d.notes.push_back((*n)[i].get<std::string>());
        else
          r.error(jsonPointerChild("/notes", i),
                  "expected a string, got " + describeJSONValue((*n)[i]));
      }
  }
  if (const json *a = r.field(root, "", "arithmetic", false)) {
    std::vector<std::string> chips = chipNames();
    if (auto c = r.choice(*a, "/arithmetic", chips))
      d.arithmetic = chips[*c];
  }
  if (const json *m = r.field(root, "", "mesh", true))
    readMesh(r, *m, "/mesh", d.mesh);
  if (const json *c = r.field(root, "", "core", true))
    readCore(r, *c, "/core", d.core);
  if (const json *p = r.field(root, "", "precision", true))
    readPrecision(r, *p, "/precision", d.precision);
  r.nameList(root, "", "neuron_models", "neuron model", knownNeuronModels(),
             d.neuronModels);
  r.nameList(root, "", "layer_kinds", "layer kind", knownLayerKinds(),
             d.layerKinds);
  r.realField(root, "", "clock_hz", Range::Positive, d.clockHz, Prov::Required);
  if (const json *t = r.field(root, "", "timing", true))
    readTiming(r, *t, "/timing", d.timing);
  if (const json *e = r.field(root, "", "energy_pj", true))
    readEvents(r, *e, "/energy_pj", d.energyPj, /*withBarrier=*/true);
  if (const json *l = r.field(root, "", "latency_ns", true))
    readEvents(r, *l, "/latency_ns", d.latencyNs, /*withBarrier=*/false);
  r.realField(root, "", "static_power_w", Range::NonNegative, d.staticPowerW,
              Prov::Required);

  if (r.errors.empty())
    checkDesc(r, d);
  if (!r.errors.empty()) {
    std::string all;
    for (const std::string &e : r.errors)
      all += (all.empty() ? "" : "\n") + e;
    return all;
  }
  return d;
}

std::string presetsDir() {
  if (const char *env = std::getenv("SPIKEC_TARGETS_DIR"); env && *env)
    return env;
  return SPIKEC_TARGETS_DIR;
}

std::vector<std::string> listPresets() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto &entry :
       std::filesystem::directory_iterator(presetsDir(), ec)) {
    if (entry.path().extension() == ".json")
      names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TargetOrError loadTarget(const std::string &nameOrPath) {
  bool isPath = nameOrPath.find('/') != std::string::npos ||
                (nameOrPath.size() >= 5 &&
                 nameOrPath.compare(nameOrPath.size() - 5, 5, ".json") == 0);
  std::string path = nameOrPath;
  if (!isPath) {
    std::string dir = presetsDir();
    path = dir + "/" + nameOrPath + ".json";
    if (!std::filesystem::exists(path)) {
      std::vector<std::string> presets = listPresets();
      return "unknown target '" + nameOrPath + "'" +
             didYouMean(nameOrPath, presets) + ": no " + nameOrPath +
             ".json in " + dir + "; presets: " +
             (presets.empty() ? std::string("none") : joined(presets)) +
             "; a path (containing '/' or ending in .json) loads a file";
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return path + ": cannot open: " + std::strerror(errno);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return path + ": cannot read: " + std::strerror(errno);
  return parseTarget(text.str(), path);
}

} // namespace spikec::target
