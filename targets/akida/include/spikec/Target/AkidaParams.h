//===- AkidaParams.h - an akida neuron's nc parameters ----------*- C++ -*-===//
//
// The one place where an akida neuron meets its positional form: the nc
// parameters of models "akida" and "akida_readout" by name, in the order
// their values arrive (nc.population, an image's core), and the conversion
// both ways with its checks. The nc verifier, the kernels and snn-quantize's
// akida backend go through it.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_AKIDAPARAMS_H
#define SPIKEC_TARGET_AKIDAPARAMS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace spikec::akida {

/// One output neuron of a layer: its channel's threshold offset, step and
/// activation width; a readout has the offset alone.
struct NeuronParams {
  int32_t thresholdOffset = 0;
  int32_t step = 1;
  unsigned outputBits = 4;
};

/// threshold_offset, step, output_bits; a readout's: offset.
llvm::ArrayRef<llvm::StringRef> paramNames(bool readout);

/// The neuron whose values, in paramNames(readout)'s order, are `values`.
/// "" when they lie in the model's ranges, else why not.
std::string fromValues(llvm::ArrayRef<int64_t> values, bool readout,
                       NeuronParams &out);

/// Per name of paramNames(readout), one value per neuron.
std::vector<std::pair<std::string, std::vector<int32_t>>>
toNamedValues(llvm::ArrayRef<NeuronParams> neurons, bool readout);

} // namespace spikec::akida

#endif // SPIKEC_TARGET_AKIDAPARAMS_H
