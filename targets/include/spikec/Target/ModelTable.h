//===- ModelTable.h - the fixed-point models by name ------------*- C++ -*-===//
//
// One entry per model an nc.population, an image's core and the kernels may
// name: its parameters, in the order every consumer reads them, the check of
// one neuron's values and its population kernel. The nc verifier, the
// quantized reference, the image writer, the emulator and the RTL testbench
// all go through this table, so a model's parameter set is defined once.
// Each chip defines its models in its folder (targets/<chip>/) and the chip
// registry (Chip.h) lists them. Plain C++ (no MLIR), so that the emulator can
// use it; reading the values from an nc params dictionary is the dialect's
// (spikec/Dialect/NC/NCModels.h).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_MODELTABLE_H
#define SPIKEC_TARGET_MODELTABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace spikec::ref {
class PopulationKernel;
} // namespace spikec::ref

namespace spikec::nc {
struct NCModel {
  llvm::StringRef name;
  /// Parameter names; values arrive in this order.
  llvm::ArrayRef<llvm::StringRef> params;
  /// Checks one neuron's values (one per parameter, in order); returns ""
  /// when they are in the model's ranges, else why not.
  std::string (*validate)(llvm::ArrayRef<int64_t> values);
  /// Whether the population's values are spikes (0/1) rather than
  /// multi-bit activations.
  bool spiking = true;
  /// Whether the neurons are readouts: they never fire, send no events, and
  /// their output is the membrane, a graded value the host reads
  /// (loihi_readout).
  bool readout = false;
  /// The population kernel for parameter `values` (one vector per
  /// parameter, in order, every neuron already validated).
  std::unique_ptr<ref::PopulationKernel> (*makeKernel)(
      const std::vector<std::vector<int32_t>> &values) = nullptr;
  /// Checks a synapse table with axon types that feeds a population of this
  /// model (the nc.synapses verifier asks): synapse k reaches neuron
  /// targets[k] with weights[k] through axon type axonTypes[k]; `values` are
  /// the population's, one vector per parameter. "" or why not. Null: the
  /// model puts no rule on such tables.
  std::string (*checkTypedTable)(
      llvm::ArrayRef<int32_t> targets, llvm::ArrayRef<int32_t> weights,
      llvm::ArrayRef<int32_t> axonTypes,
      const std::vector<std::vector<int32_t>> &values) = nullptr;
};

/// The model called `name` of any registered chip, or null.
const NCModel *lookupNCModel(llvm::StringRef name);
/// "loihi, truenorth, ..." for diagnostics.
std::string knownNCModels();

} // namespace spikec::nc

#endif // SPIKEC_TARGET_MODELTABLE_H
