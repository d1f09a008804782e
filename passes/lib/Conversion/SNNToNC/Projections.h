//===- Projections.h - projections composed into synapse tables -*- C++ -*-===//
//
// snn-quantize's projection algebra: every chain of projections (affine,
// linear, sparse, scale, flatten, conv1d, conv2d, sum/avg pools, snn.add)
// from spiking sources into a population, composed exactly in floating point
// into one synapse list per source plus a constant (the biases). Quantize.cpp
// turns the lists into a population's FloatTables. Private to SpikecPasses.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_LIB_CONVERSION_SNNTONC_PROJECTIONS_H
#define SPIKEC_PASSES_LIB_CONVERSION_SNNTONC_PROJECTIONS_H

#include "Quantize.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/MapVector.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace spikec::quant {

inline int64_t numElements(mlir::Value v) {
  return llvm::cast<mlir::RankedTensorType>(v.getType()).getNumElements();
}
inline llvm::ArrayRef<int64_t> shapeOf(mlir::Value v) {
  return llvm::cast<mlir::RankedTensorType>(v.getType()).getShape();
}

/// A linear map y = M x + bias, stored by input index (column lists).
struct LinearMap {
  std::vector<std::vector<std::pair<int32_t, double>>> cols;
  std::vector<double> bias;
};

/// The synapses (pre, post) -> w from one source. Appended in any order,
/// then canonicalize() sorts them by (pre, post) and sums duplicates in the
/// order they were appended: what a std::map keyed by (pre, post) gives,
/// without a tree node per synapse (at 100M synapses the map took minutes
/// and gigabytes). The items become a FloatTable's synapses as they are.
struct TermList {
  using Term = Synapse;
  std::vector<Term> items;
  bool canonical = true;

  void add(int32_t pre, int32_t post, double w) {
    if (canonical && !items.empty() &&
        std::make_pair(items.back().pre, items.back().post) >=
            std::make_pair(pre, post))
      canonical = false;
    items.push_back({pre, post, w});
  }
  /// Appends `other` (canonical) to this list.
  void append(TermList &&other) {
    if (items.empty()) {
      *this = std::move(other);
      return;
    }
    canonical = false;
    items.insert(items.end(), other.items.begin(), other.items.end());
  }
  /// Sorts by (pre, post) and sums duplicates, in the order appended.
  void canonicalize();

private:
  /// Stable counting sort by pre (pres are element indices, so the range is
  /// small); a no-op when already in pre order.
  void sortByPre();
};

/// x = sum over terms of (matrix * source spikes) + constant.
struct LinExpr {
  /// By source value, each canonical.
  llvm::MapVector<mlir::Value, TermList> terms;
  std::vector<double> constant;
};

/// Composes the projections into one population's input; the first failure
/// leaves its message (prefixed by the op's description) in `error`.
class Lowering {
public:
  Lowering(mlir::Operation *net, const mlir::IRMapping &lowered,
           std::string target, bool keepZeroWeights = false)
      : net(net), lowered(lowered), target(std::move(target)),
        keepZeroWeights(keepZeroWeights) {}
  mlir::Operation *net;
  const mlir::IRMapping &lowered; ///< snn values already given an nc value
  std::string target;             ///< the target's name, for messages
  /// A dense matrix's zero entries become synapses too (the target stores
  /// them: core.stores_zero_weights).
  bool keepZeroWeights;
  std::string error;              ///< set with the op it concerns
  mlir::Operation *errorOp = nullptr;

  mlir::LogicalResult fail(mlir::Operation *op, const std::string &msg);

  /// Whether `v` carries events: an input, an encoder or a population,
  /// each already given its nc value.
  bool isSpikeSource(mlir::Value v) const { return lowered.contains(v); }

  /// The linear map of one projection op.
  mlir::FailureOr<LinearMap> mapOf(mlir::Operation *op);
  /// `v` as a sum over spike sources, through every projection and add.
  mlir::FailureOr<LinExpr> exprOf(mlir::Value v);
};

} // namespace spikec::quant

#endif // SPIKEC_PASSES_LIB_CONVERSION_SNNTONC_PROJECTIONS_H
