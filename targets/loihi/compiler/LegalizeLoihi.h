//===- LegalizeLoihi.h - loihi's core rules as a function ---*- C++ -*-===//
//
// The rules of a loihi core (LegalizeLoihi.cpp), as a function: loihi2's
// cores are loihi's (docs/chips.md, "loihi2"), so its legalization applies
// them with its own models.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGETS_LOIHI_COMPILER_LEGALIZELOIHI_H
#define SPIKEC_TARGETS_LOIHI_COMPILER_LEGALIZELOIHI_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Target/Chip.h"
#include "spikec/Target/Target.h"

#include "mlir/Support/LogicalResult.h"

#include <string>

namespace spikec::legalize {

/// Checks `graph`, quantized for `desc`, against a loihi core's rules: every
/// population runs one of `chip`'s models and carries no approximation
/// outside `approx`; every table has the target's weight width, an exponent
/// and a delay in its ranges; no neuron has more synapses than
/// core.max_fan_in nor more synapse bits than a core holds. Errors name the
/// op, the rule and the numbers.
mlir::LogicalResult checkLoihiCores(nc::GraphOp graph,
                                    const target::TargetDesc &desc,
                                    const target::Chip &chip,
                                    llvm::ArrayRef<std::string> approx);

} // namespace spikec::legalize

#endif // SPIKEC_TARGETS_LOIHI_COMPILER_LEGALIZELOIHI_H
