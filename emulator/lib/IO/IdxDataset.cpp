//===- IdxDataset.cpp - labelled datasets in IDX files --------------------===//
//
// Reads through zlib's gz* interface, which decompresses gzip files and
// passes plain ones through, so one path serves both.
//
//===----------------------------------------------------------------------===//

#include "spikec/IO/IdxDataset.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

using namespace spikec::io;

namespace {

/// The whole (decompressed) content of `path`, or an error.
std::variant<std::vector<uint8_t>, std::string>
readDecompressed(const std::string &path) {
  errno = 0;
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file)
    return path + ": cannot open: " +
           (errno ? std::strerror(errno) : "out of memory");
  std::unique_ptr<gzFile_s, int (*)(gzFile)> closer(file, gzclose);
  std::vector<uint8_t> bytes;
  uint8_t chunk[1 << 16];
  for (;;) {
    int n = gzread(file, chunk, sizeof(chunk));
    if (n > 0)
      bytes.insert(bytes.end(), chunk, chunk + n);
    if (n < int(sizeof(chunk)))
      break;
  }
  int code = Z_OK;
  const char *message = gzerror(file, &code);
  if (code != Z_OK && code != Z_STREAM_END) {
    // zlib's message starts with the path it was opened with.
    std::string why = message;
    if (why.rfind(path + ": ", 0) == 0)
      why = why.substr(path.size() + 2);
    return path + ": corrupt gzip stream: " + why;
  }
  return bytes;
}

std::string hexBytes(const uint8_t *p, size_t n) {
  std::string out;
  char buf[4];
  for (size_t i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof(buf), "%s%02x", i ? " " : "", p[i]);
    out += buf;
  }
  return out;
}

} // namespace

std::variant<IdxArray, std::string>
spikec::io::readIdxFile(const std::string &path) {
  auto read = readDecompressed(path);
  if (auto *error = std::get_if<std::string>(&read))
    return *error;
  std::vector<uint8_t> &bytes = std::get<std::vector<uint8_t>>(read);
  if (bytes.size() < 4)
    return path + ": truncated: " + std::to_string(bytes.size()) +
           " bytes, less than the 4-byte IDX magic";
  if (bytes[0] != 0 || bytes[1] != 0 || bytes[3] == 0)
    return path + ": not an IDX file: it starts with " +
           hexBytes(bytes.data(), 4) + ", not 00 00 <type> <dimensions>";
  if (bytes[2] != 0x08)
    return path + ": IDX type 0x" + hexBytes(bytes.data() + 2, 1) +
           " is not supported (only 0x08, unsigned bytes)";
  IdxArray out;
  size_t rank = bytes[3], header = 4 + 4 * rank;
  if (bytes.size() < header)
    return path + ": truncated: " + std::to_string(bytes.size()) +
           " bytes, less than the " + std::to_string(header) +
           "-byte header of " + std::to_string(rank) + " dimensions";
  uint64_t count = 1;
  for (size_t d = 0; d < rank; ++d) {
    const uint8_t *p = bytes.data() + 4 + 4 * d;
    uint32_t size = uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 |
                    uint32_t(p[2]) << 8 | uint32_t(p[3]);
    out.dims.push_back(size);
    count *= size;
    if (count > bytes.size()) // also stops any overflow of the product
      break;
  }
  if (bytes.size() - header != count) {
    std::string dims;
    for (uint32_t d : out.dims)
      dims += (dims.empty() ? "" : " x ") + std::to_string(d);
    return path + ": " +
           (bytes.size() - header < count ? "truncated" : "trailing bytes") +
           ": " + std::to_string(bytes.size() - header) +
           " bytes of data, the dimensions " + dims + " need " +
           std::to_string(count);
  }
  out.data.assign(bytes.begin() + header, bytes.end());
  return out;
}

std::variant<LabelledImages, std::string>
spikec::io::readIdxDataset(const std::string &imagesPath,
                           const std::string &labelsPath) {
  auto images = readIdxFile(imagesPath);
  if (auto *error = std::get_if<std::string>(&images))
    return *error;
  auto labels = readIdxFile(labelsPath);
  if (auto *error = std::get_if<std::string>(&labels))
    return *error;
  IdxArray &x = std::get<IdxArray>(images), &y = std::get<IdxArray>(labels);
  if (x.dims.size() < 2)
    return imagesPath + ": images need at least 2 dimensions (count, "
                        "values...), the file has " +
           std::to_string(x.dims.size());
  if (y.dims.size() != 1)
    return labelsPath + ": labels need 1 dimension, the file has " +
           std::to_string(y.dims.size());
  if (x.dims[0] != y.dims[0])
    return labelsPath + ": " + std::to_string(y.dims[0]) +
           " labels for the " + std::to_string(x.dims[0]) + " images of " +
           imagesPath;
  LabelledImages out;
  out.count = x.dims[0];
  out.itemSize = out.count ? int64_t(x.data.size() / out.count) : 0;
  if (!out.count) {
    out.itemSize = 1;
    for (size_t d = 1; d < x.dims.size(); ++d)
      out.itemSize *= x.dims[d];
  }
  out.pixels = std::move(x.data);
  out.labels = std::move(y.data);
  for (uint8_t label : out.labels)
    out.numClasses = std::max(out.numClasses, int(label) + 1);
  return out;
}
