//===- fuzz_spikes.cpp - Spike files: input JSON and .npy ----------------===//
//
// The first byte chooses the reader (even: JSON, odd: .npy) and the input
// shapes the bytes are read against; the rest is the file.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "spikec/IO/SpikeFiles.h"

using namespace spikec;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  uint8_t mode = data[0];
  llvm::StringRef bytes(reinterpret_cast<const char *>(data + 1), size - 1);
  std::vector<io::InputSpec> inputs{{"x", {int64_t(1 + (mode >> 1) % 8)}},
                                    {"y", {2, 3}}};
  auto context = fuzz::makeContext();
  mlir::MLIRContext &ctx = *context;
  if (mode % 2 == 0)
    (void)io::parseInputJSON(bytes, "fuzz.json", inputs, &ctx);
  else
    (void)io::parseNpy(bytes, "fuzz.npy", inputs[(mode >> 4) % 2], &ctx);
  return 0;
}
