//===- EmulatorTest.cpp - the emulator on a hand-built image --------------===//
//
// Two loihi cores stepped by the emulator, spikes, membranes and work
// counts checked against numbers computed by hand in the comments from the
// Loihi arithmetic of targets/MODELS.md with du = 4095 (the current is this
// step's input only), dv = 0 (no leak), no bias, no refractory period:
//   u' = a * 64,  v' = v + u',  spike when v' > vth_mant * 64, then v' = 0
// where a is the neuron's dendritic sum: per group, the sum of value x
// weight shifted by the group's weight_exp, and the hardware timing: an
// event sent at step t counts at step t + 1 + its group's delay.
//
//===----------------------------------------------------------------------===//

#include "spikec/Emulator/Emulator.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <utility>
#include <vector>

using namespace spikec;
using spikec::emu::Emulator;
using spikec::emu::Rows;

namespace {

image::Core loihiCore(uint32_t x, uint32_t neurons, int32_t vthMant) {
  image::Core c;
  c.x = x;
  c.model = "loihi";
  c.numNeurons = neurons;
  c.params = {{"du", {4095}},          {"dv", {0}},
              {"vth_mant", {vthMant}}, {"bias_mant", {0}},
              {"bias_exp", {0}},       {"refractory_delay", {0}}};
  c.routeOffsets.assign(neurons + 1, 0);
  return c;
}

/// Core 0: neurons n0, n1 (threshold 10 << 6 = 640). Axon a0 (group 0: exp
/// 0, delay 0) from input x: n0 weight 11, n1 weight 3. Axon a1 (group 1:
/// exp 1, delay 2) from core 1's m0: n1 weight 1, which counts as 1 << 1 =
/// 2. n0 routes to core 1, axon 0.
/// Core 1: neuron m0 (threshold 5 << 6 = 320). Axon b0 (group 0) from n0:
/// m0 weight 6. m0 routes back to core 0, axon 1.
/// Input x (1 wide, no encoder) to (0, 0); output y reads n0, n1, m0.
image::Image twoCoreImage() {
  image::Image img;
  img.header.target = "hand";
  img.header.targetHash = "0123456789abcdef";
  img.header.dt = 1e-3;
  img.header.meshWidth = 2;
  img.header.meshHeight = 1;
  img.header.coresPerTile = 1;

  image::Core c0 = loihiCore(0, 2, 10);
  c0.groups = {{8, 0, 0}, {8, 1, 2}};
  c0.axonGroup = {0, 1};
  c0.axonOffsets = {0, 2, 3};
  c0.synTarget = {0, 1, 1};
  c0.synWeight = {11, 3, 1};
  c0.routeOffsets = {0, 1, 1};
  c0.routes = {{1, 0}};

  image::Core c1 = loihiCore(1, 1, 5);
  c1.groups = {{8, 0, 0}};
  c1.axonGroup = {0};
  c1.axonOffsets = {0, 1};
  c1.synTarget = {0};
  c1.synWeight = {6};
  c1.routeOffsets = {0, 1};
  c1.routes = {{0, 1}};
  img.cores = {c0, c1};

  img.inputs = {{"x", 1, {}, {0, 1}, {{0, 0}}}};
  img.outputs = {{"y", 3, {{0, 0}, {0, 1}, {1, 0}}}};
  return img;
}

/// Counts what the step loop shows an observer.
struct CountingObserver : emu::NullObserver {
  int64_t steps = 0;
  std::map<std::pair<uint32_t, uint32_t>, int> packets;
  uint64_t synapticOps = 0, events = 0, fired = 0, driven = 0;
  void beginStep(int64_t t) { CHECK(t == steps); }
  void packet(uint32_t src, uint32_t dst) { ++packets[{src, dst}]; }
  void synapticPhase(uint32_t, const emu::SynapticWork &w) {
    synapticOps += w.synapticOps;
    events += w.events;
  }
  void neuronPhase(uint32_t, const emu::NeuronWork &w) {
    fired += w.fired;
    driven += w.driven;
  }
  void endStep(int64_t) { ++steps; }
};

std::unique_ptr<Emulator> make(image::Image img) {
  REQUIRE(image::validate(img) == "");
  std::string why;
  auto emu = Emulator::create(std::move(img), why);
  REQUIRE_MESSAGE(emu, why);
  return emu;
}

} // namespace

TEST_CASE("emulator: two cores, an inter-core route, a delayed group") {
  auto emu = make(twoCoreImage());
  // x sends 2 at step 0 and 1 at step 1 (raw events, value x weight).
  Rows x = {{2}, {1}, {0}, {0}, {0}, {0}, {0}, {0}};
  REQUIRE(emu->start({{"x", x}}, 8) == "");
  CountingObserver obs;
  const int32_t *v0 = emu->core(0).state("v");
  REQUIRE(v0);
  std::vector<std::vector<int32_t>> vn1;
  while (emu->timestep() < 8) {
    emu->step(obs);
    vn1.push_back({v0[0], v0[1]});
  }
  // step 0: nothing has arrived: every v stays 0.
  // step 1: a0 brings 2: n0 a = 22, u = 1408 > 640 spikes; n1 a = 6,
  //         u = v = 384.
  // step 2: a0 brings 1: n0 a = 11, v = 704 > 640 spikes; n1 a = 3,
  //         v = 384 + 192 = 576. b0 brings n0's step-1 spike: m0 a = 6,
  //         v = 384 > 320 spikes (its event counts at a1 at 2 + 1 + 2 = 5).
  // step 3: b0 brings n0's step-2 spike: m0 spikes again (a1 at step 6);
  //         n0 and n1 get nothing: n1 keeps 576.
  // step 4: nothing arrives.
  // step 5: a1 brings m0's step-2 spike: n1 a = 1 << 1 = 2, v = 576 + 128 =
  //         704 > 640 spikes (without the exponent 640, not above 640;
  //         without the delay it would have spiked at step 3).
  // step 6: a1 brings m0's step-3 spike: n1 v = 128.
  // step 7: nothing; n1 keeps 128.
  std::vector<int32_t> expected = {0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 1,
                                   0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
  CHECK(emu->outputRows(0) == expected);
  std::vector<std::vector<int32_t>> v = {{0, 0},   {0, 384}, {0, 576},
                                         {0, 576}, {0, 576}, {0, 0},
                                         {0, 128}, {0, 128}};
  CHECK(vn1 == v);
  const int32_t *u0 = emu->core(0).state("u");
  REQUIRE(u0);
  CHECK(u0[1] == 0); // du = 4095 clears the current without input

  // Synapses read: step 1: a0's 2; step 2: a0's 2 and b0's 1; step 3: b0's
  // 1; steps 5 and 6: a1's 1: 8. Events received: 1, 2, 1, 1, 1: 6.
  // Spikes: n0 at 1, 2; m0 at 2, 3; n1 at 5: 5 (raw inputs are not spikes).
  // Packets: x at steps 0, 1 to core 0; n0's 2 to core 1; m0's 2 to core 0.
  const emu::RunStats &s = emu->stats();
  CHECK(s.synapticEvents == 8);
  CHECK(obs.synapticOps == 8);
  CHECK(obs.events == 6);
  CHECK(s.neuronUpdates == 3 * 8);
  CHECK(s.spikes == 5);
  CHECK(obs.fired == 5);
  CHECK(s.spikesPerCore == std::vector<uint64_t>{3, 2});
  CHECK(s.packets == 6);
  CHECK(obs.packets[{emu::kHostCore, 0}] == 2);
  CHECK(obs.packets[{0, 1}] == 2);
  CHECK(obs.packets[{1, 0}] == 2);
  CHECK(obs.packets.size() == 3);
  // Neurons with a nonzero dendritic sum: steps 1, 2 (n0, n1), 2, 3 (m0),
  // 5, 6 (n1): 8.
  CHECK(obs.driven == 8);
  CHECK(obs.steps == 8);
}

TEST_CASE("emulator: the longest delay it runs counts where it should") {
  // As the two-core test, with m0's group delayed kMaxDelay steps: its
  // spike of step 2 counts at n1 at 2 + 1 + kMaxDelay, not one step
  // sooner, and n1 (no v decay) holds 576 until then.
  image::Image img = twoCoreImage();
  img.cores[0].groups[1].delay = emu::CoreModel::kMaxDelay;
  auto emu = make(std::move(img));
  int64_t arrival = 2 + 1 + emu::CoreModel::kMaxDelay;
  Rows x(arrival + 1, {0});
  x[0] = {2};
  x[1] = {1};
  REQUIRE(emu->start({{"x", x}}, arrival + 1) == "");
  const int32_t *v = emu->core(0).state("v");
  emu::NullObserver none;
  while (emu->timestep() < arrival)
    emu->step(none);
  CHECK(v[1] == 576);
  emu->step(none);
  CHECK(v[1] == 0); // 576 + (1 << 1) x 64 = 704 > 640: it fired
  CHECK(emu->outputRows(0)[size_t(arrival) * 3 + 1] == 1);
}

/// The two-core image with core 0 widened to `n` neurons (more than 256:
/// the core lists the targets events reach, CoreModel's marking): x drives
/// every neuron through a0 with weights 1, 2, ..., 7, 1, ...; every neuron
/// routes to core 1, whose m0 sends back to a1 (delay `delay`, exponent 1),
/// which reaches every third neuron.
image::Image wideImage(uint32_t n, uint32_t delay = 2) {
  image::Image img = twoCoreImage();
  image::Core c0 = loihiCore(0, n, 10);
  c0.groups = {{8, 0, 0}, {8, 1, delay}};
  c0.axonGroup = {0, 1};
  c0.axonOffsets = {0};
  for (uint32_t i = 0; i < n; ++i) {
    c0.synTarget.push_back(i);
    c0.synWeight.push_back(1 + int32_t(i % 7));
  }
  c0.axonOffsets.push_back(uint32_t(c0.synTarget.size()));
  for (uint32_t i = 0; i < n; i += 3) {
    c0.synTarget.push_back(i);
    c0.synWeight.push_back(5);
  }
  c0.axonOffsets.push_back(uint32_t(c0.synTarget.size()));
  for (uint32_t i = 0; i < n; ++i) {
    c0.routes.push_back({1, 0});
    c0.routeOffsets[i + 1] = i + 1;
  }
  img.cores[0] = c0;
  img.outputs = {{"y", n, {}}};
  for (uint32_t i = 0; i < n; ++i)
    img.outputs[0].sources.push_back({0, i});
  return img;
}

TEST_CASE("emulator: events untallied (no observer reads the work) count "
          "the same") {
  // Functional mode accumulates events without the per-core tally that
  // the cycle model reads. Outputs and totals must not depend on it, on
  // small cores, on a core that lists its targets, with sums too large
  // for the caches (a ring of 4,096 steps: the adds are batched), and when
  // the observer's kind changes within a run (events then in flight were
  // sent untallied).
  for (auto [n, delay] :
       {std::pair<uint32_t, uint32_t>{2, 2}, {300, 2}, {200, 2000}}) {
    CAPTURE(n);
    Rows x(delay + 24, {0});
    for (size_t t = 0; t < x.size(); t += 5)
      x[t] = {3};
    auto runWith = [&](int switchAt) {
      auto emu = make(n == 2 ? twoCoreImage() : wideImage(n, delay));
      REQUIRE(emu->start({{"x", x}}, int64_t(x.size())) == "");
      CountingObserver counting;
      counting.steps = std::min<int64_t>(switchAt, int64_t(x.size()));
      emu::NullObserver none;
      while (emu->timestep() < int64_t(x.size())) {
        if (emu->timestep() < switchAt)
          emu->step(none);
        else
          emu->step(counting);
      }
      return std::make_pair(emu->outputRows(0), emu->stats().synapticEvents);
    };
    auto tallied = runWith(0);
    CHECK(tallied.second > 0);
    CHECK(std::count(tallied.first.begin(), tallied.first.end(), 1) > 0);
    for (int switchAt : {int(x.size()), 7, 3})
      CHECK(runWith(switchAt) == tallied);
  }
}

TEST_CASE("emulator: groups add in int64 and saturate as nc.sum") {
  // One neuron, two groups of weight 2^30 - 1 with exponent 1: each scaled
  // group sum is (2^30 - 1) * 2 = 2^31 - 2, in int32; together 2^32 - 4,
  // saturated to 2^31 - 1, which loihi wraps to 16 bits: -1 (0x7fffffff's
  // low 16 bits are 0xffff). u = -64, v = -64 (no spike).
  image::Image img = twoCoreImage();
  image::Core &c = img.cores[1];
  c.groups = {{32, 1, 0}, {32, 1, 0}};
  c.axonGroup = {0, 1};
  c.axonOffsets = {0, 1, 2};
  c.synTarget = {0, 0};
  c.synWeight = {(1 << 30) - 1, (1 << 30) - 1};
  img.inputs[0].offsets = {0, 2};
  img.inputs[0].dests = {{1, 0}, {1, 1}};
  auto emu = make(std::move(img));
  REQUIRE(emu->start({{"x", Rows{{1}, {0}}}}, 2) == "");
  emu->run();
  CHECK(emu->core(1).inputs()[0] == INT32_MAX);
  CHECK(emu->core(1).state("v")[0] == -64);
  CHECK(emu->core(1).overflows() == 1); // the sum left 16 bits
}

TEST_CASE("emulator: akida activations travel with their value") {
  // Core 1 becomes an akida neuron (offset 0, step 2, 4 bits): x = 7 gives
  // a = 7 * 6 = 42 at step 1, out = floor(42 / 2) = 21 clamped to 15. That
  // activation counts at a1 (delay 2, exponent 1) at step 1 + 1 + 2 = 4:
  // n1 a = 15 * 1 << 1 = 30, u = v = 1920 > 640 spikes.
  image::Image img = twoCoreImage();
  image::Core &c = img.cores[1];
  c.model = "akida";
  c.params = {{"threshold_offset", {0}}, {"step", {2}}, {"output_bits", {4}}};
  img.inputs[0].dests = {{1, 0}};
  img.cores[0].synWeight = {11, 0, 1}; // n1 hears a1 only
  auto emu = make(std::move(img));
  Rows x = {{7}, {0}, {0}, {0}, {0}, {0}};
  REQUIRE(emu->start({{"x", x}}, 6) == "");
  emu->run();
  std::vector<int32_t> expected = {0, 0, 0, 0, 0, 15, 0, 0, 0,
                                   0, 0, 0, 0, 1, 0,  0, 0, 0};
  CHECK(emu->outputRows(0) == expected);
  CHECK(emu->stats().spikes == 2); // one activation, one spike
}

TEST_CASE("emulator: a readout core outputs its membrane and sends nothing") {
  // Core 1 becomes a loihi_readout neuron (du = 4095, dv = 2048: v halves
  // toward zero each step, bias 0) without its route back to core 0. n0
  // spikes at steps 1 and 2 (as in the first case), each spike reaching
  // m0 a step later with weight 6: u = 6 << 6 = 384.
  // step 2: v = 0 + 384 = 384; step 3: 192 + 384 = 576; step 4: 288;
  // step 5: 144; ... never a spike, and m0's output each step is v.
  image::Image img = twoCoreImage();
  image::Core &c = img.cores[1];
  c.model = "loihi_readout";
  c.params = {{"du", {4095}}, {"dv", {2048}}, {"bias_mant", {0}},
              {"bias_exp", {0}}};
  c.routeOffsets = {0, 0};
  c.routes.clear();
  auto emu = make(std::move(img));
  Rows x = {{2}, {1}, {0}, {0}, {0}, {0}};
  REQUIRE(emu->start({{"x", x}}, 6) == "");
  CountingObserver obs;
  emu->run(obs);
  std::vector<int32_t> m0;
  for (size_t t = 0; t < 6; ++t)
    m0.push_back(emu->outputRows(0)[t * 3 + 2]);
  CHECK(m0 == std::vector<int32_t>{0, 0, 384, 576, 288, 144});
  CHECK(emu->stats().spikesPerCore == std::vector<uint64_t>{2, 0});
  CHECK(emu->core(1).fired().empty());
  CHECK_FALSE(emu->core(1).emitsEvents());
  CHECK(obs.packets[{1, 0}] == 0);
}

TEST_CASE("emulator: what it refuses") {
  std::string why;
  auto refuse = [&](image::Image img) {
    why.clear();
    CHECK_FALSE(Emulator::create(std::move(img), why));
    return why;
  };
  image::Image img = twoCoreImage();
  img.cores[1].model = "nosuch";
  CHECK(refuse(img).rfind("core 1: model 'nosuch' has no kernel (known: "
                          "loihi",
                          0) == 0);
  img = twoCoreImage();
  img.cores[0].params.erase(img.cores[0].params.begin() + 1);
  CHECK(refuse(img) == "core 0: model 'loihi' needs parameter 'dv', which "
                       "the core does not have");
  img = twoCoreImage();
  img.cores[1].model = "loihi_readout";
  img.cores[1].params = {{"du", {4095}}, {"dv", {0}}, {"bias_mant", {0}},
                         {"bias_exp", {0}}};
  CHECK(refuse(img) == "core 1: model 'loihi_readout' neurons send no "
                       "events, but neuron 0 has 1 routes");
  img = twoCoreImage();
  img.cores[0].params.push_back({"gain", {1}});
  CHECK(refuse(img) == "core 0: model 'loihi' has no parameter 'gain'");
  img = twoCoreImage();
  img.cores[0].params[0].values = {4095, -1};
  CHECK(refuse(img).rfind("core 0: neuron 1 has parameters outside the "
                          "model's ranges: ",
                          0) == 0);
  img = twoCoreImage();
  img.cores[0].groups[1].delay = emu::CoreModel::kMaxDelay + 1;
  CHECK(refuse(img) == "core 0: dendrite group 1 has a delay of 4096 steps; "
                       "the emulator runs 4095 at most");
  img = twoCoreImage();
  img.cores[0].groups.resize(65536, img.cores[0].groups[0]);
  img.cores[0].groups[1].delay = emu::CoreModel::kMaxDelay;
  CHECK(refuse(img) ==
        "core 0: a ring of 8192 steps (the largest delay, 4095, + 2, to a "
        "power of two) x 65536 dendrite groups x 2 neurons need more than 2 "
        "GiB of accumulators");
  img = twoCoreImage();
  img.cores[0].groups[1].delay = UINT32_MAX;
  CHECK(refuse(img) == "core 0: dendrite group 1 has a delay of 4294967295 "
                       "steps; the emulator runs 4095 at most");

  // Encoders, with the quantized reference's messages.
  auto encoder = [&](image::Encoder e) {
    image::Image i = twoCoreImage();
    i.inputs[0].encoder = std::move(e);
    return refuse(i);
  };
  CHECK(encoder({"latency", {}}) ==
        "input 'x': encoder 'latency' needs an integer attribute 'window' > 0");
  CHECK(encoder({"latency", {{"window", int64_t(0)}}}) ==
        "input 'x': encoder 'latency' needs an integer attribute 'window' > 0");
  CHECK(encoder({"delta", {}}) ==
        "input 'x': encoder 'delta' needs attribute 'threshold'");
  CHECK(encoder({"delta", {{"threshold", 0.5}, {"off_spikes", int64_t(1)}}}) ==
        "input 'x': encoder attribute 'off_spikes' must be a bool, got 1");
  CHECK(encoder({"rate", {{"seed", 1.5}}}) ==
        "input 'x': encoder attribute 'seed' must be an integer, got 1.5");
  CHECK(encoder({"rate", {{"gain", true}}}) ==
        "input 'x': encoder attribute 'gain' must be a finite number, got "
        "true");
  CHECK(encoder({"rate", {{"window", int64_t(3)}}}) ==
        "input 'x': encoder 'rate' has no attribute 'window'");
  CHECK(encoder({"direct", {{"bits", int64_t(40)}}}) ==
        "input 'x': encoder attribute 'bits' must be an integer in [1, 31], "
        "got 40");
  CHECK(encoder({"morse", {}}) == "input 'x': unknown encoder kind 'morse' "
                                  "(known: direct, rate, latency, delta)");

  // Rows and runs.
  auto start = [&](const std::map<std::string, Rows> &rows, int64_t T) {
    return make(twoCoreImage())->start(rows, T);
  };
  CHECK(start({{"x", {{0}}}}, 0) == "timesteps must be > 0, got 0");
  CHECK(start({{"x", {{0}}}, {"z", {{0}}}}, 1) ==
        "the image has no input 'z'");
  CHECK(start({}, 1) == "no rows for input 'x'");
  CHECK(start({{"x", {{0}, {0}}}}, 3) ==
        "input 'x': has 2 rows, fewer than the 3 timesteps asked for");
  CHECK(start({{"x", {{0}, {0, 1}}}}, 2) ==
        "input 'x': row 1 has 2 values, the port is 1 wide");
  CHECK(start({{"x", {{0.5}}}}, 1) ==
        "input 'x': row 0, element 0 is 0.5, not an int32 (an input without "
        "an encoder takes the events themselves)");
  CHECK(start({{"x", {{std::nan("")}}}}, 1) ==
        "input 'x': row 0, element 0 is nan, not a finite number");
  auto emu = make(twoCoreImage());
  REQUIRE(emu->start({{"x", {{0}}}}, 1) == "");
  CHECK(emu->start({{"x", {{0}}}}, 1) ==
        "the emulator has run already: it runs one start() only");
}
