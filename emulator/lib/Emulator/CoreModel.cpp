//===- CoreModel.cpp - one core's synaptic and neuron phases --------------===//

#include "spikec/Emulator/CoreModel.h"

#include "spikec/Target/ModelTable.h"

#include "llvm/Support/MathExtras.h"

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

  uint32_t maxDelay = 0;
  for (size_t g = 0; g < c.groups.size(); ++g) {
    if (c.groups[g].delay > kMaxDelay)
      return "dendrite group " + std::to_string(g) + " has a delay of " +
             std::to_string(c.groups[g].delay) + " steps; the emulator runs " +
             std::to_string(kMaxDelay) + " at most";
    maxDelay = std::max(maxDelay, c.groups[g].delay);
  }
  n = c.numNeurons;
  uint32_t numGroups = uint32_t(c.groups.size());
  uint32_t numSlots = uint32_t(llvm::PowerOf2Ceil(maxDelay + 2));
  sparse = kernel->hasRestState();
  // Marking targets pays when a step's events reach few of many neurons.
  constexpr uint32_t kScanCheaper = 256;
  bool mark = sparse && n > kScanCheaper;
  // Refuse what no machine holds rather than fail allocating it (in
  // double: the product can exceed 64 bits).
  constexpr size_t kMaxBytes = size_t(1) << 31;
  auto tooLarge = [&] {
    return "a ring of " + std::to_string(numSlots) +
           " steps (the largest delay, " + std::to_string(maxDelay) +
           ", + 2, to a power of two) x " + std::to_string(numGroups) +
           " dendrite groups x " + std::to_string(n) +
           " neurons need more than " + std::to_string(kMaxBytes >> 30) +
           " GiB of accumulators";
  };
  if (double(numSlots) * numGroups * n * 8 > double(kMaxBytes))
    return tooLarge();
  // A slot's block, each part 8-byte aligned (at most 2 GiB, checked
  // below, so offsets fit 32 bits).
  rx = Receiver();
  rx.slotBytes = (sizeof(SlotTally) + 7) / 8 * 8;
  auto place = [&](size_t bytes) {
    size_t at = rx.slotBytes;
    rx.slotBytes += (bytes + 7) / 8 * 8;
    return uint32_t(std::min<size_t>(at, UINT32_MAX));
  };
  rx.flagsAt = place(numGroups);
  rx.groupsAt = place(size_t(numGroups) * 4);
  rx.marksAt = place(mark ? n : 0);
  rx.targetsAt = place(mark ? size_t(n) * 4 : 0);
  rx.accAt = place(size_t(numGroups) * n * 8);
  if (rx.slotBytes > kMaxBytes / numSlots)
    return tooLarge();
  store.assign(rx.slotBytes / 8 * numSlots, 0);
  rx.slots = reinterpret_cast<uint8_t *>(store.data());
  rx.numSlots = numSlots;
  rx.n = n;
  rx.numGroups = numGroups;
  rx.markTargets = mark;
  everyGroup.resize(numGroups);
  for (uint32_t g = 0; g < numGroups; ++g)
    everyGroup[g] = g;
  total.assign(n, 0);
  input.assign(n, 0);
  out.assign(n, 0);
  firedList.reserve(n);
  for (const char *var : {"u", "v", "i", "a"})
    if (const int32_t *values = kernel->state(var))
      stateVars.push_back(values);
  wasActive.assign(n, 0);
  if (sparse) {
    isLive.assign(n, 0);
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

SynapticWork CoreModel::synapticPhase(int64_t step, bool allGroups) {
  uint8_t *block = rx.slots + size_t(slotOf(step)) * rx.slotBytes;
  SlotTally &tally = *reinterpret_cast<SlotTally *>(block);
  SynapticWork work;
  work.events = tally.events;
  work.synapticOps = tally.ops;
  work.activeGroups = tally.groups;
  int64_t *slotAcc = reinterpret_cast<int64_t *>(block + rx.accAt);
  llvm::ArrayRef<uint32_t> groups(
      reinterpret_cast<uint32_t *>(block + rx.groupsAt), tally.groups);
  // Flags of groups that received a counted event go back to 0 either way.
  for (uint32_t g : groups)
    block[rx.flagsAt + g] = 0;
  if (allGroups && !rx.markTargets)
    groups = everyGroup;
  if (!sparse) {
    denseSums(slotAcc, groups);
  } else {
    uint8_t *marks = block + rx.marksAt;
    llvm::ArrayRef<uint32_t> targets(
        reinterpret_cast<uint32_t *>(block + rx.targetsAt), tally.touched);
    // Without marks, or when the step read as many synapses as the core has
    // neurons, summing the touched neurons one by one costs more than a
    // scan of every one. Dense sums write every input; the neurons with
    // one are listed only if the neuron phase steps sparsely.
    if (!rx.markTargets || tally.ops >= n) {
      denseSums(slotAcc, groups);
      for (uint32_t i : targets)
        marks[i] = 0;
      inputSet.clear();
      inputListed = false;
    } else {
      // Last step's inputs go back to 0.
      if (inputListed)
        for (uint32_t i : inputSet)
          input[i] = 0;
      else
        std::fill(input.begin(), input.end(), 0);
      inputSet.clear();
      inputListed = true;
      sparseSums(slotAcc, groups, targets, marks);
    }
  }
  tally = SlotTally();
  return work;
}

void CoreModel::denseSums(int64_t *slotAcc, llvm::ArrayRef<uint32_t> groups) {
  // Each active group's sums scaled as nc.synapses does, added as nc.sum
  // does. A group without events adds 0 (its scaled sum).
  if (groups.empty()) {
    std::fill(input.begin(), input.end(), 0);
    return;
  }
  // The first group sets the totals and the last one forms the inputs, so
  // a core of one or two groups (the usual) reads its sums once.
  auto sumsOf = [&](uint32_t g) { return slotAcc + size_t(g) * n; };
  auto expOf = [&](uint32_t g) { return core->groups[g].weightExp; };
  if (groups.size() == 1) {
    int64_t *a = sumsOf(groups[0]);
    int exp = expOf(groups[0]);
    for (size_t i = 0; i < n; ++i) {
      input[i] = ref::dendrite::combineGroupSums(
          ref::dendrite::scaleGroupSum(a[i], exp));
      a[i] = 0;
    }
    return;
  }
  {
    int64_t *a = sumsOf(groups[0]);
    int exp = expOf(groups[0]);
    for (size_t i = 0; i < n; ++i) {
      total[i] = ref::dendrite::scaleGroupSum(a[i], exp);
      a[i] = 0;
    }
  }
  for (uint32_t g : groups.drop_front().drop_back()) {
    int64_t *a = sumsOf(g);
    int exp = expOf(g);
    for (size_t i = 0; i < n; ++i) {
      total[i] += ref::dendrite::scaleGroupSum(a[i], exp);
      a[i] = 0;
    }
  }
  int64_t *a = sumsOf(groups.back());
  int exp = expOf(groups.back());
  for (size_t i = 0; i < n; ++i) {
    input[i] = ref::dendrite::combineGroupSums(
        total[i] + ref::dendrite::scaleGroupSum(a[i], exp));
    a[i] = 0;
  }
}

void CoreModel::sparseSums(int64_t *slotAcc, llvm::ArrayRef<uint32_t> groups,
                           llvm::ArrayRef<uint32_t> targets, uint8_t *marks) {
  // The same sums as the dense path, for the neurons that can have one.
  for (uint32_t i : targets) {
    int64_t sum = 0;
    for (uint32_t g : groups) {
      int64_t &a = slotAcc[size_t(g) * n + i];
      sum += ref::dendrite::scaleGroupSum(a, core->groups[g].weightExp);
      a = 0;
    }
    input[i] = ref::dendrite::combineGroupSums(sum);
    marks[i] = 0;
    inputSet.push_back(i);
  }
}

NeuronWork CoreModel::neuronPhase(bool countActivity) {
  NeuronWork work;
  if (sparse)
    sparseNeuronPhase(work, countActivity);
  else
    denseNeuronPhase(work, countActivity);
  return work;
}

void CoreModel::denseNeuronPhase(NeuronWork &work, bool countActivity) {
  if (countActivity) {
    std::fill(wasActive.begin(), wasActive.end(), 0);
    for (const int32_t *values : stateVars)
      for (uint32_t i = 0; i < n; ++i)
        wasActive[i] |= values[i] != 0;
  }
  kernel->update(input.data(), out.data());
  firedList.clear();
  if (countActivity)
    for (uint32_t i = 0; i < n; ++i) {
      work.driven += input[i] != 0;
      work.active += activeAfter(i);
    }
  if (sendsEvents)
    for (uint32_t i = 0; i < n; ++i)
      if (out[i] != 0)
        firedList.push_back(i);
  work.updated = n;
  work.fired = uint32_t(firedList.size());
}

void CoreModel::sparseNeuronPhase(NeuronWork &work, bool countActivity) {
  // When most neurons are live (a leaky network's usual state), stepping
  // all of them costs less than listing them. A neuron at rest with no
  // input stays at rest and silent (hasRestState), so the result is the
  // same. Which neurons are live is then looked up every kRelist steps
  // only; until then the list is stale and the core keeps stepping densely,
  // which is right whatever the list says.
  constexpr uint32_t kRelist = 8;
  const uint32_t denseAbove = n - n / 4;
  bool dense = denseSteps % kRelist != 0 || live.size() >= denseAbove;
  if (!dense && !inputListed) {
    for (uint32_t i = 0; i < n; ++i)
      if (input[i] != 0)
        inputSet.push_back(i);
    inputListed = true;
  }
  if (dense || live.size() + inputSet.size() >= denseAbove) {
    denseNeuronPhase(work, countActivity);
    if (++denseSteps % kRelist == 0) {
      live.clear();
      for (uint32_t i = 0; i < n; ++i) {
        isLive[i] = !kernel->atRest(i);
        if (isLive[i])
          live.push_back(i);
      }
    }
    return;
  }
  denseSteps = 0;
  // Neurons to step: the live ones and those with input, in ascending
  // order (fired() is ascending, as in the dense path).
  updateList.assign(live.begin(), live.end());
  for (uint32_t i : inputSet)
    if (!isLive[i])
      updateList.push_back(i);
  std::sort(updateList.begin(), updateList.end());
  for (uint32_t i : firedList)
    out[i] = 0;
  if (countActivity)
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
    if (countActivity) {
      work.driven += input[i] != 0;
      work.active += activeAfter(i);
    }
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
