//===- HDF5Tree.h - an HDF5 file read into memory, safely -------*- C++ -*-===//
//
// libhdf5 can crash on a corrupt file (a damaged global heap makes H5Dread
// copy from a wild pointer). So the file is read in a child process, which
// sends the whole tree back as CBOR; a crash in the child becomes an error
// that names the file. Importers then walk the JSON tree, never libhdf5.
//
// Tree layout:
//   group:   {"kind": "group", "children": {name: node, ...}}
//   numbers: {"kind": "numeric", "shape": [...], "data": binary doubles}
//   strings: {"kind": "string", "shape": [...], "values": ["..."]}
//   other:   {"kind": "unsupported", "class": <H5T class>}
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_IMPORT_HDF5TREE_H
#define SPIKEC_IMPORT_HDF5TREE_H

#include <nlohmann/json.hpp>

#include <string>
#include <vector>
#include <variant>

namespace spikec {

/// The tree of the HDF5 file at `path`, or an error message. The reader
/// gets `cpuSeconds` of CPU time, by default (0) 10 s plus 1 s per MB of
/// file: libhdf5 can loop forever on a corrupt file (the fuzzers found
/// one), and a valid file reads at tens of MB per second (a 1.4 MB
/// PilotNet in 0.1 s), so a user waits seconds, not minutes, for the error.
/// Numeric data is a CBOR binary of little-endian doubles.
std::variant<nlohmann::json, std::string>
readHDF5Tree(const std::string &path, unsigned cpuSeconds = 0);

/// The same reader without the child process: what readHDF5Tree's two
/// processes run, in the caller's. A corrupt file can crash or hang the
/// caller; only for the fuzzing harnesses, which run it under libFuzzer's
/// fork mode so that libhdf5's own failures restart a worker (and are
/// sorted from spikec's by their stack), at the pace of a function call
/// rather than a fork, with the reader's coverage guiding the fuzzer.
std::variant<nlohmann::json, std::string>
readHDF5TreeInProcess(const std::string &path);

/// The tree in `bytes` (CBOR, as the child sends it), or what is wrong with
/// them. Nesting deeper than any tree the reader makes is refused before it
/// is built: nlohmann's decoder recurses once per level.
std::variant<nlohmann::json, std::string>
decodeHDF5Tree(const uint8_t *bytes, size_t size);

/// Whether `tree` has the layout above throughout (kinds, shapes that match
/// their data): "" or what is wrong where. The importers check a tree once
/// before walking it, so no accessor meets a missing field.
std::string checkTree(const nlohmann::json &tree);

/// The doubles of a "numeric" node.
std::vector<double> numericData(const nlohmann::json &node);

/// A format's complaint about a tree: an importer throws it while reading
/// and turns it into one diagnostic.
struct HDF5TreeError {
  std::string message;
};
[[noreturn]] void failTree(const std::string &message);

/// A numeric dataset read as doubles.
struct HDF5Array {
  std::vector<int64_t> shape;
  std::vector<double> values;
  int64_t size() const { return static_cast<int64_t>(values.size()); }
};

/// A group of the tree and the words that name it in errors ("node 'fc1'
/// (Affine)", "layer 0"). Every accessor fails with an HDF5TreeError that
/// starts with those words.
class HDF5Group {
public:
  HDF5Group(const nlohmann::json *tree, std::string where)
      : tree(tree), place(std::move(where)) {}

  const std::string &where() const { return place; }
  const nlohmann::json &children() const { return (*tree)["children"]; }
  bool has(const std::string &name) const {
    return children().contains(name);
  }
  bool isString(const std::string &name) const {
    return has(name) && children()[name]["kind"] == "string";
  }
  HDF5Group child(const std::string &name, std::string childWhere) const {
    return HDF5Group(&field(name, "group"), std::move(childWhere));
  }
  HDF5Array numeric(const std::string &name) const;
  /// A dataset holding one integral value.
  int64_t integer(const std::string &name) const;
  /// A dataset holding one string.
  std::string string(const std::string &name) const;

protected:
  /// The child `name`, which must be of `kind` ("numeric", "string",
  /// "group").
  const nlohmann::json &field(const std::string &name, const char *kind) const;

  const nlohmann::json *tree;
  std::string place;
};

} // namespace spikec

#endif // SPIKEC_IMPORT_HDF5TREE_H
