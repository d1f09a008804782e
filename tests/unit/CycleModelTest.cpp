//===- CycleModelTest.cpp - the cycle model's pricing, by hand ------------===//
//
// CycleModel (CycleModel.h) fed the observer calls the emulator makes, on
// loihi's published numbers (targets/loihi.json), with the figures worked
// out in the comments: a full core's synaptic phase, an idle chip, packets
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
  // loihi: 1 synaptic op per cycle at 3.5 ns and 23.6 pJ; active neuron
  // 8.4 ns / 81 pJ, idle 5.3 ns / 52 pJ; barrier 113 ns at 1 tile, 465 ns
  // at 32 (2 tiles: 113 + 352 / 31 = 124.3548 ns); static 0.104 W.
  target::TargetDesc t = loihiPreset();
  image::Image img = twoCores(1024);
  CycleModel m(t, img);
  CHECK(m.tilesInUse() == 2);
  CHECK(m.barrierNs() == doctest::Approx(113.0 + 352.0 / 31.0));

  // A full core: 1024 neurons x 4096 synapses each would be too many; take
  // 100,000 synaptic ops on core 0: 100,000 cycles x 3.5 ns = 350,000 ns,
  // then 1024 active neurons x 8.4 ns = 8601.6 ns. Core 1 is idle:
  // 1024 x 5.3 = 5427.2 ns. The step: 358,601.6 + 124.3548 ns.
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
  double ns = 350000.0 + 1024 * 8.4 + m.barrierNs();
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
  // Core 0 fires 3 packets to core 1 (tile (2, 1): 2 x hops at 4.1 ns /
  // 3.0 pJ and 1 y hop at 6.5 ns / 4.0 pJ). No synaptic work; 1 active
  // neuron (8.4 ns); the packets leave at 8.4 + 2.1 k (k = 1, 2, 3: spike
  // out 2.1 ns / 1.7 pJ). The first holds (0,0)E over [10.5, 14.6], the
  // second arrives at 12.6 and waits 2.0 ns, and so on: each link passes
  // one packet per 4.1 ns, the y link one per 6.5 ns. Last arrival: the
  // third packet, whose y hop starts when the second's ends.
  // p1: x [10.5, 14.6], [14.6, 18.7], y [18.7, 25.2]
  // p2: x [14.6, 18.7], [18.7, 22.8], y [25.2, 31.7]
  // p3: x [18.7, 22.8], [22.8, 26.9], y [31.7, 38.2]
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
  CHECK(s.mesh.lastArrivalNs == doctest::Approx(38.2));
  // Waits: p2 2.0 at (0,0)E and 0 after; p3 (arriving 14.7) 4.0, then the
  // y link: p2 arrives at 22.8 < 25.2 (2.4), p3 at 26.9 < 31.7 (4.8).
  CHECK(s.mesh.queuedNs == doctest::Approx(2.0 + 4.0 + 2.4 + 4.8));
  CHECK(s.energy.pj[Energy::SpikesOut] == doctest::Approx(3 * 1.7));
  CHECK(s.energy.pj[Energy::Hops] == doctest::Approx(6 * 3.0 + 3 * 4.0));
  CHECK(s.ns == doctest::Approx(38.2 + m.barrierNs()));
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
  CHECK(h.mesh.lastArrivalNs == doctest::Approx(2.1 + 2 * 4.1 + 6.5));
}
