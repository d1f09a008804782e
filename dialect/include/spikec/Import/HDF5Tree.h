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
/// gets `cpuSeconds` of CPU time: libhdf5 can also loop forever on a corrupt
/// file. Numeric data is a CBOR binary of little-endian doubles.
std::variant<nlohmann::json, std::string>
readHDF5Tree(const std::string &path, unsigned cpuSeconds = 120);

/// The doubles of a "numeric" node.
std::vector<double> numericData(const nlohmann::json &node);

} // namespace spikec

#endif // SPIKEC_IMPORT_HDF5TREE_H
