//===- LoihiParams.h - a loihi compartment's nc parameters ------*- C++ -*-===//
//
// The one place where loihi::NeuronParams meets its positional form: the nc
// parameters of models "loihi" and "loihi_readout" by name, in the order
// their values arrive (nc.population, an image's core), and the conversion
// both ways. The nc verifier, the kernels, snn-quantize and the RTL
// testbench go through it instead of indexing values by position.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_LOIHIPARAMS_H
#define SPIKEC_TARGET_LOIHIPARAMS_H

#include "spikec/Target/LoihiModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace spikec::loihi {

/// The nc parameter names of a compartment ("loihi": du, dv, vth_mant,
/// bias_mant, bias_exp, refractory_delay) or of a readout ("loihi_readout":
/// du, dv, bias_mant, bias_exp; no threshold, no refractory delay).
llvm::ArrayRef<llvm::StringRef> paramNames(bool readout);

/// Parameter `name`'s value in `p`; `name` is one of paramNames(false).
int64_t getParam(const NeuronParams &p, llvm::StringRef name);

/// The compartment whose values, in paramNames(readout)'s order, are
/// `values` (a readout's vthMant and refractoryDelay are 0). "" when every
/// field lies in its hardware range, else why not.
std::string fromValues(llvm::ArrayRef<int64_t> values, bool readout,
                       NeuronParams &out);

/// The nc parameters of a population of compartments: per name of
/// paramNames(readout), one value per neuron.
std::vector<std::pair<std::string, std::vector<int32_t>>>
toNamedValues(llvm::ArrayRef<NeuronParams> neurons, bool readout);

} // namespace spikec::loihi

#endif // SPIKEC_TARGET_LOIHIPARAMS_H
