//===- fuzz_netx.cpp - lava-dl netx import from whole files --------------===//
//
// See FileHarness.h: libhdf5's reader and the netx importer on every input.
//
//===----------------------------------------------------------------------===//

#include "FileHarness.h"

SPIKEC_FILE_HARNESS(spikec::importNetX, spikec::importNetXTree, "net")
