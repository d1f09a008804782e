//===- ImageJSON.cpp - an image as JSON and as a summary for people -------===//

#include "spikec/Image/ImageIO.h"

#include <nlohmann/json.hpp>

#include <sstream>

using namespace spikec::image;
using json = nlohmann::json;

namespace {

json endpoints(const std::vector<Endpoint> &v, size_t begin, size_t end) {
  json out = json::array();
  for (size_t k = begin; k < end; ++k)
    out.push_back({v[k].core, v[k].index});
  return out;
}

json coreToJSON(size_t id, const Core &c) {
  json params = json::object();
  for (const NeuronParam &p : c.params)
    params[p.name] = p.values.size() == 1 ? json(p.values[0]) : json(p.values);
  json groups = json::array();
  for (const DendriteGroup &g : c.groups)
    groups.push_back({{"weight_bits", g.weightBits},
                      {"weight_exp", g.weightExp},
                      {"delay", g.delay}});
  json axons = json::array();
  for (uint32_t a = 0; a < c.numAxons(); ++a) {
    uint32_t b = c.axonOffsets[a], e = c.axonOffsets[a + 1];
    json axon = {{"group", c.axonGroup[a]},
                 {"targets", std::vector<uint32_t>(c.synTarget.begin() + b,
                                                   c.synTarget.begin() + e)},
                 {"weights", std::vector<int32_t>(c.synWeight.begin() + b,
                                                  c.synWeight.begin() + e)}};
    if (!c.synAxonType.empty())
      axon["types"] = std::vector<uint8_t>(c.synAxonType.begin() + b,
                                           c.synAxonType.begin() + e);
    axons.push_back(std::move(axon));
  }
  json routes = json::array();
  for (uint32_t n = 0; n < c.numNeurons; ++n)
    routes.push_back(
        endpoints(c.routes, c.routeOffsets[n], c.routeOffsets[n + 1]));
  return {{"id", id},         {"x", c.x},         {"y", c.y},
          {"slot", c.slot},   {"model", c.model}, {"neurons", c.numNeurons},
          {"params", params}, {"groups", groups}, {"axons", axons},
          {"routes", routes}};
}

json encoderToJSON(const Encoder &e) {
  if (e.kind.empty())
    return nullptr;
  json out = {{"kind", e.kind}};
  for (const EncoderAttr &a : e.attrs)
    std::visit([&](auto v) { out[a.name] = v; }, a.value);
  return out;
}

/// "rate {gain=0.5, seed=7}"; "none" without an encoder.
std::string encoderText(const Encoder &e) {
  if (e.kind.empty())
    return "none";
  std::ostringstream s;
  s << e.kind;
  for (size_t i = 0; i < e.attrs.size(); ++i) {
    s << (i ? ", " : " {") << e.attrs[i].name << "=";
    std::visit([&](auto v) { s << std::boolalpha << v; }, e.attrs[i].value);
  }
  if (!e.attrs.empty())
    s << "}";
  return s.str();
}

} // namespace

json spikec::image::toJSON(const Image &image) {
  const Header &h = image.header;
  json out;
  out["header"] = {{"version", h.version},
                   {"target", h.target},
                   {"target_hash", h.targetHash},
                   {"dt", h.dt},
                   {"timing", h.timing},
                   {"mesh",
                    {{"width", h.meshWidth},
                     {"height", h.meshHeight},
                     {"cores_per_tile", h.coresPerTile}}}};
  json options = json::array();
  for (const auto &[name, value] : image.provenance.options)
    options.push_back({name, value});
  out["provenance"] = {{"tool_version", image.provenance.toolVersion},
                       {"network", image.provenance.network},
                       {"options", options}};
  if (!image.targetDescription.empty())
    out["target_description"] = json::parse(image.targetDescription, nullptr,
                                            /*allow_exceptions=*/false);
  out["cores"] = json::array();
  for (size_t i = 0; i < image.cores.size(); ++i)
    out["cores"].push_back(coreToJSON(i, image.cores[i]));
  out["inputs"] = json::array();
  for (const Input &in : image.inputs) {
    json dests = json::array();
    for (uint32_t e = 0; e < in.width; ++e)
      dests.push_back(endpoints(in.dests, in.offsets[e], in.offsets[e + 1]));
    out["inputs"].push_back({{"name", in.name},
                             {"width", in.width},
                             {"shape", in.shape},
                             {"encoder", encoderToJSON(in.encoder)},
                             {"destinations", dests}});
  }
  out["outputs"] = json::array();
  for (const Output &o : image.outputs)
    out["outputs"].push_back(
        {{"name", o.name},
         {"width", o.width},
         {"sources", endpoints(o.sources, 0, o.sources.size())}});
  return out;
}

std::string spikec::image::summarize(const Image &image) {
  const Header &h = image.header;
  std::ostringstream s;
  uint64_t neurons = 0, axons = 0, synapses = 0, routes = 0;
  for (const Core &c : image.cores) {
    neurons += c.numNeurons;
    axons += c.numAxons();
    synapses += c.numSynapses();
    routes += c.routes.size();
  }
  s << "image version " << h.version << " for target '" << h.target
    << "' (hash " << h.targetHash << "), mesh " << h.meshWidth << "x"
    << h.meshHeight << "x" << h.coresPerTile << ", dt " << h.dt << " s, "
    << h.timing << " timing\n";
  s << "network '" << image.provenance.network << "', built by "
    << image.provenance.toolVersion;
  for (const auto &[name, value] : image.provenance.options)
    s << " " << name << "=" << value;
  s << "\n";
  s << image.cores.size() << " cores: " << neurons << " neurons, " << axons
    << " axons, " << synapses << " synapses, " << routes << " routes\n";
  for (size_t i = 0; i < image.cores.size(); ++i) {
    const Core &c = image.cores[i];
    s << "  core " << i << " at (" << c.x << ", " << c.y << ", " << c.slot
      << "): " << c.model << ", " << c.numNeurons << " neurons, "
      << c.numAxons() << " axons in " << c.groups.size() << " groups, "
      << c.numSynapses() << " synapses"
      << (c.synAxonType.empty() ? "" : " (typed)") << ", " << c.routes.size()
      << " routes\n";
  }
  s << image.inputs.size() << " inputs\n";
  for (const Input &in : image.inputs) {
    s << "  '" << in.name << "': " << in.width << " wide";
    if (in.shape.size() > 1) {
      s << " (shape";
      for (size_t d = 0; d < in.shape.size(); ++d)
        s << (d ? "x" : " ") << in.shape[d];
      s << ")";
    }
    s << ", encoder " << encoderText(in.encoder) << ", " << in.dests.size()
      << " destinations\n";
  }
  s << image.outputs.size() << " outputs\n";
  for (const Output &o : image.outputs)
    s << "  '" << o.name << "': " << o.width << " wide\n";
  if (image.targetDescription.empty())
    s << "target description: not in the image\n";
  else
    s << "target description: in the image (" << image.targetDescription.size()
      << " bytes of JSON)\n";
  return s.str();
}
