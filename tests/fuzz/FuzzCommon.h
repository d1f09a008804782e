//===- FuzzCommon.h - Shared pieces of the libFuzzer harnesses --*- C++ -*-===//
//
// Every harness feeds one reader arbitrary bytes: it must return a result or
// an error, never crash, leak or hit undefined behaviour (ASan, UBSan).
// Diagnostics are swallowed: only the outcome matters.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_FUZZ_FUZZCOMMON_H
#define SPIKEC_FUZZ_FUZZCOMMON_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unistd.h>

namespace spikec::fuzz {

/// A fresh context with spikec's dialects whose diagnostics go nowhere, one
/// per input. A context kept across inputs grows with every attribute it
/// interns; libFuzzer takes that for a leak and scans the whole heap after
/// each such input, which made the MLIR harnesses 30x slower, and it would
/// hide a real leak among the interned ones.
inline std::unique_ptr<mlir::MLIRContext> makeContext() {
  auto ctx = std::make_unique<mlir::MLIRContext>(
      mlir::MLIRContext::Threading::DISABLED);
  ctx->loadDialect<snn::SNNDialect, nc::NCDialect>();
  ctx->printOpOnDiagnostic(false);
  ctx->getDiagEngine().registerHandler([](mlir::Diagnostic &) {});
  return ctx;
}

/// The readers of HDF5 files take a path: the bytes go to a file in the
/// temporary directory, named per process so that -jobs/-workers work.
inline std::string writeTemp(const uint8_t *data, size_t size,
                             const char *suffix) {
  // Removed when the process exits normally (libFuzzer's fork mode starts
  // a process per job).
  struct TempFile {
    std::string path;
    ~TempFile() { llvm::sys::fs::remove(path); }
  };
  static TempFile file{[&] {
    llvm::SmallString<128> p;
    llvm::sys::fs::createTemporaryFile("spikec-fuzz", suffix, p);
    return std::string(p);
  }()};
  const std::string &path = file.path;
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec);
  if (!ec)
    os.write(reinterpret_cast<const char *>(data), size);
  os.close();
  os.clear_error();
  return path;
}

} // namespace spikec::fuzz

#endif // SPIKEC_FUZZ_FUZZCOMMON_H
