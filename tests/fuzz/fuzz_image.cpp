//===- fuzz_image.cpp - Hardware image reader ----------------------------===//
//
// The image ends in a CRC-32 of the bytes before it, which nearly every
// mutation breaks: the reader would stop there and the fuzzer never reach
// the sections. So the harness writes the right CRC over the mutated bytes
// first, as fuzzers of PNG readers do; the mismatch itself is tested in
// tests/lit/Image.
//
//===----------------------------------------------------------------------===//

#include "spikec/Image/ImageIO.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <variant>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::vector<uint8_t> bytes(data, data + size);
  if (size >= 4) {
    uint32_t crc = uint32_t(crc32(0L, bytes.data(), uInt(size - 4)));
    for (int i = 0; i < 4; ++i) // little-endian, as every field
      bytes[size - 4 + i] = uint8_t(crc >> (8 * i));
  }
  auto read = spikec::image::readImage(bytes.data(), bytes.size());
  // A decoded image must also survive what `spikec info` does with it.
  if (auto *img = std::get_if<spikec::image::Image>(&read))
    (void)spikec::image::summarize(*img);
  return 0;
}
