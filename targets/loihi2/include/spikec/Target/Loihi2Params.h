//===- Loihi2Params.h - a loihi2 compartment's nc parameters ----*- C++ -*-===//
//
// loihi2::NeuronParams by name: the nc parameters of model "loihi2_lif", in
// the order their values arrive, and the conversion both ways. loihi's
// fields are read and checked by loihi's own conversion (LoihiParams.h).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_LOIHI2PARAMS_H
#define SPIKEC_TARGET_LOIHI2PARAMS_H

#include "spikec/Target/Loihi2Model.h"

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

} // namespace spikec::loihi2

#endif // SPIKEC_TARGET_LOIHI2PARAMS_H
