//===- NetworkGraph.h - the dataflow graph of an snn.network ----*- C++ -*-===//
//
// A snn.network body is a graph region: recurrent edges are SSA cycles. This
// header answers the graph questions every stage asks: which cycles lack
// state (algebraic loops), which edges deliver one timestep late under a
// timing convention, and in which order the ops of one timestep run.
// Boost.Graph does the graph work.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_DIALECT_SNN_NETWORKGRAPH_H
#define SPIKEC_DIALECT_SNN_NETWORKGRAPH_H

#include "mlir/IR/Operation.h"
#include "llvm/ADT/DenseSet.h"

#include <vector>

namespace spikec::snn {
class NetworkOp;

/// The two timing conventions of DESIGN.md section 3.
enum class Sync {
  /// Feed-forward edges deliver in the same step; recurrent edges one later.
  Layer,
  /// Every edge out of an input or a population delivers one step later,
  /// except into an output, which reads the spikes of the step that made
  /// them: a chain of L populations answers L steps after its input.
  Hardware,
};

/// Parses "layer" or "hardware".
std::optional<Sync> parseSync(llvm::StringRef text);

/// One timestep's evaluation plan.
struct Schedule {
  /// Every op of the network, producers before consumers (delayed edges
  /// excepted).
  std::vector<mlir::Operation *> order;
  /// (consumer, operand index) pairs that read the producer's value from the
  /// previous timestep.
  llvm::DenseSet<std::pair<mlir::Operation *, unsigned>> delayed;
  bool isDelayed(mlir::Operation *user, unsigned operand) const {
    return delayed.contains({user, operand});
  }
};

/// Whether `op` is an input encoder (encode_direct, _rate, _latency,
/// _delta): a neuron op that turns input values into events, not a
/// population.
bool isEncoder(mlir::Operation *op);

/// The steps the outputs of `net` lag its inputs in hardware timing: the
/// longest input-to-output path, counting each delayed edge and each delay
/// op's steps; -1 when the network is recurrent (no longest path). A
/// discretized network (delays in steps) is expected.
int64_t hardwareLag(NetworkOp net);

/// Whether edges out of `op` may close a cycle: a population, or a delay of
/// at least one step.
bool breaksLoops(mlir::Operation *op);

/// The ops of a cycle that has no state in it, in cycle order, or an empty
/// list when there is none.
std::vector<mlir::Operation *> findAlgebraicLoop(NetworkOp net);

/// The evaluation plan for `sync`. Fails (with a diagnostic) on an algebraic
/// loop.
mlir::FailureOr<Schedule> computeSchedule(NetworkOp net, Sync sync);

} // namespace spikec::snn

#endif // SPIKEC_DIALECT_SNN_NETWORKGRAPH_H
