//===- TargetReader.cpp - checked reading of target descriptions ----------===//
//
// The error-collecting reader of target descriptions (TargetReader.h): typed
// fields with their provenance, ranges, choices and name lists, and the typo
// suggestions its messages and the preset lookup make. Apart from the schema
// (TargetRead.cpp) so that the sections read as the schema's rules.
//
//===----------------------------------------------------------------------===//

#include "TargetReader.h"

#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/JSONParse.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace spikec::target::detail {

/// Optimal string alignment distance (Levenshtein plus transpositions).
static size_t editDistance(std::string_view a, std::string_view b) {
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
static std::optional<std::string>
closest(std::string_view word, const std::vector<std::string> &options) {
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

void Reader::error(const std::string &ptr, const std::string &problem) {
  errors.push_back(file + ": " + (ptr.empty() ? "/" : ptr) + ": " + problem);
}

bool Reader::object(const json &j, const std::string &ptr,
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

const json *Reader::field(const json &obj, const std::string &ptr,
                          const std::string &key, bool required) {
  auto it = obj.find(key);
  if (it != obj.end())
    return &*it;
  if (required)
    error(jsonPointerChild(ptr, key), "missing required field '" + key + "'");
  return nullptr;
}

std::optional<Reader::Unwrapped>
Reader::unwrap(const json &j, const std::string &ptr, Prov prov) {
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

bool Reader::inRange(double v, const std::string &ptr, Range range) {
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

std::optional<int64_t> Reader::integer(const json &v, const std::string &ptr) {
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

std::optional<SInt> Reader::readInt(const json &j, const std::string &ptr,
                                    Range range, Prov prov) {
  auto u = unwrap(j, ptr, prov);
  if (!u)
    return std::nullopt;
  auto v = integer(*u->value, u->ptr);
  if (!v || !inRange(static_cast<double>(*v), ptr, range))
    return std::nullopt;
  return SInt{*v, u->provenance, u->note};
}

std::optional<SReal> Reader::readReal(const json &j, const std::string &ptr,
                                      Range range, Prov prov) {
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

std::optional<SIntList>
Reader::readIntList(const json &j, const std::string &ptr, Range range) {
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

void Reader::intField(const json &obj, const std::string &ptr, const char *key,
                      Range range, SInt &out, Prov prov) {
  if (const json *f = field(obj, ptr, key, true))
    if (auto v = readInt(*f, jsonPointerChild(ptr, key), range, prov))
      out = *v;
}

void Reader::optIntField(const json &obj, const std::string &ptr,
                         const char *key, Range range,
                         std::optional<SInt> &out) {
  if (const json *f = field(obj, ptr, key, false))
    out = readInt(*f, jsonPointerChild(ptr, key), range);
}

void Reader::realField(const json &obj, const std::string &ptr, const char *key,
                       Range range, SReal &out, Prov prov) {
  if (const json *f = field(obj, ptr, key, true))
    if (auto v = readReal(*f, jsonPointerChild(ptr, key), range, prov))
      out = *v;
}

std::optional<std::string> Reader::string(const json &obj,
                                          const std::string &ptr,
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

std::optional<size_t> Reader::choice(const json &j, const std::string &ptr,
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

bool Reader::boolean(const json &obj, const std::string &ptr, const char *key,
                     bool &out, bool required) {
  const json *f = field(obj, ptr, key, required);
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

void Reader::nameList(const json &obj, const std::string &ptr, const char *key,
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

} // namespace spikec::target::detail
