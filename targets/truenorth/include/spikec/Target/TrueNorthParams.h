//===- TrueNorthParams.h - a truenorth neuron's nc parameters ---*- C++ -*-===//
//
// The one place where truenorth::NeuronParams meets its positional form: the
// nc parameters of model "truenorth" by name, in the order their values
// arrive (nc.population, an image's core), and the conversion with its
// checks. The nc verifier and the kernel go through it.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_TRUENORTHPARAMS_H
#define SPIKEC_TARGET_TRUENORTHPARAMS_H

#include "spikec/Target/TrueNorthModel.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace spikec::truenorth {

/// weight0..3 (s_j per axon type), leak, leak_reversal, alpha, beta,
/// reset_v, reset_mode, neg_saturate, mask_bits.
llvm::ArrayRef<llvm::StringRef> paramNames();

/// Positions in paramNames(), for passes that read one parameter of an
/// nc.population: paramNames()[kLeak] is "leak".
enum Param : unsigned {
  kWeight0,
  kLeak = kWeight0 + kNumAxonTypes,
  kLeakReversal,
  kAlpha,
  kBeta,
  kResetV,
  kResetMode,
  kNegSaturate,
  kMaskBits,
  kNumParams
};

/// The neuron whose values, in paramNames()'s order, are `values`. "" when
/// they lie in the model's ranges and mask_bits is 0 (a stochastic
/// threshold's draws would depend on how the population is split across
/// cores), else why not.
std::string fromValues(llvm::ArrayRef<int64_t> values, NeuronParams &out);

/// Per name of paramNames(), one value per neuron: what an nc.population of
/// model "truenorth" holds.
std::vector<std::pair<std::string, std::vector<int32_t>>>
toNamedValues(llvm::ArrayRef<NeuronParams> neurons);

} // namespace spikec::truenorth

#endif // SPIKEC_TARGET_TRUENORTHPARAMS_H
