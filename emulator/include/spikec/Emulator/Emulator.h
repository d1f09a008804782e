//===- Emulator.h - a hardware image run timestep by timestep ---*- C++ -*-===//
//
// Runs an image (and nothing but the image) as the chip would (DESIGN.md
// section 7, docs/image-format.md), bit for bit as the quantized reference
// runs the network it came from (QuantizedSimulator.h). Per step t:
// 1. the host encodes each input port's row t; every element with an event
//    sends it to its destinations (core, axon);
// 2. synaptic phase: every core accumulates the events that count at t
//    (CoreModel);
// 3. neuron phase: every core updates its neurons; each nonzero output is an
//    event sent along the neuron's routes (a spike, or an akida activation
//    carrying its value);
// 4. the output ports read their neurons' outputs of step t.
// An event sent at step t (by the host or a neuron) counts at the receiving
// axon at step t + 1 + the delay of the axon's group (the hardware timing):
// deliver() is the one place that decides it. Spikes do not depend on mesh
// latency: a step ends at the barrier, when every event has arrived.
//
// The step loop takes an observer, which sees each core's work per phase
// and every packet (source core, destination core) when it is sent; the
// functional mode's NullObserver does nothing and costs nothing, the cycle
// model prices what it sees. The loop allocates nothing.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_EMULATOR_H
#define SPIKEC_EMULATOR_EMULATOR_H

#include "spikec/Emulator/CoreModel.h"
#include "spikec/Emulator/HostPorts.h"
#include "spikec/Image/Image.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cassert>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace spikec::emu {

/// The source "core" of packets from the host's input ports.
constexpr uint32_t kHostCore = UINT32_MAX;

/// The observer of functional mode: sees nothing. An observer has these
/// members (all called from the step loop, in this order per step).
struct NullObserver {
  void beginStep(int64_t /*t*/) {}
  /// A packet from `src` (a core or kHostCore) to core `dst`, sent at the
  /// current step.
  void packet(uint32_t /*src*/, uint32_t /*dst*/) {}
  /// The events core `core` accumulates this step (before its synaptic
  /// phase), in the order it reads them.
  void axonEvents(uint32_t /*core*/, llvm::ArrayRef<AxonEvent>) {}
  void synapticPhase(uint32_t /*core*/, const SynapticWork &) {}
  void neuronPhase(uint32_t /*core*/, const NeuronWork &) {}
  void endStep(int64_t /*t*/) {}
};

/// Totals of a run (the quantized reference's SimStats counts the same).
struct RunStats {
  /// Synapses read: of every axon event, at every core.
  uint64_t synapticEvents = 0;
  /// Neurons updated: every neuron of every core, every step.
  uint64_t neuronUpdates = 0;
  /// Nonzero neuron outputs and events of spiking encoders (rate, latency,
  /// delta).
  uint64_t spikes = 0;
  /// Packets sent: one per destination of every event.
  uint64_t packets = 0;
  /// Per core: nonzero neuron outputs.
  std::vector<uint64_t> spikesPerCore;
};

class Emulator {
public:
  /// An emulator of `image`, which must have passed image::validate (the
  /// reader runs it). Null with `error` set when a core or an input port
  /// cannot run: "core 2: model 'x' has no kernel (known: ...)".
  static std::unique_ptr<Emulator> create(image::Image image,
                                          std::string &error);

  /// Takes the input ports' rows, by input name, and prepares a run of
  /// `timesteps` from step 0 (once: the state is not reset). "" or what is
  /// wrong: a second call, a missing or unknown input, too few rows, a bad
  /// row (HostInput::bind).
  std::string start(std::map<std::string, Rows> rows, int64_t timesteps);

  /// Runs every step of the run start() prepared.
  template <typename Observer> void run(Observer &observer) {
    while (t < timesteps)
      step(observer);
  }
  void run() {
    NullObserver none;
    run(none);
  }
  /// Runs the next step.
  template <typename Observer> void step(Observer &observer);

  /// The next step to run.
  int64_t timestep() const { return t; }
  /// The host's input ports, in the image's order.
  llvm::ArrayRef<HostInput> hostInputs() const { return inputs; }
  /// The steps of the run start() prepared.
  int64_t numSteps() const { return timesteps; }
  /// Output port o's values: timesteps rows of its width, row-major.
  const std::vector<int32_t> &outputRows(size_t o) const {
    return outputs[o];
  }
  const RunStats &stats() const { return totals; }
  const image::Image &image() const { return img; }
  size_t numCores() const { return cores.size(); }
  const CoreModel &core(uint32_t c) const { return cores[c]; }

private:
  Emulator() = default;
  /// Queues an event sent at the current step to (core, axon), to count at
  /// step t + 1 + the axon's group delay. The packet path of every run: one
  /// line of the inbox, its slot and the event's place, no division and no
  /// capacity check (create() sized every slot for all that can arrive).
  void deliver(uint32_t core, uint32_t axon, int32_t value) {
    Inbox &box = inbox[core];
    uint32_t slot = box.next;
    if (box.delayed) {
      slot += cores[core].delayOf(axon);
      if (slot >= box.numSlots)
        slot -= box.numSlots;
    }
    assert(box.count[slot] < box.capacity && "inbox sized in create()");
    box.events[size_t(slot) * box.capacity + box.count[slot]++] = {axon, value};
  }

  /// Sends an event of `value` from `src` to each of `dests`.
  template <typename Observer>
  void send(uint32_t src, llvm::ArrayRef<image::Endpoint> dests,
            int32_t value, Observer &observer) {
    for (const image::Endpoint &d : dests) {
      deliver(d.core, d.index, value);
      observer.packet(src, d.core);
    }
    totals.packets += dests.size();
  }

  /// A core's events by the step they count at: slot s holds those of the
  /// steps congruent to s, max delay + 2 slots (this step, the next, and a
  /// delay further), each `capacity` events (every event that can arrive at
  /// once), in `events`, part of eventBuffer. One cache line.
  struct alignas(64) Inbox {
    AxonEvent *events = nullptr;
    uint32_t capacity = 0, numSlots = 0;
    uint32_t now = 0;     ///< the slot of this step: t % numSlots
    uint32_t next = 1;    ///< the slot of step t + 1 (numSlots >= 2)
    bool delayed = false; ///< some group has a delay
    llvm::SmallVector<uint32_t, 4> count; ///< events in each slot

    llvm::ArrayRef<AxonEvent> arrived() const {
      return {events + size_t(now) * capacity, count[now]};
    }
    /// Empties this step's slot and moves to the next step.
    void advance() {
      count[now] = 0;
      now = next;
      next = next + 1 == numSlots ? 0 : next + 1;
    }
  };

  image::Image img;
  std::vector<CoreModel> cores;
  std::vector<HostInput> inputs;
  std::map<std::string, Rows> inputRows;
  std::vector<Inbox> inbox;
  /// Every inbox's slots; left uninitialized, so that the pages of slots
  /// never filled (most of them: the capacity is the worst case) are never
  /// touched.
  std::unique_ptr<AxonEvent[]> eventBuffer;
  std::vector<std::vector<int32_t>> outputs;
  RunStats totals;
  int64_t t = 0;
  int64_t timesteps = 0;
};

template <typename Observer> void Emulator::step(Observer &observer) {
  observer.beginStep(t);
  for (HostInput &in : inputs) {
    in.encode(t);
    const int32_t *v = in.values();
    for (uint32_t e : in.active())
      send(kHostCore, in.destinationsOf(e), v[e], observer);
    if (in.spiking())
      totals.spikes += in.active().size();
  }
  for (uint32_t c = 0, n = uint32_t(cores.size()); c < n; ++c) {
    llvm::ArrayRef<AxonEvent> now = inbox[c].arrived();
    observer.axonEvents(c, now);
    SynapticWork work = cores[c].synapticPhase(now);
    totals.synapticEvents += work.synapticOps;
    observer.synapticPhase(c, work);
  }
  for (uint32_t c = 0, n = uint32_t(cores.size()); c < n; ++c) {
    CoreModel &core = cores[c];
    NeuronWork work = core.neuronPhase();
    totals.neuronUpdates += work.updated;
    totals.spikes += work.fired;
    totals.spikesPerCore[c] += work.fired;
    observer.neuronPhase(c, work);
    const int32_t *out = core.outputs();
    for (uint32_t neuron : core.fired())
      send(c, core.routesOf(neuron), out[neuron], observer);
  }
  for (size_t o = 0; o < img.outputs.size(); ++o) {
    const image::Output &port = img.outputs[o];
    int32_t *row = outputs[o].data() + size_t(t) * port.width;
    for (uint32_t e = 0; e < port.width; ++e)
      row[e] = cores[port.sources[e].core].outputs()[port.sources[e].index];
  }
  for (Inbox &box : inbox)
    box.advance();
  observer.endStep(t);
  ++t;
}

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_EMULATOR_H
