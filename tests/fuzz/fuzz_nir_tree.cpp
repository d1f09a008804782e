//===- fuzz_nir_tree.cpp - The NIR importer on a CBOR tree ---------------===//
//
// See TreeHarness.h: the tree the HDF5 reader's child would send, mutated.
//
//===----------------------------------------------------------------------===//

#include "TreeHarness.h"

SPIKEC_TREE_HARNESS(spikec::importNIRTree, "fuzz.nir")
