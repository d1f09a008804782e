//===- Loihi2Params.cpp - a loihi2 compartment's nc parameters ------------===//

#include "spikec/Target/Loihi2Params.h"

#include "spikec/Target/LoihiParams.h"

#include "llvm/ADT/STLExtras.h"

#include <climits>
#include <iterator>

using namespace spikec;
using namespace spikec::loihi2;

namespace {
/// loihi's field loihi2_lif does not have.
constexpr llvm::StringLiteral kRefractory = "refractory_delay";

/// The program's choices, after loihi's fields.
struct Flag {
  llvm::StringRef name;
  bool NeuronParams::*field;
};
const Flag kFlags[] = {{"reset", &NeuronParams::subtractReset},
                       {"bias_current", &NeuronParams::biasCurrent},
                       {"prev_current", &NeuronParams::prevCurrent}};

std::vector<llvm::StringRef> makeNames() {
  std::vector<llvm::StringRef> names;
  for (llvm::StringRef n : loihi::paramNames(/*readout=*/false))
    if (n != kRefractory)
      names.push_back(n);
  for (const Flag &f : kFlags)
    names.push_back(f.name);
  return names;
}
} // namespace

llvm::ArrayRef<llvm::StringRef> loihi2::paramNames() {
  static const std::vector<llvm::StringRef> names = makeNames();
  return names;
}

std::string loihi2::fromValues(llvm::ArrayRef<int64_t> values,
                               NeuronParams &out) {
  out = NeuronParams();
  // loihi's values in loihi's order, refractory_delay 0.
  std::vector<int64_t> base;
  size_t k = 0;
  for (llvm::StringRef n : loihi::paramNames(/*readout=*/false))
    base.push_back(n == kRefractory ? 0 : values[k++]);
  if (std::string why = loihi::fromValues(base, /*readout=*/false, out.base);
      !why.empty())
    return why;
  for (const Flag &f : kFlags) {
    int64_t v = values[k++];
    if (v != 0 && v != 1)
      return f.name.str() + " must be 0 or 1";
    out.*f.field = v == 1;
  }
  return "";
}

std::vector<std::pair<std::string, std::vector<int32_t>>>
loihi2::toNamedValues(llvm::ArrayRef<NeuronParams> neurons) {
  std::vector<loihi::NeuronParams> bases;
  for (const NeuronParams &p : neurons)
    bases.push_back(p.base);
  auto out = loihi::toNamedValues(bases, /*readout=*/false);
  llvm::erase_if(out, [](const auto &kv) { return kv.first == kRefractory; });
  for (const Flag &f : kFlags) {
    std::vector<int32_t> values;
    for (const NeuronParams &p : neurons)
      values.push_back(p.*f.field);
    out.emplace_back(f.name.str(), std::move(values));
  }
  return out;
}

namespace {
/// loihi2_sigma_delta's parameters, in order.
struct SDField {
  llvm::StringRef name;
  int64_t lo, hi;
};
const SDField kSDFields[] = {{"vth_mant", 0, INT32_MAX},
                             {"bias_mant", INT32_MIN, INT32_MAX},
                             {"spike_exp", 0, kSigmaDeltaExpMax},
                             {"state_exp", 0, kSigmaDeltaExpMax},
                             {"relu", 0, 1},
                             {"cum_error", 0, 1},
                             {"delta", 0, 1}};
} // namespace

llvm::ArrayRef<llvm::StringRef> loihi2::sigmaDeltaParamNames() {
  static const std::vector<llvm::StringRef> names = [] {
    std::vector<llvm::StringRef> n;
    for (const SDField &f : kSDFields)
      n.push_back(f.name);
    return n;
  }();
  return names;
}

std::string loihi2::sigmaDeltaFromValues(llvm::ArrayRef<int64_t> values,
                                         SigmaDeltaParams &out) {
  out = SigmaDeltaParams();
  for (size_t k = 0; k < std::size(kSDFields); ++k)
    if (values[k] < kSDFields[k].lo || values[k] > kSDFields[k].hi)
      return kSDFields[k].name.str() + " " + std::to_string(values[k]) +
             " is outside [" + std::to_string(kSDFields[k].lo) + ", " +
             std::to_string(kSDFields[k].hi) + "]";
  out.vthMant = int32_t(values[0]);
  out.biasMant = int32_t(values[1]);
  out.spikeExp = uint8_t(values[2]);
  out.stateExp = uint8_t(values[3]);
  out.relu = values[4] == 1;
  out.cumError = values[5] == 1;
  out.delta = values[6] == 1;
  unsigned e = unsigned(out.spikeExp) + out.stateExp;
  // The scaled values are the state's: 24 bits.
  auto check = [&](const char *name, int64_t mant) -> std::string {
    int64_t v = sigmaDeltaScale(mant, out);
    if (outsideState(v))
      return std::string(name) + " " + std::to_string(mant) + " * 2^" +
             std::to_string(e) + " does not fit the 24-bit state";
    return "";
  };
  if (std::string why = check("vth_mant", out.vthMant); !why.empty())
    return why;
  if (std::string why = check("bias_mant", out.biasMant); !why.empty())
    return why;
  if (!out.delta && (out.vthMant || out.biasMant || out.relu || out.cumError))
    return "a sigma neuron (delta 0) has no vth_mant, bias_mant, relu or "
           "cum_error: they must be 0";
  return "";
}

std::vector<std::pair<std::string, std::vector<int32_t>>>
loihi2::sigmaDeltaToNamedValues(llvm::ArrayRef<SigmaDeltaParams> neurons) {
  std::vector<std::pair<std::string, std::vector<int32_t>>> out;
  for (llvm::StringRef n : sigmaDeltaParamNames())
    out.emplace_back(n.str(), std::vector<int32_t>());
  for (const SigmaDeltaParams &p : neurons) {
    int32_t v[] = {p.vthMant, p.biasMant, p.spikeExp, p.stateExp,
                   p.relu,    p.cumError, p.delta};
    for (size_t k = 0; k < out.size(); ++k)
      out[k].second.push_back(v[k]);
  }
  return out;
}
