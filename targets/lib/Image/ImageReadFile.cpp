//===- ImageReadFile.cpp - read an image file without a copy of it --------===//
//
// The file is read a window at a time straight into the image's vectors,
// each section's bytes checksummed as they pass (the CRCs of the sections
// and of the bytes between them combine into the file's). The checks and
// their order are readImage()'s: whenever a problem turns up before the
// checksum is confirmed, the whole file is checksummed first, so that a
// corrupt file still reports the checksum mismatch.
//
//===----------------------------------------------------------------------===//

#include "ImageDecoder.h"

#include <libdeflate.h>
#include <zlib.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

using namespace spikec::image;
using namespace spikec::image::detail;

std::string detail::readFully(int fd, uint64_t offset, uint8_t *into,
                              uint64_t n) {
  while (n > 0) {
    ssize_t got = ::pread(fd, into, size_t(n), off_t(offset));
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return cat("cannot read: ", std::strerror(errno));
    if (got == 0)
      return cat("cannot read: the file ends at byte ", offset);
    into += got;
    offset += uint64_t(got);
    n -= uint64_t(got);
  }
  return "";
}

bool Decoder::refill(uint64_t n) {
  // Keep the bytes from pos on, read on from the window's end.
  uint64_t keep = winEnd - pos;
  uint64_t want = std::min(end - winEnd, std::max(n - keep, kChunk));
  if (buffer.size() < keep + want) {
    std::vector<uint8_t> bigger(keep + want);
    if (keep)
      std::memcpy(bigger.data(), here(), keep);
    buffer = std::move(bigger);
  } else if (keep) {
    std::memmove(buffer.data(), here(), keep);
  }
  std::string why = readFully(fd, winEnd, buffer.data() + keep, want);
  if (!why.empty())
    return fail(why);
  crc = libdeflate_crc32(crc, buffer.data() + keep, want);
  win = buffer.data();
  winStart = pos;
  winEnd += want;
  return true;
}

namespace {

/// Continues `crc` over the bytes [from, to) of the file.
std::string crcOf(int fd, uint64_t from, uint64_t to, uint32_t &crc) {
  std::vector<uint8_t> buf(std::min<uint64_t>(to - from, 1 << 20));
  while (from < to) {
    uint64_t n = std::min<uint64_t>(to - from, buf.size());
    if (std::string why = readFully(fd, from, buf.data(), n); !why.empty())
      return why;
    crc = libdeflate_crc32(crc, buf.data(), n);
    from += n;
  }
  return "";
}

ImageOrError readOpen(int fd, uint64_t size, const TargetCheck &expect) {
  uint8_t first[kFileHeaderSize];
  size_t n = size_t(std::min<uint64_t>(size, kFileHeaderSize));
  if (std::string why = readFully(fd, 0, first, n); !why.empty())
    return why;
  FileHead head;
  if (std::string why = parseHead(first, size, head); !why.empty())
    return why;
  std::vector<uint8_t> table(head.tableEnd);
  uint8_t trailer[kTrailerSize];
  if (std::string why = readFully(fd, 0, table.data(), table.size());
      !why.empty())
    return why;
  if (std::string why = readFully(fd, head.crcAt, trailer, kTrailerSize);
      !why.empty())
    return why;
  uint32_t stored = uint32_t(le(trailer, 4));
  // A problem found before the checksum is confirmed: a mismatch wins.
  auto afterChecksum = [&](const std::string &problem) -> std::string {
    uint32_t computed = 0;
    if (std::string why = crcOf(fd, 0, head.crcAt, computed); !why.empty())
      return why;
    return computed != stored ? checksumMismatch(stored, computed) : problem;
  };
  Section byKind[kNumSectionKinds] = {};
  if (std::string why = readTable(table.data(), head.count, head.tableEnd,
                                  head.crcAt, head.kinds, byKind);
      !why.empty())
    return afterChecksum(why);

  ImageOrError result{Image()};
  uint32_t crcs[kNumSectionKinds] = {};
  Source src;
  src.fd = fd;
  if (std::string why = decodeSections(src, byKind, head, expect,
                                       std::get<Image>(result), crcs);
      !why.empty())
    return afterChecksum(why);

  // The file's CRC: the header and table, then the sections in file order
  // with whatever lies between them.
  std::vector<Section> sections(byKind, byKind + head.kinds);
  std::sort(
      sections.begin(), sections.end(),
      [](const Section &a, const Section &b) { return a.offset < b.offset; });
  uint32_t crc = libdeflate_crc32(0, table.data(), table.size());
  uint64_t at = head.tableEnd;
  for (const Section &s : sections) {
    if (std::string why = crcOf(fd, at, s.offset, crc); !why.empty())
      return why;
    crc = uint32_t(crc32_combine(crc, crcs[s.kind - 1], z_off_t(s.size)));
    at = s.offset + s.size;
  }
  if (std::string why = crcOf(fd, at, head.crcAt, crc); !why.empty())
    return why;
  if (crc != stored)
    return checksumMismatch(stored, crc);
  if (std::string why = validate(std::get<Image>(result)); !why.empty())
    return "invalid image: " + why;
  return result;
}

} // namespace

ImageOrError spikec::image::readImageFile(const std::string &path,
                                          const TargetCheck &expect) {
  int fd = ::open(path.c_str(), O_RDONLY);
  struct stat st;
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    std::string why = path + ": cannot open: " + std::strerror(errno);
    if (fd >= 0)
      ::close(fd);
    return why;
  }
  ImageOrError result = readOpen(fd, uint64_t(st.st_size), expect);
  ::close(fd);
  if (auto *error = std::get_if<std::string>(&result))
    *error = path + ": " + *error;
  return result;
}
