//===- fuzz_json_import.cpp - JSON network import ------------------------===//

#include "FuzzCommon.h"

#include "spikec/Import/Import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  // The importer verifies what it built.
  auto ctx = spikec::fuzz::makeContext();
  (void)spikec::importJSON(text, "fuzz.json", ctx.get());
  return 0;
}
