//===- fuzz_nir.cpp - NIR import through the HDF5 tree reader ------------===//
//
// The bytes go to a file read as spikec reads any .nir: libhdf5 in a child
// process (HDF5Tree.cpp) that hands the tree to the parent, which builds
// and verifies the snn.network. Both halves run for every input.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "spikec/Import/Import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = spikec::fuzz::writeTemp(data, size, "nir");
  spikec::ImportOptions options;
  options.hdf5CpuSeconds = 5; // a corrupt file libhdf5 loops on
  auto ctx = spikec::fuzz::makeContext();
  (void)spikec::importNIR(path, ctx.get(), options);
  return 0;
}
