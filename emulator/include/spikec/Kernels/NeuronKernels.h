//===- NeuronKernels.h - one population's fixed-point update -----*- C++ -*-===//
//
// The neuron and dendrite arithmetic every executor of an nc graph or a
// hardware image shares, so that the quantized reference (QuantizedSimulator)
// and the emulator's core model agree bit for bit by construction:
// - PopulationKernel: the update of a block of neurons of one fixed-point
//   model (targets/MODELS.md), one implementation per model in
//   emulator/lib/Kernels/<Model>Kernel.cpp;
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

/// The neurons of one population (or of one core) of one model, updated in
/// index order from a step's dendritic sums. The output of a neuron is its
/// spike (0/1) or the multi-bit activation the model emits (akida).
class PopulationKernel {
public:
  virtual ~PopulationKernel() = default;
  /// Sizes the state for n neurons at its initial value.
  virtual void resize(size_t n) = 0;
  /// One step: input[i] is neuron i's dendritic sum, out[i] its output.
  /// Allocates nothing.
  virtual void update(const int32_t *input, int32_t *out) = 0;
  /// The values of state variable `name` after the last update ("u", "v",
  /// "i", "a" as the model has them), or null when there is none.
  virtual const int32_t *state(llvm::StringRef) const { return nullptr; }
  /// Puts every neuron back to its initial state (nc.population's
  /// state_reset); false when the model cannot.
  virtual bool resetState() { return false; }

  /// Event-driven stepping, for models where a neuron at rest that gets no
  /// input stays at rest and emits nothing (its update is the identity).
  /// Models that cannot say so update every neuron every step.
  virtual bool hasRestState() const { return false; }
  /// Whether neuron i is at rest now (only when hasRestState()).
  virtual bool atRest(size_t) const { return false; }
  /// One step of neurons idx[0..n) only, exactly as update() steps them;
  /// every other neuron must be at rest with zero input. out[] of the others
  /// is left as it is (only when hasRestState()).
  virtual void updateSome(const uint32_t *, size_t, const int32_t *,
                          int32_t *) {}
  /// Neuron-steps whose arithmetic left its range (see
  /// Trace::overflowsPerNode); models count what they can detect.
  uint64_t overflows = 0;
};

/// The population kernel of `model`, its parameters `values` (one vector per
/// model parameter, in the model's order, already validated); null for a
/// model without one.
std::unique_ptr<PopulationKernel>
makePopulationKernel(const nc::NCModel &model,
                     const std::vector<std::vector<int32_t>> &values);

/// Checks every neuron's `values` (one vector of n per model parameter, in
/// the model's order) against the model's ranges, then makes the kernel and
/// sizes it for the n neurons. On failure returns null and sets `why`:
/// "neuron 3 has parameters outside the model's ranges: ..." or "model 'x'
/// has no kernel".
std::unique_ptr<PopulationKernel>
makeCheckedPopulationKernel(const nc::NCModel &model,
                            const std::vector<std::vector<int32_t>> &values,
                            size_t n, std::string &why);

// One per model.
std::unique_ptr<PopulationKernel>
makeLoihiKernel(const std::vector<std::vector<int32_t>> &values);
std::unique_ptr<PopulationKernel>
makeLoihiReadoutKernel(const std::vector<std::vector<int32_t>> &values);
std::unique_ptr<PopulationKernel>
makeTrueNorthKernel(const std::vector<std::vector<int32_t>> &values);
std::unique_ptr<PopulationKernel>
makeAkidaKernel(const std::vector<std::vector<int32_t>> &values);
std::unique_ptr<PopulationKernel>
makeAkidaReadoutKernel(const std::vector<std::vector<int32_t>> &values);
std::unique_ptr<PopulationKernel>
makeGenericLIFKernel(const std::vector<std::vector<int32_t>> &values,
                     bool adaptive);
std::unique_ptr<PopulationKernel>
makeGenericIzhikevichKernel(const std::vector<std::vector<int32_t>> &values);

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
