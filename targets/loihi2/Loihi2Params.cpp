//===- Loihi2Params.cpp - a loihi2 compartment's nc parameters ------------===//

#include "spikec/Target/Loihi2Params.h"

#include "spikec/Target/LoihiParams.h"

#include "llvm/ADT/STLExtras.h"

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
