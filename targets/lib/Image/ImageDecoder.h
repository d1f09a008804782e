//===- ImageDecoder.h - bounded reads of one image section ------*- C++ -*-===//
//
// A section's bytes come either from the whole file in memory or from a file
// read a window at a time; either way every read is bounded by the
// section's end. A file's bytes are checksummed as they arrive, while they
// are in the cache, and go straight into the image's vectors: there is no
// second copy of the file in memory.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_IMAGE_LIB_IMAGEDECODER_H
#define SPIKEC_IMAGE_LIB_IMAGEDECODER_H

#include "spikec/Image/ImageIO.h"

#include "ImageUtil.h"

#include <cstring>
#include <string>
#include <vector>

namespace spikec::image::detail {

inline uint64_t le(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i)
    v |= uint64_t(p[i]) << (8 * i);
  return v;
}

/// The whole file in memory (`data`), or an open file read on demand.
struct Source {
  const uint8_t *data = nullptr;
  int fd = -1;
};

/// Reads `n` bytes at `offset` of `fd` into `into`; "" or why not.
std::string readFully(int fd, uint64_t offset, uint8_t *into, uint64_t n);

/// Reads one section's fields, each bounded by the section's end. The first
/// failure is kept in `error` and makes every later read fail.
class Decoder {
public:
  Decoder(const Source &src, uint64_t begin, uint64_t size, uint32_t kind)
      : fd(src.data ? -1 : src.fd), win(src.data), winStart(0),
        winEnd(src.data ? begin + size : begin), pos(begin), end(begin + size),
        kind(kind) {
    if (!src.data)
      winStart = begin;
  }

  std::string error;
  /// The CRC-32 of the section's bytes read from a file so far (all of them
  /// once the section decoded without error).
  uint32_t crc = 0;

  /// Prefixes later messages with "<item> <index>: ".
  void at(const char *item, uint64_t index) {
    ctxItem = item;
    ctxIndex = index;
  }

  bool fail(const std::string &msg) {
    if (error.empty())
      error = cat("section '", sectionName(kind), "' at byte ", pos, ": ",
                  ctxItem ? cat(ctxItem, " ", ctxIndex, ": ") : "", msg);
    return false;
  }

  bool u8(uint8_t &v, const char *what) {
    if (!need(1, what))
      return false;
    v = *here();
    pos += 1;
    return true;
  }
  bool u32(uint32_t &v, const char *what) {
    if (!need(4, what))
      return false;
    v = uint32_t(le(here(), 4));
    pos += 4;
    return true;
  }
  bool u64(uint64_t &v, const char *what) {
    if (!need(8, what))
      return false;
    v = le(here(), 8);
    pos += 8;
    return true;
  }
  bool f64(double &v, const char *what) {
    uint64_t bits;
    if (!u64(bits, what))
      return false;
    std::memcpy(&v, &bits, 8);
    return true;
  }
  bool str(std::string &s, const char *what) {
    uint32_t n;
    if (!u32(n, what) || !need(n, what))
      return false;
    s.assign(reinterpret_cast<const char *>(here()), n);
    pos += n;
    return true;
  }
  /// n 32-bit values; checks the bytes are there before allocating.
  template <typename T>
  bool u32s(std::vector<T> &v, uint64_t n, const char *what) {
    static_assert(sizeof(T) == 4, "32-bit elements");
    return array(v, n, what);
  }
  bool u8s(std::vector<uint8_t> &v, uint64_t n, const char *what) {
    return array(v, n, what);
  }
  /// n (core, index) pairs.
  bool endpoints(std::vector<Endpoint> &v, uint64_t n, const char *what) {
    static_assert(sizeof(Endpoint) == 8, "two u32, no padding");
    return array(v, n, what);
  }
  /// A count of records of at least `minBytes` each: refuses one the
  /// section's remaining bytes cannot hold before anything is allocated.
  bool count(uint32_t &n, uint64_t minBytes, const char *what) {
    if (!u32(n, what))
      return false;
    if (n * minBytes > end - pos)
      return fail(cat("claims ", n, " ", what, " of at least ", minBytes,
                      " bytes each, but only ", end - pos,
                      " bytes are left in the section"));
    return true;
  }
  /// A count read here that another section already gave.
  bool same(uint64_t here, uint64_t there, const char *what) {
    if (here == there)
      return true;
    return fail(
        cat("has ", here, " ", what, ", but section 'cores' says ", there));
  }
  /// The block that starts with the index of core `i`.
  bool coreBlock(uint64_t i) {
    at("core", i);
    uint32_t index;
    if (!u32(index, "core index"))
      return false;
    if (index != i)
      return fail(cat("holds the data of core ", index, " where core ", i,
                      "'s belongs"));
    return true;
  }
  bool finish() {
    ctxItem = nullptr;
    if (error.empty() && pos != end)
      return fail(cat(end - pos, " bytes left over after the last field"));
    return error.empty();
  }

private:
  const uint8_t *here() const { return win + (pos - winStart); }

  /// n bytes at pos, in the section and in the window.
  bool need(uint64_t n, const char *what) {
    if (!inSection(n, what))
      return false;
    return pos + n <= winEnd || refill(n);
  }
  bool inSection(uint64_t n, const char *what) {
    if (!error.empty())
      return false;
    if (n > end - pos)
      return fail(cat("truncated: ", what, " needs ", n, " bytes, only ",
                      end - pos, " are left in the section"));
    return true;
  }
  /// Reads on from the window's end until it holds n bytes from pos.
  bool refill(uint64_t n);

  /// n elements (bytes, or little-endian u32s: one, or two for an
  /// Endpoint), copied a window at a time: the vector's pages are written
  /// once, the file's bytes read once.
  template <typename T>
  bool array(std::vector<T> &v, uint64_t n, const char *what) {
    const uint64_t width = sizeof(T);
    if (!inSection(width * n, what))
      return false;
    v.clear();
    v.reserve(n);
    for (uint64_t left = n; left > 0;) {
      uint64_t have = (winEnd - pos) / width;
      if (have == 0) {
        if (!refill(std::min(left * width, kChunk)))
          return false;
        continue;
      }
      uint64_t k = std::min(have, left);
      size_t old = v.size();
      v.resize(old + k);
      copyLE(v.data() + old, here(), k * width);
      pos += k * width;
      left -= k;
    }
    return true;
  }
  template <typename T>
  static void copyLE(T *to, const uint8_t *from, uint64_t bytes) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    std::memcpy(static_cast<void *>(to), from, bytes);
#else
    if constexpr (sizeof(T) == 1) {
      std::memcpy(to, from, bytes);
    } else {
      uint32_t *out = reinterpret_cast<uint32_t *>(to);
      for (uint64_t i = 0; i < bytes / 4; ++i)
        out[i] = uint32_t(le(from + 4 * i, 4));
    }
#endif
  }

  /// Bytes read from a file at a time.
  static constexpr uint64_t kChunk = 256 << 10;

  int fd;
  const uint8_t *win;        ///< the bytes [winStart, winEnd) of the file
  uint64_t winStart, winEnd; ///< file offsets
  std::vector<uint8_t> buffer;
  uint64_t pos, end;
  uint32_t kind;
  const char *ctxItem = nullptr;
  uint64_t ctxIndex = 0;
};

/// A section table entry.
struct Section {
  uint32_t kind;
  uint64_t offset, size;
  size_t entry;
};

/// What the 24-byte file header says, checked against the file's size.
struct FileHead {
  uint32_t version = 0, count = 0;
  uint32_t kinds = 0;    ///< section kinds of this version
  uint64_t tableEnd = 0; ///< end of the section table
  uint64_t crcAt = 0;    ///< where the CRC is: the checksummed bytes' end
};

/// Checks magic, version and size from the file's first min(size, 24)
/// bytes; "" or the reader's message.
std::string parseHead(const uint8_t *data, uint64_t size, FileHead &head);

/// Checks the section table (at data + 24); fills one entry per kind.
std::string readTable(const uint8_t *data, uint32_t count, uint64_t tableEnd,
                      uint64_t crcAt, uint32_t kinds,
                      Section (&byKind)[kNumSectionKinds]);

std::string checksumMismatch(uint32_t stored, uint32_t computed);

/// Decodes every section in kind order into `image`; "" or the first
/// problem. crcs[kind - 1] is each decoded section's CRC (file sources).
std::string decodeSections(const Source &src, const Section *byKind,
                           const FileHead &head, const TargetCheck &expect,
                           Image &image, uint32_t *crcs);

} // namespace spikec::image::detail

#endif // SPIKEC_IMAGE_LIB_IMAGEDECODER_H
