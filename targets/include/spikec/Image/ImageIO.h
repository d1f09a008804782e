//===- ImageIO.h - the hardware image file and its JSON form ----*- C++ -*-===//
//
// The binary image file (docs/image-format.md): magic, version, size, a
// section table, the sections, and a CRC32 over everything before it, every
// field little-endian and fixed-width. The writer streams it (no copy of the
// synapse arrays); the reader refuses any malformed file with one message
// that says what is wrong and where, and never reads out of bounds or
// allocates more than the file's bytes justify.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_IMAGE_IMAGEIO_H
#define SPIKEC_IMAGE_IMAGEIO_H

#include "spikec/Image/Image.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace spikec::image {

/// The file's first 8 bytes.
constexpr char kMagic[8] = {'S', 'P', 'I', 'K', 'E', 'I', 'M', 'G'};
/// magic, version (u32), section count (u32), file size (u64).
constexpr size_t kFileHeaderSize = 24;
/// kind (u32), reserved (u32, 0), offset (u64), size (u64).
constexpr size_t kSectionEntrySize = 24;
/// The CRC32 at the end.
constexpr size_t kTrailerSize = 4;

/// The sections, each present exactly once. Their order in the file is
/// free; the reader decodes them in this order.
enum class SectionKind : uint32_t {
  Header = 1,
  Provenance = 2,
  Cores = 3,
  Params = 4,
  Groups = 5,
  Synapses = 6,
  Routes = 7,
  Inputs = 8,
  Outputs = 9,
  Target = 10,
};
constexpr uint32_t kNumSectionKinds = 10;
/// Version 1 images have the first nine kinds.
constexpr uint32_t kNumSectionKindsV1 = 9;
/// "header", "provenance", ...; "?" for an unknown kind.
const char *sectionName(uint32_t kind);

/// What the caller expects the image to be for; an empty field is not
/// checked.
struct TargetCheck {
  std::string target;
  std::string targetHash;
};

using ImageOrError = std::variant<Image, std::string>;

/// Decodes an image from `size` bytes. Errors start with what is wrong, and
/// inside a section with "section '<name>' at byte <offset>: ".
ImageOrError readImage(const uint8_t *data, size_t size,
                       const TargetCheck &expect = {});
/// Reads and decodes the file at `path`; errors start with "<path>: ".
ImageOrError readImageFile(const std::string &path,
                           const TargetCheck &expect = {});

/// Encodes a valid image; "" on success, else validate()'s message.
std::string writeImage(const Image &image, std::vector<uint8_t> &bytes);
/// Writes a valid image to `path`; "" on success, else why not.
std::string writeImageFile(const Image &image, const std::string &path);

/// Everything in the image as JSON (`--emit=image-json`): header,
/// provenance, each core with its parameters, groups, axons (group and
/// synapses) and routes per neuron, inputs and outputs.
nlohmann::json toJSON(const Image &image);

/// A short summary for people (`spikec info`): the header, one line per
/// core (place, model, neuron, axon, synapse and route counts), the inputs
/// and the outputs.
std::string summarize(const Image &image);

} // namespace spikec::image

#endif // SPIKEC_IMAGE_IMAGEIO_H
