//===- CycleModel.cpp - time and energy of an emulated run ----------------===//

#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"

#include <algorithm>
#include <cmath>
#include <set>

using namespace spikec;
using namespace spikec::emu;
using target::EventKind;

double Energy::total() const {
  double t = 0;
  for (double v : pj)
    t += v;
  return t;
}

Energy &Energy::operator+=(const Energy &o) {
  for (size_t i = 0; i < kNumKinds; ++i)
    pj[i] += o.pj[i];
  return *this;
}

const char *Energy::name(Kind k) {
  switch (k) {
  case SynapticOps: return "synaptic_ops";
  case NeuronUpdates: return "neuron_updates";
  case SomaSpikes: return "soma_spikes";
  case SpikesOut: return "spikes_out";
  case HostPackets: return "host_packets";
  case Hops: return "hops";
  case Barrier: return "barrier";
  case Static: return "static";
  }
  return "?";
}

std::string emu::loadImageTarget(const image::Image &img,
                                 const std::string &which,
                                 target::TargetDesc &out) {
  std::string name = which.empty() ? img.header.target : which;
  // The description the image carries (format version 2) unless the caller
  // names another, whose hash must then match.
  auto loaded =
      which.empty() && !img.targetDescription.empty()
          ? target::parseTarget(img.targetDescription,
                                "the image's target description")
          : target::loadTarget(name);
  if (auto *err = std::get_if<std::string>(&loaded))
    return which.empty() && img.targetDescription.empty()
               ? "the image's target '" + name +
                     "' is not a preset and the image does not carry its "
                     "description; give it with "
                     "--target=FILE (" + *err + ")"
               : *err;
  out = std::get<target::TargetDesc>(std::move(loaded));
  if (out.contentHashHex() != img.header.targetHash)
    return "target '" + out.name + "' has hash " + out.contentHashHex() +
           ", the image was compiled for '" + img.header.target +
           "' with hash " + img.header.targetHash;
  return "";
}

CoreCycleCosts emu::coreCycleCosts(const target::TargetDesc &target) {
  CoreCycleCosts c;
  c.synapticOp = target.cyclesFor(target.latencyNsOf(EventKind::SynapticOp));
  c.activeNeuron =
      target.cyclesFor(target.latencyNsOf(EventKind::NeuronUpdateActive));
  c.idleNeuron =
      target.cyclesFor(target.latencyNsOf(EventKind::NeuronUpdateIdle));
  c.spikeOut = target.cyclesFor(target.latencyNsOf(EventKind::SpikeOut));
  c.synapticOpsPerCycle = target.core.synapseOpsPerCycle.value;
  return c;
}

CoreCycles emu::coreCycles(const CoreCycleCosts &costs,
                           const SynapticWork &syn, const NeuronWork &neurons) {
  CoreCycles c;
  c.synaptic = uint64_t(std::ceil(double(syn.synapticOps) /
                                  costs.synapticOpsPerCycle)) *
               costs.synapticOp;
  c.neuron = uint64_t(neurons.active) * costs.activeNeuron +
             uint64_t(neurons.updated - neurons.active) * costs.idleNeuron;
  return c;
}

CycleModel::CycleModel(const target::TargetDesc &target,
                       const image::Image &image, bool recordPhases)
    : target(target), image(image), meshModel(target),
      recordPhases(recordPhases) {
  std::set<std::pair<uint32_t, uint32_t>> used;
  for (const image::Core &c : image.cores)
    used.insert({c.x, c.y});
  tiles = uint32_t(used.size());
  barrier = target.barrierNsFor(tiles);
  costs = coreCycleCosts(target);
  cycleNs = target.cycleNs();
  eSyn = target.energyPjOf(EventKind::SynapticOp);
  eActive = target.energyPjOf(EventKind::NeuronUpdateActive);
  eIdle = target.energyPjOf(EventKind::NeuronUpdateIdle);
  eSoma = target.energyPjOf(EventKind::SomaSpike);
  eSpike = target.energyPjOf(EventKind::SpikeOut);
  eHost = target.energyPjOf(EventKind::HostPacket);
  eHopEW = target.energyPjOf(EventKind::HopEastWest);
  eHopNS = target.energyPjOf(EventKind::HopNorthSouth);
  eBarrier = target.energyPjOf(EventKind::Barrier);
  staticW = target.staticPowerW.value;
  tickNs = target.timing.tickS ? target.timing.tickS->value * 1e9 : 0;
  size_t n = image.cores.size();
  synEnd.assign(n, 0);
  neuronEnd.assign(n, 0);
  spikesEnd.assign(n, 0);
  busyNs.assign(n, 0);
  if (recordPhases) {
    linkPacketsBefore.assign(meshModel.numLinks(), 0);
    linkBusyBefore.assign(meshModel.numLinks(), 0);
  }
}

void CycleModel::reserve(int64_t timesteps) {
  stepCosts.reserve(size_t(timesteps));
  if (recordPhases)
    phaseLog.reserve(size_t(timesteps) * image.cores.size());
}

void CycleModel::beginStep(int64_t) {
  current = StepCost();
  hostPackets = 0;
  std::fill(synEnd.begin(), synEnd.end(), 0.0);
  std::fill(neuronEnd.begin(), neuronEnd.end(), 0.0);
  std::fill(spikesEnd.begin(), spikesEnd.end(), 0.0);
}

void CycleModel::packet(uint32_t src, uint32_t dst) {
  const image::Core &to = image.cores[dst];
  ++current.packets;
  if (src == kHostCore) {
    // The host's port is tile (0, 0); its packets follow one another.
    current.energy.pj[Energy::HostPackets] += eHost;
    meshModel.add(0, 0, to.x, to.y,
                  double(++hostPackets * costs.spikeOut) * cycleNs);
    return;
  }
  const image::Core &from = image.cores[src];
  spikesEnd[src] += double(costs.spikeOut) * cycleNs;
  current.energy.pj[Energy::SpikesOut] += eSpike;
  meshModel.add(from.x, from.y, to.x, to.y, spikesEnd[src]);
}

void CycleModel::synapticPhase(uint32_t core, const SynapticWork &work) {
  synEnd[core] =
      double(coreCycles(costs, work, NeuronWork()).synaptic) * cycleNs;
  current.synapticOps += work.synapticOps;
  current.energy.pj[Energy::SynapticOps] += double(work.synapticOps) * eSyn;
}

void CycleModel::neuronPhase(uint32_t core, const NeuronWork &work) {
  uint64_t idle = work.updated - work.active;
  neuronEnd[core] =
      synEnd[core] +
      double(coreCycles(costs, SynapticWork(), work).neuron) * cycleNs;
  // Packets leave after the neuron phase (packet() adds to this).
  spikesEnd[core] = neuronEnd[core];
  current.activeNeurons += work.active;
  current.idleNeurons += idle;
  current.energy.pj[Energy::NeuronUpdates] +=
      double(work.active) * eActive + double(idle) * eIdle;
  current.energy.pj[Energy::SomaSpikes] += double(work.fired) * eSoma;
}

void CycleModel::endStep(int64_t) {
  StepCost &s = current;
  s.mesh = meshModel.drain();
  s.energy.pj[Energy::Hops] +=
      double(s.mesh.hopsEW) * eHopEW + double(s.mesh.hopsNS) * eHopNS;
  double work = s.mesh.lastArrivalNs;
  for (size_t c = 0; c < spikesEnd.size(); ++c) {
    busyNs[c] += spikesEnd[c];
    if (spikesEnd[c] > s.busiestCoreNs || s.busiestCore < 0) {
      s.busiestCore = int64_t(c);
      s.busiestCoreNs = spikesEnd[c];
    }
    work = std::max(work, spikesEnd[c]);
    if (recordPhases)
      phaseLog.push_back({float(synEnd[c]), float(neuronEnd[c]),
                          float(spikesEnd[c])});
  }
  if (recordPhases)
    for (uint32_t l : meshModel.linksUsedLastStep()) {
      uint64_t packets = meshModel.linkPackets()[l];
      double busy = meshModel.linkBusyNs()[l];
      linkLog.push_back({uint32_t(stepCosts.size()), l,
                         uint32_t(packets - linkPacketsBefore[l]),
                         float(busy - linkBusyBefore[l])});
      linkPacketsBefore[l] = packets;
      linkBusyBefore[l] = busy;
    }
  s.ns = std::max(work + barrier, tickNs);
  s.cycles = target.cyclesFor(s.ns);
  s.energy.pj[Energy::Barrier] += eBarrier;
  // W x ns = 1e-9 J = 1e3 pJ.
  s.energy.pj[Energy::Static] += staticW * s.ns * 1e3;
  stepCosts.push_back(s);

  sum.ns += s.ns;
  sum.cycles += s.cycles;
  sum.energy += s.energy;
  sum.synapticOps += s.synapticOps;
  sum.activeNeurons += s.activeNeurons;
  sum.idleNeurons += s.idleNeurons;
  sum.packets += s.packets;
  sum.mesh.packets += s.mesh.packets;
  sum.mesh.hopsEW += s.mesh.hopsEW;
  sum.mesh.hopsNS += s.mesh.hopsNS;
  sum.mesh.queuedNs += s.mesh.queuedNs;
  sum.mesh.maxHops = std::max(sum.mesh.maxHops, s.mesh.maxHops);
  sum.mesh.lastArrivalNs = std::max(sum.mesh.lastArrivalNs,
                                    s.mesh.lastArrivalNs);
  auto busiest = std::max_element(busyNs.begin(), busyNs.end());
  if (busiest != busyNs.end()) {
    sum.busiestCore = busiest - busyNs.begin();
    sum.busiestCoreNs = *busiest;
  }
}
