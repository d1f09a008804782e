//===- Target.cpp - target description names and queries ------------------===//
//
// The names of a description's enumerations (event kinds, routing, overflow,
// rounding), the neuron models and layer kinds a description may list, and
// TargetDesc's queries (energies, latencies, barrier interpolation). The
// loader is TargetRead.cpp, the writer TargetWrite.cpp, the presets
// TargetPresets.cpp.
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/Target.h"

#include <algorithm>
#include <cmath>

namespace spikec::target {

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

static const char *const kEventKindNames[kNumEventKinds] = {
    "synaptic_op",
    "synaptic_update",
    "neuron_update_active",
    "neuron_update_idle",
    "spike_out",
    "hop_ew",
    "hop_ns",
    "barrier",
    "soma_spike",
    "host_packet"};

bool isOptionalEnergy(EventKind kind) {
  return kind == EventKind::SynapticUpdate || kind == EventKind::SomaSpike ||
         kind == EventKind::HostPacket;
}

bool hasLatency(EventKind kind) {
  return kind != EventKind::Barrier && kind != EventKind::SomaSpike &&
         kind != EventKind::HostPacket;
}

const char *eventKindName(EventKind kind) {
  return kEventKindNames[static_cast<size_t>(kind)];
}

std::optional<EventKind> parseEventKind(std::string_view name) {
  for (EventKind k : kAllEventKinds)
    if (name == eventKindName(k))
      return k;
  return std::nullopt;
}

const char *routingName(Routing r) { return r == Routing::XY ? "xy" : "yx"; }
const char *tileOrderName(TileOrder o) {
  return o == TileOrder::RowMajor ? "row_major" : "column_major";
}
const char *overflowName(Overflow o) {
  return o == Overflow::Wrap ? "wrap" : "saturate";
}
const char *roundingName(Rounding r) {
  switch (r) {
  case Rounding::TowardZero:
    return "toward_zero";
  case Rounding::Floor:
    return "floor";
  case Rounding::Nearest:
    return "nearest";
  case Rounding::Stochastic:
    return "stochastic";
  }
  return "toward_zero";
}

const std::vector<std::string> &knownNeuronModels() {
  static const std::vector<std::string> models = {
      "lif",     "if",   "cuba_lif",   "li",        "integrator",
      "cuba_li", "alif", "izhikevich", "truenorth", "akida"};
  return models;
}

const std::vector<std::string> &knownLayerKinds() {
  static const std::vector<std::string> kinds = {
      "dense",      "sparse",    "conv1d", "conv2d", "separable_conv2d",
      "sum_pool2d", "avg_pool2d"};
  return kinds;
}

//===----------------------------------------------------------------------===//
// TargetDesc
//===----------------------------------------------------------------------===//

bool TargetDesc::supportsNeuronModel(std::string_view model) const {
  return std::find(neuronModels.begin(), neuronModels.end(), model) !=
         neuronModels.end();
}

bool TargetDesc::supportsLayerKind(std::string_view kind) const {
  return std::find(layerKinds.begin(), layerKinds.end(), kind) !=
         layerKinds.end();
}

double TargetDesc::energyPjOf(EventKind kind) const {
  const auto &e = energyPj[static_cast<size_t>(kind)];
  return e ? e->value : 0.0;
}

double TargetDesc::latencyNsOf(EventKind kind) const {
  if (kind == EventKind::Barrier)
    return barrierNsFor(mesh.tiles());
  const auto &l = latencyNs[static_cast<size_t>(kind)];
  return l ? l->value : 0.0;
}

uint64_t TargetDesc::cyclesFor(double ns) const {
  // The small slack keeps 3.5 ns at 2 GHz from becoming 8 cycles.
  return uint64_t(std::ceil(ns * clockHz.value * 1e-9 - 1e-9));
}

double TargetDesc::barrierNsFor(int64_t tilesInUse) const {
  const std::vector<BarrierPoint> &rows = timing.barrierNs;
  if (rows.empty())
    return 0.0;
  if (tilesInUse <= rows.front().tiles.value)
    return rows.front().ns.value;
  for (size_t i = 1; i < rows.size(); ++i) {
    if (tilesInUse > rows[i].tiles.value)
      continue;
    double t0 = rows[i - 1].tiles.value, t1 = rows[i].tiles.value;
    double f = (tilesInUse - t0) / (t1 - t0);
    return rows[i - 1].ns.value + f * (rows[i].ns.value - rows[i - 1].ns.value);
  }
  return rows.back().ns.value;
}

} // namespace spikec::target
