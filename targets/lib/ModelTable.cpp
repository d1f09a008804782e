//===- ModelTable.cpp - the fixed-point models by name --------------------===//

#include "spikec/Target/ModelTable.h"

#include "spikec/Target/AkidaModel.h"
#include "spikec/Target/GenericModel.h"
#include "spikec/Target/LoihiModel.h"
#include "spikec/Target/TrueNorthModel.h"

#include <vector>

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

const llvm::StringRef kLoihiReadoutParams[] = {"du", "dv", "bias_mant",
                                               "bias_exp"};

std::string validateLoihiReadout(llvm::ArrayRef<int64_t> v) {
  if (v[0] < 0 || v[0] > 0xFFFF || v[1] < 0 || v[1] > 0xFFFF)
    return "du and dv must be non-negative 16-bit values";
  loihi::NeuronParams p;
  p.du = uint16_t(v[0]);
  p.dv = uint16_t(v[1]);
  p.biasMant = int32_t(v[2]);
  p.biasExp = int32_t(v[3]);
  std::string why;
  if (!loihi::validate(p, &why))
    return why.empty() ? "parameters outside the model's ranges" : why;
  return "";
}

const llvm::StringRef kAkidaParams[] = {"threshold_offset", "step",
                                        "output_bits"};

std::string validateAkida(llvm::ArrayRef<int64_t> v) {
  // Values arrive as int32 (PopulationOp::getParam).
  if (v[2] < 0 || v[2] > 32)
    return "activation bits must be 1, 2 or 4";
  // Weight and input widths belong to the synapse tables and their sources
  // (snn-legalize-akida checks them); only the neuron's own values here.
  akida::LayerParams p;
  p.weightBits = 8;
  p.inputBits = 8;
  p.outputBits = unsigned(v[2]);
  p.thresholdOffset = {int32_t(v[0])};
  p.step = {int32_t(v[1])};
  std::string why;
  if (!akida::validate(p, &why))
    return why;
  return "";
}

const llvm::StringRef kAkidaReadoutParams[] = {"offset"};

std::string validateAkidaReadout(llvm::ArrayRef<int64_t> v) {
  if (v[0] < INT32_MIN || v[0] > INT32_MAX)
    return "offset must be an int32";
  return "";
}

const llvm::StringRef kTrueNorthParams[] = {
    "weight0", "weight1", "weight2", "weight3", "leak", "leak_reversal",
    "alpha", "beta", "reset_v", "reset_mode", "neg_saturate", "mask_bits"};

std::string validateTrueNorth(llvm::ArrayRef<int64_t> v) {
  for (int k : {5, 10})
    if (v[k] != 0 && v[k] != 1)
      return "leak_reversal and neg_saturate must be 0 or 1";
  // One LFSR per core draws for its neurons in order, so a stochastic
  // neuron's draws would change when partitioning moves it: refused.
  if (v[11] != 0)
    return "mask_bits must be 0: a stochastic threshold's draws would depend "
           "on how the population is split across cores";
  for (int k : {0, 1, 2, 3, 4})
    if (v[k] < INT16_MIN || v[k] > INT16_MAX)
      return "synaptic weights and leak must lie in [-255, 255]";
  if (v[9] < 0 || v[9] > 2)
    return "reset mode must be 0, 1 or 2";
  truenorth::NeuronParams p;
  for (int k = 0; k < 4; ++k)
    p.weight[k] = int16_t(v[k]);
  p.leak = int16_t(v[4]);
  p.leakReversal = v[5] != 0;
  p.alpha = int32_t(v[6]);
  p.beta = int32_t(v[7]);
  p.resetV = int32_t(v[8]);
  p.resetMode = truenorth::ResetMode(v[9]);
  p.negSaturate = v[10] != 0;
  std::string why;
  if (!truenorth::validate(p, &why))
    return why;
  return "";
}

const NCModel *const *allModels() {
  static const NCModel *const models[] = {
      &loihiNCModel(),        &loihiReadoutNCModel(),      &akidaNCModel(),
      &akidaReadoutNCModel(), &trueNorthNCModel(),         &genericLIFNCModel(),
      &genericALIFNCModel(),  &genericIzhikevichNCModel(), nullptr};
  return models;
}
} // namespace

const NCModel &spikec::nc::loihiNCModel() {
  static const NCModel m{"loihi", kLoihiParams, validateLoihi, true};
  return m;
}

const NCModel &spikec::nc::loihiReadoutNCModel() {
  static const NCModel m{"loihi_readout", kLoihiReadoutParams,
                         validateLoihiReadout, false, true};
  return m;
}

const NCModel &spikec::nc::akidaNCModel() {
  static const NCModel m{"akida", kAkidaParams, validateAkida, false};
  return m;
}

const NCModel &spikec::nc::akidaReadoutNCModel() {
  static const NCModel m{"akida_readout", kAkidaReadoutParams,
                         validateAkidaReadout, false, true};
  return m;
}

const NCModel &spikec::nc::trueNorthNCModel() {
  static const NCModel m{"truenorth", kTrueNorthParams, validateTrueNorth,
                         true};
  return m;
}

namespace {
/// The model's names as the table's StringRefs, built once.
llvm::ArrayRef<llvm::StringRef> genericNames(const std::vector<const char *> &names,
                                             std::vector<llvm::StringRef> &storage) {
  storage.assign(names.begin(), names.end());
  return storage;
}

template <typename Params, typename... Mode>
std::string validateGeneric(llvm::ArrayRef<int64_t> v, Mode... mode) {
  Params p;
  std::string why;
  if (!generic::fromValues(v.data(), mode..., p, &why))
    return why;
  return "";
}
} // namespace

const NCModel &spikec::nc::genericLIFNCModel() {
  static std::vector<llvm::StringRef> names;
  static const NCModel m{
      "generic_lif", genericNames(generic::lifParamNames(false), names),
      [](llvm::ArrayRef<int64_t> v) {
        return validateGeneric<generic::LIFParams>(v, false);
      },
      true};
  return m;
}

const NCModel &spikec::nc::genericALIFNCModel() {
  static std::vector<llvm::StringRef> names;
  static const NCModel m{
      "generic_alif", genericNames(generic::lifParamNames(true), names),
      [](llvm::ArrayRef<int64_t> v) {
        return validateGeneric<generic::LIFParams>(v, true);
      },
      true};
  return m;
}

const NCModel &spikec::nc::genericIzhikevichNCModel() {
  static std::vector<llvm::StringRef> names;
  static const NCModel m{
      "generic_izhikevich",
      genericNames(generic::izhikevichParamNames(), names),
      [](llvm::ArrayRef<int64_t> v) {
        return validateGeneric<generic::IzhikevichParams>(v);
      },
      true};
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
