//===- CoreModel.h - one neuromorphic core of a hardware image --*- C++ -*-===//
//
// The one model of a core that both emulator modes run (DESIGN.md section 7):
// events are accumulated as they arrive (receive: value x weight into the
// target neuron's accumulator of the axon's dendrite group, in the ring slot
// of the step the event counts at); the synaptic phase forms each neuron's
// dendritic sum from the slot of this step (the groups scaled by their
// weight exponents and added, NeuronKernels.h); the neuron phase runs the
// core's neurons, all of one fixed-point model, as one PopulationKernel and
// lists the neurons whose output is nonzero. Each phase returns the work it
// did, which the cycle model prices. The sums are int64 and exact, so the
// order events arrive in changes nothing.
//
// Where events go and when they count is not the core's business: the
// Emulator delivers them (Emulator.h).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_COREMODEL_H
#define SPIKEC_EMULATOR_COREMODEL_H

#include "spikec/Image/Image.h"
#include "spikec/Kernels/NeuronKernels.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace spikec::emu {

/// An event reaching a core: the input axon and the value it carries (1 for
/// a spike, an akida activation, a host input's value).
struct AxonEvent {
  uint32_t axon;
  int32_t value;
};

/// The work of one core's synaptic phase in one step.
struct SynapticWork {
  /// Events received (each reads one axon's synapse list).
  uint32_t events = 0;
  /// Synapses read and accumulated.
  uint64_t synapticOps = 0;
  /// Dendrite groups that received an event.
  uint32_t activeGroups = 0;
};

/// The work of one core's neuron phase in one step.
struct NeuronWork {
  /// Neurons updated (every neuron of the core).
  uint32_t updated = 0;
  /// Neurons whose dendritic sum was nonzero.
  uint32_t driven = 0;
  /// Neurons with input, output or a nonzero state variable before or
  /// after the update (targets/README.md: neuron_update_active); the rest
  /// were idle.
  uint32_t active = 0;
  /// Neurons whose output was nonzero: each is an event on its routes.
  uint32_t fired = 0;
};

class CoreModel {
public:
  /// Sets the core up from `core`, which must outlive this model (its synapse
  /// and route arrays are read in place). "" or why the core cannot run: an
  /// unknown model, a missing parameter, a neuron's parameters out of range,
  /// a delay beyond kMaxDelay.
  std::string init(const image::Core &core);

  /// The largest group delay the emulator runs (a slot of accumulators per
  /// step of delay).
  static constexpr uint32_t kMaxDelay = 4095;

  /// The ring slot of step `step` (the step an event counts at): step mod
  /// slots(), a power of two, so that a sender finds it from the step alone
  /// (Inlet's mask) and the core keeps no clock of its own.
  uint32_t slotOf(int64_t step) const {
    return uint32_t(step) & (rx.numSlots - 1);
  }

  /// What accumulating an event needs of a core, copied into a table of
  /// every core's (the Emulator's) so that a packet reads one small entry
  /// instead of the core: the int64 sums of slot 0, group 0; the words from
  /// one slot's sums to the next; the neurons (a group's words); the ring's
  /// mask; whether events must go through receive() all the same (the core
  /// lists the targets they reach).
  struct Inlet {
    int64_t *acc = nullptr;
    uint32_t slotWords = 0, n = 0, mask = 0;
    bool marks = false;
    /// The sums of `group` in ring slot `slot`, one per neuron: adding to
    /// them is receive() without its tally, for a core that does not mark,
    /// when nobody reads the synaptic work (functional mode). The synaptic
    /// phase must then be told so (synapticPhase's allGroups).
    int64_t *sums(uint32_t slot, uint32_t group) const {
      return acc + size_t(slot) * slotWords + size_t(group) * n;
    }
  };
  Inlet inlet() const {
    return {reinterpret_cast<int64_t *>(rx.slots + rx.accAt),
            uint32_t(rx.slotBytes / 8), rx.n, rx.numSlots - 1, rx.markTargets};
  }
  /// Accumulates an event of `value` on an axon of `group` whose synapses
  /// are the `count` pairs (target neuron, weight as uint32) at `syn` into
  /// ring slot `slot`. The packet path of every
  /// run: no allocation and no capacity check (init() sized every slot for
  /// all its neurons and groups).
  void receive(uint32_t slot, uint32_t group, const uint32_t *syn,
               uint32_t count, int32_t value) {
    uint8_t *block = rx.slots + size_t(slot) * rx.slotBytes;
    SlotTally &tally = *reinterpret_cast<SlotTally *>(block);
    ++tally.events;
    tally.ops += count;
    if (!block[rx.flagsAt + group]) {
      block[rx.flagsAt + group] = 1;
      reinterpret_cast<uint32_t *>(block + rx.groupsAt)[tally.groups++] = group;
    }
    int64_t *a =
        reinterpret_cast<int64_t *>(block + rx.accAt) + size_t(group) * rx.n;
    if (!rx.markTargets) {
      for (uint32_t k = 0; k < count; ++k)
        a[syn[2 * k]] += int64_t(value) * int32_t(syn[2 * k + 1]);
      return;
    }
    uint8_t *mark = block + rx.marksAt;
    uint32_t *list = reinterpret_cast<uint32_t *>(block + rx.targetsAt);
    for (uint32_t k = 0; k < count; ++k) {
      uint32_t t = syn[2 * k];
      a[t] += int64_t(value) * int32_t(syn[2 * k + 1]);
      if (!mark[t]) {
        mark[t] = 1;
        list[tally.touched++] = t;
      }
    }
  }

  /// Forms step `step`'s dendritic sums from the events received for it.
  /// Allocates nothing. With allGroups, some events may have been added
  /// through the inlet (Inlet::sums), which keeps no tally: then every group is
  /// summed (unless the inlet marks, when all came through receive()) and the
  /// work returned counts only those that came through receive().
  SynapticWork synapticPhase(int64_t step, bool allGroups = false);
  /// Updates every neuron from the dendritic sums and lists those whose
  /// output is nonzero. Allocates nothing. Without countActivity the work's
  /// driven and active are left 0 (nobody prices them: functional mode).
  NeuronWork neuronPhase(bool countActivity = true);
  /// Asks for what step `step`'s phases read (PopulationKernel::prefetch):
  /// the Emulator calls it a core ahead.
  void prefetch(int64_t step) const {
    ref::prefetchBytes(rx.slots + size_t(slotOf(step)) * rx.slotBytes,
                       rx.slotBytes);
    ref::prefetchArray(input);
    ref::prefetchArray(out);
    ref::prefetchArray(total);
    ref::prefetchArray(core->groups);
    ref::prefetchBytes(inputSet.data(), inputSet.size() * sizeof(uint32_t));
    kernel->prefetch();
  }
  /// Asks for the kernel's object, which prefetch() reads: the Emulator
  /// calls it two cores ahead.
  void prefetchKernel() const { ref::prefetchBytes(kernel.get(), 256); }

  /// The neurons whose output was nonzero in the last neuron phase, in
  /// ascending order: the events the core sends (none for a readout model,
  /// whose output is the membrane the host reads).
  llvm::ArrayRef<uint32_t> fired() const { return firedList; }
  /// Whether the core's nonzero outputs are events it sends (false for a
  /// readout model: its output is the membrane, a graded value).
  bool emitsEvents() const { return sendsEvents; }
  /// Every neuron's output of the last neuron phase.
  const int32_t *outputs() const { return out.data(); }
  /// The dendritic sums the last synaptic phase formed.
  const int32_t *inputs() const { return input.data(); }
  /// Neuron n's destinations (core, axon).
  llvm::ArrayRef<image::Endpoint> routesOf(uint32_t n) const {
    return llvm::ArrayRef<image::Endpoint>(core->routes)
        .slice(core->routeOffsets[n],
               core->routeOffsets[n + 1] - core->routeOffsets[n]);
  }
  /// The ring's slots: the largest group delay + 2 (this step, the next, and a
  /// delay further), rounded up to a power of two.
  uint32_t slots() const { return rx.numSlots; }
  uint32_t numNeurons() const { return core->numNeurons; }
  const image::Core &description() const { return *core; }
  /// State variable `name` of every neuron after the last neuron phase, or
  /// null when the model has none (PopulationKernel::state).
  const int32_t *state(llvm::StringRef name) const {
    return kernel->state(name);
  }
  /// Neuron-steps whose arithmetic left its range (PopulationKernel).
  uint64_t overflows() const { return kernel->overflows; }

private:
  /// What a slot has received.
  struct SlotTally {
    uint32_t events = 0;  ///< events (axon events)
    uint32_t groups = 0;  ///< distinct groups, listed in activeGroups
    uint32_t touched = 0; ///< distinct targets, listed in touched (sparse)
    uint64_t ops = 0;     ///< synapses accumulated
  };

  // The receiving side, read per event: a ring of numSlots slots, slot s
  // holding the events of the steps congruent to s (mod numSlots). A slot
  // is one block of slotBytes in `store`: its SlotTally; per group, whether
  // it received an event, and the list of those that did (the first
  // tally.groups); per neuron (marking only), whether it is a synapse target
  // and the list of those that are (the first tally.touched); per group, per
  // neuron, the int64 sum of value x weight. Sums and marks are zero once
  // the slot's step has formed its sums. One block keeps a small core's
  // receiving in a few cache lines; `rx` is the one line that finds them.
  struct alignas(64) Receiver {
    uint8_t *slots = nullptr;
    size_t slotBytes = 0;
    uint32_t flagsAt = 0, groupsAt = 0, marksAt = 0, targetsAt = 0, accAt = 0;
    uint32_t numSlots = 2;
    uint32_t n = 0, numGroups = 0;
    /// Whether receiving lists the synapse targets (sparse stepping of a
    /// core large enough that scanning all its neurons would cost more).
    bool markTargets = false;
  } rx;
  std::vector<uint64_t> store;
  /// 0, 1, ..., the groups (what synapticPhase sums with allGroups).
  std::vector<uint32_t> everyGroup;
  /// Whether neurons at rest are skipped (PopulationKernel::hasRestState):
  /// only neurons that are not at rest or got input this step are updated,
  /// and only synapse targets form dendritic sums, so a step costs its
  /// events and its live neurons, not the core's size.
  bool sparse = false;
  uint32_t n = 0;

  const image::Core *core = nullptr;
  std::unique_ptr<ref::PopulationKernel> kernel;
  /// Whether nonzero outputs are events (false for readout models).
  bool sendsEvents = true;
  /// Per neuron: the total of the scaled group sums, the dendritic sum, the
  /// output.
  std::vector<int64_t> total;
  std::vector<int32_t> input, out;
  std::vector<uint32_t> firedList;
  /// The kernel's state variables (u, v, i, a: those it has) and, per
  /// neuron, whether any was nonzero before this step's update.
  std::vector<const int32_t *> stateVars;
  std::vector<uint8_t> wasActive;
  // Sparse stepping's lists.
  std::vector<uint32_t> inputSet; ///< neurons whose input[] may be nonzero
  /// Whether inputSet lists them all (else, after dense sums, it is empty
  /// and any input may be nonzero).
  bool inputListed = true;
  std::vector<uint32_t> live;     ///< neurons not at rest after last step
  std::vector<uint8_t> isLive;    ///< per neuron
  std::vector<uint32_t> updateList;

  /// Every neuron's dendritic sum from the slot's active groups.
  void denseSums(int64_t *slotAcc, llvm::ArrayRef<uint32_t> groups);
  /// The dendritic sums of the slot's touched neurons.
  void sparseSums(int64_t *slotAcc, llvm::ArrayRef<uint32_t> groups,
                  llvm::ArrayRef<uint32_t> targets, uint8_t *marks);
  void denseNeuronPhase(NeuronWork &work, bool countActivity);
  void sparseNeuronPhase(NeuronWork &work, bool countActivity);
  /// Steps stepped densely in a row (sparseNeuronPhase): the live list is
  /// out of date unless a multiple of its relisting period.
  uint32_t denseSteps = 0;
  /// Whether neuron i counts as active (NeuronWork::active) after its update.
  bool activeAfter(uint32_t i) const {
    bool active = wasActive[i] || input[i] != 0 || out[i] != 0;
    for (const int32_t *values : stateVars)
      active |= values[i] != 0;
    return active;
  }
};

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_COREMODEL_H
