//===- TreeHarness.h - The HDF5 importers on trees, not files ---*- C++ -*-===//
//
// The NIR and netx importers read the tree the HDF5 reader's child process
// sends back (HDF5Tree.h), never libhdf5. These harnesses feed the
// importers that tree as CBOR bytes, so that mutations reach the importers'
// checks (a shape, a missing field, a wrong kind) rather than break the
// HDF5 container; the file harnesses (nir, netx) cover the reader itself
// at the fork's pace.
//
// A seed is a corpus file's tree:
//   SPIKEC_FUZZ_TREE_OF=file.nir bin/fuzz-nir_tree > seed.cbor
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_FUZZ_TREEHARNESS_H
#define SPIKEC_FUZZ_TREEHARNESS_H

#include "FuzzCommon.h"

#include "spikec/Import/HDF5Tree.h"
#include "spikec/Import/Import.h"

#include <cstdio>
#include <cstdlib>

namespace spikec::fuzz {

/// With SPIKEC_FUZZ_TREE_OF set, writes that file's tree as CBOR to stdout
/// and exits: how the seeds are made, by the reader spikec uses.
inline void writeSeedIfAsked() {
  const char *path = std::getenv("SPIKEC_FUZZ_TREE_OF");
  if (!path)
    return;
  auto read = readHDF5Tree(path);
  if (auto *error = std::get_if<std::string>(&read)) {
    std::fprintf(stderr, "%s: %s\n", path, error->c_str());
    std::exit(1);
  }
  std::vector<uint8_t> bytes = nlohmann::json::to_cbor(std::get<nlohmann::json>(read));
  std::fwrite(bytes.data(), 1, bytes.size(), stdout);
  std::exit(0);
}

/// The CBOR bytes as a tree, or null when they are not one; decoded as
/// readHDF5Tree decodes what the child sends.
inline nlohmann::json decodeTree(const uint8_t *data, size_t size) {
  auto tree = decodeHDF5Tree(data, size);
  if (auto *json = std::get_if<nlohmann::json>(&tree))
    return std::move(*json);
  return nlohmann::json();
}

} // namespace spikec::fuzz

/// The harness of a tree importer; `name` names the input in its errors.
#define SPIKEC_TREE_HARNESS(importTree, name)                                  \
  extern "C" int LLVMFuzzerInitialize(int *, char ***) {                       \
    spikec::fuzz::writeSeedIfAsked();                                          \
    return 0;                                                                  \
  }                                                                            \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {    \
    nlohmann::json tree = spikec::fuzz::decodeTree(data, size);                \
    if (tree.is_null())                                                        \
      return 0;                                                                \
    auto ctx = spikec::fuzz::makeContext();                                    \
    (void)importTree(tree, name, ctx.get(), {});                               \
    return 0;                                                                  \
  }

#endif // SPIKEC_FUZZ_TREEHARNESS_H
