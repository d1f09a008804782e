//===- JSONParse.h - JSON parsing with pointers to errors -------*- C++ -*-===//
//
// Parses JSON text with nlohmann-json, rejecting a key given twice in one
// object and naming every error's place: a JSON pointer (RFC 6901) for
// problems with a value, a line and column for syntax errors. Plain C++17
// (no MLIR), shared by the network importer, the spike file reader and the
// target description loader.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_SUPPORT_JSONPARSE_H
#define SPIKEC_SUPPORT_JSONPARSE_H

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace spikec {

/// Why JSON text could not be parsed, and where.
struct JSONParseError {
  enum class Kind {
    /// Not JSON: `line` and `column` say where.
    Syntax,
    /// A key given twice in one object; `pointer` names the second.
    DuplicateKey,
    /// A number too large for a double (1e999); `pointer` names it.
    OutOfRange,
    /// Any other nlohmann error; `pointer` names the value being parsed.
    Other,
  };
  Kind kind = Kind::Other;
  /// The JSON pointer of the offending value; empty for syntax errors and
  /// for the whole document.
  std::string pointer;
  /// Line and column (both from 1) of a syntax error; 0 otherwise.
  unsigned line = 0, column = 0;
  /// The problem, e.g. "malformed JSON: syntax error while parsing value -
  /// ...", "duplicate key \"a\" in one object" or "number 1e999 is out of
  /// range (it does not fit a double)". Without the place.
  std::string message;
};

/// Parses `text` (comments allowed). A key given twice in one object, which
/// nlohmann would silently overwrite, is an error.
std::variant<nlohmann::json, JSONParseError> parseJSON(std::string_view text);

/// The syntax error `e`, thrown by nlohmann while parsing `text`, as a
/// JSONParseError of kind Syntax (line, column and nlohmann's message
/// without its "[json.exception...] parse error at ...: " prefix).
JSONParseError jsonSyntaxError(std::string_view text,
                               const nlohmann::json::parse_error &e);

/// A value as "got ..." messages name it: "string \"abc\"" (cut at 40
/// characters), "number 3", "boolean true", "null", "an array", "an object".
std::string describeJSONValue(const nlohmann::json &j);

/// `token` escaped for a JSON pointer: "~" as "~0", "/" as "~1".
std::string escapeJSONPointerToken(std::string_view token);

/// The JSON pointer of member `key` of the value at `pointer`.
std::string jsonPointerChild(const std::string &pointer, std::string_view key);
/// The JSON pointer of element `index` of the array at `pointer`.
std::string jsonPointerChild(const std::string &pointer, size_t index);

/// Line and column (both from 1) in `text` of the character before byte
/// offset `offset`: nlohmann counts the offending character as read, so its
/// offsets (parse_error::byte) are one past it. Offset 0 is line 1, column 1.
std::pair<unsigned, unsigned> lineColumn(std::string_view text, size_t offset);

} // namespace spikec

#endif // SPIKEC_SUPPORT_JSONPARSE_H
