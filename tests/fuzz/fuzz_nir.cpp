//===- fuzz_nir.cpp - NIR import from whole files ------------------------===//
//
// See FileHarness.h: libhdf5's reader and the NIR importer on every input.
//
//===----------------------------------------------------------------------===//

#include "FileHarness.h"

SPIKEC_FILE_HARNESS(spikec::importNIR, spikec::importNIRTree, "nir")
