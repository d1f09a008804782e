//===- NIRImportFuzzTest.cpp - seeded mutations of real NIR files ---------===//
//
// Feeds the NIR importer corrupted copies of every fixture: random byte
// flips, truncations and zeroed runs, from a fixed seed so failures replay.
// The importer must return a module or an error for each, never crash; the
// counts of each outcome are printed for the record.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Import/Import.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>

namespace {

std::vector<char> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const std::string &path, const std::vector<char> &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), bytes.size());
}

std::vector<std::string> fixtures() {
  std::vector<std::string> out;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(SPIKEC_SHARED_DIR "/nir", ec), end;
       it != end && !ec; it.increment(ec))
    if (llvm::StringRef(it->path()).ends_with(".nir"))
      out.push_back(it->path());
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

TEST_CASE("NIR importer survives seeded mutations of every fixture") {
  auto files = fixtures();
  REQUIRE(files.size() >= 8);
  llvm::SmallString<128> tmp;
  REQUIRE(!llvm::sys::fs::createTemporaryFile("spikec-fuzz", "nir", tmp));
  std::mt19937_64 rng(20261122);
  int imported = 0, rejected = 0, libraryCrashes = 0;
  constexpr int kMutationsPerFile = 40;
  for (const std::string &file : files) {
    std::vector<char> original = readFile(file);
    REQUIRE(!original.empty());
    for (int m = 0; m < kMutationsPerFile; ++m) {
      std::vector<char> bytes = original;
      switch (m % 3) {
      case 0: // flip a few random bytes
        for (int k = 0; k < 1 + int(rng() % 8); ++k)
          bytes[rng() % bytes.size()] ^= char(1 + rng() % 255);
        break;
      case 1: // truncate
        bytes.resize(rng() % bytes.size());
        break;
      case 2: { // zero a run
        size_t at = rng() % bytes.size();
        size_t len = std::min<size_t>(1 + rng() % 64, bytes.size() - at);
        std::fill_n(bytes.begin() + at, len, 0);
        break;
      }
      }
      writeFile(tmp.str().str(), bytes);
      mlir::MLIRContext ctx;
      int errors = 0;
      mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &d) {
        if (d.getSeverity() == mlir::DiagnosticSeverity::Error) {
          ++errors;
          // libhdf5 itself crashing, contained in the reader's child.
          if (llvm::StringRef(d.str()).contains("HDF5 library"))
            ++libraryCrashes;
        }
        return mlir::success();
      });
      spikec::ImportOptions options;
      options.hdf5CpuSeconds = 2; // a few mutations make libhdf5 loop
      auto module = spikec::importNIR(tmp.str(), &ctx, options);
      if (module) {
        ++imported;
      } else {
        // A refusal must say why.
        CHECK_MESSAGE(errors > 0, file << " mutation " << m);
        ++rejected;
      }
    }
  }
  llvm::sys::fs::remove(tmp);
  MESSAGE("NIR mutations: " << imported << " imported, " << rejected
                            << " rejected with an error (" << libraryCrashes
                            << " of them libhdf5 crashes or hangs contained in "
                               "the reader process), 0 crashes of spikec");
  CHECK(imported + rejected == int(files.size()) * kMutationsPerFile);
}
