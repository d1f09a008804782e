//===- fuzz_image.cpp - Hardware image reader ----------------------------===//
//
// The image ends in a CRC-32 of the bytes before it, which nearly every
// mutation breaks: the reader would stop there and the fuzzer never reach
// the sections. So the harness writes the right CRC over the mutated bytes
// first, as fuzzers of PNG readers do; the mismatch itself is tested in
// tests/lit/Image. The same bytes also go through the file reader (a
// memfd), which reads in windows and checksums as it goes: its answer must
// be the memory reader's.
//
//===----------------------------------------------------------------------===//

#include "spikec/Image/ImageIO.h"

#include <zlib.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <variant>
#include <vector>

namespace {

/// The message, or "" and the image written back.
std::pair<std::string, std::vector<uint8_t>>
answer(const spikec::image::ImageOrError &r, size_t strip = 0) {
  if (auto *e = std::get_if<std::string>(&r))
    return {e->substr(strip), {}};
  std::vector<uint8_t> bytes;
  if (!spikec::image::writeImage(std::get<spikec::image::Image>(r), bytes)
           .empty())
    std::abort();
  return {"", bytes};
}

/// readImageFile's answer on the same bytes must be readImage's.
void checkFileReader(const std::vector<uint8_t> &bytes,
                     const spikec::image::ImageOrError &fromMemory) {
  int fd = memfd_create("fuzz-image", 0);
  if (fd < 0)
    return;
  if (write(fd, bytes.data(), bytes.size()) == ssize_t(bytes.size())) {
    std::string path = "/proc/self/fd/" + std::to_string(fd);
    if (answer(spikec::image::readImageFile(path), path.size() + 2) !=
        answer(fromMemory))
      std::abort();
  }
  close(fd);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::vector<uint8_t> bytes(data, data + size);
  if (size >= 4) {
    uint32_t crc = uint32_t(crc32(0L, bytes.data(), uInt(size - 4)));
    for (int i = 0; i < 4; ++i) // little-endian, as every field
      bytes[size - 4 + i] = uint8_t(crc >> (8 * i));
  }
  auto read = spikec::image::readImage(bytes.data(), bytes.size());
  checkFileReader(bytes, read);
  // A decoded image must also survive what `spikec info` does with it.
  if (auto *img = std::get_if<spikec::image::Image>(&read))
    (void)spikec::image::summarize(*img);
  return 0;
}
