//===- CoreModel.cpp - one core's synaptic and neuron phases --------------===//

#include "spikec/Emulator/CoreModel.h"

#include "spikec/Dialect/NC/NCModels.h"

#include <algorithm>

namespace spikec::emu {

std::string CoreModel::init(const image::Core &c) {
  core = &c;
  const nc::NCModel *model = nc::lookupNCModel(c.model);
  if (!model)
    return "model '" + c.model + "' has no kernel (known: " +
           nc::knownNCModels() + ")";
  // The image keeps a parameter once when every neuron shares it; the
  // kernels take one value per neuron.
  std::vector<std::vector<int32_t>> values;
  for (llvm::StringRef name : model->params) {
    const image::NeuronParam *p = c.param(name.str());
    if (!p)
      return "model '" + c.model + "' needs parameter '" + name.str() +
             "', which the core does not have";
    std::vector<int32_t> &v = values.emplace_back(c.numNeurons);
    for (uint32_t n = 0; n < c.numNeurons; ++n)
      v[n] = p->of(n);
  }
  for (const image::NeuronParam &p : c.params)
    if (!llvm::is_contained(model->params, p.name))
      return "model '" + c.model + "' has no parameter '" + p.name + "'";
  std::string why;
  kernel = ref::makeCheckedPopulationKernel(*model, values, c.numNeurons, why);
  if (!kernel)
    return why;

  size_t n = c.numNeurons, g = c.groups.size();
  for (const image::DendriteGroup &group : c.groups)
    maxGroupDelay = std::max(maxGroupDelay, group.delay);
  acc.assign(g * n, 0);
  groupActive.assign(g, 0);
  activeGroups.reserve(g);
  total.assign(n, 0);
  input.assign(n, 0);
  out.assign(n, 0);
  firedList.reserve(n);
  for (const char *var : {"u", "v", "i", "a"})
    if (const int32_t *values = kernel->state(var))
      stateVars.push_back(values);
  wasActive.assign(n, 0);
  return "";
}

SynapticWork CoreModel::synapticPhase(llvm::ArrayRef<AxonEvent> events) {
  SynapticWork work;
  const size_t n = core->numNeurons;
  const uint32_t *offsets = core->axonOffsets.data();
  for (const AxonEvent &e : events) {
    uint32_t g = core->axonGroup[e.axon];
    if (!groupActive[g]) {
      groupActive[g] = 1;
      activeGroups.push_back(g);
    }
    uint32_t begin = offsets[e.axon], end = offsets[e.axon + 1];
    ref::dendrite::accumulate(acc.data() + g * n, core->synTarget.data(),
                              core->synWeight.data(), begin, end, e.value);
    work.synapticOps += end - begin;
  }
  work.events = uint32_t(events.size());
  work.activeGroups = uint32_t(activeGroups.size());

  // Dendritic sums: each active group's sums scaled as nc.synapses does,
  // added as nc.sum does. A group without events adds 0 (its scaled sum).
  if (activeGroups.empty()) {
    std::fill(input.begin(), input.end(), 0);
    return work;
  }
  for (uint32_t g : activeGroups) {
    int64_t *a = acc.data() + g * n;
    int exp = core->groups[g].weightExp;
    for (size_t i = 0; i < n; ++i) {
      total[i] += ref::dendrite::scaleGroupSum(a[i], exp);
      a[i] = 0;
    }
    groupActive[g] = 0;
  }
  activeGroups.clear();
  for (size_t i = 0; i < n; ++i) {
    input[i] = ref::dendrite::combineGroupSums(total[i]);
    total[i] = 0;
  }
  return work;
}

NeuronWork CoreModel::neuronPhase() {
  NeuronWork work;
  const uint32_t n = core->numNeurons;
  std::fill(wasActive.begin(), wasActive.end(), 0);
  for (const int32_t *values : stateVars)
    for (uint32_t i = 0; i < n; ++i)
      wasActive[i] |= values[i] != 0;
  kernel->update(input.data(), out.data());
  firedList.clear();
  for (uint32_t i = 0; i < n; ++i) {
    work.driven += input[i] != 0;
    bool active = wasActive[i] || input[i] != 0 || out[i] != 0;
    for (const int32_t *values : stateVars)
      active |= values[i] != 0;
    work.active += active;
    if (out[i] != 0)
      firedList.push_back(i);
  }
  work.updated = n;
  work.fired = uint32_t(firedList.size());
  return work;
}

} // namespace spikec::emu
