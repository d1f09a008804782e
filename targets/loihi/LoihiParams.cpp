//===- LoihiParams.cpp - a loihi compartment's nc parameters --------------===//

#include "spikec/Target/LoihiParams.h"

#include "llvm/Support/ErrorHandling.h"

using namespace spikec;
using namespace spikec::loihi;

namespace {
/// One named field of NeuronParams, in the nc order. `narrow` marks the
/// 16-bit unsigned fields: a value outside 16 bits would wrap before
/// validate() saw it. A readout has no threshold and no refractory delay.
struct Field {
  llvm::StringRef name;
  bool narrow, readout;
  int64_t (*get)(const NeuronParams &);
  void (*set)(NeuronParams &, int64_t);
};

const Field kFields[] = {
    {"du", true, true, [](const NeuronParams &p) -> int64_t { return p.du; },
     [](NeuronParams &p, int64_t v) { p.du = uint16_t(v); }},
    {"dv", true, true, [](const NeuronParams &p) -> int64_t { return p.dv; },
     [](NeuronParams &p, int64_t v) { p.dv = uint16_t(v); }},
    {"vth_mant", false, false,
     [](const NeuronParams &p) -> int64_t { return p.vthMant; },
     [](NeuronParams &p, int64_t v) { p.vthMant = int32_t(v); }},
    {"bias_mant", false, true,
     [](const NeuronParams &p) -> int64_t { return p.biasMant; },
     [](NeuronParams &p, int64_t v) { p.biasMant = int32_t(v); }},
    {"bias_exp", false, true,
     [](const NeuronParams &p) -> int64_t { return p.biasExp; },
     [](NeuronParams &p, int64_t v) { p.biasExp = int32_t(v); }},
    {"refractory_delay", true, false,
     [](const NeuronParams &p) -> int64_t { return p.refractoryDelay; },
     [](NeuronParams &p, int64_t v) { p.refractoryDelay = uint16_t(v); }},
};

std::vector<llvm::StringRef> namesOf(bool readout) {
  std::vector<llvm::StringRef> names;
  for (const Field &f : kFields)
    if (f.readout || !readout)
      names.push_back(f.name);
  return names;
}

const Field &field(llvm::StringRef name) {
  for (const Field &f : kFields)
    if (f.name == name)
      return f;
  llvm_unreachable("not a loihi parameter");
}
} // namespace

llvm::ArrayRef<llvm::StringRef> loihi::paramNames(bool readout) {
  static const std::vector<llvm::StringRef> all = namesOf(false),
                                            readouts = namesOf(true);
  return readout ? readouts : all;
}

int64_t loihi::getParam(const NeuronParams &p, llvm::StringRef name) {
  return field(name).get(p);
}

std::string loihi::fromValues(llvm::ArrayRef<int64_t> values, bool readout,
                              NeuronParams &out) {
  llvm::ArrayRef<llvm::StringRef> names = paramNames(readout);
  out = NeuronParams();
  std::vector<llvm::StringRef> narrow;
  bool wide = false;
  for (size_t k = 0; k < names.size(); ++k) {
    const Field &f = field(names[k]);
    if (!f.narrow)
      continue;
    narrow.push_back(f.name);
    wide |= values[k] < 0 || values[k] > 0xFFFF;
  }
  if (wide) {
    std::string list;
    for (size_t k = 0; k < narrow.size(); ++k)
      list += (k == 0                   ? ""
               : k + 1 == narrow.size() ? " and "
                                        : ", ") +
              narrow[k].str();
    return list + " must be non-negative 16-bit values";
  }
  for (size_t k = 0; k < names.size(); ++k)
    field(names[k]).set(out, values[k]);
  std::string why;
  if (!validate(out, &why))
    return why.empty() ? "parameters outside the model's ranges" : why;
  return "";
}

std::vector<std::pair<std::string, std::vector<int32_t>>>
loihi::toNamedValues(llvm::ArrayRef<NeuronParams> neurons, bool readout) {
  std::vector<std::pair<std::string, std::vector<int32_t>>> out;
  for (llvm::StringRef name : paramNames(readout)) {
    const Field &f = field(name);
    std::vector<int32_t> values;
    values.reserve(neurons.size());
    for (const NeuronParams &p : neurons)
      values.push_back(int32_t(f.get(p)));
    out.emplace_back(name.str(), std::move(values));
  }
  return out;
}
