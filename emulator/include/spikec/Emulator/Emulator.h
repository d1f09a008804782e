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
// An event is accumulated at its destination core when it is sent, into the
// ring slot of the step it counts at (CoreModel::receive), through fan-out
// tables built once (Fanout): per route, the destination's core, group and
// delay followed by a copy of the axon's synapses, in the sender's route
// order, so that a spike reads its routes and synapses in one sweep (as a
// float simulator reads a neuron's synapse row) rather than visiting an
// inbox and then each axon's table. Where nobody reads the work of the
// synaptic phase (functional mode), events skip the core's tally: each adds
// into the sums a table of every core's inlet points at (CoreModel::Inlet),
// the adds batched so that their cache misses overlap, and the synapses read
// are counted per step at the sender. A network of many small cores (a
// random one on loihi: 41 neurons a core) then costs an event one miss, not
// three, and stepping the cores asks for each next core's lines a core ahead.
//
// Cores step in parallel within a step, on threads() threads (the chip's
// own parallelism; the barrier is the step): each core's synaptic phase,
// then each core's neuron phase, then the events the cores fired, each
// thread accumulating those bound for its own range of cores (each sender's
// records are split by range when the run starts). Every core
// then receives its events in the order one thread would deliver them, and
// the observer is shown the packets afterwards, from the image's routes, in
// the order they were sent; so outputs and reports do not depend on the
// thread count.
//
// The step loop takes an observer, which sees each core's work per phase
// and every packet (source core, destination core) when it is sent; the
// functional mode's NullObserver does nothing and costs nothing, the cycle
// model prices what it sees. An observer with an axonEvents member (the RTL
// co-simulation) also gets, per core and step, the events it accumulates in
// the order they arrived; only then does the loop allocate (their lists).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_EMULATOR_H
#define SPIKEC_EMULATOR_EMULATOR_H

#include "spikec/Emulator/CoreModel.h"
#include "spikec/Emulator/HostPorts.h"
#include "spikec/Emulator/StepTeam.h"
#include "spikec/Image/Image.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
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
  // Optional: void axonEvents(uint32_t core, llvm::ArrayRef<AxonEvent>),
  // the events core `core` accumulates this step (before its synaptic
  // phase), in the order they arrived.
  void synapticPhase(uint32_t /*core*/, const SynapticWork &) {}
  void neuronPhase(uint32_t /*core*/, const NeuronWork &) {}
  void endStep(int64_t /*t*/) {}
};

/// Whether an observer has an axonEvents member.
template <typename Observer, typename = void>
struct ReadsAxonEvents : std::false_type {};
template <typename Observer>
struct ReadsAxonEvents<Observer, std::void_t<decltype(&Observer::axonEvents)>>
    : std::true_type {};

/// Whether an observer's packet() is NullObserver's, which does nothing.
template <typename Observer>
constexpr bool kIgnoresPackets =
    std::is_same_v<decltype(&Observer::packet),
                   decltype(&NullObserver::packet)>;

/// Whether an observer's synapticPhase() is NullObserver's: then nobody
/// reads a SynapticWork, and events need not be tallied per core.
template <typename Observer>
constexpr bool kIgnoresSynapticWork =
    std::is_same_v<decltype(&Observer::synapticPhase),
                   decltype(&NullObserver::synapticPhase)>;

/// Whether an observer's neuronPhase() is NullObserver's: then nobody reads
/// a NeuronWork's driven and active, and the cores need not count them.
template <typename Observer>
constexpr bool kIgnoresNeuronWork =
    std::is_same_v<decltype(&Observer::neuronPhase),
                   decltype(&NullObserver::neuronPhase)>;

/// Whether observeSend shows an observer anything.
template <typename Observer>
constexpr bool kWatchesSends =
    !kIgnoresPackets<Observer> || ReadsAxonEvents<Observer>::value;

/// The routes of one sender (a core's neurons or an input port's elements)
/// as the emulator walks them: for element e, those bound for the cores of
/// thread p's range from words[start[e * threads + p]], one record per image
/// route and in the image's order: the destination core, its group | delay
/// << kDelayShift, the axon's synapse count c, then c pairs (target neuron,
/// weight as uint32). An axon of one synapse (most of a sparse random
/// network's: a route per synapse) leaves out the count and marks the core
/// word with kSingle, so that an event streams 16 bytes rather than 20.
struct Fanout {
  static constexpr unsigned kDelayShift = 20;
  static constexpr uint32_t kGroupMask = (1u << kDelayShift) - 1;
  static constexpr uint32_t kSingle = 1u << 31;
  /// A record read.
  struct Record {
    uint32_t core, group, delay, count;
    const uint32_t *synapses;
    const uint32_t *next() const { return synapses + 2 * size_t(count); }
  };
  static Record read(const uint32_t *w) {
    uint32_t single = w[0] >> 31;
    Record r;
    r.core = w[0] & ~kSingle;
    r.group = w[1] & kGroupMask;
    r.delay = w[1] >> kDelayShift;
    r.count = single ? 1 : w[2];
    r.synapses = w + 3 - single;
    return r;
  }
  std::vector<uint64_t> start;
  std::vector<uint32_t> words;

  /// The records of element e bound for part `part` of `parts`.
  struct Span {
    const uint32_t *begin, *end;
  };
  Span records(uint32_t e, unsigned parts, unsigned part) const {
    size_t at = size_t(e) * parts + part;
    return {words.data() + start[at], words.data() + start[at + 1]};
  }
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
  ~Emulator();
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

  /// Steps the cores on `n` threads (at least 1; more than the cores are of
  /// no use). An observer with axonEvents gets one: its event lists are
  /// filled in arrival order.
  void setThreads(unsigned n);
  unsigned threads() const { return numThreads; }

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
  /// Builds every sender's fan-out for the thread count (start(), or
  /// setThreads() once started).
  void buildFanouts();
  /// Builds `fan` for the senders whose routes are dests[offsets[e] ..
  /// offsets[e + 1]), split by firstCore.
  void buildFanout(llvm::ArrayRef<uint32_t> offsets,
                   llvm::ArrayRef<image::Endpoint> dests, Fanout &fan) const;

  /// Runs fn(part) for each part in [0, threads()), each on its own thread
  /// (part 0 on the caller's), and returns when all are done.
  void onThreads(llvm::function_ref<void(unsigned)> fn);
  /// Every core's synaptic then neuron phase, into synapticWork and
  /// neuronWork (CoreModel::synapticPhase's allGroups,
  /// CoreModel::neuronPhase's countActivity), and its outputs into the
  /// output ports' row t.
  void stepCores(bool allGroups, bool countActivity);
  /// Accumulates the events of every core's fired neurons at their
  /// destinations, each thread those bound for its range of cores
  /// (deliver's Tallied).
  void deliverFired(bool tallied);
  /// The synapses read by the events that count at step t, which deliver
  /// counted when they were sent; the count goes back to 0.
  uint64_t takeOpsDue(int64_t step);
  /// The packets deliver sent since the last call (a record each).
  uint64_t takePacketsSent();

  /// Accumulates an event of `value` from element e of `fan` at the
  /// destinations of thread `part`'s range, each in the ring slot of step
  /// t + 1 + the axon's group delay (the hardware timing), and counts the
  /// synapses it reads for that step. Tallied: through CoreModel::receive,
  /// which tallies the work per core; else, to cores that do not mark,
  /// into the sums their inlets point at, reading one small table instead
  /// of each core (the run's synaptic phases must then sum every group).
  template <bool Tallied>
  void deliver(const Fanout &fan, uint32_t e, unsigned part, int32_t value) {
    deliver<Tallied>(fan.records(e, numThreads, part), part, value);
  }
  /// The same for the records `span`.
  template <bool Tallied>
  void deliver(Fanout::Span span, unsigned part, int32_t value) {
    const uint32_t *w = span.begin, *end = span.end;
    uint64_t *due = opsDue.data() + size_t(part) * dueStride;
    const uint32_t next = uint32_t(t + 1);
    // Counted here and stored once: most of a sender's routes share a delay.
    uint64_t packets = 0, ops = 0;
    uint32_t opsStep = next;
    BatchedAdds adds;
    while (w < end) {
      ++packets;
      // The records stream from memory a few lines ahead of their use.
      __builtin_prefetch(
          reinterpret_cast<const void *>(reinterpret_cast<uintptr_t>(w) + 256));
      Fanout::Record r = Fanout::read(w);
      w = r.next();
      const CoreModel::Inlet &in = inlets[r.core];
      uint32_t step = next + r.delay;
      if (step != opsStep) {
        due[opsStep & dueMask] += ops;
        ops = 0;
        opsStep = step;
      }
      ops += r.count;
      if (Tallied || in.marks) {
        cores[r.core].receive(step & in.mask, r.group, r.synapses, r.count,
                              value);
        continue;
      }
      int64_t *sums = in.sums(step & in.mask, r.group);
      if (batchAdds)
        for (uint32_t k = 0; k < r.count; ++k)
          adds.add(sums + r.synapses[2 * k],
                   int64_t(value) * int32_t(r.synapses[2 * k + 1]));
      else
        for (uint32_t k = 0; k < r.count; ++k)
          sums[r.synapses[2 * k]] +=
              int64_t(value) * int32_t(r.synapses[2 * k + 1]);
    }
    adds.flush();
    due[opsStep & dueMask] += ops;
    packetsSent[part].count += packets;
  }

  /// Adds to int64 sums in batches: each address is prefetched when it is
  /// queued and written a batch later, so that the misses of a batch
  /// overlap instead of each add waiting on its line (random targets of a
  /// large network miss the caches once an event each). The sums are
  /// exact, so the order of adds changes nothing.
  class BatchedAdds {
  public:
    void add(int64_t *to, int64_t x) {
      __builtin_prefetch(to, 1);
      at[queued] = to;
      values[queued] = x;
      if (++queued == kBatch)
        flush();
    }
    void flush() {
      for (unsigned i = 0; i < queued; ++i)
        *at[i] += values[i];
      queued = 0;
    }

  private:
    static constexpr unsigned kBatch = 32;
    int64_t *at[kBatch];
    int64_t values[kBatch];
    unsigned queued = 0;
  };

  /// What the observer sees of the event of `value` that `src` sent along
  /// `dests` (image routes) this step: the packets, in route order, and,
  /// when it reads them, the events each core received.
  template <typename Observer>
  void observeSend(uint32_t src, llvm::ArrayRef<image::Endpoint> dests,
                   int32_t value, Observer &observer) {
    if constexpr (ReadsAxonEvents<Observer>::value)
      for (const image::Endpoint &d : dests) {
        const CoreModel &core = cores[d.core];
        const image::Core &desc = core.description();
        uint32_t delay = desc.groups[desc.axonGroup[d.index]].delay;
        eventLog[d.core][core.slotOf(t + 1 + delay)].push_back(
            {d.index, value});
      }
    if constexpr (!kIgnoresPackets<Observer>)
      for (const image::Endpoint &d : dests)
        observer.packet(src, d.core);
  }

  image::Image img;
  std::vector<CoreModel> cores;
  /// Per thread, the events its cores fired this step, in core order
  /// (stepCores).
  struct Fired {
    uint32_t core, neuron;
    int32_t value;
  };
  std::vector<std::vector<Fired>> firedBy;
  /// Per thread, the records of every thread's fired events that are bound
  /// for its range, in firedBy's order (deliverFired's scratch).
  struct Sending {
    Fanout::Span span;
    int32_t value;
  };
  std::vector<std::vector<Sending>> sendings;
  /// Per thread, the packets it sent (a cache line each).
  struct alignas(64) PacketCount {
    uint64_t count = 0;
  };
  std::vector<PacketCount> packetsSent;
  /// Whether deliver batches its adds (BatchedAdds): only when the sums
  /// outgrow the caches the adds would otherwise hit.
  bool batchAdds = true;
  /// Per core, its inlet (deliver's table).
  std::vector<CoreModel::Inlet> inlets;
  /// Per thread, from opsDue[part * dueStride]: a ring of the synapses read
  /// by events counting at step s, at s & dueMask (the cores' largest ring's
  /// mask); threads' rings a cache line apart.
  std::vector<uint64_t> opsDue;
  uint32_t dueMask = 1;
  size_t dueStride = 2;
  /// The last step whose ring slots may hold events delivered untallied.
  int64_t untalliedThrough = -1;
  std::vector<HostInput> inputs;
  std::map<std::string, Rows> inputRows;
  /// Per core, then per input port.
  std::vector<Fanout> coreFanout, inputFanout;
  /// Per core, per ring slot: the events received, when the observer reads
  /// them.
  std::vector<std::vector<std::vector<AxonEvent>>> eventLog;
  std::vector<std::vector<int32_t>> outputs;
  RunStats totals;
  unsigned numThreads = 1;
  /// What the output ports read: runs of consecutive neurons of one core to
  /// consecutive elements of one port (a port is usually a few such runs),
  /// sorted by core; core c's are outputRuns[runsOf[c] .. runsOf[c + 1]),
  /// copied by the thread that steps it (stepCores).
  struct OutputRun {
    uint32_t port, at, core, first, count;
  };
  std::vector<OutputRun> outputRuns;
  std::vector<uint32_t> runsOf;
  std::unique_ptr<StepTeam> team;
  /// Thread i delivers to cores [firstCore[i], firstCore[i + 1]), ranges
  /// of about equal incoming synapses.
  std::vector<uint32_t> firstCore;
  /// Per core, the work of this step's phases.
  std::vector<SynapticWork> synapticWork;
  std::vector<NeuronWork> neuronWork;
  int64_t t = 0;
  int64_t timesteps = 0;
};

template <typename Observer> void Emulator::step(Observer &observer) {
  observer.beginStep(t);
  if constexpr (ReadsAxonEvents<Observer>::value)
    if (eventLog.empty())
      for (const CoreModel &core : cores)
        eventLog.emplace_back(core.slots());
  // Whether the cores tally their work this step: only when the observer
  // reads it.
  constexpr bool tallied = !kIgnoresSynapticWork<Observer>;
  if (!tallied)
    untalliedThrough = t + dueMask;
  for (size_t i = 0; i < inputs.size(); ++i) {
    HostInput &in = inputs[i];
    in.encode(t);
    const int32_t *v = in.values();
    for (uint32_t e : in.active()) {
      for (unsigned part = 0; part < numThreads; ++part)
        deliver<tallied>(inputFanout[i], e, part, v[e]);
      if constexpr (kWatchesSends<Observer>)
        observeSend(kHostCore, in.destinationsOf(e), v[e], observer);
    }
    if (in.spiking())
      totals.spikes += in.active().size();
  }
  const uint32_t numCores = uint32_t(cores.size());
  // Each core's phases touch that core alone: all at once, then what they
  // did to the observer in core order.
  stepCores(t <= untalliedThrough, !kIgnoresNeuronWork<Observer>);
  totals.synapticEvents += takeOpsDue(t);
  for (uint32_t c = 0; c < numCores; ++c) {
    if constexpr (ReadsAxonEvents<Observer>::value) {
      std::vector<AxonEvent> &arrived = eventLog[c][cores[c].slotOf(t)];
      observer.axonEvents(c, arrived);
      arrived.clear();
    }
    observer.synapticPhase(c, synapticWork[c]);
  }
  for (uint32_t c = 0; c < numCores; ++c) {
    const NeuronWork &work = neuronWork[c];
    totals.neuronUpdates += work.updated;
    totals.spikes += work.fired;
    totals.spikesPerCore[c] += work.fired;
    observer.neuronPhase(c, work);
  }
  deliverFired(tallied);
  totals.packets += takePacketsSent();
  if constexpr (kWatchesSends<Observer>)
    for (uint32_t c = 0; c < numCores; ++c) {
      const int32_t *out = cores[c].outputs();
      for (uint32_t neuron : cores[c].fired())
        observeSend(c, cores[c].routesOf(neuron), out[neuron], observer);
    }
  observer.endStep(t);
  ++t;
}

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_EMULATOR_H
