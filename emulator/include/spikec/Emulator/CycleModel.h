//===- CycleModel.h - time and energy of an emulated run --------*- C++ -*-===//
//
// The observer of --mode=cycle (Emulator.h): it prices the work the core
// model reports and moves the packets over the mesh (MeshModel.h), with the
// target's numbers (targets/README.md, "What the numbers mean"). Per step
// and core:
//   synaptic phase  ceil(synaptic ops / synapse_ops_per_cycle) x
//                   latency.synaptic_op,
//   neuron phase    active x latency.neuron_update_active + idle x
//                   latency.neuron_update_idle,
//   spike out       its packets leave one after another, each
//                   latency.spike_out after the one before, once the neuron
//                   phase is over;
// the host's packets enter at tile (0, 0) from the step's start, one per
// latency.spike_out. The step lasts until the last core is done and the last
// packet has arrived, plus the barrier for the tiles the image uses (at
// least timing.tick_s when the target has a tick). Energy: synaptic ops,
// active and idle neuron updates, each neuron's output event at its soma
// (soma_spike), packets leaving cores (spike_out) and entering from the host
// (host_packet), hops along x and y, one barrier per step, and static power
// x the step's time.
// Every latency is a whole number of clock cycles, latency_ns x clock_hz
// rounded up (CoreCycleCosts), so a core's phases last whole cycles (what an
// RTL core can match, rtl/); a step's cycles are its time x clock_hz, rounded
// up (the barrier table's time need not be whole cycles).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_CYCLEMODEL_H
#define SPIKEC_EMULATOR_CYCLEMODEL_H

#include "spikec/Emulator/CoreModel.h"
#include "spikec/Emulator/MeshModel.h"
#include "spikec/Image/Image.h"
#include "spikec/Target/Target.h"

#include <array>
#include <cstdint>
#include <vector>

namespace spikec::emu {

/// The target an image was compiled for: `which` (a preset name or a
/// description file) or, when empty, the description the image carries (the
/// preset it names, for a format version 1 image); its content hash must be
/// the image's. "" or why not.
std::string loadImageTarget(const image::Image &image, const std::string &which,
                            target::TargetDesc &out);

/// A core's costs in clock cycles: each latency_ns x clock_hz, rounded up.
struct CoreCycleCosts {
  uint64_t synapticOp = 0, activeNeuron = 0, idleNeuron = 0, spikeOut = 0;
  double synapticOpsPerCycle = 1;
};
CoreCycleCosts coreCycleCosts(const target::TargetDesc &target);

/// The cycles of one core's phases in one step.
struct CoreCycles {
  /// ceil(synaptic ops / synapse_ops_per_cycle) x synapticOp.
  uint64_t synaptic = 0;
  /// active x activeNeuron + idle x idleNeuron.
  uint64_t neuron = 0;
};
CoreCycles coreCycles(const CoreCycleCosts &costs, const SynapticWork &syn,
                      const NeuronWork &neurons);

/// Energy by kind, pJ.
struct Energy {
  enum Kind {
    SynapticOps,
    NeuronUpdates,
    SomaSpikes, ///< energy_pj.soma_spike per neuron output event
    SpikesOut,
    HostPackets, ///< energy_pj.host_packet per packet from the host
    Hops,
    Barrier,
    Static,
  };
  static constexpr size_t kNumKinds = 8;
  std::array<double, kNumKinds> pj{};

  double total() const;
  Energy &operator+=(const Energy &o);
  static const char *name(Kind k);
};

/// What one step cost.
struct StepCost {
  double ns = 0;
  uint64_t cycles = 0;
  Energy energy;
  uint64_t synapticOps = 0;
  uint64_t activeNeurons = 0, idleNeurons = 0;
  uint64_t packets = 0; ///< including the host's
  MeshStepStats mesh;
  /// The core that finished last (its phases and its packets' injection)
  /// and when, ns; -1 without cores.
  int64_t busiestCore = -1;
  double busiestCoreNs = 0;
};

/// One core's phases in one step, ns from the step's start (traces).
struct CorePhases {
  float synapticEnd = 0, neuronEnd = 0, spikesEnd = 0;
};

/// A link that carried packets in a step (traces).
struct LinkUse {
  uint32_t step = 0, link = 0, packets = 0;
  float busyNs = 0;
};

class CycleModel {
public:
  /// The model of `image` on `target`, which must be the image's target.
  /// With recordPhases, phases() keeps every core's phases of every step.
  CycleModel(const target::TargetDesc &target, const image::Image &image,
             bool recordPhases = false);
  /// Reserves the per-step records of a run, so that stepping allocates
  /// nothing.
  void reserve(int64_t timesteps);

  // The observer interface (Emulator.h).
  void beginStep(int64_t t);
  void packet(uint32_t src, uint32_t dst);
  void synapticPhase(uint32_t core, const SynapticWork &work);
  void neuronPhase(uint32_t core, const NeuronWork &work);
  void endStep(int64_t t);

  const std::vector<StepCost> &steps() const { return stepCosts; }
  /// Sums over the steps (busiest core: the most total busy time).
  const StepCost &total() const { return sum; }
  /// Per core: ns spent in its phases over the run.
  const std::vector<double> &coreBusyNs() const { return busyNs; }
  /// phases()[t * numCores + c] (recordPhases only).
  const std::vector<CorePhases> &phases() const { return phaseLog; }
  /// Every step's busy links, in step order (recordPhases only).
  const std::vector<LinkUse> &linkUses() const { return linkLog; }
  const MeshModel &mesh() const { return meshModel; }
  /// The tiles holding at least one core of the image.
  uint32_t tilesInUse() const { return tiles; }
  double barrierNs() const { return barrier; }

private:
  const target::TargetDesc &target;
  const image::Image &image;
  MeshModel meshModel;
  bool recordPhases;
  uint32_t tiles = 0;
  double barrier = 0;
  // Per event kind, from the target.
  CoreCycleCosts costs;
  double cycleNs;
  double eSyn, eActive, eIdle, eSoma, eSpike, eHost, eHopEW, eHopNS, eBarrier;
  double staticW, tickNs;
  // The step being priced.
  StepCost current;
  std::vector<double> synEnd, neuronEnd, spikesEnd; ///< per core, ns
  uint64_t hostPackets = 0;
  std::vector<StepCost> stepCosts;
  StepCost sum;
  std::vector<double> busyNs;
  std::vector<CorePhases> phaseLog;
  std::vector<LinkUse> linkLog;
  std::vector<uint64_t> linkPacketsBefore;
  std::vector<double> linkBusyBefore;
};

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_CYCLEMODEL_H
