//===- fuzz_image.cpp - Hardware image reader ----------------------------===//

#include "spikec/Image/ImageIO.h"

#include <cstdint>
#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto read = spikec::image::readImage(data, size);
  // A decoded image must also survive what `spikec info` does with it.
  if (auto *img = std::get_if<spikec::image::Image>(&read))
    (void)spikec::image::summarize(*img);
  return 0;
}
