//===- CoreModel.cpp - one core's synaptic and neuron phases --------------===//

#include "spikec/Emulator/CoreModel.h"

#include "spikec/Target/ModelTable.h"

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
  // A readout's output is read by the host; it sends nothing, so a route
  // out of one would be silently dropped.
  if (model->readout)
    for (uint32_t n = 0; n < c.numNeurons; ++n)
      if (c.routeOffsets[n + 1] != c.routeOffsets[n])
        return "model '" + c.model + "' neurons send no events, but neuron " +
               std::to_string(n) + " has " +
               std::to_string(c.routeOffsets[n + 1] - c.routeOffsets[n]) +
               " routes";
  std::string why;
  kernel = ref::makeCheckedPopulationKernel(*model, values, c.numNeurons, why);
  sendsEvents = !model->readout;
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
  sparse = kernel->hasRestState();
  if (sparse) {
    isTouched.assign(n, 0);
    isLive.assign(n, 0);
    touched.reserve(n);
    inputSet.reserve(n);
    live.reserve(n);
    updateList.reserve(n);
    for (uint32_t i = 0; i < n; ++i)
      if (!kernel->atRest(i)) {
        isLive[i] = 1;
        live.push_back(i);
      }
  }
  return "";
}

SynapticWork CoreModel::synapticPhase(llvm::ArrayRef<AxonEvent> events) {
  if (!sparse)
    return denseSynapticPhase(events);
  SynapticWork work;
  sparseSynapticPhase(events, work);
  return work;
}

SynapticWork CoreModel::denseSynapticPhase(llvm::ArrayRef<AxonEvent> events) {
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
  if (sparse) {
    sparseNeuronPhase(work);
    return work;
  }
  std::fill(wasActive.begin(), wasActive.end(), 0);
  for (const int32_t *values : stateVars)
    for (uint32_t i = 0; i < n; ++i)
      wasActive[i] |= values[i] != 0;
  kernel->update(input.data(), out.data());
  firedList.clear();
  for (uint32_t i = 0; i < n; ++i) {
    work.driven += input[i] != 0;
    work.active += activeAfter(i);
    if (out[i] != 0 && sendsEvents)
      firedList.push_back(i);
  }
  work.updated = n;
  work.fired = uint32_t(firedList.size());
  return work;
}

void CoreModel::sparseSynapticPhase(llvm::ArrayRef<AxonEvent> events,
                                    SynapticWork &work) {
  const size_t n = core->numNeurons;
  const uint32_t *offsets = core->axonOffsets.data();
  const uint32_t *targets = core->synTarget.data();
  const int32_t *weights = core->synWeight.data();
  // Last step's inputs go back to 0.
  for (uint32_t i : inputSet)
    input[i] = 0;
  inputSet.clear();
  // When the step reads as many synapses as the core has neurons, marking
  // targets costs more than scanning every neuron: the dense sums then.
  uint64_t reads = 0;
  for (const AxonEvent &e : events)
    reads += offsets[e.axon + 1] - offsets[e.axon];
  if (reads >= n) {
    work = denseSynapticPhase(events);
    for (uint32_t i = 0; i < n; ++i)
      if (input[i] != 0)
        inputSet.push_back(i);
    return;
  }
  for (const AxonEvent &e : events) {
    uint32_t g = core->axonGroup[e.axon];
    if (!groupActive[g]) {
      groupActive[g] = 1;
      activeGroups.push_back(g);
    }
    int64_t *a = acc.data() + g * n;
    for (uint32_t k = offsets[e.axon], end = offsets[e.axon + 1]; k < end;
         ++k) {
      uint32_t t = targets[k];
      a[t] += int64_t(e.value) * int64_t(weights[k]);
      if (!isTouched[t]) {
        isTouched[t] = 1;
        touched.push_back(t);
      }
    }
    work.synapticOps += offsets[e.axon + 1] - offsets[e.axon];
  }
  work.events = uint32_t(events.size());
  work.activeGroups = uint32_t(activeGroups.size());
  // The same sums as the dense path, for the neurons that can have one.
  for (uint32_t i : touched) {
    int64_t sum = 0;
    for (uint32_t g : activeGroups) {
      int64_t &a = acc[g * n + i];
      sum += ref::dendrite::scaleGroupSum(a, core->groups[g].weightExp);
      a = 0;
    }
    input[i] = ref::dendrite::combineGroupSums(sum);
    isTouched[i] = 0;
    inputSet.push_back(i);
  }
  touched.clear();
  for (uint32_t g : activeGroups)
    groupActive[g] = 0;
  activeGroups.clear();
}

void CoreModel::sparseNeuronPhase(NeuronWork &work) {
  // Neurons to step: the live ones and those with input, in ascending
  // order (fired() is ascending, as in the dense path).
  updateList.assign(live.begin(), live.end());
  for (uint32_t i : inputSet)
    if (!isLive[i])
      updateList.push_back(i);
  std::sort(updateList.begin(), updateList.end());
  for (uint32_t i : firedList)
    out[i] = 0;
  for (uint32_t i : updateList) {
    bool was = false;
    for (const int32_t *values : stateVars)
      was |= values[i] != 0;
    wasActive[i] = was;
  }
  kernel->updateSome(updateList.data(), updateList.size(), input.data(),
                     out.data());
  firedList.clear();
  live.clear();
  for (uint32_t i : updateList) {
    work.driven += input[i] != 0;
    work.active += activeAfter(i);
    if (out[i] != 0 && sendsEvents)
      firedList.push_back(i);
    isLive[i] = !kernel->atRest(i);
    if (isLive[i])
      live.push_back(i);
  }
  work.updated = core->numNeurons;
  work.fired = uint32_t(firedList.size());
}

} // namespace spikec::emu
