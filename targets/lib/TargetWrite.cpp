//===- TargetWrite.cpp - target description writer and hash ---------------===//
//
// Writes a target description back as JSON: with provenance (toJson, as
// `spikec target` prints it and chip images embed it) or canonical (sorted
// sets, no prose, no provenance), whose FNV-1a hash is the description's
// content hash.
//
//===----------------------------------------------------------------------===//

#include "spikec/Target/Target.h"

#include <nlohmann/json.hpp>

#include <algorithm>

using json = nlohmann::json;

namespace spikec::target {

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

template <typename T> static json emit(const Sourced<T> &q, bool provenance) {
  json v = q.value;
  if (!provenance || q.provenance == Provenance::Bare)
    return v;
  return json{
      {"value", v},
      {q.provenance == Provenance::Source ? "source" : "assumed", q.note}};
}

static json toJsonImpl(const TargetDesc &d, bool provenance, bool canonical) {
  json out;
  out["name"] = d.name;
  out["arithmetic"] = d.arithmetic;
  if (!canonical) {
    out["summary"] = d.summary;
    if (!d.notes.empty())
      out["notes"] = d.notes;
  }
  out["mesh"] = {{"width", emit(d.mesh.width, provenance)},
                 {"height", emit(d.mesh.height, provenance)},
                 {"cores_per_tile", emit(d.mesh.coresPerTile, provenance)},
                 {"cores", emit(d.mesh.cores, provenance)},
                 {"routing", routingName(d.mesh.routing)}};
  // Written only when not the default, so other descriptions keep their hash.
  if (d.mesh.tileOrder != TileOrder::RowMajor)
    out["mesh"]["tile_order"] = tileOrderName(d.mesh.tileOrder);
  const CoreLimits &c = d.core;
  json core = {
      {"neurons", emit(c.neurons, provenance)},
      {"input_axons", emit(c.inputAxons, provenance)},
      {"output_axons", emit(c.outputAxons, provenance)},
      {"synapse_memory_bits", emit(c.synapseMemoryBits, provenance)},
      {"max_fan_in", emit(c.maxFanIn, provenance)},
      {"max_fan_out", emit(c.maxFanOut, provenance)},
      {"synapse_ops_per_cycle", emit(c.synapseOpsPerCycle, provenance)}};
  if (c.axonTypes)
    core["axon_types"] = emit(*c.axonTypes, provenance);
  if (c.maxSynapticDelay)
    core["max_synaptic_delay"] = emit(*c.maxSynapticDelay, provenance);
  // Written only when set, so other descriptions keep their hash.
  if (c.storesZeroWeights)
    core["stores_zero_weights"] = true;
  out["core"] = core;

  const Precision &p = d.precision;
  json weight = {{"bits", emit(p.weight.bits, provenance)},
                 {"signed", p.weight.isSigned}};
  if (p.weight.allowedBits)
    weight["allowed_bits"] = emit(*p.weight.allowedBits, provenance);
  if (p.weight.exponentMin && p.weight.exponentMax) {
    weight["exponent_min"] = emit(*p.weight.exponentMin, provenance);
    weight["exponent_max"] = emit(*p.weight.exponentMax, provenance);
  }
  json prec = {{"weight", weight},
               {"membrane_bits", emit(p.membraneBits, provenance)},
               {"rounding", roundingName(p.rounding)}};
  if (p.currentOverflow == p.membraneOverflow)
    prec["overflow"] = overflowName(p.currentOverflow);
  else
    prec["overflow"] = {{"current", overflowName(p.currentOverflow)},
                        {"membrane", overflowName(p.membraneOverflow)}};
  if (p.currentBits)
    prec["current_bits"] = emit(*p.currentBits, provenance);
  if (p.decayBits)
    prec["decay_bits"] = emit(*p.decayBits, provenance);
  if (p.threshold)
    prec["threshold"] = {{"bits", emit(p.threshold->bits, provenance)},
                         {"shift", emit(p.threshold->shift, provenance)}};
  if (p.inputShift)
    prec["input_shift"] = emit(*p.inputShift, provenance);
  if (p.bias)
    prec["bias"] = {{"mantissa_bits", emit(p.bias->mantissaBits, provenance)},
                    {"exponent_bits", emit(p.bias->exponentBits, provenance)}};
  if (p.activation) {
    json act = {{"bits", emit(p.activation->bits, provenance)}};
    if (p.activation->allowedBits)
      act["allowed_bits"] = emit(*p.activation->allowedBits, provenance);
    prec["activation"] = act;
  }
  out["precision"] = prec;

  // The lists are sets: the canonical form sorts them.
  std::vector<std::string> models = d.neuronModels, kinds = d.layerKinds;
  if (canonical) {
    std::sort(models.begin(), models.end());
    std::sort(kinds.begin(), kinds.end());
  }
  out["neuron_models"] = models;
  out["layer_kinds"] = kinds;
  out["clock_hz"] = emit(d.clockHz, provenance);
  json timing = json::object();
  if (d.timing.tickS)
    timing["tick_s"] = emit(*d.timing.tickS, provenance);
  json barrier = json::array();
  for (const BarrierPoint &b : d.timing.barrierNs)
    barrier.push_back(
        {{"tiles", emit(b.tiles, provenance)}, {"ns", emit(b.ns, provenance)}});
  timing["barrier_ns"] = barrier;
  out["timing"] = timing;
  json energy = json::object(), latency = json::object();
  for (EventKind k : kAllEventKinds) {
    size_t i = static_cast<size_t>(k);
    if (d.energyPj[i])
      energy[eventKindName(k)] = emit(*d.energyPj[i], provenance);
    if (d.latencyNs[i])
      latency[eventKindName(k)] = emit(*d.latencyNs[i], provenance);
  }
  out["energy_pj"] = energy;
  out["latency_ns"] = latency;
  out["static_power_w"] = emit(d.staticPowerW, provenance);
  return out;
}

std::string TargetDesc::toJson(int indent) const {
  return toJsonImpl(*this, /*provenance=*/true, /*canonical=*/false)
             .dump(indent) +
         "\n";
}

std::string TargetDesc::canonicalJson() const {
  return toJsonImpl(*this, /*provenance=*/false, /*canonical=*/true).dump();
}

uint64_t fnv1a64(std::string_view bytes) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

uint64_t TargetDesc::contentHash() const { return fnv1a64(canonicalJson()); }

std::string TargetDesc::contentHashHex() const {
  static const char digits[] = "0123456789abcdef";
  uint64_t h = contentHash();
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4)
    out[i] = digits[h & 0xf];
  return out;
}

} // namespace spikec::target
