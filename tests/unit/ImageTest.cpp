//===- ImageTest.cpp - the hardware image: round trip and corruptions -----===//
//
// An image using every section and field survives a write and a read field
// by field; each kind of corruption gets its own message (the index checks
// with the CRC recomputed, so that the index check is what fires); random
// flips and truncations never crash the reader, which either refuses them or
// returns a valid image. Offsets into the file follow docs/image-format.md.
//
//
// Longer than 600 lines: one case per field of the format and per kind of
// corruption, each naming its offset; they share one fixture image.
//===----------------------------------------------------------------------===//

#include "spikec/Image/ImageIO.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <random>

#include <unistd.h>

using namespace spikec::image;

namespace {

/// Two cores of different models (one with axon types), two dendrite groups
/// with a delay and a weight exponent, per-neuron and shared parameters,
/// recurrent and inter-core routes, three inputs (rate, delta, none) and two
/// outputs.
Image sampleImage() {
  Image img;
  img.header.target = "mixed";
  img.header.targetHash = "00112233aabbccdd";
  img.header.dt = 1e-3;
  img.header.meshWidth = 2;
  img.header.meshHeight = 2;
  img.header.coresPerTile = 2;
  img.provenance = {
      "spikec 0.1", "two-models", {{"target", "mixed"}, {"approx", "none"}}};

  Core c0;
  c0.x = 0, c0.y = 0, c0.slot = 0;
  c0.model = "loihi";
  c0.numNeurons = 3;
  c0.params = {{"du", {4095}}, {"dv", {410, 300, 200}}, {"vth_mant", {100}}};
  c0.groups = {{8, 0, 0}, {6, -2, 1}};
  c0.axonGroup = {0, 0, 1, 1};
  c0.axonOffsets = {0, 2, 3, 5, 6};
  c0.synTarget = {0, 2, 1, 0, 2, 1};
  c0.synWeight = {5, -7, 127, -32, 31, 0};
  c0.routeOffsets = {0, 2, 2, 3};
  c0.routes = {{1, 0}, {1, 1}, {0, 3}};

  Core c1;
  c1.x = 1, c1.y = 0, c1.slot = 1;
  c1.model = "truenorth";
  c1.numNeurons = 2;
  c1.params = {{"weight0", {3, 2}}, {"weight1", {-4}}, {"leak", {-1}}};
  c1.groups = {{9, 0, 0}};
  c1.axonGroup = {0, 0};
  c1.axonOffsets = {0, 2, 3};
  c1.synTarget = {0, 1, 1};
  c1.synWeight = {3, -4, 2};
  c1.synAxonType = {0, 1, 3};
  c1.routeOffsets = {0, 1, 1};
  c1.routes = {{0, 0}};
  img.cores = {c0, c1};

  Input x{"x",
          2,
          {"rate", {{"gain", 0.5}, {"seed", int64_t(-7)}}},
          {0, 1, 3},
          {{0, 1}, {1, 0}, {1, 1}}};
  Input d{"d",
          1,
          {"delta", {{"threshold", 0.25}, {"off_spikes", true}}},
          {0, 1},
          {{0, 2}}};
  Input raw{"raw", 1, {}, {0, 0}, {}};
  img.inputs = {x, d, raw};
  img.outputs = {{"y", 2, {{1, 0}, {1, 1}}}, {"z", 1, {{0, 2}}}};
  return img;
}

std::vector<uint8_t> sampleBytes() {
  std::vector<uint8_t> bytes;
  REQUIRE(writeImage(sampleImage(), bytes) == "");
  return bytes;
}

uint64_t getLE(const std::vector<uint8_t> &b, size_t at, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i)
    v |= uint64_t(b.at(at + i)) << (8 * i);
  return v;
}

void putLE(std::vector<uint8_t> &b, size_t at, uint64_t v, int n) {
  for (int i = 0; i < n; ++i)
    b.at(at + i) = uint8_t(v >> (8 * i));
}

/// Recomputes the trailing CRC32 (and nothing else).
void fixCrc(std::vector<uint8_t> &b) {
  putLE(b, b.size() - 4, crc32(0, b.data(), uInt(b.size() - 4)), 4);
}

/// The table entry of section `kind` (the writer puts entry k - 1 there).
size_t entryOf(SectionKind kind) {
  return kFileHeaderSize + kSectionEntrySize * (uint32_t(kind) - 1);
}

size_t sectionAt(const std::vector<uint8_t> &b, SectionKind kind) {
  return size_t(getLE(b, entryOf(kind) + 8, 8));
}

/// The reader's error for `bytes`, "" when it returned an image.
std::string errorOf(const std::vector<uint8_t> &bytes,
                    const TargetCheck &expect = {}) {
  ImageOrError r = readImage(bytes.data(), bytes.size(), expect);
  if (auto *e = std::get_if<std::string>(&r))
    return *e;
  return "";
}

/// Sets the u32 at `offset` bytes into section `kind`, fixes the CRC and
/// returns the reader's error.
std::string corruptU32(SectionKind kind, size_t offset, uint32_t value) {
  std::vector<uint8_t> b = sampleBytes();
  putLE(b, sectionAt(b, kind) + offset, value, 4);
  fixCrc(b);
  return errorOf(b);
}

void checkSameEndpoints(const std::vector<Endpoint> &a,
                        const std::vector<Endpoint> &b) {
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].core == b[i].core);
    CHECK(a[i].index == b[i].index);
  }
}

void checkSameImage(const Image &a, const Image &b) {
  CHECK(a.header.version == b.header.version);
  CHECK(a.header.target == b.header.target);
  CHECK(a.header.targetHash == b.header.targetHash);
  CHECK(a.header.dt == b.header.dt);
  CHECK(a.header.timing == b.header.timing);
  CHECK(a.header.meshWidth == b.header.meshWidth);
  CHECK(a.header.meshHeight == b.header.meshHeight);
  CHECK(a.header.coresPerTile == b.header.coresPerTile);
  CHECK(a.provenance.toolVersion == b.provenance.toolVersion);
  CHECK(a.provenance.network == b.provenance.network);
  CHECK(a.provenance.options == b.provenance.options);
  REQUIRE(a.cores.size() == b.cores.size());
  for (size_t i = 0; i < a.cores.size(); ++i) {
    const Core &p = a.cores[i], &q = b.cores[i];
    CAPTURE(i);
    CHECK(p.x == q.x);
    CHECK(p.y == q.y);
    CHECK(p.slot == q.slot);
    CHECK(p.model == q.model);
    CHECK(p.numNeurons == q.numNeurons);
    REQUIRE(p.params.size() == q.params.size());
    for (size_t k = 0; k < p.params.size(); ++k) {
      CHECK(p.params[k].name == q.params[k].name);
      CHECK(p.params[k].values == q.params[k].values);
    }
    REQUIRE(p.groups.size() == q.groups.size());
    for (size_t g = 0; g < p.groups.size(); ++g) {
      CHECK(p.groups[g].weightBits == q.groups[g].weightBits);
      CHECK(p.groups[g].weightExp == q.groups[g].weightExp);
      CHECK(p.groups[g].delay == q.groups[g].delay);
    }
    CHECK(p.axonGroup == q.axonGroup);
    CHECK(p.axonOffsets == q.axonOffsets);
    CHECK(p.synTarget == q.synTarget);
    CHECK(p.synWeight == q.synWeight);
    CHECK(p.synAxonType == q.synAxonType);
    CHECK(p.routeOffsets == q.routeOffsets);
    checkSameEndpoints(p.routes, q.routes);
  }
  REQUIRE(a.inputs.size() == b.inputs.size());
  for (size_t i = 0; i < a.inputs.size(); ++i) {
    const Input &p = a.inputs[i], &q = b.inputs[i];
    CHECK(p.name == q.name);
    CHECK(p.width == q.width);
    CHECK(p.encoder.kind == q.encoder.kind);
    REQUIRE(p.encoder.attrs.size() == q.encoder.attrs.size());
    for (size_t k = 0; k < p.encoder.attrs.size(); ++k) {
      CHECK(p.encoder.attrs[k].name == q.encoder.attrs[k].name);
      CHECK(p.encoder.attrs[k].value == q.encoder.attrs[k].value);
    }
    CHECK(p.offsets == q.offsets);
    checkSameEndpoints(p.dests, q.dests);
  }
  REQUIRE(a.outputs.size() == b.outputs.size());
  for (size_t i = 0; i < a.outputs.size(); ++i) {
    CHECK(a.outputs[i].name == b.outputs[i].name);
    CHECK(a.outputs[i].width == b.outputs[i].width);
    checkSameEndpoints(a.outputs[i].sources, b.outputs[i].sources);
  }
}

} // namespace

TEST_CASE("image: every section and field survives a round trip") {
  Image img = sampleImage();
  std::vector<uint8_t> bytes = sampleBytes();
  ImageOrError back =
      readImage(bytes.data(), bytes.size(), {"mixed", "00112233aabbccdd"});
  REQUIRE(std::holds_alternative<Image>(back));
  checkSameImage(img, std::get<Image>(back));
  // Types survive: the seed stays an integer, off_spikes a bool.
  const Encoder &rate = std::get<Image>(back).inputs[0].encoder;
  CHECK(std::get<int64_t>(rate.attrs[1].value) == -7);
  CHECK(std::get<bool>(std::get<Image>(back).inputs[1].encoder.attrs[1].value));

  // Through a file, and writing the same image twice gives the same bytes.
  std::string path =
      "/tmp/spikec-image-test-" + std::to_string(getpid()) + ".simg";
  REQUIRE(writeImageFile(img, path) == "");
  ImageOrError fromFile = readImageFile(path);
  std::remove(path.c_str());
  REQUIRE(std::holds_alternative<Image>(fromFile));
  checkSameImage(img, std::get<Image>(fromFile));
  std::vector<uint8_t> again;
  REQUIRE(writeImage(std::get<Image>(fromFile), again) == "");
  CHECK(again == bytes);
}

TEST_CASE("image: the file header is laid out as documented") {
  std::vector<uint8_t> b = sampleBytes();
  CHECK(std::string(b.begin(), b.begin() + 8) == "SPIKEIMG");
  CHECK(getLE(b, 8, 4) == kFormatVersion);
  CHECK(getLE(b, 12, 4) == kNumSectionKinds);
  CHECK(getLE(b, 16, 8) == b.size());
  CHECK(getLE(b, b.size() - 4, 4) == crc32(0, b.data(), uInt(b.size() - 4)));
  // The header section: target name, hash, dt as IEEE-754 bits.
  size_t h = sectionAt(b, SectionKind::Header);
  CHECK(sectionAt(b, SectionKind::Header) ==
        kFileHeaderSize + kSectionEntrySize * kNumSectionKinds);
  CHECK(getLE(b, h, 4) == 5);
  CHECK(std::string(b.begin() + h + 4, b.begin() + h + 9) == "mixed");
  CHECK(getLE(b, h + 9, 8) == 0x00112233aabbccddull);
  CHECK(getLE(b, h + 17, 8) == 0x3F50624DD2F1A9FCull); // 1e-3
}

TEST_CASE("image: the writer refuses an invalid image") {
  Image img = sampleImage();
  img.cores[0].synTarget[1] = 3;
  std::vector<uint8_t> bytes = {1, 2, 3};
  CHECK(writeImage(img, bytes) ==
        "invalid image: core 0: axon 0: synapse 1 targets neuron 3 outside "
        "[0, 3)");
  CHECK(bytes.empty());
  // A file already there is left alone.
  std::string path =
      "/tmp/spikec-image-test-keep-" + std::to_string(getpid()) + ".simg";
  { std::ofstream(path) << "old"; }
  CHECK(writeImageFile(img, path).find("invalid image") != std::string::npos);
  std::ifstream in(path);
  std::string kept;
  in >> kept;
  CHECK(kept == "old");
  std::remove(path.c_str());
}

TEST_CASE("image: validate names each inconsistency") {
  auto why = [](auto change) {
    Image img = sampleImage();
    change(img);
    return validate(img);
  };
  CHECK(why([](Image &) {}) == "");
  CHECK(why([](Image &i) { i.header.targetHash = "00112233AABBCCDD"; }) ==
        "header: target hash '00112233AABBCCDD' is not 16 lowercase hex "
        "digits");
  CHECK(why([](Image &i) { i.cores[1].x = 2; }) ==
        "core 1: at (2, 0, 1), outside the 2x2x2 mesh");
  CHECK(why([](Image &i) { i.cores[1].slot = 0, i.cores[1].x = 0; }) ==
        "core 1: at (0, 0, 0), where core 0 is");
  CHECK(why([](Image &i) { i.cores[0].params[1].values.pop_back(); }) ==
        "core 0: parameter 'dv' has 2 values, needs 1 or one per neuron (3)");
  CHECK(why([](Image &i) { i.cores[0].synWeight[2] = 128; }) ==
        "core 0: axon 1: synapse 2 has weight 128, outside group 0's 8-bit "
        "range [-128, 127]");
  CHECK(why([](Image &i) { i.cores[0].axonOffsets.pop_back(); }) ==
        "core 0: needs 5 synapse offsets (4 axons + 1), has 4");
  CHECK(why([](Image &i) { i.inputs[0].encoder.kind = "poisson"; }) ==
        "input 'x': unknown encoder kind 'poisson' (known: direct, rate, "
        "latency, delta)");
  CHECK(why([](Image &i) { i.outputs[1].name = "y"; }) ==
        "output 'y': the name is empty or used twice");
  CHECK(why([](Image &i) { i.outputs[0].width = 3; }) ==
        "output 'y': 3 wide but has 2 sources");
}

TEST_CASE("image: truncated files are refused at every length") {
  std::vector<uint8_t> b = sampleBytes();
  for (size_t n : {size_t(0), size_t(5), size_t(8), size_t(23), size_t(24),
                   size_t(100), b.size() / 2, b.size() - 1}) {
    CAPTURE(n);
    std::string e =
        errorOf(std::vector<uint8_t>(b.begin(), b.begin() + long(n)));
    CHECK(e.rfind("truncated: ", 0) == 0);
  }
  CHECK(errorOf(std::vector<uint8_t>(b.begin(), b.begin() + 20)) ==
        "truncated: 20 bytes, less than the 24-byte file header");
  CHECK(errorOf(std::vector<uint8_t>(b.begin(), b.end() - 1)) ==
        "truncated: the header says " + std::to_string(b.size()) +
            " bytes, the file has " + std::to_string(b.size() - 1));
  b.push_back(0);
  CHECK(errorOf(b) == "the file has " + std::to_string(b.size()) +
                          " bytes, more than the " +
                          std::to_string(b.size() - 1) + " its header says");
}

TEST_CASE("image: a flipped byte anywhere after the header fails the "
          "checksum") {
  std::vector<uint8_t> good = sampleBytes();
  for (size_t at = kFileHeaderSize; at < good.size(); at += 7) {
    std::vector<uint8_t> b = good;
    b[at] ^= 0x10;
    CAPTURE(at);
    CHECK(errorOf(b).rfind("checksum mismatch: the file says ", 0) == 0);
  }
}

TEST_CASE("image: wrong magic and unknown version") {
  std::vector<uint8_t> b = sampleBytes();
  b[0] = 'X';
  CHECK(errorOf(b) == "not a spikec image: it starts with 58 50 49 4b 45 49 "
                      "4d 47, not 'SPIKEIMG'");
  b = sampleBytes();
  putLE(b, 8, 3, 4);
  CHECK(errorOf(b) ==
        "unsupported format version 3 (this reader knows 1 to 2)");
  b = sampleBytes();
  putLE(b, 8, 0, 4);
  CHECK(errorOf(b) ==
        "unsupported format version 0 (this reader knows 1 to 2)");
}

TEST_CASE("image: a bad section table") {
  auto withEntry = [](SectionKind kind, size_t field, uint64_t value,
                      int width) {
    std::vector<uint8_t> b = sampleBytes();
    putLE(b, entryOf(kind) + field, value, width);
    fixCrc(b);
    return errorOf(b);
  };
  size_t end = sampleBytes().size() - 4,
         tableEnd = entryOf(SectionKind::Header) +
                    kSectionEntrySize * kNumSectionKinds;
  CHECK(withEntry(SectionKind::Routes, 8, end + 1, 8) ==
        "section 'routes' (entry 6): bytes [" + std::to_string(end + 1) + ", " +
            std::to_string(end + 1) + " + " +
            std::to_string(
                getLE(sampleBytes(), entryOf(SectionKind::Routes) + 16, 8)) +
            ") are outside the sections' area [" + std::to_string(tableEnd) +
            ", " + std::to_string(end) + ")");
  CHECK(withEntry(SectionKind::Outputs, 16, 1000, 8)
            .find("section 'outputs' (entry 8): bytes [") == 0);
  CHECK(withEntry(SectionKind::Header, 8, 0, 8)
            .find("are outside the sections' area") != std::string::npos);
  CHECK(withEntry(SectionKind::Cores, 0, 42, 4) ==
        "section table entry 2: unknown section kind 42");
  CHECK(withEntry(SectionKind::Cores, 0, 1, 4) ==
        "section table entry 2: a second 'header' section (the first is "
        "entry 0)");
  CHECK(withEntry(SectionKind::Cores, 4, 1, 4) ==
        "section table entry 2: reserved field is 1, not 0");
  size_t header = sectionAt(sampleBytes(), SectionKind::Header);
  CHECK(withEntry(SectionKind::Provenance, 8, header, 8) ==
        "sections 'header' and 'provenance' overlap at byte " +
            std::to_string(header));

  std::vector<uint8_t> b = sampleBytes();
  putLE(b, 12, 8, 4);
  fixCrc(b);
  CHECK(errorOf(b) == "the image has no 'outputs' section");
  putLE(b, 12, 0xFFFFFFFF, 4);
  fixCrc(b);
  CHECK(errorOf(b) == "a section table of 4294967295 entries does not fit in "
                      "the " +
                          std::to_string(b.size()) + "-byte file");
}

TEST_CASE("image: lengths that claim more bytes than the section has") {
  size_t cores = sectionAt(sampleBytes(), SectionKind::Cores);
  size_t coresSize = getLE(sampleBytes(), entryOf(SectionKind::Cores) + 16, 8);
  CHECK(corruptU32(SectionKind::Cores, 0, 1000000) ==
        "section 'cores' at byte " + std::to_string(cores + 4) +
            ": claims 1000000 cores of at least 36 bytes each, but only " +
            std::to_string(coresSize - 4) + " bytes are left in the section");
  // The model name's length: after the count, x, y and slot.
  CHECK(corruptU32(SectionKind::Cores, 16, 0xFFFFFFF0)
            .find(": core 0: truncated: model needs 4294967280 bytes, only ") !=
        std::string::npos);
  // The value count of core 0's first parameter (core, count, "du").
  CHECK(
      corruptU32(SectionKind::Params, 14, 0x40000000)
          .find("core 0: truncated: parameter values needs 4294967296 bytes") !=
      std::string::npos);
  // A section shorter than its fields: drop the outputs' last 4 bytes.
  std::vector<uint8_t> b = sampleBytes();
  size_t entry = entryOf(SectionKind::Outputs) + 16;
  putLE(b, entry, getLE(b, entry, 8) - 4, 8);
  fixCrc(b);
  CHECK(errorOf(b).find("section 'outputs' at byte ") == 0);
  CHECK(errorOf(b).find("output 1: truncated: sources needs 8 bytes, only 4 "
                        "are left in the section") != std::string::npos);
}

TEST_CASE("image: sizes inconsistent between sections") {
  // Synapses of core 0: core, axons, synapses, flag.
  CHECK(corruptU32(SectionKind::Synapses, 8, 5)
            .find("core 0: has 5 synapses, but section 'cores' says 6") !=
        std::string::npos);
  CHECK(corruptU32(SectionKind::Groups, 8, 3)
            .find("core 0: has 3 axons, but section 'cores' says 4") !=
        std::string::npos);
  CHECK(corruptU32(SectionKind::Routes, 4, 2)
            .find("core 0: has 2 neurons, but section 'cores' says 3") !=
        std::string::npos);
  CHECK(corruptU32(SectionKind::Synapses, 0, 1)
            .find("core 0: holds the data of core 1 where core 0's belongs") !=
        std::string::npos);
}

TEST_CASE("image: indices out of range, with the checksum recomputed") {
  struct Case {
    SectionKind section;
    size_t offset;
    uint32_t value;
    const char *error;
  };
  // Offsets in the section, from docs/image-format.md and sampleImage():
  // - routes of core 0: core, neurons, routes, 4 offsets (12), then (core,
  //   axon) pairs (28);
  // - synapses of core 0: 13 bytes of counts and flag, 5 offsets (13),
  //   6 targets (33), 6 weights (57); core 1's block starts at 81;
  // - groups of core 0: core, groups, axons, 2 groups of 12 bytes (12),
  //   4 axon groups (36);
  // - input 'x': count, name (4), width (9), shape rank and its one
  //   dimension (13), "rate" (21), attribute count (29), 2 attributes of 17
  //   bytes (33), destination count (67), 3 offsets (71), then (core, axon)
  //   pairs (83);
  // - output 'y': count, name (4), width (9), then (core, neuron) (13).
  const Case cases[] = {
      {SectionKind::Routes, 28, 7,
       "core 0: neuron 0: destination 0 names core 7, the image has 2 cores"},
      {SectionKind::Routes, 32, 9,
       "core 0: neuron 0: destination 0 names axon 9 of core 1, which has 2 "
       "axons"},
      {SectionKind::Routes, 16, 3,
       "core 0: route offsets decrease at neuron 2 (3 then 2)"},
      {SectionKind::Routes, 24, 2,
       "core 0: route offsets end at 2, but there are 3 routes"},
      {SectionKind::Synapses, 33, 3,
       "core 0: axon 0: synapse 0 targets neuron 3 outside [0, 3)"},
      {SectionKind::Synapses, 57 + 12, 32,
       "core 0: axon 2: synapse 3 has weight 32, outside group 1's 6-bit "
       "range [-32, 31]"},
      {SectionKind::Synapses, 17, 4,
       "core 0: synapse offsets decrease at axon 2 (4 then 3)"},
      {SectionKind::Groups, 36, 2,
       "core 0: axon 0 is in group 2, the core has 2 groups"},
      {SectionKind::Groups, 12, 33,
       "core 0: group 0: weight bits 33 outside [1, 32]"},
      {SectionKind::Inputs, 87, 4,
       "input 'x': element 0: destination 0 names axon 4 of core 0, which "
       "has 4 axons"},
      {SectionKind::Inputs, 83, 2,
       "input 'x': element 0: destination 0 names core 2, the image has 2 "
       "cores"},
      {SectionKind::Inputs, 79, 2,
       "input 'x': destination offsets end at 2, but there are 3 "
       "destinations"},
      {SectionKind::Outputs, 13, 2,
       "output 'y': element 0 names core 2, the image has 2 cores"},
      {SectionKind::Outputs, 17, 5,
       "output 'y': element 0 names neuron 5 of core 1, which has 2 "
       "neurons"},
  };
  for (const Case &c : cases) {
    CAPTURE(c.error);
    CHECK(corruptU32(c.section, c.offset, c.value) ==
          std::string("invalid image: ") + c.error);
  }
  // Axon types are bytes: core 1's first, after its counts, 3 offsets,
  // 3 targets and 3 weights.
  std::vector<uint8_t> b = sampleBytes();
  b.at(sectionAt(b, SectionKind::Synapses) + 81 + 49) = 4;
  fixCrc(b);
  CHECK(errorOf(b) == "invalid image: core 1: axon 0: synapse 0 has axon "
                      "type 4 outside [0, 4)");
}

TEST_CASE("image: malformed fields inside a section") {
  std::vector<uint8_t> b = sampleBytes();
  b.at(sectionAt(b, SectionKind::Synapses) + 12) = 2;
  fixCrc(b);
  CHECK(errorOf(b).find("core 0: axon type flag is 2, not 0 or 1") !=
        std::string::npos);
  b = sampleBytes();
  // The type byte of input 'x''s first attribute ("gain").
  b.at(sectionAt(b, SectionKind::Inputs) + 41) = 3;
  fixCrc(b);
  CHECK(errorOf(b).find("input 0: encoder attribute 'gain' has type 3") !=
        std::string::npos);
  // A section longer than its fields: provenance with its option count
  // (after two 10-character strings) down from 2 to 1 leaves the second
  // option's 4 + 6 + 4 + 4 bytes.
  CHECK(corruptU32(SectionKind::Provenance, 28, 1)
            .find("18 bytes left over after the last field") !=
        std::string::npos);
}

TEST_CASE("image: a target mismatch") {
  std::vector<uint8_t> b = sampleBytes();
  CHECK(errorOf(b, {"mixed", "00112233aabbccdd"}) == "");
  CHECK(errorOf(b, {"loihi", ""}) ==
        "the image is for target 'mixed', not 'loihi'");
  CHECK(errorOf(b, {"mixed", "ffffffffffffffff"}) ==
        "the image was compiled for target 'mixed' with hash "
        "00112233aabbccdd, but the target's hash is now ffffffffffffffff "
        "(recompile the network)");
}

TEST_CASE("image: random flips and truncations never crash the reader") {
  const std::vector<uint8_t> good = sampleBytes();
  std::mt19937 rng(20240605);
  int accepted = 0, refused = 0;
  for (int iter = 0; iter < 4000; ++iter) {
    std::vector<uint8_t> b = good;
    int mode = iter % 4;
    if (mode == 3) {
      // Truncated, with the size field and the CRC made to agree.
      size_t n = std::uniform_int_distribution<size_t>(28, b.size())(rng);
      b.resize(n);
      putLE(b, 16, n, 8);
      fixCrc(b);
    } else {
      int flips = std::uniform_int_distribution<int>(1, 4)(rng);
      for (int f = 0; f < flips; ++f) {
        // Mostly inside the sections, where the CRC fix lets them through.
        size_t at = std::uniform_int_distribution<size_t>(
            mode == 0 ? 0 : kFileHeaderSize, b.size() - 5)(rng);
        b[at] ^= uint8_t(1u << std::uniform_int_distribution<int>(0, 7)(rng));
      }
      if (mode != 0)
        fixCrc(b);
    }
    ImageOrError r = readImage(b.data(), b.size());
    if (auto *e = std::get_if<std::string>(&r)) {
      CHECK(!e->empty());
      ++refused;
    } else {
      CHECK(validate(std::get<Image>(r)) == "");
      ++accepted;
    }
  }
  CHECK(refused > 3000);
  MESSAGE("fuzz: " << refused << " refused, " << accepted << " accepted");
}

TEST_CASE("image: JSON and summary hold the content") {
  Image img = sampleImage();
  nlohmann::json j = toJSON(img);
  CHECK(j["header"]["target_hash"] == "00112233aabbccdd");
  CHECK(j["header"]["mesh"]["cores_per_tile"] == 2);
  CHECK(j["provenance"]["options"][1] == nlohmann::json({"approx", "none"}));
  const nlohmann::json &c0 = j["cores"][0];
  CHECK(c0["params"]["du"] == 4095);
  CHECK(c0["params"]["dv"] == nlohmann::json({410, 300, 200}));
  CHECK(c0["groups"][1] ==
        nlohmann::json({{"weight_bits", 6}, {"weight_exp", -2}, {"delay", 1}}));
  CHECK(c0["axons"][2] ==
        nlohmann::json(
            {{"group", 1}, {"targets", {0, 2}}, {"weights", {-32, 31}}}));
  CHECK(c0["routes"][0] == nlohmann::json({{1, 0}, {1, 1}}));
  CHECK(c0["routes"][1] == nlohmann::json::array());
  CHECK(j["cores"][1]["axons"][0]["types"] == nlohmann::json({0, 1}));
  CHECK(j["inputs"][0]["encoder"] ==
        nlohmann::json({{"kind", "rate"}, {"gain", 0.5}, {"seed", -7}}));
  CHECK(j["inputs"][1]["encoder"]["off_spikes"] == true);
  CHECK(j["inputs"][2]["encoder"].is_null());
  CHECK(j["inputs"][0]["destinations"][1] == nlohmann::json({{1, 0}, {1, 1}}));
  CHECK(j["outputs"][0]["sources"] == nlohmann::json({{1, 0}, {1, 1}}));

  std::string s = summarize(img);
  CHECK(s.find("image version 2 for target 'mixed' (hash 00112233aabbccdd), "
               "mesh 2x2x2, dt 0.001 s, hardware timing\n") == 0);
  CHECK(s.find("2 cores: 5 neurons, 6 axons, 9 synapses, 4 routes\n") !=
        std::string::npos);
  CHECK(s.find("  core 1 at (1, 0, 1): truenorth, 2 neurons, 2 axons in 1 "
               "groups, 3 synapses (typed), 1 routes\n") != std::string::npos);
  CHECK(s.find("  'x': 2 wide, encoder rate {gain=0.5, seed=-7}, 3 "
               "destinations\n") != std::string::npos);
  CHECK(s.find("  'raw': 1 wide, encoder none, 0 destinations\n") !=
        std::string::npos);
}
