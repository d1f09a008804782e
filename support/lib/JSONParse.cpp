//===- JSONParse.cpp - JSON parsing with pointers to errors ---------------===//
//
// A parser callback follows the JSON pointer of the value being parsed, so
// that a duplicate key and the errors nlohmann reports without a position
// (a number too large for a double) can name their place.
//
//===----------------------------------------------------------------------===//

#include "spikec/Support/JSONParse.h"

#include <algorithm>
#include <set>
#include <vector>

using json = nlohmann::json;

namespace spikec {

namespace {

/// Thrown from the parser callback for a key given twice in one object.
struct DuplicateKey {
  std::string pointer;
  std::string key;
};

/// Tracks the JSON pointer of the value being parsed and the keys seen in
/// each open object.
struct PointerTracker {
  struct Frame {
    bool isArray;
    size_t index = 0;
    std::string key;
    std::set<std::string> keys;
  };
  std::vector<Frame> stack;

  std::string pointer() const {
    std::string p;
    for (const Frame &f : stack)
      p = f.isArray ? jsonPointerChild(p, f.index) : jsonPointerChild(p, f.key);
    return p;
  }
  void valueDone() {
    if (!stack.empty() && stack.back().isArray)
      ++stack.back().index;
  }
  bool operator()(int, json::parse_event_t event, json &parsed) {
    switch (event) {
    case json::parse_event_t::object_start:
    case json::parse_event_t::array_start:
      stack.push_back(
          Frame{event == json::parse_event_t::array_start, 0, {}, {}});
      break;
    case json::parse_event_t::key: {
      Frame &f = stack.back();
      f.key = parsed.get<std::string>();
      if (!f.keys.insert(f.key).second)
        throw DuplicateKey{pointer(), f.key};
      break;
    }
    case json::parse_event_t::object_end:
    case json::parse_event_t::array_end:
      stack.pop_back();
      valueDone();
      break;
    case json::parse_event_t::value:
      valueDone();
      break;
    }
    return true;
  }
};

/// The first '...'-quoted part of `msg` ("number overflow parsing '1e999'").
std::string_view quoted(std::string_view msg) {
  size_t open = msg.find('\'');
  if (open == std::string_view::npos)
    return {};
  std::string_view rest = msg.substr(open + 1);
  return rest.substr(0, rest.find('\''));
}

} // namespace

std::variant<json, JSONParseError> parseJSON(std::string_view text) {
  using Kind = JSONParseError::Kind;
  PointerTracker tracker;
  try {
    return json::parse(
        text.begin(), text.end(),
        [&](int depth, json::parse_event_t event, json &parsed) {
          return tracker(depth, event, parsed);
        },
        /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const DuplicateKey &e) {
    return JSONParseError{Kind::DuplicateKey, e.pointer, 0, 0,
                          "duplicate key \"" + e.key + "\" in one object"};
  } catch (const json::parse_error &e) {
    return jsonSyntaxError(text, e);
  } catch (const json::out_of_range &e) {
    // nlohmann stops parsing without a position; the tracker knows where.
    return JSONParseError{Kind::OutOfRange, tracker.pointer(), 0, 0,
                          "number " + std::string(quoted(e.what())) +
                              " is out of range (it does not fit a double)"};
  } catch (const json::exception &e) {
    return JSONParseError{Kind::Other, tracker.pointer(), 0, 0, e.what()};
  }
}

JSONParseError jsonSyntaxError(std::string_view text,
                               const json::parse_error &e) {
  // nlohmann's message: "[json.exception.parse_error.101] parse error at
  // line L, column C: <problem>"; keep the problem.
  std::string_view msg = e.what();
  size_t colon = msg.find(": ");
  if (msg.substr(0, 15) == "[json.exception" && colon != std::string_view::npos)
    msg = msg.substr(colon + 2);
  auto [line, column] = lineColumn(text, e.byte);
  return JSONParseError{JSONParseError::Kind::Syntax, "", line, column,
                        "malformed JSON: " + std::string(msg)};
}

std::string escapeJSONPointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string jsonPointerChild(const std::string &pointer, std::string_view key) {
  return pointer + "/" + escapeJSONPointerToken(key);
}

std::string jsonPointerChild(const std::string &pointer, size_t index) {
  return pointer + "/" + std::to_string(index);
}

std::pair<unsigned, unsigned> lineColumn(std::string_view text, size_t offset) {
  size_t pos = offset == 0 ? 0 : std::min(offset - 1, text.size());
  unsigned line = 1;
  size_t lineStart = 0;
  for (size_t i = 0; i < pos; ++i)
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  return {line, unsigned(pos - lineStart + 1)};
}

std::string describeJSONValue(const nlohmann::json &j) {
  using json = nlohmann::json;
  switch (j.type()) {
  case json::value_t::string: {
    std::string s = j.get<std::string>();
    if (s.size() > 40)
      s = s.substr(0, 37) + "...";
    return "string " + json(s).dump();
  }
  case json::value_t::number_integer:
  case json::value_t::number_unsigned:
  case json::value_t::number_float:
    return "number " + j.dump();
  case json::value_t::boolean:
    return std::string("boolean ") + (j.get<bool>() ? "true" : "false");
  case json::value_t::null:
    return "null";
  case json::value_t::array:
    return "an array";
  case json::value_t::object:
    return "an object";
  default:
    return j.type_name();
  }
}

} // namespace spikec
