//===- ImageValidate.cpp - the consistency checks of an image -------------===//
//
// validate() is the one place that knows what a well-formed image is: the
// writer refuses an image it rejects and the reader runs it on what it
// decoded, so every index is checked once, after the bytes are parsed.
//
//===----------------------------------------------------------------------===//

#include "spikec/Image/Image.h"

#include "ImageUtil.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

using namespace spikec::image;
using spikec::image::detail::cat;

namespace {

/// "" when `offsets` are the n + 1 offsets of a CSR over `size` entries,
/// else the problem: "<what> offsets decrease at <row> 3 (5 then 4)".
std::string checkOffsets(const std::vector<uint32_t> &offsets, uint64_t n,
                         uint64_t size, const char *what, const char *row) {
  if (offsets.size() != n + 1)
    return cat("needs ", n + 1, " ", what, " offsets (", n, " ", row,
               "s + 1), has ", offsets.size());
  if (offsets[0] != 0)
    return cat(what, " offsets start at ", offsets[0], ", not 0");
  for (uint64_t i = 0; i < n; ++i)
    if (offsets[i + 1] < offsets[i])
      return cat(what, " offsets decrease at ", row, " ", i + 1, " (",
                 offsets[i], " then ", offsets[i + 1], ")");
  if (offsets[n] != size)
    return cat(what, " offsets end at ", offsets[n], ", but there are ", size,
               " ", what, "s");
  return "";
}

/// "" when `to` is an axon of a core of the image.
std::string checkDestination(const Image &image, const Endpoint &to) {
  if (to.core >= image.cores.size())
    return cat("names core ", to.core, ", the image has ", image.cores.size(),
               " cores");
  uint32_t axons = image.cores[to.core].numAxons();
  if (to.index >= axons)
    return cat("names axon ", to.index, " of core ", to.core, ", which has ",
               axons, " axons");
  return "";
}

/// "" when the routes of every neuron name axons of the image.
std::string checkDestinations(const Image &image,
                              const std::vector<uint32_t> &offsets,
                              const std::vector<Endpoint> &dests,
                              const char *row) {
  for (size_t i = 0; i + 1 < offsets.size(); ++i)
    for (uint32_t k = offsets[i]; k < offsets[i + 1]; ++k) {
      std::string why = checkDestination(image, dests[k]);
      if (!why.empty())
        return cat(row, " ", i, ": destination ", k - offsets[i], " ", why);
    }
  return "";
}

bool isHashHex(const std::string &s) {
  return s.size() == 16 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

std::string validateHeader(const Header &h) {
  if (h.version < kOldestFormatVersion || h.version > kFormatVersion)
    return cat("unsupported format version ", h.version, " (this library has ",
               kOldestFormatVersion, " to ", kFormatVersion, ")");
  if (h.target.empty())
    return "the target name is empty";
  if (!isHashHex(h.targetHash))
    return cat("target hash '", h.targetHash,
               "' is not 16 lowercase hex digits");
  if (!std::isfinite(h.dt) || h.dt < 0)
    return cat("dt ", h.dt, " is not a finite number >= 0");
  if (h.timing != "hardware")
    return cat("unknown timing convention '", h.timing, "' (known: hardware)");
  if (h.meshWidth == 0 || h.meshHeight == 0 || h.coresPerTile == 0)
    return cat("mesh ", h.meshWidth, "x", h.meshHeight, "x", h.coresPerTile,
               " has no cores");
  return "";
}

/// Everything of one core but its routes (which need the other cores).
std::string validateCore(const Header &h, const Core &c) {
  if (c.x >= h.meshWidth || c.y >= h.meshHeight || c.slot >= h.coresPerTile)
    return cat("at (", c.x, ", ", c.y, ", ", c.slot, "), outside the ",
               h.meshWidth, "x", h.meshHeight, "x", h.coresPerTile, " mesh");
  if (c.model.empty())
    return "has no neuron model";
  std::set<std::string> names;
  for (const NeuronParam &p : c.params) {
    if (p.name.empty())
      return "has a parameter with no name";
    if (!names.insert(p.name).second)
      return cat("has parameter '", p.name, "' twice");
    if (p.values.size() != 1 && p.values.size() != c.numNeurons)
      return cat("parameter '", p.name, "' has ", p.values.size(),
                 " values, needs 1 or one per neuron (", c.numNeurons, ")");
  }
  for (size_t g = 0; g < c.groups.size(); ++g)
    if (c.groups[g].weightBits < 1 || c.groups[g].weightBits > 32)
      return cat("group ", g, ": weight bits ", c.groups[g].weightBits,
                 " outside [1, 32]");
  std::string why = checkOffsets(c.axonOffsets, c.numAxons(), c.numSynapses(),
                                 "synapse", "axon");
  if (!why.empty())
    return why;
  if (c.synWeight.size() != c.synTarget.size())
    return cat("has ", c.synTarget.size(), " synapse targets but ",
               c.synWeight.size(), " weights");
  if (!c.synAxonType.empty() && c.synAxonType.size() != c.synTarget.size())
    return cat("has ", c.synTarget.size(), " synapses but ",
               c.synAxonType.size(), " axon types");
  for (uint32_t a = 0; a < c.numAxons(); ++a) {
    uint32_t g = c.axonGroup[a];
    if (g >= c.groups.size())
      return cat("axon ", a, " is in group ", g, ", the core has ",
                 c.groups.size(), " groups");
    int64_t bits = c.groups[g].weightBits;
    int64_t lo = -(int64_t(1) << (bits - 1)), hi = -lo - 1;
    for (uint32_t k = c.axonOffsets[a]; k < c.axonOffsets[a + 1]; ++k) {
      if (c.synTarget[k] >= c.numNeurons)
        return cat("axon ", a, ": synapse ", k, " targets neuron ",
                   c.synTarget[k], " outside [0, ", c.numNeurons, ")");
      if (c.synWeight[k] < lo || c.synWeight[k] > hi)
        return cat("axon ", a, ": synapse ", k, " has weight ", c.synWeight[k],
                   ", outside group ", g, "'s ", bits, "-bit range [", lo, ", ",
                   hi, "]");
      if (!c.synAxonType.empty() && c.synAxonType[k] >= kMaxAxonTypes)
        return cat("axon ", a, ": synapse ", k, " has axon type ",
                   unsigned(c.synAxonType[k]), " outside [0, ", kMaxAxonTypes,
                   ")");
    }
  }
  return checkOffsets(c.routeOffsets, c.numNeurons, c.routes.size(), "route",
                      "neuron");
}

std::string validateEncoder(const Encoder &e) {
  static const char *const kinds[] = {"", "direct", "rate", "latency", "delta"};
  if (std::find(std::begin(kinds), std::end(kinds), e.kind) == std::end(kinds))
    return cat("unknown encoder kind '", e.kind,
               "' (known: direct, rate, latency, delta)");
  if (e.kind.empty() && !e.attrs.empty())
    return "has encoder attributes but no encoder kind";
  std::set<std::string> names;
  for (const EncoderAttr &a : e.attrs) {
    if (a.name.empty() || a.name == "kind")
      return cat("has an encoder attribute named '", a.name, "'");
    if (!names.insert(a.name).second)
      return cat("has encoder attribute '", a.name, "' twice");
    if (auto *f = std::get_if<double>(&a.value); f && !std::isfinite(*f))
      return cat("encoder attribute '", a.name, "' is not finite");
  }
  return "";
}

} // namespace

const NeuronParam *Core::param(const std::string &name) const {
  for (const NeuronParam &p : params)
    if (p.name == name)
      return &p;
  return nullptr;
}

std::string spikec::image::validate(const Image &image) {
  std::string why = validateHeader(image.header);
  if (!why.empty())
    return "header: " + why;
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t, size_t>> places;
  for (size_t i = 0; i < image.cores.size(); ++i) {
    const Core &c = image.cores[i];
    why = validateCore(image.header, c);
    if (why.empty())
      why = checkDestinations(image, c.routeOffsets, c.routes, "neuron");
    if (!why.empty())
      return cat("core ", i, ": ", why);
    places.emplace_back(c.x, c.y, c.slot, i);
  }
  std::sort(places.begin(), places.end());
  for (size_t i = 1; i < places.size(); ++i)
    if (std::get<0>(places[i]) == std::get<0>(places[i - 1]) &&
        std::get<1>(places[i]) == std::get<1>(places[i - 1]) &&
        std::get<2>(places[i]) == std::get<2>(places[i - 1]))
      return cat("core ", std::get<3>(places[i]), ": at (",
                 std::get<0>(places[i]), ", ", std::get<1>(places[i]), ", ",
                 std::get<2>(places[i]), "), where core ",
                 std::get<3>(places[i - 1]), " is");
  std::set<std::string> names;
  for (const Input &in : image.inputs) {
    if (in.name.empty() || !names.insert(in.name).second)
      return cat("input '", in.name, "': the name is empty or used twice");
    why = validateEncoder(in.encoder);
    if (why.empty() && !in.shape.empty()) {
      uint64_t n = 1;
      for (uint32_t d : in.shape)
        n = d == 0 || n > UINT32_MAX ? 0 : n * d;
      if (n != in.width)
        why = cat("shape of ", in.shape.size(), " dimensions holds ", n,
                  " elements, not the width ", in.width);
    }
    if (why.empty())
      why = checkOffsets(in.offsets, in.width, in.dests.size(), "destination",
                         "element");
    if (why.empty())
      why = checkDestinations(image, in.offsets, in.dests, "element");
    if (!why.empty())
      return cat("input '", in.name, "': ", why);
  }
  names.clear();
  for (const Output &out : image.outputs) {
    if (out.name.empty() || !names.insert(out.name).second)
      return cat("output '", out.name, "': the name is empty or used twice");
    if (out.sources.size() != out.width)
      return cat("output '", out.name, "': ", out.width, " wide but has ",
                 out.sources.size(), " sources");
    for (size_t e = 0; e < out.sources.size(); ++e) {
      const Endpoint &s = out.sources[e];
      if (s.core >= image.cores.size())
        return cat("output '", out.name, "': element ", e, " names core ",
                   s.core, ", the image has ", image.cores.size(), " cores");
      if (s.index >= image.cores[s.core].numNeurons)
        return cat("output '", out.name, "': element ", e, " names neuron ",
                   s.index, " of core ", s.core, ", which has ",
                   image.cores[s.core].numNeurons, " neurons");
    }
  }
  return "";
}
