//===- Target.h - neuromorphic target descriptions --------------*- C++ -*-===//
//
// A target is a JSON description of a chip (targets/README.md is the schema):
// its mesh, per-core limits, fixed-point precision, supported neuron models
// and layer kinds, clock, timing, per-event energies and latencies and static
// power. This header is the in-memory form and its loader; it depends on the
// C++ standard library only (no MLIR, no nlohmann-json), so the compiler, the
// emulator and the image reader can all use it.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_TARGET_TARGET_H
#define SPIKEC_TARGET_TARGET_H

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace spikec::target {

/// Where a number in a description comes from.
enum class Provenance {
  Bare,    ///< a plain JSON number (allowed for structural quantities only)
  Source,  ///< {"value": X, "source": "<REFERENCE.md section: row>"}
  Assumed, ///< {"value": X, "assumed": "<why this value>"}
};

/// A number with its provenance. Converts implicitly to its value.
template <typename T> struct Sourced {
  T value{};
  Provenance provenance = Provenance::Bare;
  /// The source row or the reason for the assumption; empty when Bare.
  std::string note;

  operator T() const { return value; }
};
using SInt = Sourced<int64_t>;
using SReal = Sourced<double>;
using SIntList = Sourced<std::vector<int64_t>>;

/// The kinds of event a target charges energy and time for. The JSON key of
/// each is eventKindName().
enum class EventKind {
  SynapticOp,         ///< "synaptic_op": one synapse read and accumulate
  SynapticUpdate,     ///< "synaptic_update": one learning (STDP) update
  NeuronUpdateActive, ///< "neuron_update_active": a neuron with input/state
  NeuronUpdateIdle,   ///< "neuron_update_idle": a mapped neuron with neither
  SpikeOut,           ///< "spike_out": a spike packet leaving its core
  HopEastWest,        ///< "hop_ew": one router hop along x
  HopNorthSouth,      ///< "hop_ns": one router hop along y
  Barrier,            ///< "barrier": the end-of-timestep synchronization
  // Energy only, optional (absent: 0), for models that price them apart
  // (SANA-FE's silicon fit of Loihi); no latency of their own.
  SomaSpike,  ///< "soma_spike": a neuron's output event, at its soma
  HostPacket, ///< "host_packet": a packet the host sends into the mesh
};
constexpr size_t kNumEventKinds = 10;
constexpr std::array<EventKind, kNumEventKinds> kAllEventKinds = {
    EventKind::SynapticOp,         EventKind::SynapticUpdate,
    EventKind::NeuronUpdateActive, EventKind::NeuronUpdateIdle,
    EventKind::SpikeOut,           EventKind::HopEastWest,
    EventKind::HopNorthSouth,      EventKind::Barrier,
    EventKind::SomaSpike,          EventKind::HostPacket};
const char *eventKindName(EventKind kind);
/// Whether energy_pj may leave `kind` out (0 then).
bool isOptionalEnergy(EventKind kind);
/// Whether latency_ns has an entry for `kind` (Barrier's is timing.barrier_ns;
/// SomaSpike and HostPacket are priced in energy only).
bool hasLatency(EventKind kind);
std::optional<EventKind> parseEventKind(std::string_view name);

enum class Routing { XY, YX };
/// The order in which the placer fills tiles: along x first (row-major) or
/// along y first (column-major, as SANA-FE numbers its tiles).
enum class TileOrder { RowMajor, ColumnMajor };
enum class Overflow { Wrap, Saturate };
enum class Rounding { TowardZero, Floor, Nearest, Stochastic };
const char *routingName(Routing r);
const char *tileOrderName(TileOrder o);
const char *overflowName(Overflow o);
const char *roundingName(Rounding r);

/// Neuron model names (those of the snn dialect's neuron ops plus the
/// target-native ones) and layer kinds a description may list.
const std::vector<std::string> &knownNeuronModels();
const std::vector<std::string> &knownLayerKinds();

struct Mesh {
  SInt width, height;
  SInt coresPerTile; ///< cores sharing one router
  SInt cores;        ///< cores on the chip, <= width * height * coresPerTile
  Routing routing = Routing::XY;
  TileOrder tileOrder = TileOrder::RowMajor;

  int64_t tiles() const { return width.value * height.value; }
  int64_t capacity() const { return tiles() * coresPerTile.value; }
};

struct CoreLimits {
  SInt neurons;
  SInt inputAxons;
  SInt outputAxons;
  SInt synapseMemoryBits;
  SInt maxFanIn;  ///< synapses into one neuron
  SInt maxFanOut; ///< destination axons of one neuron
  /// Crossbar axon types (TrueNorth: 4, each neuron holds one weight per
  /// type). Absent: every synapse has its own weight.
  std::optional<SInt> axonTypes;
  /// The largest delay, in steps beyond the hardware timing's one, that a
  /// synapse group (an image's dendrite group) may add. Absent: the target
  /// declares none, and network delays are not mapped.
  std::optional<SInt> maxSynapticDelay;
  SReal synapseOpsPerCycle; ///< synaptic operations a core does in parallel
  /// Whether synapse memory keeps the zero weights the network lists (a
  /// dense matrix stored whole): the compiler then keeps them in the image,
  /// where they take memory and each read is a synaptic op. Default false:
  /// zero weights are dropped.
  bool storesZeroWeights = false;
};

struct WeightPrecision {
  SInt bits;
  bool isSigned = true;
  std::optional<SIntList> allowedBits; ///< per-layer choices, each <= bits
  std::optional<SInt> exponentMin, exponentMax; ///< shared weight exponent
};

struct ThresholdPrecision {
  SInt bits;
  SInt shift; ///< the stored threshold is shifted left by this
};

struct BiasPrecision {
  SInt mantissaBits; ///< signed
  SInt exponentBits;
};

struct ActivationPrecision {
  SInt bits;
  std::optional<SIntList> allowedBits;
};

struct Precision {
  WeightPrecision weight;
  SInt membraneBits;
  std::optional<SInt> currentBits;
  std::optional<SInt> decayBits;
  std::optional<ThresholdPrecision> threshold;
  std::optional<SInt> inputShift; ///< synaptic input shifted left by this
  std::optional<BiasPrecision> bias;
  std::optional<ActivationPrecision> activation; ///< multi-bit outputs (Akida)
  Overflow currentOverflow = Overflow::Wrap;
  Overflow membraneOverflow = Overflow::Wrap;
  Rounding rounding = Rounding::TowardZero;
};

/// One row of the barrier table: the barrier lasts `ns` when `tiles` tiles are
/// in use. Rows are sorted by strictly increasing tiles.
struct BarrierPoint {
  SInt tiles;
  SReal ns;
};

struct Timing {
  /// A fixed timestep (TrueNorth's 1 ms tick): a timestep lasts
  /// max(tick, computed time). Absent: as long as the work and the barrier.
  std::optional<SReal> tickS;
  std::vector<BarrierPoint> barrierNs;
};

/// A loaded, validated target description.
struct TargetDesc {
  std::string name;
  std::string summary;
  std::vector<std::string> notes;
  /// Which chip arithmetic (targets/<name>/, spikec/Target/Chip.h) computes
  /// the fixed-point models: snn-quantize, its legalization and the kernels
  /// come from its registration. "generic" is the model parameterized by the
  /// description's precision, for user-described chips.
  std::string arithmetic = "generic";
  Mesh mesh;
  CoreLimits core;
  Precision precision;
  std::vector<std::string> neuronModels;
  std::vector<std::string> layerKinds;
  SReal clockHz;
  Timing timing;
  /// Indexed by EventKind. SynapticUpdate, SomaSpike and HostPacket may be
  /// absent; every other energy is present. Latencies have an entry for
  /// hasLatency() kinds only (Barrier: see barrierNsFor()).
  std::array<std::optional<SReal>, kNumEventKinds> energyPj;
  std::array<std::optional<SReal>, kNumEventKinds> latencyNs;
  SReal staticPowerW;

  bool supportsNeuronModel(std::string_view model) const;
  bool supportsLayerKind(std::string_view kind) const;

  /// Energy of one event in pJ; 0 for a kind the description leaves out.
  double energyPjOf(EventKind kind) const;
  /// Latency of one event in ns; 0 for a kind the description leaves out.
  /// Barrier gives barrierNsFor(mesh.tiles()).
  double latencyNsOf(EventKind kind) const;
  /// The barrier latency with `tilesInUse` tiles busy: linear interpolation
  /// in the table, clamped to its first and last rows.
  double barrierNsFor(int64_t tilesInUse) const;
  /// One clock cycle in ns.
  double cycleNs() const { return 1e9 / clockHz.value; }
  /// `ns` as whole clock cycles, rounded up (the emulator's cycle model
  /// takes every latency so).
  uint64_t cyclesFor(double ns) const;

  /// The description as JSON text, with every number's provenance (loads
  /// back to an equal description).
  std::string toJson(int indent = 2) const;
  /// The canonical form the hash covers: sorted keys, no whitespace, numbers
  /// without provenance, sorted model and layer lists, no summary or notes.
  std::string canonicalJson() const;
  /// FNV-1a 64 of canonicalJson(): the image's "target hash". Editing a
  /// source note or the summary leaves it alone; changing any value, model,
  /// layer kind or the name changes it.
  uint64_t contentHash() const;
  /// contentHash() as 16 lowercase hex digits.
  std::string contentHashHex() const;
};

/// A description or an error message. Messages are lines of
/// "<file>: <json pointer>: <problem>" (malformed JSON: "<file>:<line>:<col>:
/// malformed JSON: ..."), all errors found, one per line.
using TargetOrError = std::variant<TargetDesc, std::string>;

/// Parses and validates a description held in memory; `nameForErrors` is the
/// file name the messages start with.
TargetOrError parseTarget(std::string_view text,
                          const std::string &nameForErrors);

/// Loads a target by preset name ("loihi", looked up as <dir>/loihi.json in
/// presetsDir()) or by path (anything containing '/' or ending in ".json").
TargetOrError loadTarget(const std::string &nameOrPath);

/// How many description files loadTarget has read in this process: a
/// compile reads its target once (NCTarget.h), which tests check by it.
uint64_t numTargetFilesRead();

/// The presets directory: $SPIKEC_TARGETS_DIR when set and not empty, else
/// the source tree's targets/ directory.
std::string presetsDir();
/// The preset names (the *.json files in presetsDir()), sorted.
std::vector<std::string> listPresets();

/// FNV-1a 64 of a byte string.
uint64_t fnv1a64(std::string_view bytes);

} // namespace spikec::target

#endif // SPIKEC_TARGET_TARGET_H
