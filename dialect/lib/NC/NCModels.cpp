//===- NCModels.cpp - the fixed-point models of nc.population -------------===//

#include "spikec/Dialect/NC/NCModels.h"

#include "spikec/Target/LoihiModel.h"

using namespace spikec;
using namespace spikec::nc;

namespace {
const llvm::StringRef kLoihiParams[] = {
    "du", "dv", "vth_mant", "bias_mant", "bias_exp", "refractory_delay"};

std::string validateLoihi(llvm::ArrayRef<int64_t> v) {
  if (v[0] < 0 || v[0] > 0xFFFF || v[1] < 0 || v[1] > 0xFFFF || v[5] < 0 ||
      v[5] > 0xFFFF)
    return "du, dv and refractory_delay must be non-negative 16-bit values";
  loihi::NeuronParams p;
  p.du = uint16_t(v[0]);
  p.dv = uint16_t(v[1]);
  p.vthMant = int32_t(v[2]);
  p.biasMant = int32_t(v[3]);
  p.biasExp = int32_t(v[4]);
  p.refractoryDelay = uint16_t(v[5]);
  std::string why;
  if (!loihi::validate(p, &why))
    return why.empty() ? "parameters outside the model's ranges" : why;
  return "";
}

const NCModel *const *allModels() {
  static const NCModel *const models[] = {&loihiNCModel(), nullptr};
  return models;
}
} // namespace

const NCModel &spikec::nc::loihiNCModel() {
  static const NCModel m{"loihi", kLoihiParams, validateLoihi, true};
  return m;
}

const NCModel *spikec::nc::lookupNCModel(llvm::StringRef name) {
  for (const NCModel *const *m = allModels(); *m; ++m)
    if ((*m)->name == name)
      return *m;
  return nullptr;
}

std::string spikec::nc::knownNCModels() {
  std::string out;
  for (const NCModel *const *m = allModels(); *m; ++m)
    out += (out.empty() ? "" : ", ") + (*m)->name.str();
  return out;
}
