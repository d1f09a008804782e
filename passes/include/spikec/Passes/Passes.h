//===- Passes.h - spikec passes ---------------------------------*- C++ -*-===//
#ifndef SPIKEC_PASSES_PASSES_H
#define SPIKEC_PASSES_PASSES_H

#include "mlir/Pass/Pass.h"
#include "spikec/Dialect/SNN/SNNOps.h"

namespace spikec {
#define GEN_PASS_DECL
#include "spikec/Passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "spikec/Passes/Passes.h.inc"
} // namespace spikec

#endif // SPIKEC_PASSES_PASSES_H
