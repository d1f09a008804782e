//===- ImageFileTest.cpp - the file reader answers as the memory reader ---===//
//
// readImageFile reads a window at a time and checksums as it goes, and
// readImage checksums the whole buffer first; for every file, damaged or
// not, both must give the same image or the same message. The image is a
// few MiB, so that arrays span many of the file reader's windows.
//
//===----------------------------------------------------------------------===//

#include "spikec/Image/ImageIO.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdio>
#include <fstream>
#include <random>

#include <unistd.h>

using namespace spikec::image;

namespace {

/// Two cores, the second with 300k synapses (2.4 MiB of them).
Image bigImage() {
  Image img;
  img.header.target = "loihi";
  img.header.targetHash = "00112233aabbccdd";
  img.header.meshWidth = 2;
  img.header.meshHeight = 1;
  img.header.coresPerTile = 1;
  img.provenance = {"test", "big", {}};
  std::mt19937 rng(7);
  for (uint32_t i = 0; i < 2; ++i) {
    Core c;
    c.x = i;
    c.model = "loihi";
    c.numNeurons = 1000;
    c.params = {{"du", {4095}}, {"bias", std::vector<int32_t>(1000, 3)}};
    c.groups = {{8, 0, 0}};
    uint32_t axons = i == 0 ? 10 : 3000, fan = i == 0 ? 5 : 100;
    c.axonGroup.assign(axons, 0);
    for (uint32_t a = 0; a < axons; ++a) {
      c.axonOffsets.push_back((a + 1) * fan);
      for (uint32_t k = 0; k < fan; ++k) {
        c.synTarget.push_back(rng() % 1000);
        c.synWeight.push_back(int32_t(rng() % 256) - 128);
      }
    }
    for (uint32_t n = 0; n < 1000; ++n) {
      c.routes.push_back({1 - i, n % (i == 0 ? 3000 : 10)});
      c.routeOffsets.push_back(n + 1);
    }
    img.cores.push_back(c);
  }
  img.inputs = {{"x", 1, {}, {0, 1}, {{0, 0}}, {1}}};
  img.outputs = {{"y", 1, {{1, 0}}}};
  return img;
}

void fixCrc(std::vector<uint8_t> &b) {
  uint32_t crc = uint32_t(crc32_z(0, b.data(), b.size() - 4));
  for (int i = 0; i < 4; ++i)
    b[b.size() - 4 + i] = uint8_t(crc >> (8 * i));
}

/// Both readers' answers: the message, or "" and the image written back.
std::pair<std::string, std::vector<uint8_t>>
answer(ImageOrError r, const std::string &strip = "") {
  if (auto *e = std::get_if<std::string>(&r)) {
    std::string msg = *e;
    if (!strip.empty() && msg.rfind(strip, 0) == 0)
      msg = msg.substr(strip.size());
    return {msg, {}};
  }
  std::vector<uint8_t> bytes;
  REQUIRE(writeImage(std::get<Image>(r), bytes) == "");
  return {"", bytes};
}

void checkSameAnswer(const std::vector<uint8_t> &b, const std::string &path) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char *>(b.data()),
              std::streamsize(b.size()));
  }
  auto fromMemory = answer(readImage(b.data(), b.size()));
  auto fromFile = answer(readImageFile(path), path + ": ");
  CHECK(fromFile.first == fromMemory.first);
  CHECK(fromFile.second == fromMemory.second);
}

} // namespace

TEST_CASE("image: the file reader answers as the memory reader") {
  std::vector<uint8_t> good;
  REQUIRE(writeImage(bigImage(), good) == "");
  REQUIRE(good.size() > (2u << 20));
  std::string path =
      "/tmp/spikec-image-file-test-" + std::to_string(getpid()) + ".simg";
  checkSameAnswer(good, path);
  auto back = answer(readImageFile(path));
  CHECK(back.first == "");
  CHECK(back.second == good);

  // Sections in reverse order with bytes between them (the format allows
  // both): the file reader combines the sections' CRCs in file order.
  {
    auto get = [&](size_t at, int n) {
      uint64_t v = 0;
      for (int i = 0; i < n; ++i)
        v |= uint64_t(good[at + i]) << (8 * i);
      return v;
    };
    uint32_t count = uint32_t(get(12, 4));
    size_t tableEnd = kFileHeaderSize + kSectionEntrySize * count;
    std::vector<uint8_t> b(good.begin(), good.begin() + tableEnd);
    for (uint32_t k = count; k-- > 0;) {
      size_t entry = kFileHeaderSize + kSectionEntrySize * k;
      uint64_t offset = get(entry + 8, 8), size = get(entry + 16, 8);
      b.insert(b.end(), {0xAA, 0xBB, 0xCC});
      for (int i = 0; i < 8; ++i)
        b[entry + 8 + i] = uint8_t(uint64_t(b.size()) >> (8 * i));
      b.insert(b.end(), good.begin() + offset, good.begin() + offset + size);
    }
    b.resize(b.size() + 4);
    for (int i = 0; i < 8; ++i)
      b[16 + i] = uint8_t(uint64_t(b.size()) >> (8 * i));
    fixCrc(b);
    checkSameAnswer(b, path);
    CHECK(answer(readImageFile(path)).second == good);
    b[tableEnd] ^= 1; // the bytes between sections are checksummed too
    checkSameAnswer(b, path);
    CHECK(answer(readImageFile(path)).first.find("checksum mismatch") !=
          std::string::npos);
  }

  std::mt19937 rng(20261207);
  for (int iter = 0; iter < 120; ++iter) {
    std::vector<uint8_t> b = good;
    int mode = iter % 4;
    if (mode == 3) {
      // Truncated, with the size field and the CRC made to agree.
      size_t n = std::uniform_int_distribution<size_t>(0, b.size())(rng);
      b.resize(n);
      if (n >= 28) {
        for (int i = 0; i < 8; ++i)
          b[16 + i] = uint8_t(uint64_t(n) >> (8 * i));
        fixCrc(b);
      }
    } else {
      // Flips anywhere (the checksum catches them) or, with the CRC fixed,
      // inside the sections, where the field checks must.
      size_t at = std::uniform_int_distribution<size_t>(
          mode == 0 ? 0 : kFileHeaderSize, b.size() - 5)(rng);
      b[at] ^= uint8_t(1u << (rng() % 8));
      if (mode == 2)
        fixCrc(b);
    }
    checkSameAnswer(b, path);
  }
  std::remove(path.c_str());
}
