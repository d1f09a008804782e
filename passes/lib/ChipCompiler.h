//===- ChipCompiler.h - the chip arithmetics' compiler parts ----*- C++ -*-===//
//
// Private to SpikecPasses: what a chip arithmetic (spikec/Target/Chip.h)
// adds to the compiler, defined in its folder's compiler/ (docs/chips.md):
// its snn-quantize backend and its nc.graph legalization. The table is
// expanded from the same generated Chips.def as the chips' MLIR-free parts,
// so a chip registers once for both layers.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_LIB_CHIPCOMPILER_H
#define SPIKEC_PASSES_LIB_CHIPCOMPILER_H

#include "Quantize.h"

#include "spikec/Passes/Pipelines.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringRef.h"

#include <memory>

namespace spikec {

/// One chip arithmetic's compiler part.
struct ChipCompiler {
  /// The arithmetic, as its Chip's name.
  llvm::StringRef name;
  /// snn-quantize's backend for a description of this arithmetic.
  std::unique_ptr<quant::Backend> (*makeBackend)(const target::TargetDesc &);
  /// Appends the legalization of the quantized nc.graph to the target
  /// pipeline; null when the arithmetic has none (then no approximation
  /// can be allowed).
  void (*addLegalization)(mlir::OpPassManager &pm,
                          const TargetPipelineOptions &options) = nullptr;
};

/// A legalization pass's options from the pipeline's: every
/// nc-legalize-<chip> takes the target and the allowed approximations.
template <typename PassOptions>
PassOptions legalizeOptions(const TargetPipelineOptions &options) {
  PassOptions pass;
  pass.target = options.target;
  pass.approx = options.approximations;
  return pass;
}

// get<Name>ChipCompiler() of each chip, defined in its compiler/ folder.
#define SPIKEC_CHIP(Name) const ChipCompiler &get##Name##ChipCompiler();
#include "spikec/Target/Chips.def"

/// The compiler part of arithmetic `name`, or null.
const ChipCompiler *lookupChipCompiler(llvm::StringRef name);

} // namespace spikec

#endif // SPIKEC_PASSES_LIB_CHIPCOMPILER_H
