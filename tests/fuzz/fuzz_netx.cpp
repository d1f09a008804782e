//===- fuzz_netx.cpp - lava-dl netx import through the HDF5 tree reader --===//

#include "FuzzCommon.h"

#include "spikec/Import/Import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string path = spikec::fuzz::writeTemp(data, size, "net");
  spikec::ImportOptions options;
  options.hdf5CpuSeconds = 5;
  auto ctx = spikec::fuzz::makeContext();
  (void)spikec::importNetX(path, ctx.get(), options);
  return 0;
}
