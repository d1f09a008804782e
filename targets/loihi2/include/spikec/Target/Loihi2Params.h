//===- Loihi2Params.h - a loihi2 compartment's nc parameters ----*- C++ -*-===//
//
// loihi2's neurons by name: the nc parameters of models "loihi2_lif"
// (loihi2::NeuronParams; loihi's fields are read and checked by loihi's own
// conversion, LoihiParams.h) and "loihi2_sigma_delta"
// (loihi2::SigmaDeltaParams), in the order their values arrive, and the
// conversion both ways.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_LOIHI2PARAMS_H
#define SPIKEC_TARGET_LOIHI2PARAMS_H

#include "spikec/Target/Loihi2Model.h"
#include "spikec/Target/Loihi2SigmaDelta.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace spikec::loihi2 {

/// du, dv, vth_mant, bias_mant, bias_exp (loihi's, without its
/// refractory_delay), then reset (0: to zero, 1: subtract), bias_current
/// and prev_current (0 or 1).
llvm::ArrayRef<llvm::StringRef> paramNames();

/// The compartment whose values, in paramNames()'s order, are `values`.
/// "" when every field lies in its range, else why not.
std::string fromValues(llvm::ArrayRef<int64_t> values, NeuronParams &out);

/// Per name of paramNames(), one value per neuron.
std::vector<std::pair<std::string, std::vector<int32_t>>>
toNamedValues(llvm::ArrayRef<NeuronParams> neurons);

/// Model "loihi2_sigma_delta": vth_mant, bias_mant, spike_exp, state_exp,
/// relu, cum_error and delta (flags 0 or 1).
llvm::ArrayRef<llvm::StringRef> sigmaDeltaParamNames();

/// The neuron whose values, in sigmaDeltaParamNames()'s order, are
/// `values`: "" when they are in range (3-bit exponents, vth >= 0, scaled
/// vth and bias within the 24-bit state; a Sigma, delta = 0, has vth,
/// bias, relu and cum_error all 0), else why not.
std::string sigmaDeltaFromValues(llvm::ArrayRef<int64_t> values,
                                 SigmaDeltaParams &out);

/// Per name of sigmaDeltaParamNames(), one value per neuron.
std::vector<std::pair<std::string, std::vector<int32_t>>>
sigmaDeltaToNamedValues(llvm::ArrayRef<SigmaDeltaParams> neurons);

} // namespace spikec::loihi2

#endif // SPIKEC_TARGET_LOIHI2PARAMS_H
