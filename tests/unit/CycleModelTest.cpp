//===- CycleModelTest.cpp - the cycle model's pricing, by hand ------------===//
//
// CycleModel (CycleModel.h) fed the observer calls the emulator makes, on
// loihi's published numbers (targets/loihi.json) as whole cycles of its
// 1 GHz clock (3.5 ns -> 4 cycles: synaptic op 4, active neuron 9, idle 6,
// spike out 3, x hop 5, y hop 7), with the figures worked out in the
// comments: a full core's synaptic phase, an idle chip, packets
// leaving a core one spike-out time apart, and hops priced by direction.
//
//===----------------------------------------------------------------------===//

#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"

#include <doctest/doctest.h>

#include <cmath>
#include <variant>

using namespace spikec;
using namespace spikec::emu;

namespace {

target::TargetDesc loihiPreset() {
  auto r = target::loadTarget("loihi");
  REQUIRE(std::holds_alternative<target::TargetDesc>(r));
  return std::get<target::TargetDesc>(r);
}

/// Two cores of `neurons` neurons: core 0 at tile (0, 0), core 1 at tile
/// (2, 1) (slot 0 of each).
image::Image twoCores(uint32_t neurons) {
  image::Image img;
  img.header.meshWidth = 8;
  img.header.meshHeight = 4;
  img.header.coresPerTile = 4;
  img.cores.resize(2);
  img.cores[0].numNeurons = neurons;
  img.cores[1].numNeurons = neurons;
  img.cores[1].x = 2;
  img.cores[1].y = 1;
  return img;
}

} // namespace

TEST_CASE("cycle model: a full core's synaptic phase and an idle chip") {
  // loihi: 1 synaptic op per cycle, 4 ns and 23.6 pJ; active neuron 9 ns /
  // 81 pJ, idle 6 ns / 52 pJ; barrier 113 ns at 1 tile, 465 ns at 32 (2
  // tiles: 113 + 352 / 31 = 124.3548 ns); static 0.104 W.
  target::TargetDesc t = loihiPreset();
  image::Image img = twoCores(1024);
  CycleModel m(t, img);
  CHECK(m.tilesInUse() == 2);
  CHECK(m.barrierNs() == doctest::Approx(113.0 + 352.0 / 31.0));

  // A full core: 100,000 synaptic ops on core 0 at 1 per cycle: 100,000 x
  // 4 = 400,000 cycles, then 1024 active neurons x 9 = 9216 cycles. Core 1
  // is idle: 1024 x 6 = 6144 cycles. The step: 409,216 + 124.3548 ns.
  m.beginStep(0);
  SynapticWork full;
  full.synapticOps = 100000;
  m.synapticPhase(0, full);
  m.synapticPhase(1, SynapticWork());
  NeuronWork busy, idle;
  busy.updated = busy.active = 1024;
  idle.updated = 1024;
  m.neuronPhase(0, busy);
  m.neuronPhase(1, idle);
  m.endStep(0);
  const StepCost &s = m.steps().back();
  CoreCycles cc = coreCycles(coreCycleCosts(t), full, busy);
  CHECK(cc.synaptic == 400000);
  CHECK(cc.neuron == 9216);
  double ns = 400000.0 + 9216.0 + m.barrierNs();
  CHECK(s.ns == doctest::Approx(ns));
  CHECK(s.busiestCore == 0);
  CHECK(s.energy.pj[Energy::SynapticOps] == doctest::Approx(100000 * 23.6));
  CHECK(s.energy.pj[Energy::NeuronUpdates] ==
        doctest::Approx(1024 * 81.0 + 1024 * 52.0));
  // 0.104 W x ns = 104 pJ per ns.
  CHECK(s.energy.pj[Energy::Static] == doctest::Approx(104.0 * ns));
  CHECK(s.cycles == uint64_t(std::ceil(ns)));

  // An idle chip with no neurons to update (0-neuron cores): the barrier
  // and static power only: 124.3548 ns, energy 0 (loihi's barrier costs
  // nothing) + 104 x 124.3548 pJ.
  image::Image empty = twoCores(0);
  CycleModel e(t, empty);
  e.beginStep(0);
  e.synapticPhase(0, SynapticWork());
  e.synapticPhase(1, SynapticWork());
  e.neuronPhase(0, NeuronWork());
  e.neuronPhase(1, NeuronWork());
  e.endStep(0);
  const StepCost &q = e.steps().back();
  CHECK(q.ns == doctest::Approx(e.barrierNs()));
  CHECK(q.energy.total() == doctest::Approx(104.0 * e.barrierNs()));
  CHECK(q.energy.pj[Energy::Static] == doctest::Approx(q.energy.total()));
}

TEST_CASE("cycle model: packets leave one by one and hops cost by axis") {
  // Core 0 fires 3 packets to core 1 (tile (2, 1): 2 x hops at 5 ns /
  // 3.0 pJ and 1 y hop at 7 ns / 4.0 pJ). No synaptic work; 1 active
  // neuron (9 ns); the packets leave at 9 + 3 k (k = 1, 2, 3: spike out
  // 3 ns / 1.7 pJ), at 12, 15, 18. Each link passes one packet per hop:
  // p1: x [12, 17], [17, 22], y [22, 29]
  // p2: waits 2 for (0,0)E: [17, 22], [22, 27], waits 2 for y: [29, 36]
  // p3: waits 4 for (0,0)E: [22, 27], [27, 32], waits 4 for y: [36, 43]
  target::TargetDesc t = loihiPreset();
  image::Image img = twoCores(1);
  CycleModel m(t, img);
  m.beginStep(0);
  m.synapticPhase(0, SynapticWork());
  m.synapticPhase(1, SynapticWork());
  NeuronWork one;
  one.updated = one.active = one.fired = 1;
  m.neuronPhase(0, one);
  for (int k = 0; k < 3; ++k)
    m.packet(0, 1);
  m.neuronPhase(1, NeuronWork{1, 0, 0, 0});
  m.endStep(0);
  const StepCost &s = m.steps().back();
  CHECK(s.mesh.hopsEW == 6);
  CHECK(s.mesh.hopsNS == 3);
  CHECK(s.mesh.lastArrivalNs == doctest::Approx(43.0));
  CHECK(s.mesh.queuedNs == doctest::Approx(2.0 + 2.0 + 4.0 + 4.0));
  CHECK(s.energy.pj[Energy::SpikesOut] == doctest::Approx(3 * 1.7));
  CHECK(s.energy.pj[Energy::Hops] == doctest::Approx(6 * 3.0 + 3 * 4.0));
  CHECK(s.ns == doctest::Approx(43.0 + m.barrierNs()));
  CHECK(s.packets == 3);

  // Host packets enter at tile (0, 0) and cost hops, not spike-out energy.
  m.beginStep(1);
  m.packet(kHostCore, 1);
  m.synapticPhase(0, SynapticWork());
  m.synapticPhase(1, SynapticWork());
  m.neuronPhase(0, NeuronWork());
  m.neuronPhase(1, NeuronWork());
  m.endStep(1);
  const StepCost &h = m.steps().back();
  CHECK(h.energy.pj[Energy::SpikesOut] == 0);
  CHECK(h.energy.pj[Energy::Hops] == doctest::Approx(2 * 3.0 + 4.0));
  CHECK(h.mesh.lastArrivalNs == doctest::Approx(3.0 + 2 * 5.0 + 7.0));
}

TEST_CASE("cycle model: a spike at the soma and host packets, when priced") {
  // loihi plus soma_spike 69.3 pJ and host_packet 111 pJ (SANA-FE's fit).
  // Core 0: 2 neurons fire, one of them sending 3 packets: 2 x 69.3 at the
  // somas (per neuron, not per packet) and 3 x 1.7 out; the host sends 2
  // packets to core 1: 2 x 111, and 2 x (2 x hops + 1 y hop).
  target::TargetDesc t = loihiPreset();
  using target::EventKind;
  t.energyPj[size_t(EventKind::SomaSpike)] = target::SReal{69.3};
  t.energyPj[size_t(EventKind::HostPacket)] = target::SReal{111};
  image::Image img = twoCores(4);
  CycleModel m(t, img);
  m.beginStep(0);
  m.packet(kHostCore, 1);
  m.packet(kHostCore, 1);
  m.synapticPhase(0, SynapticWork());
  m.synapticPhase(1, SynapticWork());
  NeuronWork two;
  two.updated = 4;
  two.active = two.fired = 2;
  m.neuronPhase(0, two);
  for (int k = 0; k < 3; ++k)
    m.packet(0, 1);
  m.neuronPhase(1, NeuronWork{4, 0, 0, 0});
  m.endStep(0);
  const StepCost &s = m.steps().back();
  CHECK(s.energy.pj[Energy::SomaSpikes] == doctest::Approx(2 * 69.3));
  CHECK(s.energy.pj[Energy::SpikesOut] == doctest::Approx(3 * 1.7));
  CHECK(s.energy.pj[Energy::HostPackets] == doctest::Approx(2 * 111.0));
  CHECK(s.energy.pj[Energy::Hops] == doctest::Approx(5 * (2 * 3.0 + 4.0)));
  CHECK(s.packets == 5);
}
