//===- fuzz_mlir.cpp - MLIR text of the snn and nc dialects --------------===//
//
// The parser and, on what parses, the verifiers (parseSourceString verifies
// the module), as spikec reads a .mlir network or chip.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text(reinterpret_cast<const char *>(data), size);
  mlir::ParserConfig config(&spikec::fuzz::context());
  (void)mlir::parseSourceString<mlir::ModuleOp>(text, config, "fuzz.mlir");
  return 0;
}
