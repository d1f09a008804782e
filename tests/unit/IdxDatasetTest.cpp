//===- IdxDatasetTest.cpp - the IDX dataset reader ------------------------===//
//
// IDX files written byte by byte here (plain and gzip-compressed with
// zlib), the real Fashion-MNIST test set when it is installed, and every
// error the reader reports.
//
//===----------------------------------------------------------------------===//

#include "spikec/IO/IdxDataset.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <doctest/doctest.h>
#include <zlib.h>

#include <fstream>

using namespace spikec::io;

namespace {

/// A temporary file with `bytes`, gzip-compressed when `gz`.
struct TempFile {
  std::string path;
  TempFile(const std::string &name, const std::string &bytes, bool gz = false) {
    llvm::SmallString<128> dir;
    llvm::sys::path::system_temp_directory(true, dir);
    llvm::sys::path::append(dir, "spikec-idx-" + std::to_string(getpid()) +
                                     "-" + name);
    path = std::string(dir);
    if (gz) {
      gzFile f = gzopen(path.c_str(), "wb");
      gzwrite(f, bytes.data(), unsigned(bytes.size()));
      gzclose(f);
    } else {
      std::ofstream(path, std::ios::binary) << bytes;
    }
  }
  ~TempFile() { llvm::sys::fs::remove(path); }
};

/// An IDX header of unsigned bytes with these dimensions.
std::string header(std::initializer_list<uint32_t> dims) {
  std::string out = {0, 0, 8, char(dims.size())};
  for (uint32_t d : dims)
    for (int shift = 24; shift >= 0; shift -= 8)
      out += char((d >> shift) & 0xff);
  return out;
}

std::string error(const std::variant<IdxArray, std::string> &r) {
  auto *e = std::get_if<std::string>(&r);
  return e ? *e : "";
}

} // namespace

TEST_CASE("idx: a 2 x 2 x 3 array, plain and gzip") {
  std::string bytes = header({2, 2, 3}) + std::string("\x01\x02\x03\x04\x05"
                                                      "\x06\x07\x08\x09\x0a"
                                                      "\x0b\xff", 12);
  for (bool gz : {false, true}) {
    TempFile file(gz ? "a.gz" : "a", bytes, gz);
    auto read = readIdxFile(file.path);
    REQUIRE(error(read) == "");
    const IdxArray &a = std::get<IdxArray>(read);
    CHECK(a.dims == std::vector<uint32_t>{2, 2, 3});
    REQUIRE(a.data.size() == 12);
    CHECK(a.data[0] == 1);
    CHECK(a.data[11] == 255);
  }
}

TEST_CASE("idx: images and labels") {
  TempFile images("i", header({3, 2, 2}) + std::string(12, '\x10'));
  TempFile labels("l", header({3}) + std::string("\x02\x00\x04", 3), true);
  auto read = readIdxDataset(images.path, labels.path);
  REQUIRE(std::holds_alternative<LabelledImages>(read));
  const LabelledImages &d = std::get<LabelledImages>(read);
  CHECK(d.count == 3);
  CHECK(d.itemSize == 4);
  CHECK(d.labels == std::vector<uint8_t>{2, 0, 4});
  CHECK(d.numClasses == 5); // the largest label, 4, plus one

  TempFile two("l2", header({2}) + std::string("\x01\x01", 2));
  auto mismatch = readIdxDataset(images.path, two.path);
  REQUIRE(std::holds_alternative<std::string>(mismatch));
  CHECK(std::get<std::string>(mismatch) ==
        two.path + ": 2 labels for the 3 images of " + images.path);
  auto flat = readIdxDataset(labels.path, labels.path);
  REQUIRE(std::holds_alternative<std::string>(flat));
  CHECK(std::get<std::string>(flat) ==
        labels.path + ": images need at least 2 dimensions (count, "
                      "values...), the file has 1");
  auto notLabels = readIdxDataset(images.path, images.path);
  REQUIRE(std::holds_alternative<std::string>(notLabels));
  CHECK(std::get<std::string>(notLabels) ==
        images.path + ": labels need 1 dimension, the file has 3");
}

TEST_CASE("idx: errors") {
  CHECK(error(readIdxFile("/nonexistent/x.idx")) ==
        "/nonexistent/x.idx: cannot open: No such file or directory");
  TempFile elf("elf", "\x7f" "ELF\x02\x01");
  CHECK(error(readIdxFile(elf.path)) ==
        elf.path + ": not an IDX file: it starts with 7f 45 4c 46, not 00 00 "
                   "<type> <dimensions>");
  TempFile tiny("tiny", std::string("\0\0", 2));
  CHECK(error(readIdxFile(tiny.path)) ==
        tiny.path + ": truncated: 2 bytes, less than the 4-byte IDX magic");
  TempFile floats("f", std::string("\0\0\x0d\x01", 4) + "\0\0\0\0");
  CHECK(error(readIdxFile(floats.path)) ==
        floats.path +
            ": IDX type 0x0d is not supported (only 0x08, unsigned bytes)");
  // 4 + 4 * 3 = 16 header bytes; 10 are there.
  TempFile shortHeader("h", header({2, 2, 3}).substr(0, 10));
  CHECK(error(readIdxFile(shortHeader.path)) ==
        shortHeader.path + ": truncated: 10 bytes, less than the 16-byte "
                           "header of 3 dimensions");
  // 2 x 2 x 3 = 12 values; 11 are there (and 13 in the next).
  TempFile truncated("t", header({2, 2, 3}) + std::string(11, '\1'), true);
  CHECK(error(readIdxFile(truncated.path)) ==
        truncated.path +
            ": truncated: 11 bytes of data, the dimensions 2 x 2 x 3 need 12");
  TempFile trailing("t2", header({2, 2, 3}) + std::string(13, '\1'));
  CHECK(error(readIdxFile(trailing.path)) ==
        trailing.path + ": trailing bytes: 13 bytes of data, the dimensions "
                        "2 x 2 x 3 need 12");
  // A gzip stream cut in half: zlib reports the missing end.
  std::string whole;
  {
    TempFile gz("g", header({4, 100}) + std::string(400, '\7'), true);
    std::ifstream in(gz.path, std::ios::binary);
    whole.assign(std::istreambuf_iterator<char>(in), {});
  }
  TempFile cut("cut", whole.substr(0, whole.size() / 2));
  std::string message = error(readIdxFile(cut.path));
  CHECK(message.rfind(cut.path + ": corrupt gzip stream: ", 0) == 0);
}

TEST_CASE("idx: the Fashion-MNIST test set") {
  const std::string dir = "/usr/share/datasets/fashion-mnist/";
  if (!llvm::sys::fs::exists(dir + "t10k-images-idx3-ubyte.gz"))
    return; // dataset-fashion-mnist is not installed
  auto read = readIdxDataset(dir + "t10k-images-idx3-ubyte.gz",
                             dir + "t10k-labels-idx1-ubyte.gz");
  REQUIRE(std::holds_alternative<LabelledImages>(read));
  const LabelledImages &d = std::get<LabelledImages>(read);
  // The published test set: 10000 images of 28 x 28, 10 classes, 1000 each.
  CHECK(d.count == 10000);
  CHECK(d.itemSize == 28 * 28);
  CHECK(d.numClasses == 10);
  std::vector<int> perClass(10, 0);
  for (uint8_t label : d.labels)
    perClass[label] += 1;
  CHECK(perClass == std::vector<int>(10, 1000));
}
