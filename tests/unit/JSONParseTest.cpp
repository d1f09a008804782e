//===- JSONParseTest.cpp - JSON parsing with pointers to errors -----------===//
//
// The shared JSON support: pointer escaping (RFC 6901), duplicate keys and
// out-of-range numbers named by their pointer however deep, syntax errors by
// line and column, and the line/column of nlohmann's byte offsets.
//
//===----------------------------------------------------------------------===//

#include "spikec/Support/JSONParse.h"

#include <doctest/doctest.h>

using namespace spikec;
using Kind = JSONParseError::Kind;

namespace {

/// The error of parsing `text`; fails the test if it parses.
JSONParseError errorOf(std::string_view text) {
  auto parsed = parseJSON(text);
  REQUIRE(std::holds_alternative<JSONParseError>(parsed));
  return std::get<JSONParseError>(parsed);
}

} // namespace

TEST_SUITE("json parse") {
  TEST_CASE("pointer tokens escape ~ and /") {
    CHECK(escapeJSONPointerToken("plain") == "plain");
    CHECK(escapeJSONPointerToken("a/b~c") == "a~1b~0c");
    CHECK(escapeJSONPointerToken("~1") == "~01");
    CHECK(escapeJSONPointerToken("") == "");
    CHECK(jsonPointerChild("", "a/b") == "/a~1b");
    CHECK(jsonPointerChild("/x", "~") == "/x/~0");
    CHECK(jsonPointerChild("/x", size_t(3)) == "/x/3");
    CHECK(jsonPointerChild(jsonPointerChild("", size_t(0)), "") == "/0/");
  }

  TEST_CASE("valid JSON parses, comments allowed") {
    auto parsed = parseJSON("// a comment\n{\"a\": [1, {\"b\": 2}], /* c */ "
                            "\"c\": {\"a\": 3}}");
    REQUIRE(std::holds_alternative<nlohmann::json>(parsed));
    const nlohmann::json &j = std::get<nlohmann::json>(parsed);
    CHECK(j["a"][1]["b"] == 2);
    CHECK(j["c"]["a"] == 3);
  }

  TEST_CASE("a duplicate key is named by its pointer") {
    JSONParseError e = errorOf(R"({"a": 1, "a": 2})");
    CHECK(e.kind == Kind::DuplicateKey);
    CHECK(e.pointer == "/a");
    CHECK(e.message == "duplicate key \"a\" in one object");
    CHECK(e.line == 0);

    e = errorOf(R"({"x": [0, {"k": 1}, {"a/b": {"~": 1, "~": 2}}]})");
    CHECK(e.kind == Kind::DuplicateKey);
    CHECK(e.pointer == "/x/2/a~1b/~0");
    CHECK(e.message == "duplicate key \"~\" in one object");
  }

  TEST_CASE("an out-of-range number is named by its pointer") {
    JSONParseError e = errorOf(R"({"a": [1, 2, {"b": [0, -1e400]}]})");
    CHECK(e.kind == Kind::OutOfRange);
    CHECK(e.pointer == "/a/2/b/1");
    CHECK(e.message ==
          "number -1e400 is out of range (it does not fit a double)");

    e = errorOf("1e999");
    CHECK(e.kind == Kind::OutOfRange);
    CHECK(e.pointer == "");
    CHECK(e.message ==
          "number 1e999 is out of range (it does not fit a double)");
  }

  TEST_CASE("a syntax error gives line and column") {
    JSONParseError e = errorOf("{\n  \"a\": [1,\n  2,,\n]}");
    CHECK(e.kind == Kind::Syntax);
    CHECK(e.pointer == "");
    CHECK(e.line == 3);
    CHECK(e.column == 5);
    CHECK(e.message.rfind("malformed JSON: syntax error while parsing value",
                          0) == 0);
    CHECK(e.message.find("[json.exception") == std::string::npos);

    e = errorOf("");
    CHECK(e.kind == Kind::Syntax);
    CHECK(e.line == 1);
    CHECK(e.column == 1);
  }

  TEST_CASE("line and column of a byte offset") {
    std::string_view text = "ab\ncd\n\nx";
    // Offsets are one past the character, as nlohmann reports them.
    CHECK(lineColumn(text, 0) == std::pair<unsigned, unsigned>{1, 1});
    CHECK(lineColumn(text, 1) == std::pair<unsigned, unsigned>{1, 1});
    CHECK(lineColumn(text, 2) == std::pair<unsigned, unsigned>{1, 2});
    CHECK(lineColumn(text, 3) == std::pair<unsigned, unsigned>{1, 3});
    CHECK(lineColumn(text, 4) == std::pair<unsigned, unsigned>{2, 1});
    CHECK(lineColumn(text, 5) == std::pair<unsigned, unsigned>{2, 2});
    CHECK(lineColumn(text, 7) == std::pair<unsigned, unsigned>{3, 1});
    CHECK(lineColumn(text, 8) == std::pair<unsigned, unsigned>{4, 1});
    // Past the end: the end of the text.
    CHECK(lineColumn(text, 100) == std::pair<unsigned, unsigned>{4, 2});
  }
}
