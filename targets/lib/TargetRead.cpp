//===- TargetRead.cpp - target description schema reader ------------------===//
//
// Reads a target description (targets/README.md) with nlohmann-json: every
// section of the schema, then the cross-field checks, collecting every error
// as "<file>: <pointer>: <problem>" (the Reader of TargetReader.h). The
// writer and content hash are TargetWrite.cpp, the presets TargetPresets.cpp.
//
//===----------------------------------------------------------------------===//

#include "TargetReader.h"

#include "spikec/Support/JSONParse.h"
#include "spikec/Target/Chip.h"
#include "spikec/Target/Target.h"

#include <string>
#include <vector>

namespace spikec::target {

using namespace detail;

//===----------------------------------------------------------------------===//
// Sections
//===----------------------------------------------------------------------===//

static void readMesh(Reader &r, const json &j, const std::string &p, Mesh &m) {
  if (!r.object(j, p,
                {"width", "height", "cores_per_tile", "cores", "routing",
                 "tile_order"}))
    return;
  r.intField(j, p, "width", Range::Capacity, m.width);
  r.intField(j, p, "height", Range::Capacity, m.height);
  r.intField(j, p, "cores_per_tile", Range::Capacity, m.coresPerTile);
  r.intField(j, p, "cores", Range::Capacity, m.cores);
  if (const json *f = r.field(j, p, "routing", true))
    if (auto c = r.choice(*f, jsonPointerChild(p, "routing"), {"xy", "yx"}))
      m.routing = *c == 0 ? Routing::XY : Routing::YX;
  if (const json *f = r.field(j, p, "tile_order", false))
    if (auto c = r.choice(*f, jsonPointerChild(p, "tile_order"),
                          {"row_major", "column_major"}))
      m.tileOrder = *c == 0 ? TileOrder::RowMajor : TileOrder::ColumnMajor;
}

static void readCore(Reader &r, const json &j, const std::string &p,
                     CoreLimits &c) {
  if (!r.object(j, p,
                {"neurons", "input_axons", "output_axons",
                 "synapse_memory_bits", "max_fan_in", "max_fan_out",
                 "axon_types", "max_synaptic_delay", "synapse_ops_per_cycle",
                 "stores_zero_weights"}))
    return;
  r.intField(j, p, "neurons", Range::Capacity, c.neurons);
  r.intField(j, p, "input_axons", Range::Capacity, c.inputAxons);
  r.intField(j, p, "output_axons", Range::Capacity, c.outputAxons);
  r.intField(j, p, "synapse_memory_bits", Range::Capacity, c.synapseMemoryBits);
  r.intField(j, p, "max_fan_in", Range::Capacity, c.maxFanIn);
  r.intField(j, p, "max_fan_out", Range::Capacity, c.maxFanOut);
  r.optIntField(j, p, "axon_types", Range::Capacity, c.axonTypes);
  r.optIntField(j, p, "max_synaptic_delay", Range::NonNegative,
                c.maxSynapticDelay);
  r.realField(j, p, "synapse_ops_per_cycle", Range::Positive,
              c.synapseOpsPerCycle, Prov::Optional);
  r.boolean(j, p, "stores_zero_weights", c.storesZeroWeights,
            /*required=*/false);
}

/// Checks that every entry of an allowed-bits list is at most `bits`.
static void checkAllowed(Reader &r, const std::optional<SIntList> &allowed,
                         const SInt &bits, const std::string &p) {
  if (allowed && !allowed->value.empty() && allowed->value.back() > bits)
    r.error(p, "allowed bits go up to " +
                   std::to_string(allowed->value.back()) +
                   ", more than bits (" + std::to_string(bits.value) + ")");
}

/// An optional "allowed_bits" list of `obj`, each entry at most `bits`.
static void readAllowedBits(Reader &r, const json &obj, const std::string &p,
                            const SInt &bits,
                            std::optional<SIntList> &allowed) {
  if (const json *a = r.field(obj, p, "allowed_bits", false)) {
    std::string ap = jsonPointerChild(p, "allowed_bits");
    allowed = r.readIntList(*a, ap, Range::Bits);
    checkAllowed(r, allowed, bits, ap);
  }
}

static void readPrecision(Reader &r, const json &j, const std::string &p,
                          Precision &pr) {
  if (!r.object(j, p,
                {"weight", "membrane_bits", "current_bits", "decay_bits",
                 "threshold", "input_shift", "bias", "activation", "overflow",
                 "rounding"}))
    return;
  r.subObject(
      j, p, "weight", true,
      {"bits", "signed", "allowed_bits", "exponent_min", "exponent_max"},
      [&](const json &w, const std::string &wp) {
        r.intField(w, wp, "bits", Range::Bits, pr.weight.bits);
        r.boolean(w, wp, "signed", pr.weight.isSigned);
        readAllowedBits(r, w, wp, pr.weight.bits, pr.weight.allowedBits);
        r.optIntField(w, wp, "exponent_min", Range::Exponent,
                      pr.weight.exponentMin);
        r.optIntField(w, wp, "exponent_max", Range::Exponent,
                      pr.weight.exponentMax);
        bool hasMin = w.contains("exponent_min");
        bool hasMax = w.contains("exponent_max");
        if (hasMin != hasMax)
          r.error(
              jsonPointerChild(wp, hasMin ? "exponent_max" : "exponent_min"),
              std::string("missing required field '") +
                  (hasMin ? "exponent_max" : "exponent_min") +
                  "' (exponent_min and exponent_max go together)");
        else if (pr.weight.exponentMin && pr.weight.exponentMax &&
                 pr.weight.exponentMin->value > pr.weight.exponentMax->value)
          r.error(jsonPointerChild(wp, "exponent_min"),
                  "exponent_min (" +
                      std::to_string(pr.weight.exponentMin->value) +
                      ") is greater than exponent_max (" +
                      std::to_string(pr.weight.exponentMax->value) + ")");
      });
  r.intField(j, p, "membrane_bits", Range::Bits, pr.membraneBits);
  r.optIntField(j, p, "current_bits", Range::Bits, pr.currentBits);
  r.optIntField(j, p, "decay_bits", Range::Bits, pr.decayBits);
  r.subObject(j, p, "threshold", false, {"bits", "shift"},
              [&](const json &t, const std::string &tp) {
                ThresholdPrecision th;
                r.intField(t, tp, "bits", Range::Bits, th.bits);
                r.intField(t, tp, "shift", Range::Shift, th.shift);
                pr.threshold = th;
              });
  r.optIntField(j, p, "input_shift", Range::Shift, pr.inputShift);
  r.subObject(
      j, p, "bias", false, {"mantissa_bits", "exponent_bits"},
      [&](const json &b, const std::string &bp) {
        BiasPrecision bias;
        r.intField(b, bp, "mantissa_bits", Range::Bits, bias.mantissaBits);
        r.intField(b, bp, "exponent_bits", Range::Bits, bias.exponentBits);
        pr.bias = bias;
      });
  r.subObject(j, p, "activation", false, {"bits", "allowed_bits"},
              [&](const json &a, const std::string &ap) {
                ActivationPrecision act;
                r.intField(a, ap, "bits", Range::Bits, act.bits);
                readAllowedBits(r, a, ap, act.bits, act.allowedBits);
                pr.activation = act;
              });
  static const std::vector<std::string> overflows = {"wrap", "saturate"};
  if (const json *o = r.field(j, p, "overflow", true)) {
    std::string op = jsonPointerChild(p, "overflow");
    auto asOverflow = [](size_t i) {
      return i == 0 ? Overflow::Wrap : Overflow::Saturate;
    };
    if (o->is_object()) {
      if (r.object(*o, op, {"current", "membrane"})) {
        if (const json *c = r.field(*o, op, "current", true))
          if (auto i = r.choice(*c, jsonPointerChild(op, "current"), overflows))
            pr.currentOverflow = asOverflow(*i);
        if (const json *m = r.field(*o, op, "membrane", true))
          if (auto i =
                  r.choice(*m, jsonPointerChild(op, "membrane"), overflows))
            pr.membraneOverflow = asOverflow(*i);
      }
    } else if (auto i = r.choice(*o, op, overflows)) {
      pr.currentOverflow = pr.membraneOverflow = asOverflow(*i);
    }
  }
  if (const json *o = r.field(j, p, "rounding", true))
    if (auto i = r.choice(*o, jsonPointerChild(p, "rounding"),
                          {"toward_zero", "floor", "nearest", "stochastic"}))
      pr.rounding = static_cast<Rounding>(*i);
}

static void readTiming(Reader &r, const json &j, const std::string &p,
                       Timing &t) {
  if (!r.object(j, p, {"tick_s", "barrier_ns"}))
    return;
  if (const json *f = r.field(j, p, "tick_s", false))
    t.tickS = r.readReal(*f, jsonPointerChild(p, "tick_s"), Range::Positive,
                         Prov::Required);
  const json *b = r.field(j, p, "barrier_ns", true);
  if (!b)
    return;
  std::string bp = jsonPointerChild(p, "barrier_ns");
  if (!b->is_array() || b->empty()) {
    r.error(bp, "expected a non-empty array of {\"tiles\", \"ns\"} rows, got " +
                    describeJSONValue(*b));
    return;
  }
  for (size_t i = 0; i < b->size(); ++i) {
    std::string rp = jsonPointerChild(bp, i);
    const json &row = (*b)[i];
    if (!r.object(row, rp, {"tiles", "ns"}))
      continue;
    BarrierPoint pt;
    size_t before = r.errors.size();
    r.intField(row, rp, "tiles", Range::Capacity, pt.tiles);
    r.realField(row, rp, "ns", Range::NonNegative, pt.ns, Prov::Required);
    if (r.errors.size() != before)
      continue;
    if (!t.barrierNs.empty() && pt.tiles.value <= t.barrierNs.back().tiles)
      r.error(jsonPointerChild(rp, "tiles"),
              "rows must have strictly increasing tiles, got " +
                  std::to_string(pt.tiles.value) + " after " +
                  std::to_string(t.barrierNs.back().tiles.value));
    else
      t.barrierNs.push_back(pt);
  }
}

/// energy_pj (every kind) or latency_ns (the kinds with a latency).
static void readEvents(Reader &r, const json &j, const std::string &p,
                       std::array<std::optional<SReal>, kNumEventKinds> &out,
                       bool energy) {
  std::vector<std::string> keys;
  for (EventKind k : kAllEventKinds)
    if (energy || hasLatency(k))
      keys.push_back(eventKindName(k));
  if (!r.object(j, p, keys))
    return;
  for (EventKind k : kAllEventKinds) {
    if (!energy && !hasLatency(k))
      continue;
    bool required =
        energy ? !isOptionalEnergy(k) : k != EventKind::SynapticUpdate;
    const char *key = eventKindName(k);
    if (const json *f = r.field(j, p, key, required))
      out[static_cast<size_t>(k)] = r.readReal(
          *f, jsonPointerChild(p, key), Range::NonNegative, Prov::Required);
  }
}

/// Cross-field checks, once every field read cleanly.
static void checkDesc(Reader &r, const TargetDesc &d) {
  // Each native arithmetic reads fields the generic one leaves optional.
  if (const Chip *chip = lookupChip(d.arithmetic); chip && chip->missingFields)
    for (const std::string &field : chip->missingFields(d))
      r.error("/arithmetic",
              "arithmetic '" + d.arithmetic + "' needs " + field);
  // The mapper and the cycle model keep per-tile and per-core tables: bound
  // the mesh before anything is sized by it (and before capacity()
  // multiplies the fields). The largest published chip here, TrueNorth, has
  // 64 x 64 = 4,096 cores.
  constexpr int64_t kMaxMeshCores = 1 << 16;
  const Mesh &m = d.mesh;
  if (m.width.value > kMaxMeshCores || m.height.value > kMaxMeshCores ||
      m.width.value * m.height.value > kMaxMeshCores)
    r.error("/mesh", "a mesh of " + std::to_string(m.width.value) + " x " +
                         std::to_string(m.height.value) +
                         " tiles is more than the " +
                         std::to_string(kMaxMeshCores) +
                         " tiles a chip description may have (TrueNorth, the "
                         "largest published chip, has 4,096 cores)");
  else if (m.coresPerTile.value > kMaxMeshCores ||
           m.cores.value > kMaxMeshCores || m.capacity() > kMaxMeshCores)
    r.error("/mesh/cores",
            std::to_string(m.cores.value) + " cores in " +
                std::to_string(m.width.value) + " x " +
                std::to_string(m.height.value) + " tiles of " +
                std::to_string(m.coresPerTile.value) + " is more than the " +
                std::to_string(kMaxMeshCores) +
                " cores a chip description may have (TrueNorth, the largest "
                "published chip, has 4,096)");
  else if (d.mesh.cores.value > d.mesh.capacity())
    r.error("/mesh/cores",
            "mesh too small for cores: " + std::to_string(d.mesh.width.value) +
                " x " + std::to_string(d.mesh.height.value) + " tiles x " +
                std::to_string(d.mesh.coresPerTile.value) +
                " cores per tile = " + std::to_string(d.mesh.capacity()) +
                " < " + std::to_string(d.mesh.cores.value) + " cores");
}

//===----------------------------------------------------------------------===//
// Loading
//===----------------------------------------------------------------------===//

TargetOrError parseTarget(std::string_view text,
                          const std::string &nameForErrors) {
  // The shared parser also rejects keys given twice and numbers that do not
  // fit a double, which json::parse would overwrite or throw out of here.
  auto parsed = parseJSON(text);
  if (auto *err = std::get_if<JSONParseError>(&parsed)) {
    if (err->kind == JSONParseError::Kind::Syntax)
      return nameForErrors + ":" + std::to_string(err->line) + ":" +
             std::to_string(err->column) + ": " + err->message;
    return nameForErrors + ": " +
           (err->pointer.empty() ? "" : err->pointer + ": ") + err->message;
  }
  json root = std::move(std::get<json>(parsed));

  Reader r(nameForErrors);
  TargetDesc d;
  if (!r.object(root, "",
                {"name", "summary", "notes", "arithmetic", "mesh", "core",
                 "precision", "neuron_models", "layer_kinds", "clock_hz",
                 "timing", "energy_pj", "latency_ns", "static_power_w"}))
    return r.errors.front();

  if (auto name = r.string(root, "", "name", true)) {
    if (name->empty())
      r.error("/name", "must not be empty");
    d.name = *name;
  }
  if (auto summary = r.string(root, "", "summary", true))
    d.summary = *summary;
  if (const json *n = r.field(root, "", "notes", false)) {
    if (!n->is_array())
      r.error("/notes",
              "expected an array of strings, got " + describeJSONValue(*n));
    else
      for (size_t i = 0; i < n->size(); ++i) {
        if ((*n)[i].is_string())
          d.notes.push_back((*n)[i].get<std::string>());
        else
          r.error(jsonPointerChild("/notes", i),
                  "expected a string, got " + describeJSONValue((*n)[i]));
      }
  }
  if (const json *a = r.field(root, "", "arithmetic", false)) {
    std::vector<std::string> chips = chipNames();
    if (auto c = r.choice(*a, "/arithmetic", chips))
      d.arithmetic = chips[*c];
  }
  if (const json *m = r.field(root, "", "mesh", true))
    readMesh(r, *m, "/mesh", d.mesh);
  if (const json *c = r.field(root, "", "core", true))
    readCore(r, *c, "/core", d.core);
  if (const json *p = r.field(root, "", "precision", true))
    readPrecision(r, *p, "/precision", d.precision);
  r.nameList(root, "", "neuron_models", "neuron model", knownNeuronModels(),
             d.neuronModels);
  r.nameList(root, "", "layer_kinds", "layer kind", knownLayerKinds(),
             d.layerKinds);
  r.realField(root, "", "clock_hz", Range::Positive, d.clockHz, Prov::Required);
  if (const json *t = r.field(root, "", "timing", true))
    readTiming(r, *t, "/timing", d.timing);
  if (const json *e = r.field(root, "", "energy_pj", true))
    readEvents(r, *e, "/energy_pj", d.energyPj, /*energy=*/true);
  if (const json *l = r.field(root, "", "latency_ns", true))
    readEvents(r, *l, "/latency_ns", d.latencyNs, /*energy=*/false);
  r.realField(root, "", "static_power_w", Range::NonNegative, d.staticPowerW,
              Prov::Required);

  if (r.errors.empty())
    checkDesc(r, d);
  if (!r.errors.empty()) {
    std::string all;
    for (const std::string &e : r.errors)
      all += (all.empty() ? "" : "\n") + e;
    return all;
  }
  return d;
}

} // namespace spikec::target
