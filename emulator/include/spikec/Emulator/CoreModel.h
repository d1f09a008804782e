//===- CoreModel.h - one neuromorphic core of a hardware image --*- C++ -*-===//
//
// The one model of a core that both emulator modes run (DESIGN.md section 7):
// the synaptic phase walks the synapse list of every axon that received an
// event and accumulates value x weight into the target neuron's accumulator
// of the axon's dendrite group, then forms each neuron's dendritic sum (the
// groups scaled by their weight exponents and added, NeuronKernels.h); the
// neuron phase runs the core's neurons, all of one fixed-point model, as one
// PopulationKernel and lists the neurons whose output is nonzero. Each
// phase returns the work it did, which the cycle model prices.
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
  /// unknown model, a missing parameter, a neuron's parameters out of range.
  std::string init(const image::Core &core);

  /// Accumulates `events` and forms this step's dendritic sums. Allocates
  /// nothing.
  SynapticWork synapticPhase(llvm::ArrayRef<AxonEvent> events);
  /// Updates every neuron from the dendritic sums and lists those whose
  /// output is nonzero. Allocates nothing.
  NeuronWork neuronPhase();

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
  /// How many steps later than the hardware timing an event reaching axon
  /// `a` counts (its group's delay).
  uint32_t delayOf(uint32_t a) const {
    return core->groups[core->axonGroup[a]].delay;
  }
  /// The largest delay of the core's groups (0 without groups).
  uint32_t maxDelay() const { return maxGroupDelay; }
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
  const image::Core *core = nullptr;
  std::unique_ptr<ref::PopulationKernel> kernel;
  uint32_t maxGroupDelay = 0;
  /// Whether nonzero outputs are events (false for readout models).
  bool sendsEvents = true;
  /// Per group, per neuron: the int64 sum of this step's value x weight,
  /// group-major; zero between steps.
  std::vector<int64_t> acc;
  /// The groups that received an event this step, and a flag per group.
  std::vector<uint32_t> activeGroups;
  std::vector<uint8_t> groupActive;
  /// Per neuron: the total of the scaled group sums, the dendritic sum, the
  /// output.
  std::vector<int64_t> total;
  std::vector<int32_t> input, out;
  std::vector<uint32_t> firedList;
  /// The kernel's state variables (u, v, i, a: those it has) and, per
  /// neuron, whether any was nonzero before this step's update.
  std::vector<const int32_t *> stateVars;
  std::vector<uint8_t> wasActive;

  // Event-driven stepping (models with a rest state, PopulationKernel::
  // hasRestState): only neurons that are not at rest or got input this step
  // are updated, and only synapse targets form dendritic sums, so a step
  // costs its events and its live neurons, not the core's size.
  bool sparse = false;
  std::vector<uint32_t> touched;  ///< neurons with a synapse event this step
  std::vector<uint8_t> isTouched; ///< per neuron
  std::vector<uint32_t> inputSet; ///< neurons whose input[] may be nonzero
  std::vector<uint32_t> live;     ///< neurons not at rest after last step
  std::vector<uint8_t> isLive;    ///< per neuron
  std::vector<uint32_t> updateList;

  /// Every neuron's dendritic sum (0 without events).
  SynapticWork denseSynapticPhase(llvm::ArrayRef<AxonEvent> events);
  void sparseSynapticPhase(llvm::ArrayRef<AxonEvent> events,
                           SynapticWork &work);
  void sparseNeuronPhase(NeuronWork &work);
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
