//===- IdxDataset.h - labelled datasets in IDX files ------------*- C++ -*-===//
//
// The IDX format of MNIST and Fashion-MNIST (yann.lecun.com/exdb/mnist):
// two zero bytes, a type byte (0x08: unsigned byte, the only type read
// here), a dimension count D, D big-endian u32 sizes, then the values in
// row-major order. Files may be gzip-compressed (read through zlib, which
// passes plain files through unchanged). Pure C++, no MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_IO_IDXDATASET_H
#define SPIKEC_IO_IDXDATASET_H

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace spikec::io {

/// One IDX array of unsigned bytes.
struct IdxArray {
  std::vector<uint32_t> dims;
  std::vector<uint8_t> data;
};

/// Reads and checks an IDX file of unsigned bytes (gzip or plain). The
/// error names the file and what is wrong: a missing file, a wrong magic, a
/// type other than 0x08, fewer bytes than the dimensions say, bytes after
/// them, or a corrupt gzip stream.
std::variant<IdxArray, std::string> readIdxFile(const std::string &path);

/// Images and their labels: item i is pixels[i * itemSize, (i+1) * itemSize).
struct LabelledImages {
  int64_t count = 0;
  /// Values per item: the product of the image file's dimensions after the
  /// first (784 for 28 x 28).
  int64_t itemSize = 0;
  std::vector<uint8_t> pixels;
  std::vector<uint8_t> labels;
  /// The largest label + 1 (at least 1).
  int numClasses = 1;
};

/// Reads an image file (at least 2 dimensions) and a label file (1
/// dimension) and checks that they have as many items.
std::variant<LabelledImages, std::string>
readIdxDataset(const std::string &imagesPath, const std::string &labelsPath);

} // namespace spikec::io

#endif // SPIKEC_IO_IDXDATASET_H
