//===- fuzz_mlir.cpp - MLIR text of the snn and nc dialects --------------===//
//
// The parser and, on what parses, the verifiers (parseSourceFile verifies
// the module), as spikec reads a .mlir network or chip.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  // The bytes go into a buffer that ends in a NUL, as the file spikec
  // reads (parseSourceFile on a path) does: MLIR's lexer stops at that NUL
  // and reads past the end of a buffer without one (the first run found
  // that on the raw bytes).
  llvm::SourceMgr sources;
  sources.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(text, "fuzz.mlir"), llvm::SMLoc());
  auto ctx = spikec::fuzz::makeContext();
  mlir::ParserConfig config(ctx.get());
  (void)mlir::parseSourceFile<mlir::ModuleOp>(sources, config);
  return 0;
}
