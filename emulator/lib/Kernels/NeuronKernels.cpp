//===- NeuronKernels.cpp - a checked population kernel --------------------===//

#include "spikec/Kernels/NeuronKernels.h"

namespace spikec::ref {

std::unique_ptr<PopulationKernel>
makeCheckedPopulationKernel(const nc::NCModel &model,
                            const std::vector<std::vector<int32_t>> &values,
                            size_t n, std::string &why) {
  for (size_t i = 0; i < n; ++i) {
    std::string bad = model.validate(neuronValues(values, i));
    if (!bad.empty()) {
      why = "neuron " + std::to_string(i) +
            " has parameters outside the model's ranges: " + bad;
      return nullptr;
    }
  }
  std::unique_ptr<PopulationKernel> k =
      model.makeKernel ? model.makeKernel(values) : nullptr;
  if (!k) {
    why = "model '" + model.name.str() + "' has no kernel";
    return nullptr;
  }
  k->resize(n);
  return k;
}

} // namespace spikec::ref
