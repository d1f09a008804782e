//===- Image.h - the in-memory hardware image -------------------*- C++ -*-===//
//
// What a chip is loaded with (DESIGN.md section 6): the network after
// quantization, partitioning, placement and routing, as cores holding neurons
// of one fixed-point model, their input axons and synapses, the routes of
// every neuron's spikes, and the host's input and output maps. The compiler
// fills it from a routed nc.graph and writes it (ImageIO.h); the emulator and
// the RTL testbench read it. Pure C++17, no MLIR. docs/image-format.md gives
// the semantics and the file's every byte.
//
// Indices: a core is named by its position in Image::cores, an axon or a
// neuron by its position within its core. Every array an index points into
// is checked by validate(), which the writer and the reader both run.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_IMAGE_IMAGE_H
#define SPIKEC_IMAGE_IMAGE_H

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace spikec::image {

/// The file format version this library writes. It reads this one and
/// version 1, which had no target section and no input shapes.
constexpr uint32_t kFormatVersion = 2;
constexpr uint32_t kOldestFormatVersion = 1;
/// Axon types a synapse may carry (TrueNorth's G in [0, 3], nc.synapses'
/// axon_types).
constexpr uint32_t kMaxAxonTypes = 4;

struct Header {
  uint32_t version = kFormatVersion;
  /// The target description's name and content hash (16 lowercase hex
  /// digits, TargetDesc::contentHashHex(), nc.graph's target_hash).
  std::string target;
  std::string targetHash;
  /// The timestep of the snn network, in seconds (0 when unknown).
  double dt = 0;
  /// The timing convention; "hardware" is the only one (QuantizedSimulator.h:
  /// every edge out of an input or a neuron delivers one step later).
  std::string timing = "hardware";
  /// The target's mesh: cores sit at (x, y, slot) with x < meshWidth,
  /// y < meshHeight, slot < coresPerTile.
  uint32_t meshWidth = 0, meshHeight = 0, coresPerTile = 0;
};

/// Free-form: how the image was made. Not interpreted.
struct Provenance {
  std::string toolVersion;
  std::string network;
  /// The compile options as (name, value), in the order given.
  std::vector<std::pair<std::string, std::string>> options;
};

/// (core, axon) for a destination, (core, neuron) for an output's source.
struct Endpoint {
  uint32_t core = 0;
  uint32_t index = 0;
};

/// One parameter of a core's neuron model (ModelTable.h names them).
struct NeuronParam {
  std::string name;
  /// One value per neuron, or a single value shared by all of them.
  std::vector<int32_t> values;

  int32_t of(uint32_t neuron) const {
    return values.size() == 1 ? values[0] : values[neuron];
  }
};

/// The axons of a core that come from one nc.synapses table. Per step, a
/// neuron's dendritic sum is the sum over groups (int64, saturated to int32,
/// as nc.sum) of each group's sum over its active axons of value * weight
/// (int64), scaled by 2^weightExp as loihi::scaleDendriticSum does and
/// saturated to int32 (as nc.synapses); an event reaching an axon of the
/// group counts `delay` steps later than the hardware timing says.
struct DendriteGroup {
  /// Weights are signed values of this many bits, in [1, 32].
  uint32_t weightBits = 8;
  int32_t weightExp = 0;
  uint32_t delay = 0;
};

struct Core {
  /// Mesh coordinates: the tile (x, y) and the core's slot within it.
  uint32_t x = 0, y = 0, slot = 0;
  /// The nc.population model of every neuron of the core ("loihi",
  /// "truenorth", "akida", "generic_lif", ...).
  std::string model;
  uint32_t numNeurons = 0;
  std::vector<NeuronParam> params;
  std::vector<DendriteGroup> groups;

  /// Input axons: axonGroup[a] is axon a's group. The synapses of axon a are
  /// axonOffsets[a] .. axonOffsets[a+1] (numAxons() + 1 offsets from 0 to
  /// numSynapses()), each with its target neuron and weight and, when
  /// synAxonType is not empty, its axon type.
  std::vector<uint32_t> axonGroup;
  std::vector<uint32_t> axonOffsets = {0};
  std::vector<uint32_t> synTarget;
  std::vector<int32_t> synWeight;
  std::vector<uint8_t> synAxonType;

  /// Where neuron n's events go: routes[routeOffsets[n] .. routeOffsets[n+1]]
  /// as (core, axon). numNeurons + 1 offsets from 0 to routes.size().
  std::vector<uint32_t> routeOffsets = {0};
  std::vector<Endpoint> routes;

  uint32_t numAxons() const { return uint32_t(axonGroup.size()); }
  uint32_t numSynapses() const { return uint32_t(synTarget.size()); }
  /// The parameter called `name`, or null.
  const NeuronParam *param(const std::string &name) const;
};

/// One attribute of an input's encoder, typed as in nc.input's encoder dict
/// (seed and window are integers, gain and threshold floats, off_spikes a
/// bool).
struct EncoderAttr {
  std::string name;
  std::variant<int64_t, double, bool> value;
};

/// How the host turns the input file into events (QuantizedSimulator.h):
/// kind "" (the file holds the events), "direct", "rate", "latency" or
/// "delta".
struct Encoder {
  std::string kind;
  std::vector<EncoderAttr> attrs;
};

/// A port from the host: element e's events go to
/// dests[offsets[e] .. offsets[e+1]] as (core, axon).
struct Input {
  std::string name;
  uint32_t width = 0;
  Encoder encoder;
  std::vector<uint32_t> offsets = {0};
  std::vector<Endpoint> dests;
  /// The network input's dimensions, whose product is `width` (row-major):
  /// input files may nest each row in them. Empty or {width} for a flat
  /// input.
  std::vector<uint32_t> shape;
};

/// A port to the host: element e reads the events of neuron sources[e] (core,
/// neuron) of the same step.
struct Output {
  std::string name;
  uint32_t width = 0;
  std::vector<Endpoint> sources;
};

struct Image {
  Header header;
  Provenance provenance;
  /// The target description the image was compiled for, as JSON
  /// (target::TargetDesc::toJson; its content hash is header.targetHash), so
  /// that the image runs in cycle mode without the description file. Empty
  /// in a version 1 image.
  std::string targetDescription;
  std::vector<Core> cores;
  std::vector<Input> inputs;
  std::vector<Output> outputs;
};

/// Bits of synapse memory one synapse takes: its group's weight bits, or 1
/// for a typed synapse (TrueNorth's crossbar: the weight it adds is its
/// neuron's weight of the axon type).
constexpr uint32_t synapseMemoryBits(uint32_t weightBits, bool typed) {
  return typed ? 1 : weightBits;
}

/// "" when `image` is consistent, else the first problem, saying where:
/// "core 3: axon 7: synapse 12 targets neuron 300 outside [0, 256)". Checks
/// the header (version, a 16-hex-digit hash, finite dt >= 0, "hardware",
/// a mesh), every core (position inside the mesh and unique, a model, unique
/// parameter names each with 1 or numNeurons values, weight bits in
/// [1, 32], every CSR: numAxons/numNeurons/width + 1 offsets from 0,
/// non-decreasing, ending at the array's size), every index (group, target
/// neuron, axon type, destination core and axon, output source core and
/// neuron) and every weight against its group's bits; input and output names
/// non-empty and unique, encoder kinds known, attribute names unique and
/// floats finite.
std::string validate(const Image &image);

} // namespace spikec::image

#endif // SPIKEC_IMAGE_IMAGE_H
