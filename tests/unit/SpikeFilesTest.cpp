//===- SpikeFilesTest.cpp - spike file reading and writing ----------------===//
//
// The .npy reader on hand-written bytes (every dtype family, both byte
// orders, Fortran order, format version 2), the JSON input reader, and the
// output writers.
//
//===----------------------------------------------------------------------===//

#include "spikec/IO/SpikeFiles.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <doctest/doctest.h>

#include <cstring>

using namespace spikec;

namespace {

/// Collects the diagnostics of a context as "file: message" lines.
struct Diags {
  mlir::MLIRContext ctx;
  std::string text;
  mlir::ScopedDiagnosticHandler handler{&ctx, [this](mlir::Diagnostic &d) {
    if (auto loc = d.getLocation()->findInstanceOf<mlir::FileLineColLoc>())
      text += loc.getFilename().str() + ": ";
    text += d.str() + "\n";
    return mlir::success();
  }};
};

/// An .npy file: magic, version, little-endian header length, the header
/// dict padded with spaces and a newline to a multiple of 64, then `data`.
std::string npy(const std::string &descr, bool fortran,
                const std::string &shape, const std::string &data,
                int version = 1) {
  std::string dict = "{'descr': '" + descr + "', 'fortran_order': " +
                     (fortran ? "True" : "False") + ", 'shape': " + shape +
                     ", }";
  size_t prefix = version == 1 ? 10 : 12;
  size_t total = prefix + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict += '\n';
  std::string out = "\x93NUMPY";
  out += char(version);
  out += char(0);
  size_t len = dict.size();
  out += char(len & 0xff);
  out += char((len >> 8) & 0xff);
  if (version != 1) {
    out += char(0);
    out += char(0);
  }
  return out + dict + data;
}

template <typename T>
std::string bytes(std::initializer_list<T> values, bool bigEndian = false) {
  std::string out;
  for (T v : values) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    if (bigEndian)
      std::reverse(b, b + sizeof(T));
    out.append(b, sizeof(T));
  }
  return out;
}

io::InputSpec spec(std::vector<int64_t> shape, std::string name = "x") {
  return io::InputSpec{std::move(name), std::move(shape)};
}

} // namespace

TEST_CASE("npy: little-endian float64, C order") {
  Diags d;
  auto rows = io::parseNpy(npy("<f8", false, "(3, 2)",
                               bytes<double>({1, 2, 3, 4, 5.5, -6})),
                           "a.npy", spec({2}), &d.ctx);
  REQUIRE(succeeded(rows));
  CHECK(*rows == ref::Rows{{1, 2}, {3, 4}, {5.5, -6}});
}

TEST_CASE("npy: integer, unsigned and bool dtypes") {
  Diags d;
  auto i16 = io::parseNpy(npy("<i2", false, "(2, 2)",
                              bytes<int16_t>({-1, 300, -32768, 7})),
                          "a.npy", spec({2}), &d.ctx);
  REQUIRE(succeeded(i16));
  CHECK(*i16 == ref::Rows{{-1, 300}, {-32768, 7}});
  auto i64 = io::parseNpy(npy("<i8", false, "(1, 2)",
                              bytes<int64_t>({-5, int64_t(1) << 40})),
                          "a.npy", spec({2}), &d.ctx);
  REQUIRE(succeeded(i64));
  CHECK(*i64 == ref::Rows{{-5, double(int64_t(1) << 40)}});
  auto u8 = io::parseNpy(npy("|u1", false, "(2, 1)", "\xff\x01"), "a.npy",
                         spec({1}), &d.ctx);
  REQUIRE(succeeded(u8));
  CHECK(*u8 == ref::Rows{{255}, {1}});
  auto b1 = io::parseNpy(npy("|b1", false, "(3, 1)", std::string("\1\0\1", 3)),
                         "a.npy", spec({1}), &d.ctx);
  REQUIRE(succeeded(b1));
  CHECK(*b1 == ref::Rows{{1}, {0}, {1}});
  CHECK(d.text.empty());
}

TEST_CASE("npy: big-endian float32 and half floats") {
  Diags d;
  auto be = io::parseNpy(npy(">f4", false, "(1, 3)",
                             bytes<float>({0.5f, -2.0f, 3.25f}, true)),
                         "a.npy", spec({3}), &d.ctx);
  REQUIRE(succeeded(be));
  CHECK(*be == ref::Rows{{0.5, -2.0, 3.25}});
  // 1.0 = 0x3C00, -0.5 = 0xB800, 65504 = 0x7BFF (the largest half).
  auto half = io::parseNpy(npy("<f2", false, "(1, 3)",
                               bytes<uint16_t>({0x3C00, 0xB800, 0x7BFF})),
                           "a.npy", spec({3}), &d.ctx);
  REQUIRE(succeeded(half));
  CHECK(*half == ref::Rows{{1.0, -0.5, 65504.0}});
}

TEST_CASE("npy: Fortran order is transposed back") {
  Diags d;
  // The 2 x 3 array [[1, 2, 3], [4, 5, 6]] stored column by column.
  auto rows = io::parseNpy(npy("<f8", true, "(2, 3)",
                               bytes<double>({1, 4, 2, 5, 3, 6})),
                           "a.npy", spec({3}), &d.ctx);
  REQUIRE(succeeded(rows));
  CHECK(*rows == ref::Rows{{1, 2, 3}, {4, 5, 6}});
}

TEST_CASE("npy: T x shape arrays and format version 2") {
  Diags d;
  auto rows = io::parseNpy(npy("<f4", false, "(2, 2, 2)",
                               bytes<float>({1, 2, 3, 4, 5, 6, 7, 8}), 2),
                           "a.npy", spec({2, 2}), &d.ctx);
  REQUIRE(succeeded(rows));
  CHECK(*rows == ref::Rows{{1, 2, 3, 4}, {5, 6, 7, 8}});
}

TEST_CASE("npy: errors name the file and the problem") {
  auto error = [](const std::string &file, const io::InputSpec &s) {
    Diags d;
    CHECK(failed(io::parseNpy(file, "bad.npy", s, &d.ctx)));
    return d.text;
  };
  CHECK(error(npy("<f8", false, "(4,)", bytes<double>({1, 2, 3, 4})),
              spec({1})) ==
        "bad.npy: expected a T x N array (one row per timestep), got 1 "
        "dimension (shape (4,)); reshape it to (T, 1)\n");
  CHECK(error(npy("<f8", false, "(1, 3)", bytes<double>({1, 2, 3})),
              spec({2})) ==
        "bad.npy: rows have 3 values (shape 1x3), input 'x' takes 2\n");
  CHECK(error(npy("<f8", false, "(2, 2)", bytes<double>({1, 2, 3})),
              spec({2})) ==
        "bad.npy: truncated data: shape 2x2 needs 32 bytes, the file has 24\n");
  CHECK(error(npy("<U1", false, "(1, 1)", "abcd"), spec({1})) ==
        "bad.npy: dtype '<U1' is not numeric (expected an integer, float or "
        "bool array)\n");
  CHECK(error(npy("<c8", false, "(1, 1)", "abcdefgh"), spec({1})) ==
        "bad.npy: dtype '<c8' is not supported (expected an integer, float "
        "or bool array)\n");
  CHECK(error(npy("<f8", false, "(2, 1)", bytes<double>({1, NAN})),
              spec({1})) ==
        "bad.npy: row 1, column 0: value is NaN (inputs must be finite)\n");
  CHECK(error("PK\3\4 a zip file, not an array", spec({1})) ==
        "bad.npy: not an .npy file (no \\x93NUMPY magic)\n");
  CHECK(error(npy("<f8", false, "(1, 1)", "").substr(0, 20), spec({1})) ==
        "bad.npy: truncated .npy header\n");
}

TEST_CASE("input JSON: a list of rows, an object, nested rows") {
  Diags d;
  std::vector<io::InputSpec> one{spec({2})};
  auto list = io::parseInputJSON("[[1, 2], [3.5, -4]]", "in.json", one,
                                 &d.ctx);
  REQUIRE(succeeded(list));
  CHECK((*list)["x"] == ref::Rows{{1, 2}, {3.5, -4}});

  std::vector<io::InputSpec> two{spec({1}, "a"), spec({2, 2}, "b")};
  auto object = io::parseInputJSON(
      R"({"a": [1, [2]], "b": [[[1, 2], [3, 4]], [5, 6, 7, 8]]})", "in.json",
      two, &d.ctx);
  REQUIRE(succeeded(object));
  CHECK((*object)["a"] == ref::Rows{{1}, {2}});
  CHECK((*object)["b"] == ref::Rows{{1, 2, 3, 4}, {5, 6, 7, 8}});
  CHECK(d.text.empty());
}

TEST_CASE("input JSON: errors carry the JSON pointer") {
  std::vector<io::InputSpec> one{spec({2})};
  std::vector<io::InputSpec> two{spec({1}, "a"), spec({2, 2}, "b")};
  auto error = [](const char *text, const std::vector<io::InputSpec> &s) {
    Diags d;
    CHECK(failed(io::parseInputJSON(text, "in.json", s, &d.ctx)));
    return d.text;
  };
  CHECK(error("[[1, 2], [3]]", one) ==
        "in.json: /1: row 1 has 1 values, input 'x' takes 2\n");
  CHECK(error("[[1, 2], [3, true]]", one) ==
        "in.json: /1/1: expected a number, got boolean true\n");
  CHECK(error("[[1, 2], [3, \"inf\"]]", one) ==
        "in.json: /1/1: expected a number, got string \"inf\" (NaN and "
        "infinity are not allowed)\n");
  CHECK(error("[[1, 2], [3, -1e400]]", one) ==
        "in.json: /1/1: number -1e400 is out of range (it does not fit a "
        "double)\n");
  CHECK(error(R"({"b": [[[1, 2], [3]]]})", two) ==
        "in.json: /b/0/1: expected 2 values, got 1\n");
  CHECK(error(R"({"a": [[1]], "a": [[2]]})", two) ==
        "in.json: /a: duplicate key \"a\" in one object\n");
  CHECK(error(R"({"c": [[1]]})", two) ==
        "in.json: /c: unknown input 'c' (the network's inputs: a, b)\n");
  CHECK(error("[[1]]", two) ==
        "in.json: a list of rows needs a network with one input; this one "
        "has 2 (a, b): give an object {\"<input name>\": rows}\n");
  CHECK(error("{\"x\": [[1, 2]]", one).find("malformed JSON") !=
        std::string::npos);
}

TEST_CASE("output JSON: one row per line, integers for integral values") {
  ref::Trace trace;
  trace.timesteps = 2;
  trace.outputs["y"] = {{0, 1}, {1, 0}};
  trace.probes["h:v"] = {{0.25, -1.5}, {0.1, NAN}};
  CHECK(io::traceToJSON(trace) == R"({
  "timesteps": 2,
  "outputs": {
    "y": [
      [0, 1],
      [1, 0]
    ]
  },
  "probes": {
    "h:v": [
      [0.25, -1.5],
      [0.1, null]
    ]
  }
}
)");
  ref::Trace empty;
  CHECK(io::traceToJSON(empty) ==
        "{\n  \"timesteps\": 0,\n  \"outputs\": {},\n  \"probes\": {}\n}\n");
}

TEST_CASE("output .npy: one file per output and probe, read back") {
  CHECK(io::npyOutputPath("dir/run.npy", "y") == "dir/run.y.npy");
  CHECK(io::npyProbePath("run.npy", "h:v") == "run.probe.h.v.npy");
  CHECK(io::npyOutputPath("run.npy", "a/b c") == "run.a_b_c.npy");

  llvm::SmallString<128> dir;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("spikefiles", dir));
  std::string path = (dir + "/run.npy").str();
  ref::Trace trace;
  trace.timesteps = 3;
  trace.outputs["y"] = {{0, 1}, {1, 0}, {0.5, 2}};
  trace.probes["h:v"] = {{0.25}, {-1}, {3}};
  Diags d;
  REQUIRE(succeeded(io::writeTrace(path, trace, &d.ctx)));
  for (auto [file, width, rows] :
       {std::tuple{io::npyOutputPath(path, "y"), 2, trace.outputs["y"]},
        std::tuple{io::npyProbePath(path, "h:v"), 1, trace.probes["h:v"]}}) {
    auto buffer = llvm::MemoryBuffer::getFile(file);
    REQUIRE(buffer);
    auto back = io::parseNpy((*buffer)->getBuffer(), file,
                             spec({int64_t(width)}), &d.ctx);
    REQUIRE(succeeded(back));
    CHECK(*back == rows);
  }
  CHECK(d.text.empty());
  llvm::sys::fs::remove_directories(dir);
}
