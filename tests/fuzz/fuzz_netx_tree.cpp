//===- fuzz_netx_tree.cpp - The NetX importer on a CBOR tree ----------------===//
//
// See TreeHarness.h: the tree the HDF5 reader's child would send, mutated.
//
//===----------------------------------------------------------------------===//

#include "TreeHarness.h"

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  spikec::fuzz::writeSeedIfAsked();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  nlohmann::json tree = spikec::fuzz::decodeTree(data, size);
  if (tree.is_null())
    return 0;
  auto ctx = spikec::fuzz::makeContext();
  (void)spikec::importNetXTree(tree, "fuzz.netx", ctx.get(), {});
  return 0;
}
