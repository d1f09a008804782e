//===- RunChecks.h - what every simulator checks before a run --*- C++ -*-===//
//
// The float and the quantized reference (and later the emulator) take the
// same input rows and probe strings; these are their one set of checks.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_REFERENCE_RUNCHECKS_H
#define SPIKEC_REFERENCE_RUNCHECKS_H

#include "spikec/Reference/Simulator.h"

#include "llvm/ADT/STLFunctionalExtras.h"

namespace spikec::ref {

/// An input a network declares: its name and flattened width.
struct InputDecl {
  std::string name;
  int64_t width;
};

/// Checks `inputs` for a run of `timesteps`: every declared input present,
/// with at least that many rows of its width, and no name that `declaredAs`
/// ("snn.input of the network") lacks. Reports on `at`.
mlir::LogicalResult checkInputRows(mlir::Operation *at,
                                   llvm::ArrayRef<InputDecl> declared,
                                   const InputRows &inputs, int64_t timesteps,
                                   llvm::StringRef declaredAs);

/// A probe string split into its node (found in `body` by `nameOf`) and its
/// variable. Reports a malformed string, or an unknown node together with
/// the nodes that exist and their variables (`varsOf`, e.g. "v, out"), on
/// `at`.
struct ProbeTarget {
  mlir::Operation *op;
  std::string var;
};
mlir::FailureOr<ProbeTarget>
resolveProbe(mlir::Operation *at, mlir::Block &body, const std::string &spec,
             llvm::function_ref<std::string(mlir::Operation *)> nameOf,
             llvm::function_ref<std::string(mlir::Operation *)> varsOf);

} // namespace spikec::ref

#endif // SPIKEC_REFERENCE_RUNCHECKS_H
