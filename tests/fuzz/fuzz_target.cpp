//===- fuzz_target.cpp - Target description loader ----------------------===//

#include "spikec/Target/Target.h"

#include <cstdint>
#include <string_view>
#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto parsed = spikec::target::parseTarget(
      std::string_view(reinterpret_cast<const char *>(data), size),
      "fuzz.json");
  // What compile and the image do with an accepted description.
  if (auto *desc = std::get_if<spikec::target::TargetDesc>(&parsed)) {
    (void)desc->contentHashHex();
    (void)desc->toJson(-1);
  }
  return 0;
}
