//===- ImageReader.cpp - decode and check a binary image ------------------===//
//
// The file is checked from the outside in: magic, version, size, checksum,
// section table, then each section's fields in turn (every read and every
// allocation bounded by the bytes the section has), then validate() for the
// indices. The first problem found is the message.
//
//===----------------------------------------------------------------------===//

#include "spikec/Image/ImageIO.h"

#include "ImageDecoder.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <sstream>

using namespace spikec::image;
using namespace spikec::image::detail;

namespace {

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

} // namespace

std::string detail::readTable(const uint8_t *data, uint32_t count,
                              uint64_t tableEnd, uint64_t crcAt, uint32_t kinds,
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

namespace {

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

std::string detail::parseHead(const uint8_t *data, uint64_t size, FileHead &h) {
  size_t prefix = size_t(std::min<uint64_t>(size, sizeof(kMagic)));
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
  h.version = uint32_t(le(data + 8, 4));
  if (h.version < kOldestFormatVersion || h.version > kFormatVersion)
    return cat("unsupported format version ", h.version, " (this reader knows ",
               kOldestFormatVersion, " to ", kFormatVersion, ")");
  h.kinds = h.version >= 2 ? kNumSectionKinds : kNumSectionKindsV1;
  h.count = uint32_t(le(data + 12, 4));
  uint64_t fileSize = le(data + 16, 8);
  if (fileSize > size)
    return cat("truncated: the header says ", fileSize, " bytes, the file has ",
               size);
  if (fileSize < size)
    return cat("the file has ", size, " bytes, more than the ", fileSize,
               " its header says");
  h.tableEnd = kFileHeaderSize + kSectionEntrySize * uint64_t(h.count);
  if (h.tableEnd + kTrailerSize > fileSize)
    return cat("a section table of ", h.count, " entries does not fit in the ",
               fileSize, "-byte file");
  h.crcAt = fileSize - kTrailerSize;
  return "";
}

std::string detail::checksumMismatch(uint32_t stored, uint32_t computed) {
  char buf[96];
  std::snprintf(buf, sizeof(buf),
                "checksum mismatch: the file says %08x, its bytes give %08x",
                stored, computed);
  return buf;
}

std::string detail::decodeSections(const Source &src, const Section *byKind,
                                   const FileHead &head,
                                   const TargetCheck &expect, Image &image,
                                   uint32_t *crcs) {
  std::string why;
  std::vector<CoreCounts> counts;
  auto decode = [&](SectionKind kind, auto &&fn) {
    const Section &s = byKind[uint32_t(kind) - 1];
    Decoder d(src, s.offset, s.size, s.kind);
    fn(d);
    d.finish();
    why = d.error;
    crcs[s.kind - 1] = d.crc;
    return why.empty();
  };
  uint32_t version = head.version;
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
  return why;
}

ImageOrError spikec::image::readImage(const uint8_t *data, size_t size,
                                      const TargetCheck &expect) {
  FileHead head;
  std::string why = parseHead(data, size, head);
  if (!why.empty())
    return why;
  uint32_t stored = uint32_t(le(data + head.crcAt, 4));
  uint32_t computed = libdeflate_crc32(0, data, head.crcAt);
  if (stored != computed)
    return checksumMismatch(stored, computed);
  Section byKind[kNumSectionKinds] = {};
  why = readTable(data, head.count, head.tableEnd, head.crcAt, head.kinds,
                  byKind);
  if (!why.empty())
    return why;
  ImageOrError result{Image()};
  uint32_t crcs[kNumSectionKinds];
  why = decodeSections(Source{data}, byKind, head, expect,
                       std::get<Image>(result), crcs);
  if (why.empty())
    why = validate(std::get<Image>(result));
  else
    return why;
  if (!why.empty())
    return "invalid image: " + why;
  return result;
}
