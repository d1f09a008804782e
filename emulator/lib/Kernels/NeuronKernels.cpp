//===- NeuronKernels.cpp - the population kernel of each model -----------===//

#include "spikec/Kernels/NeuronKernels.h"

namespace spikec::ref {

std::unique_ptr<PopulationKernel>
makePopulationKernel(const nc::NCModel &model,
                     const std::vector<std::vector<int32_t>> &values) {
  if (model.name == "loihi")
    return makeLoihiKernel(values);
  if (model.name == "loihi_readout")
    return makeLoihiReadoutKernel(values);
  if (model.name == "truenorth")
    return makeTrueNorthKernel(values);
  if (model.name == "akida")
    return makeAkidaKernel(values);
  if (model.name == "akida_readout")
    return makeAkidaReadoutKernel(values);
  if (model.name == "generic_lif" || model.name == "generic_alif")
    return makeGenericLIFKernel(values, model.name == "generic_alif");
  if (model.name == "generic_izhikevich")
    return makeGenericIzhikevichKernel(values);
  return nullptr;
}

std::unique_ptr<PopulationKernel>
makeCheckedPopulationKernel(const nc::NCModel &model,
                            const std::vector<std::vector<int32_t>> &values,
                            size_t n, std::string &why) {
  std::vector<int64_t> neuron(values.size());
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < values.size(); ++k)
      neuron[k] = values[k][i];
    std::string bad = model.validate(neuron);
    if (!bad.empty()) {
      why = "neuron " + std::to_string(i) +
            " has parameters outside the model's ranges: " + bad;
      return nullptr;
    }
  }
  std::unique_ptr<PopulationKernel> k = makePopulationKernel(model, values);
  if (!k) {
    why = "model '" + model.name.str() + "' has no kernel";
    return nullptr;
  }
  k->resize(n);
  return k;
}

} // namespace spikec::ref
