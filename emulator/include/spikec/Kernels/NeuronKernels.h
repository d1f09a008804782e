//===- NeuronKernels.h - checked kernels, dendritic sums --------*- C++ -*-===//
//
// The neuron and dendrite arithmetic every executor of an nc graph or a
// hardware image shares, so that the quantized reference (QuantizedSimulator)
// and the emulator's core model agree bit for bit by construction:
// - the population kernel of a model (spikec/Target/PopulationKernel.h,
//   one per model in its chip's folder, targets/<chip>/), made through the
//   model table;
// - the dendritic sum: a synapse table's (an image's dendrite group's) int64
//   sum of value x weight, scaled by 2^weight_exp and saturated to int32 (as
//   nc.synapses), then the groups added in int64 and saturated (as nc.sum).
// Plain C++ on targets/ (no MLIR), so that the emulator and the RTL
// testbench need no MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_KERNELS_NEURONKERNELS_H
#define SPIKEC_KERNELS_NEURONKERNELS_H

#include "spikec/Target/FixedPoint.h"
#include "spikec/Target/LoihiModel.h"
#include "spikec/Target/ModelTable.h"
#include "spikec/Target/PopulationKernel.h"

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace spikec::ref {

//===----------------------------------------------------------------------===//
// Populations
//===----------------------------------------------------------------------===//

/// Checks every neuron's `values` (one vector of n per model parameter, in
/// the model's order) against the model's ranges, then makes the kernel and
/// sizes it for the n neurons. On failure returns null and sets `why`:
/// "neuron 3 has parameters outside the model's ranges: ..." or "model 'x'
/// has no kernel".
std::unique_ptr<PopulationKernel>
makeCheckedPopulationKernel(const nc::NCModel &model,
                            const std::vector<std::vector<int32_t>> &values,
                            size_t n, std::string &why);

//===----------------------------------------------------------------------===//
// Dendrites
//===----------------------------------------------------------------------===//

namespace dendrite {

/// One event of value `value` through the synapses [begin, end) of a CSR
/// table: acc[targets[k]] += value * weights[k], in int64 (exact: a weight
/// and a value are int32 and a step's events are far fewer than 2^62).
template <typename Index>
inline void accumulate(int64_t *acc, const Index *targets,
                       const int32_t *weights, size_t begin, size_t end,
                       int64_t value) {
  if (value == 1) { // a spike: the common case, without the multiply
    for (size_t k = begin; k < end; ++k)
      acc[targets[k]] += weights[k];
    return;
  }
  for (size_t k = begin; k < end; ++k)
    acc[targets[k]] += value * int64_t(weights[k]);
}

/// A table's (a dendrite group's) sum as its neuron receives it: shifted by
/// weight_exp as a whole (floor for a negative exponent) and saturated to
/// int32 (nc.synapses, loihi::scaleDendriticSum).
inline int32_t scaleGroupSum(int64_t sum, int weightExp) {
  return loihi::scaleDendriticSum(sum, weightExp);
}

/// The neuron's input from the int64 total of its groups' scaled sums
/// (nc.sum: saturated to int32).
inline int32_t combineGroupSums(int64_t total) {
  return fxp::saturateToInt32(total);
}

} // namespace dendrite

} // namespace spikec::ref

#endif // SPIKEC_KERNELS_NEURONKERNELS_H
