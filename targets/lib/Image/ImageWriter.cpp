//===- ImageWriter.cpp - encode an image into the binary format -----------===//
//
// Two passes over the image with the same encoder: the first only counts
// each section's bytes (so the section table can precede the sections), the
// second streams them through a small buffer into the file and the CRC. The
// synapse arrays are never copied whole. docs/image-format.md is the layout.
//
//===----------------------------------------------------------------------===//

#include "spikec/Image/ImageIO.h"
#include "spikec/Support/OutputFile.h"

#include <libdeflate.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>

using namespace spikec::image;

namespace {

/// Little-endian fixed-width output, counting only when it has no
/// destination.
class Sink {
public:
  using Out = std::function<bool(const uint8_t *, size_t)>;
  /// Counts bytes only when `out` is empty.
  explicit Sink(Out out = {}) : out(std::move(out)) {}

  uint64_t position() const { return pos; }
  bool ok() const { return good; }

  void u8(uint8_t v) { put(&v, 1); }
  void u32(uint32_t v) {
    uint8_t b[4];
    le(b, v, 4);
    put(b, 4);
  }
  void i32(int32_t v) { u32(uint32_t(v)); }
  void u64(uint64_t v) {
    uint8_t b[8];
    le(b, v, 8);
    put(b, 8);
  }
  void f64(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    u64(bits);
  }
  void str(const std::string &s) {
    u32(uint32_t(s.size()));
    put(reinterpret_cast<const uint8_t *>(s.data()), s.size());
  }
  template <typename T> void u32s(const std::vector<T> &v) {
    static_assert(sizeof(T) == 4, "32-bit elements");
    if (!out) {
      pos += 4 * uint64_t(v.size());
      return;
    }
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    // The memory is the file's layout: one copy, not one call per value.
    put(reinterpret_cast<const uint8_t *>(v.data()), 4 * v.size());
#else
    for (T x : v)
      u32(uint32_t(x));
#endif
  }
  void u8s(const std::vector<uint8_t> &v) { put(v.data(), v.size()); }
  void bytes(const uint8_t *p, size_t n) { put(p, n); }
  void endpoints(const std::vector<Endpoint> &v) {
    if (!out) {
      pos += 8 * uint64_t(v.size());
      return;
    }
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    static_assert(sizeof(Endpoint) == 8, "two u32, no padding");
    put(reinterpret_cast<const uint8_t *>(v.data()), 8 * v.size());
#else
    for (const Endpoint &e : v) {
      u32(e.core);
      u32(e.index);
    }
#endif
  }

  /// Flushes the buffer; returns the CRC32 of everything written.
  uint32_t finish() {
    flush();
    return uint32_t(crc);
  }
  /// Appends bytes that the CRC does not cover (the CRC itself).
  void raw(const uint8_t *p, size_t n) {
    flush();
    good = good && out(p, n);
  }

private:
  static void le(uint8_t *b, uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
      b[i] = uint8_t(v >> (8 * i));
  }
  void put(const uint8_t *p, size_t n) {
    pos += n;
    if (!out || n == 0)
      return;
    if (used + n > sizeof(buf))
      flush();
    if (n > sizeof(buf)) {
      crc = libdeflate_crc32(crc, p, n);
      good = good && out(p, n);
      return;
    }
    std::memcpy(buf + used, p, n);
    used += n;
  }
  void flush() {
    if (!out || used == 0)
      return;
    crc = libdeflate_crc32(crc, buf, used);
    good = good && out(buf, used);
    used = 0;
  }

  Out out;
  uint64_t pos = 0;
  uint32_t crc = 0;
  bool good = true;
  uint8_t buf[1 << 16];
  size_t used = 0;
};

void encodeHeader(Sink &s, const Image &image) {
  const Header &h = image.header;
  s.str(h.target);
  s.u64(std::stoull(h.targetHash, nullptr, 16));
  s.f64(h.dt);
  s.str(h.timing);
  s.u32(h.meshWidth);
  s.u32(h.meshHeight);
  s.u32(h.coresPerTile);
}

void encodeProvenance(Sink &s, const Image &image) {
  const Provenance &p = image.provenance;
  s.str(p.toolVersion);
  s.str(p.network);
  s.u32(uint32_t(p.options.size()));
  for (const auto &[name, value] : p.options) {
    s.str(name);
    s.str(value);
  }
}

void encodeCores(Sink &s, const Image &image) {
  s.u32(uint32_t(image.cores.size()));
  for (const Core &c : image.cores) {
    s.u32(c.x);
    s.u32(c.y);
    s.u32(c.slot);
    s.str(c.model);
    s.u32(c.numNeurons);
    s.u32(c.numAxons());
    s.u32(uint32_t(c.groups.size()));
    s.u32(c.numSynapses());
    s.u32(uint32_t(c.routes.size()));
  }
}

void encodeParams(Sink &s, const Image &image) {
  for (size_t i = 0; i < image.cores.size(); ++i) {
    const Core &c = image.cores[i];
    s.u32(uint32_t(i));
    s.u32(uint32_t(c.params.size()));
    for (const NeuronParam &p : c.params) {
      s.str(p.name);
      s.u32(uint32_t(p.values.size()));
      s.u32s(p.values);
    }
  }
}

void encodeGroups(Sink &s, const Image &image) {
  for (size_t i = 0; i < image.cores.size(); ++i) {
    const Core &c = image.cores[i];
    s.u32(uint32_t(i));
    s.u32(uint32_t(c.groups.size()));
    s.u32(c.numAxons());
    for (const DendriteGroup &g : c.groups) {
      s.u32(g.weightBits);
      s.i32(g.weightExp);
      s.u32(g.delay);
    }
    s.u32s(c.axonGroup);
  }
}

void encodeSynapses(Sink &s, const Image &image) {
  for (size_t i = 0; i < image.cores.size(); ++i) {
    const Core &c = image.cores[i];
    s.u32(uint32_t(i));
    s.u32(c.numAxons());
    s.u32(c.numSynapses());
    s.u8(c.synAxonType.empty() ? 0 : 1);
    s.u32s(c.axonOffsets);
    s.u32s(c.synTarget);
    s.u32s(c.synWeight);
    s.u8s(c.synAxonType);
  }
}

void encodeRoutes(Sink &s, const Image &image) {
  for (size_t i = 0; i < image.cores.size(); ++i) {
    const Core &c = image.cores[i];
    s.u32(uint32_t(i));
    s.u32(c.numNeurons);
    s.u32(uint32_t(c.routes.size()));
    s.u32s(c.routeOffsets);
    s.endpoints(c.routes);
  }
}

void encodeInputs(Sink &s, const Image &image) {
  s.u32(uint32_t(image.inputs.size()));
  for (const Input &in : image.inputs) {
    s.str(in.name);
    s.u32(in.width);
    // The shape's rank, then its dimensions ({width} when none is known).
    std::vector<uint32_t> shape =
        in.shape.empty() ? std::vector<uint32_t>{in.width} : in.shape;
    s.u32(uint32_t(shape.size()));
    s.u32s(shape);
    s.str(in.encoder.kind);
    s.u32(uint32_t(in.encoder.attrs.size()));
    for (const EncoderAttr &a : in.encoder.attrs) {
      s.str(a.name);
      s.u8(uint8_t(a.value.index()));
      if (auto *i = std::get_if<int64_t>(&a.value))
        s.u64(uint64_t(*i));
      else if (auto *f = std::get_if<double>(&a.value))
        s.f64(*f);
      else
        s.u64(std::get<bool>(a.value) ? 1 : 0);
    }
    s.u32(uint32_t(in.dests.size()));
    s.u32s(in.offsets);
    s.endpoints(in.dests);
  }
}

void encodeOutputs(Sink &s, const Image &image) {
  s.u32(uint32_t(image.outputs.size()));
  for (const Output &out : image.outputs) {
    s.str(out.name);
    s.u32(out.width);
    s.endpoints(out.sources);
  }
}

void encodeTarget(Sink &s, const Image &image) {
  s.str(image.targetDescription);
}

using SectionEncoder = void (*)(Sink &, const Image &);
/// Indexed by SectionKind - 1, which is also the order in the file.
const SectionEncoder kEncoders[kNumSectionKinds] = {
    encodeHeader,   encodeProvenance, encodeCores,  encodeParams, encodeGroups,
    encodeSynapses, encodeRoutes,     encodeInputs, encodeOutputs,
    encodeTarget};

/// Streams a valid `image` to `out`.
std::string encode(const Image &image, const Sink::Out &out) {
  uint64_t sizes[kNumSectionKinds];
  for (uint32_t k = 0; k < kNumSectionKinds; ++k) {
    Sink counter;
    kEncoders[k](counter, image);
    sizes[k] = counter.position();
  }
  uint64_t tableEnd = kFileHeaderSize + kSectionEntrySize * kNumSectionKinds;
  uint64_t fileSize = tableEnd + kTrailerSize;
  for (uint64_t size : sizes)
    fileSize += size;

  Sink s(out);
  s.bytes(reinterpret_cast<const uint8_t *>(kMagic), sizeof(kMagic));
  s.u32(kFormatVersion);
  s.u32(kNumSectionKinds);
  s.u64(fileSize);
  uint64_t offset = tableEnd;
  for (uint32_t k = 0; k < kNumSectionKinds; ++k) {
    s.u32(k + 1);
    s.u32(0);
    s.u64(offset);
    s.u64(sizes[k]);
    offset += sizes[k];
  }
  for (uint32_t k = 0; k < kNumSectionKinds; ++k)
    kEncoders[k](s, image);
  uint8_t crc[4];
  uint32_t sum = s.finish();
  for (int i = 0; i < 4; ++i)
    crc[i] = uint8_t(sum >> (8 * i));
  s.raw(crc, 4);
  if (!s.ok())
    return "cannot write the image";
  if (s.position() + kTrailerSize != fileSize)
    return "internal error: the image's sections changed size while written";
  return "";
}

} // namespace

std::string spikec::image::writeImage(const Image &image,
                                      std::vector<uint8_t> &bytes) {
  bytes.clear();
  std::string why = validate(image);
  if (!why.empty())
    return "invalid image: " + why;
  return encode(image, [&](const uint8_t *p, size_t n) {
    bytes.insert(bytes.end(), p, p + n);
    return true;
  });
}

std::string spikec::image::writeImageFile(const Image &image,
                                          const std::string &path) {
  // Checked before the file is opened, so a bad image leaves it alone.
  std::string why = validate(image);
  if (!why.empty())
    return path + ": invalid image: " + why;
  // Through a temporary renamed at the end: an error, a full disk or a
  // signal midway leaves the previous image or none.
  return writeFileAtomically(path, [&](llvm::raw_ostream &os) {
    std::string bad = encode(image, [&](const uint8_t *p, size_t n) {
      os.write(reinterpret_cast<const char *>(p), n);
      return true; // a write error shows at commit()
    });
    return bad.empty() ? "" : path + ": " + bad;
  });
}
