//===- fuzz_netx_tree.cpp - The netx importer on a CBOR tree -------------===//
//
// See TreeHarness.h: the tree the HDF5 reader's child would send, mutated.
//
//===----------------------------------------------------------------------===//

#include "TreeHarness.h"

SPIKEC_TREE_HARNESS(spikec::importNetXTree, "fuzz.net")
