//===- ImageReader.cpp - decode and check a binary image ------------------===//
//
// The file is checked from the outside in: magic, version, size, checksum,
// section table, then each section's fields in turn (every read and every
// allocation bounded by the bytes the section has), then validate() for the
// indices. The first problem found is the message.
//
//===----------------------------------------------------------------------===//

#include "spikec/Image/ImageIO.h"

#include "ImageUtil.h"

#include <zlib.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sstream>

using namespace spikec::image;
using spikec::image::detail::cat;

namespace {

uint64_t le(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i)
    v |= uint64_t(p[i]) << (8 * i);
  return v;
}

/// Reads one section's fields, each bounded by the section's end. The first
/// failure is kept in `error` and makes every later read fail.
class Decoder {
public:
  Decoder(const uint8_t *file, uint64_t begin, uint64_t size, uint32_t kind)
      : file(file), pos(begin), end(begin + size), kind(kind) {}

  std::string error;

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
    v = file[pos++];
    return true;
  }
  bool u32(uint32_t &v, const char *what) {
    if (!need(4, what))
      return false;
    v = uint32_t(le(file + pos, 4));
    pos += 4;
    return true;
  }
  bool i32(int32_t &v, const char *what) {
    uint32_t u;
    if (!u32(u, what))
      return false;
    v = int32_t(u);
    return true;
  }
  bool u64(uint64_t &v, const char *what) {
    if (!need(8, what))
      return false;
    v = le(file + pos, 8);
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
    s.assign(reinterpret_cast<const char *>(file + pos), n);
    pos += n;
    return true;
  }
  /// n 32-bit values; checks the bytes are there before allocating.
  template <typename T>
  bool u32s(std::vector<T> &v, uint64_t n, const char *what) {
    if (!need(4 * n, what))
      return false;
    v.resize(n);
    for (T &x : v) {
      x = T(uint32_t(le(file + pos, 4)));
      pos += 4;
    }
    return true;
  }
  bool u8s(std::vector<uint8_t> &v, uint64_t n, const char *what) {
    if (!need(n, what))
      return false;
    v.assign(file + pos, file + pos + n);
    pos += n;
    return true;
  }
  bool endpoints(std::vector<Endpoint> &v, uint64_t n, const char *what) {
    if (!need(8 * n, what))
      return false;
    v.resize(n);
    for (Endpoint &e : v) {
      e.core = uint32_t(le(file + pos, 4));
      e.index = uint32_t(le(file + pos + 4, 4));
      pos += 8;
    }
    return true;
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
  bool need(uint64_t n, const char *what) {
    if (!error.empty())
      return false;
    if (n > end - pos)
      return fail(cat("truncated: ", what, " needs ", n, " bytes, only ",
                      end - pos, " are left in the section"));
    return true;
  }

  const uint8_t *file;
  uint64_t pos, end;
  uint32_t kind;
  const char *ctxItem = nullptr;
  uint64_t ctxIndex = 0;
};

std::string hashHex(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", (unsigned long long)h);
  return buf;
}

void decodeHeader(Decoder &d, Image &image) {
  Header &h = image.header;
  uint64_t hash = 0;
  d.str(h.target, "target name") && d.u64(hash, "target hash") &&
      d.f64(h.dt, "dt") && d.str(h.timing, "timing") &&
      d.u32(h.meshWidth, "mesh width") && d.u32(h.meshHeight, "mesh height") &&
      d.u32(h.coresPerTile, "cores per tile");
  h.targetHash = hashHex(hash);
}

void decodeProvenance(Decoder &d, Image &image) {
  Provenance &p = image.provenance;
  uint32_t n;
  if (!d.str(p.toolVersion, "tool version") || !d.str(p.network, "network") ||
      !d.count(n, 8, "options"))
    return;
  p.options.resize(n);
  for (auto &[name, value] : p.options)
    if (!d.str(name, "option name") || !d.str(value, "option value"))
      return;
}

/// The counts section 'cores' gives each core, for the sections after it.
struct CoreCounts {
  uint32_t axons = 0, groups = 0, synapses = 0, routes = 0;
};

void decodeCores(Decoder &d, Image &image, std::vector<CoreCounts> &counts) {
  uint32_t n;
  // x, y, slot, model length, neurons, axons, groups, synapses, routes.
  if (!d.count(n, 36, "cores"))
    return;
  image.cores.resize(n);
  counts.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    Core &c = image.cores[i];
    CoreCounts &k = counts[i];
    d.at("core", i);
    if (!d.u32(c.x, "x") || !d.u32(c.y, "y") || !d.u32(c.slot, "slot") ||
        !d.str(c.model, "model") || !d.u32(c.numNeurons, "neuron count") ||
        !d.u32(k.axons, "axon count") || !d.u32(k.groups, "group count") ||
        !d.u32(k.synapses, "synapse count") || !d.u32(k.routes, "route count"))
      return;
  }
}

void decodeParams(Decoder &d, Image &image) {
  for (size_t i = 0; i < image.cores.size(); ++i) {
    Core &c = image.cores[i];
    uint32_t n;
    if (!d.coreBlock(i) || !d.count(n, 8, "parameters"))
      return;
    c.params.resize(n);
    for (NeuronParam &p : c.params) {
      uint32_t values;
      if (!d.str(p.name, "parameter name") ||
          !d.u32(values, "parameter value count") ||
          !d.u32s(p.values, values, "parameter values"))
        return;
    }
  }
}

void decodeGroups(Decoder &d, Image &image,
                  const std::vector<CoreCounts> &counts) {
  for (size_t i = 0; i < image.cores.size(); ++i) {
    Core &c = image.cores[i];
    uint32_t groups, axons;
    if (!d.coreBlock(i) || !d.u32(groups, "group count") ||
        !d.same(groups, counts[i].groups, "groups") ||
        !d.u32(axons, "axon count") || !d.same(axons, counts[i].axons, "axons"))
      return;
    // Each group is 12 bytes: bounded before the resize.
    std::vector<uint32_t> raw;
    if (!d.u32s(raw, 3 * uint64_t(groups), "groups"))
      return;
    c.groups.resize(groups);
    for (uint32_t g = 0; g < groups; ++g)
      c.groups[g] = {raw[3 * g], int32_t(raw[3 * g + 1]), raw[3 * g + 2]};
    if (!d.u32s(c.axonGroup, axons, "axon groups"))
      return;
  }
}

void decodeSynapses(Decoder &d, Image &image,
                    const std::vector<CoreCounts> &counts) {
  for (size_t i = 0; i < image.cores.size(); ++i) {
    Core &c = image.cores[i];
    uint32_t axons, synapses;
    uint8_t typed;
    if (!d.coreBlock(i) || !d.u32(axons, "axon count") ||
        !d.same(axons, counts[i].axons, "axons") ||
        !d.u32(synapses, "synapse count") ||
        !d.same(synapses, counts[i].synapses, "synapses") ||
        !d.u8(typed, "axon type flag"))
      return;
    if (typed > 1) {
      d.fail(cat("axon type flag is ", unsigned(typed), ", not 0 or 1"));
      return;
    }
    if (!d.u32s(c.axonOffsets, uint64_t(axons) + 1, "axon offsets") ||
        !d.u32s(c.synTarget, synapses, "synapse targets") ||
        !d.u32s(c.synWeight, synapses, "synapse weights") ||
        !d.u8s(c.synAxonType, typed ? synapses : 0, "axon types"))
      return;
  }
}

void decodeRoutes(Decoder &d, Image &image,
                  const std::vector<CoreCounts> &counts) {
  for (size_t i = 0; i < image.cores.size(); ++i) {
    Core &c = image.cores[i];
    uint32_t neurons, routes;
    if (!d.coreBlock(i) || !d.u32(neurons, "neuron count") ||
        !d.same(neurons, c.numNeurons, "neurons") ||
        !d.u32(routes, "route count") ||
        !d.same(routes, counts[i].routes, "routes") ||
        !d.u32s(c.routeOffsets, uint64_t(neurons) + 1, "route offsets") ||
        !d.endpoints(c.routes, routes, "routes"))
      return;
  }
}

/// The most dimensions an input's shape may have.
constexpr uint32_t kMaxInputRank = 16;

void decodeInputs(Decoder &d, Image &image, uint32_t version) {
  uint32_t n;
  // name length, width, kind length, attribute count, destination count,
  // one offset (and from version 2 a rank and one dimension).
  if (!d.count(n, version >= 2 ? 32 : 24, "inputs"))
    return;
  image.inputs.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    Input &in = image.inputs[i];
    uint32_t attrs, dests;
    d.at("input", i);
    if (!d.str(in.name, "input name") || !d.u32(in.width, "input width"))
      return;
    if (version >= 2) {
      uint32_t rank;
      if (!d.u32(rank, "shape rank"))
        return;
      if (rank < 1 || rank > kMaxInputRank) {
        d.fail(cat("shape has ", rank, " dimensions, not 1 to ",
                   kMaxInputRank));
        return;
      }
      if (!d.u32s(in.shape, rank, "shape"))
        return;
    } else {
      in.shape = {in.width};
    }
    if (!d.str(in.encoder.kind, "encoder kind") ||
        !d.count(attrs, 13, "encoder attributes"))
      return;
    in.encoder.attrs.resize(attrs);
    for (EncoderAttr &a : in.encoder.attrs) {
      uint8_t type;
      uint64_t bits;
      if (!d.str(a.name, "attribute name") || !d.u8(type, "attribute type") ||
          !d.u64(bits, "attribute value"))
        return;
      if (type == 0) {
        a.value = int64_t(bits);
      } else if (type == 1) {
        double f;
        std::memcpy(&f, &bits, 8);
        a.value = f;
      } else if (type == 2 && bits <= 1) {
        a.value = bits == 1;
      } else {
        d.fail(cat("encoder attribute '", a.name, "' has type ", unsigned(type),
                   " and value ", bits,
                   " (types: 0 int, 1 float, 2 bool of 0 or 1)"));
        return;
      }
    }
    if (!d.u32(dests, "destination count") ||
        !d.u32s(in.offsets, uint64_t(in.width) + 1, "element offsets") ||
        !d.endpoints(in.dests, dests, "destinations"))
      return;
  }
}

void decodeOutputs(Decoder &d, Image &image) {
  uint32_t n;
  if (!d.count(n, 8, "outputs"))
    return;
  image.outputs.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    Output &out = image.outputs[i];
    d.at("output", i);
    if (!d.str(out.name, "output name") || !d.u32(out.width, "output width") ||
        !d.endpoints(out.sources, out.width, "sources"))
      return;
  }
}

struct Section {
  uint32_t kind;
  uint64_t offset, size;
  size_t entry;
};

/// Checks the section table; fills one entry per kind.
std::string readTable(const uint8_t *data, uint32_t count, uint64_t tableEnd,
                      uint64_t crcAt, uint32_t kinds,
                      Section (&byKind)[kNumSectionKinds]) {
  std::vector<Section> sections;
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t *e = data + kFileHeaderSize + kSectionEntrySize * i;
    Section s{uint32_t(le(e, 4)), le(e + 8, 8), le(e + 16, 8), i};
    uint32_t reserved = uint32_t(le(e + 4, 4));
    if (reserved != 0)
      return cat("section table entry ", i, ": reserved field is ", reserved,
                 ", not 0");
    if (s.kind < 1 || s.kind > kinds)
      return cat("section table entry ", i, ": unknown section kind ", s.kind);
    if (byKind[s.kind - 1].kind != 0)
      return cat("section table entry ", i, ": a second '", sectionName(s.kind),
                 "' section (the first is entry ", byKind[s.kind - 1].entry,
                 ")");
    if (s.offset < tableEnd || s.offset > crcAt || s.size > crcAt - s.offset)
      return cat("section '", sectionName(s.kind), "' (entry ", i, "): bytes [",
                 s.offset, ", ", s.offset, " + ", s.size,
                 ") are outside the sections' area [", tableEnd, ", ", crcAt,
                 ")");
    byKind[s.kind - 1] = s;
    sections.push_back(s);
  }
  for (uint32_t k = 0; k < kinds; ++k)
    if (byKind[k].kind == 0)
      return cat("the image has no '", sectionName(k + 1), "' section");
  std::sort(
      sections.begin(), sections.end(), [](const Section &a, const Section &b) {
        return a.offset < b.offset || (a.offset == b.offset && a.kind < b.kind);
      });
  for (size_t i = 1; i < sections.size(); ++i)
    if (sections[i].offset < sections[i - 1].offset + sections[i - 1].size)
      return cat("sections '", sectionName(sections[i - 1].kind), "' and '",
                 sectionName(sections[i].kind), "' overlap at byte ",
                 sections[i].offset);
  return "";
}

/// "" when the image is for the expected target.
std::string checkTarget(const Header &h, const TargetCheck &expect) {
  if (!expect.target.empty() && h.target != expect.target)
    return cat("the image is for target '", h.target, "', not '", expect.target,
               "'");
  if (!expect.targetHash.empty() && h.targetHash != expect.targetHash)
    return cat("the image was compiled for target '", h.target, "' with hash ",
               h.targetHash, ", but the target's hash is now ",
               expect.targetHash, " (recompile the network)");
  return "";
}

} // namespace

const char *spikec::image::sectionName(uint32_t kind) {
  static const char *const names[] = {"header", "provenance", "cores",
                                      "params", "groups",     "synapses",
                                      "routes", "inputs",     "outputs",
                                      "target"};
  return kind >= 1 && kind <= kNumSectionKinds ? names[kind - 1] : "?";
}

ImageOrError spikec::image::readImage(const uint8_t *data, size_t size,
                                      const TargetCheck &expect) {
  size_t prefix = std::min(size, sizeof(kMagic));
  if (prefix > 0 && std::memcmp(data, kMagic, prefix) != 0) {
    std::ostringstream s;
    s << "not a spikec image: it starts with";
    for (size_t i = 0; i < prefix; ++i) {
      char hex[4];
      std::snprintf(hex, sizeof(hex), " %02x", data[i]);
      s << hex;
    }
    s << ", not 'SPIKEIMG'";
    return s.str();
  }
  if (size < kFileHeaderSize)
    return cat("truncated: ", size, " bytes, less than the ", kFileHeaderSize,
               "-byte file header");
  uint32_t version = uint32_t(le(data + 8, 4));
  if (version < kOldestFormatVersion || version > kFormatVersion)
    return cat("unsupported format version ", version, " (this reader knows ",
               kOldestFormatVersion, " to ", kFormatVersion, ")");
  uint32_t kinds =
      version >= 2 ? kNumSectionKinds : kNumSectionKindsV1;
  uint32_t count = uint32_t(le(data + 12, 4));
  uint64_t fileSize = le(data + 16, 8);
  if (fileSize > size)
    return cat("truncated: the header says ", fileSize, " bytes, the file has ",
               size);
  if (fileSize < size)
    return cat("the file has ", size, " bytes, more than the ", fileSize,
               " its header says");
  uint64_t tableEnd = kFileHeaderSize + kSectionEntrySize * uint64_t(count);
  if (tableEnd + kTrailerSize > fileSize)
    return cat("a section table of ", count, " entries does not fit in the ",
               fileSize, "-byte file");
  uint64_t crcAt = fileSize - kTrailerSize;
  uint32_t stored = uint32_t(le(data + crcAt, 4));
  uint32_t computed = uint32_t(crc32_z(crc32_z(0, nullptr, 0), data, crcAt));
  if (stored != computed) {
    char buf[96];
    std::snprintf(buf, sizeof(buf),
                  "checksum mismatch: the file says %08x, its bytes give %08x",
                  stored, computed);
    return std::string(buf);
  }
  Section byKind[kNumSectionKinds] = {};
  std::string why = readTable(data, count, tableEnd, crcAt, kinds, byKind);
  if (!why.empty())
    return why;

  ImageOrError result{Image()};
  Image &image = std::get<Image>(result);
  std::vector<CoreCounts> counts;
  auto decode = [&](SectionKind kind, auto &&fn) {
    const Section &s = byKind[uint32_t(kind) - 1];
    Decoder d(data, s.offset, s.size, s.kind);
    fn(d);
    d.finish();
    why = d.error;
    return why.empty();
  };
  bool ok =
      decode(SectionKind::Header, [&](Decoder &d) { decodeHeader(d, image); });
  image.header.version = version;
  if (ok && !(why = checkTarget(image.header, expect)).empty())
    return why;
  ok = ok &&
       decode(SectionKind::Provenance,
              [&](Decoder &d) { decodeProvenance(d, image); }) &&
       decode(SectionKind::Cores,
              [&](Decoder &d) { decodeCores(d, image, counts); }) &&
       decode(SectionKind::Params,
              [&](Decoder &d) { decodeParams(d, image); }) &&
       decode(SectionKind::Groups,
              [&](Decoder &d) { decodeGroups(d, image, counts); }) &&
       decode(SectionKind::Synapses,
              [&](Decoder &d) { decodeSynapses(d, image, counts); }) &&
       decode(SectionKind::Routes,
              [&](Decoder &d) { decodeRoutes(d, image, counts); }) &&
       decode(SectionKind::Inputs,
              [&](Decoder &d) { decodeInputs(d, image, version); }) &&
       decode(SectionKind::Outputs,
              [&](Decoder &d) { decodeOutputs(d, image); }) &&
       (version < 2 || decode(SectionKind::Target, [&](Decoder &d) {
          d.str(image.targetDescription, "target description");
        }));
  if (!ok)
    return why;
  why = validate(image);
  if (!why.empty())
    return "invalid image: " + why;
  return result;
}

ImageOrError spikec::image::readImageFile(const std::string &path,
                                          const TargetCheck &expect) {
  // Mapped, not read into a buffer: the file's pages stay the kernel's page
  // cache, so the decoded image is the only copy of the synapse arrays.
  int fd = ::open(path.c_str(), O_RDONLY);
  struct stat st;
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    std::string why = path + ": cannot open: " + std::strerror(errno);
    if (fd >= 0)
      ::close(fd);
    return why;
  }
  size_t size = size_t(st.st_size);
  void *map = nullptr;
  if (size > 0) {
    map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (map == MAP_FAILED) {
      std::string why = path + ": cannot map: " + std::strerror(errno);
      ::close(fd);
      return why;
    }
  }
  ::close(fd);
  ImageOrError result =
      readImage(static_cast<const uint8_t *>(map), size, expect);
  if (map)
    ::munmap(map, size);
  if (auto *error = std::get_if<std::string>(&result))
    *error = path + ": " + *error;
  return result;
}
