//===- ModelTable.h - the fixed-point models by name ------------*- C++ -*-===//
//
// One entry per model an nc.population, an image's core and the kernels may
// name: its parameters, in the order every consumer reads them, and the
// check of one neuron's values. The nc verifier, the quantized reference,
// the image writer, the emulator and the RTL testbench all go through this
// table, so a model's parameter set is defined once. Plain C++ (no MLIR), so
// that the emulator can use it; reading the values from an nc params
// dictionary is the dialect's (spikec/Dialect/NC/NCModels.h). The arithmetic
// itself is in the *Model.h beside this file (targets/MODELS.md).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_MODELTABLE_H
#define SPIKEC_TARGET_MODELTABLE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

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
};

/// The model called `name`, or null.
const NCModel *lookupNCModel(llvm::StringRef name);
/// "loihi, truenorth, ..." for diagnostics.
std::string knownNCModels();

// One definition per model, in ModelTable.cpp's table.
const NCModel &loihiNCModel();
/// loihi_readout: du, dv, bias_mant, bias_exp; a loihi compartment without a
/// threshold whose output is v (targets/MODELS.md, "loihi readouts").
const NCModel &loihiReadoutNCModel();
/// akida: threshold_offset (int32), step (> 0), output_bits (1, 2, 4); the
/// output is the activation (targets/MODELS.md, "akida").
const NCModel &akidaNCModel();
/// akida_readout: offset (int32); a final akida layer without activation,
/// whose output is its frame's potential plus the offset, int32
/// (targets/MODELS.md, "akida readouts").
const NCModel &akidaReadoutNCModel();
/// truenorth: weight0..3 (s_j per axon type), leak, leak_reversal, alpha,
/// beta, reset_v, reset_mode, neg_saturate, mask_bits (targets/MODELS.md,
/// "truenorth"); mask_bits must be 0 (no stochastic threshold in nc).
const NCModel &trueNorthNCModel();
/// generic_lif, generic_alif, generic_izhikevich: the models of
/// user-described chips, every width and mode a parameter (targets/MODELS.md,
/// "generic"; the names are generic::lifParamNames / izhikevichParamNames).
const NCModel &genericLIFNCModel();
const NCModel &genericALIFNCModel();
const NCModel &genericIzhikevichNCModel();

} // namespace spikec::nc

#endif // SPIKEC_TARGET_MODELTABLE_H
