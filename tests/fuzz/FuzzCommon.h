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

/// A context with spikec's dialects whose diagnostics go nowhere; one per
/// process, as the driver has.
inline mlir::MLIRContext &context() {
  static mlir::MLIRContext *ctx = [] {
    auto *c = new mlir::MLIRContext(mlir::MLIRContext::Threading::DISABLED);
    c->loadDialect<snn::SNNDialect, nc::NCDialect>();
    c->printOpOnDiagnostic(false);
    c->getDiagEngine().registerHandler([](mlir::Diagnostic &) {});
    return c;
  }();
  return *ctx;
}

/// The readers of HDF5 files take a path: the bytes go to a file in the
/// temporary directory, named per process so that -jobs/-workers work.
inline std::string writeTemp(const uint8_t *data, size_t size,
                             const char *suffix) {
  static std::string path = [&] {
    llvm::SmallString<128> p;
    llvm::sys::fs::createTemporaryFile("spikec-fuzz", suffix, p);
    return std::string(p);
  }();
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
