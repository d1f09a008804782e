//===- TrueNorthParams.cpp - a truenorth neuron's nc parameters -----------===//

#include "spikec/Target/TrueNorthParams.h"

#include "llvm/ADT/STLExtras.h"

using namespace spikec;
using namespace spikec::truenorth;

namespace {
const llvm::StringRef kNames[] = {"weight0",    "weight1",      "weight2",
                                  "weight3",    "leak",         "leak_reversal",
                                  "alpha",      "beta",         "reset_v",
                                  "reset_mode", "neg_saturate", "mask_bits"};
} // namespace

static_assert(std::size(kNames) == truenorth::kNumParams);

llvm::ArrayRef<llvm::StringRef> truenorth::paramNames() { return kNames; }

std::string truenorth::fromValues(llvm::ArrayRef<int64_t> values,
                                  NeuronParams &out) {
  auto at = [&](llvm::StringRef name) {
    return values[llvm::find(kNames, name) - std::begin(kNames)];
  };
  for (llvm::StringRef flag : {"leak_reversal", "neg_saturate"})
    if (at(flag) != 0 && at(flag) != 1)
      return "leak_reversal and neg_saturate must be 0 or 1";
  // One LFSR per core draws for its neurons in order, so a stochastic
  // neuron's draws would change when partitioning moves it: refused.
  if (at("mask_bits") != 0)
    return "mask_bits must be 0: a stochastic threshold's draws would depend "
           "on how the population is split across cores";
  for (llvm::StringRef narrow :
       {"weight0", "weight1", "weight2", "weight3", "leak"})
    if (at(narrow) < INT16_MIN || at(narrow) > INT16_MAX)
      return "synaptic weights and leak must lie in [-255, 255]";
  if (at("reset_mode") < 0 || at("reset_mode") > 2)
    return "reset mode must be 0, 1 or 2";
  out = NeuronParams();
  for (size_t t = 0; t < kNumAxonTypes; ++t)
    out.weight[t] = int16_t(at("weight" + std::to_string(t)));
  out.leak = int16_t(at("leak"));
  out.leakReversal = at("leak_reversal") != 0;
  out.alpha = int32_t(at("alpha"));
  out.beta = int32_t(at("beta"));
  out.resetV = int32_t(at("reset_v"));
  out.resetMode = ResetMode(at("reset_mode"));
  out.negSaturate = at("neg_saturate") != 0;
  std::string why;
  if (!validate(out, &why))
    return why;
  return "";
}

std::vector<std::pair<std::string, std::vector<int32_t>>>
truenorth::toNamedValues(llvm::ArrayRef<NeuronParams> neurons) {
  std::vector<std::pair<std::string, std::vector<int32_t>>> out;
  for (llvm::StringRef name : kNames)
    out.push_back({name.str(), {}});
  for (const NeuronParams &p : neurons) {
    for (size_t t = 0; t < kNumAxonTypes; ++t)
      out[kWeight0 + t].second.push_back(p.weight[t]);
    out[kLeak].second.push_back(p.leak);
    out[kLeakReversal].second.push_back(p.leakReversal);
    out[kAlpha].second.push_back(p.alpha);
    out[kBeta].second.push_back(p.beta);
    out[kResetV].second.push_back(p.resetV);
    out[kResetMode].second.push_back(int32_t(p.resetMode));
    out[kNegSaturate].second.push_back(p.negSaturate);
    out[kMaskBits].second.push_back(p.maskBits);
  }
  return out;
}
