//===- TargetReader.h - checked reading of target descriptions --*- C++ -*-===//
//
// The reader the target description loader checks its JSON with: typed
// fields with provenance ({"value", "source"|"assumed"}), ranges, names from
// a known list, every problem collected as "<file>: <pointer>: <problem>"
// rather than thrown. Shared by the schema reader (TargetRead.cpp) and the
// preset lookup (TargetPresets.cpp, for its suggestions); private to the
// target library.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_TARGET_LIB_TARGETREADER_H
#define SPIKEC_TARGET_LIB_TARGETREADER_H

#include "spikec/Support/JSONParse.h"
#include "spikec/Target/Target.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spikec::target::detail {

using json = nlohmann::json;

/// "a, b, c".
std::string joined(const std::vector<std::string> &items);

/// " (did you mean 'x'?)" when `word` is close enough to one of `options`
/// to be a typo of it, or "".
std::string didYouMean(std::string_view word,
                       const std::vector<std::string> &options);

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

/// Reads the values of one description, collecting every error.
class Reader {
public:
  explicit Reader(std::string file) : file(std::move(file)) {}

  std::string file;
  std::vector<std::string> errors;

  void error(const std::string &ptr, const std::string &problem);

  /// Checks that `j` is an object whose keys are all in `keys`.
  bool object(const json &j, const std::string &ptr,
              const std::vector<std::string> &keys);

  /// The field `key` of object `obj`, or null (reported when required).
  const json *field(const json &obj, const std::string &ptr,
                    const std::string &key, bool required);

  /// The object `key` of `obj`, which may hold only `keys`: read(value,
  /// pointer) when it is there and is such an object (a missing required
  /// one, a non-object or an unknown key is reported instead).
  template <typename Read>
  void subObject(const json &obj, const std::string &ptr,
                 const std::string &key, bool required,
                 const std::vector<std::string> &keys, Read &&read) {
    if (const json *v = field(obj, ptr, key, required)) {
      std::string vp = jsonPointerChild(ptr, key);
      if (object(*v, vp, keys))
        read(*v, vp);
    }
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
                                  Prov prov);

  /// Checks `v` (at `ptr`, the field's pointer) against `range`.
  bool inRange(double v, const std::string &ptr, Range range);

  /// An integer value node.
  std::optional<int64_t> integer(const json &v, const std::string &ptr);

  std::optional<SInt> readInt(const json &j, const std::string &ptr,
                              Range range, Prov prov = Prov::Optional);
  std::optional<SReal> readReal(const json &j, const std::string &ptr,
                                Range range, Prov prov = Prov::Optional);
  /// A non-empty, strictly increasing list of integers.
  std::optional<SIntList> readIntList(const json &j, const std::string &ptr,
                                      Range range);

  /// Reads field `key` of `obj` as an integer into `out`.
  void intField(const json &obj, const std::string &ptr, const char *key,
                Range range, SInt &out, Prov prov = Prov::Optional);
  void optIntField(const json &obj, const std::string &ptr, const char *key,
                   Range range, std::optional<SInt> &out);
  void realField(const json &obj, const std::string &ptr, const char *key,
                 Range range, SReal &out, Prov prov);

  std::optional<std::string> string(const json &obj, const std::string &ptr,
                                    const char *key, bool required);

  /// A string field that must be one of `options`; returns its index.
  std::optional<size_t> choice(const json &j, const std::string &ptr,
                               const std::vector<std::string> &options);

  /// A true/false field; an absent optional one leaves `out` alone.
  bool boolean(const json &obj, const std::string &ptr, const char *key,
               bool &out, bool required = true);

  /// A non-empty list of names, each from `known`, no repeats.
  void nameList(const json &obj, const std::string &ptr, const char *key,
                const char *what, const std::vector<std::string> &known,
                std::vector<std::string> &out);
};

} // namespace spikec::target::detail

#endif // SPIKEC_TARGET_LIB_TARGETREADER_H
