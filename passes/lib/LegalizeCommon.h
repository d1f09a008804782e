//===- LegalizeCommon.h - shared by the nc-legalize-* passes ---*- C++ -*-===//
//
// Private to SpikecPasses: what every target's legalization does the same
// way (which target to check against, which approximations exist, how many
// synapses reach a neuron).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_LIB_LEGALIZECOMMON_H
#define SPIKEC_PASSES_LIB_LEGALIZECOMMON_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Target/Target.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace spikec::legalize {

/// The description a legalization checks `graph` against: `option` when
/// given, else the graph's own target name. Errors (on `graph`) when it does
/// not load, computes in another arithmetic than `expected`, or its content
/// hash is not the one the graph was quantized for.
/// Without `expected`, any arithmetic is accepted. The description is the
/// context's (nc::TargetCache), shared, not a copy.
mlir::FailureOr<nc::SharedTarget>
loadGraphTarget(nc::GraphOp graph, llvm::StringRef option,
                std::optional<llvm::StringRef> expected);

/// Errors on `graph` for an approximation name not in `known`.
mlir::LogicalResult checkApproximations(nc::GraphOp graph,
                                        llvm::ArrayRef<std::string> allowed,
                                        llvm::ArrayRef<llvm::StringRef> known);

/// The synapse tables whose sums reach `pop`: its input, or the operands of
/// the nc.sum (of sums) it reads. nullopt when anything else feeds it.
std::optional<llvm::SmallVector<nc::SynapsesOp>>
tablesInto(nc::PopulationOp pop);

/// Stored synapses into each neuron of `pop`, over all its tables.
std::vector<int64_t> fanIn(nc::PopulationOp pop);

} // namespace spikec::legalize

#endif // SPIKEC_PASSES_LIB_LEGALIZECOMMON_H
