//===- ChipImage.cpp - nc.chip to the hardware image ----------------------===//

#include "spikec/Dialect/NC/ChipImage.h"
#include "spikec/Dialect/NC/NCModels.h"

#include <algorithm>

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace {

std::vector<uint32_t> toU32(DenseI32ResourceElementsAttr blob) {
  auto data = blob.tryGetAsArrayRef();
  std::vector<uint32_t> out;
  if (data)
    for (int32_t v : *data)
      out.push_back(uint32_t(v));
  return out;
}

std::vector<int32_t> toI32(DenseI32ResourceElementsAttr blob) {
  auto data = blob.tryGetAsArrayRef();
  return data ? std::vector<int32_t>(data->begin(), data->end())
              : std::vector<int32_t>();
}

/// (core, index) pairs from two parallel blobs.
std::vector<image::Endpoint> endpoints(DenseI32ResourceElementsAttr cores,
                                       DenseI32ResourceElementsAttr indices) {
  std::vector<uint32_t> c = toU32(cores), i = toU32(indices);
  std::vector<image::Endpoint> out(c.size());
  for (size_t k = 0; k < c.size(); ++k)
    out[k] = {c[k], i[k]};
  return out;
}

} // namespace

FailureOr<image::Image>
spikec::nc::chipToImage(ChipOp chip, const image::Provenance &provenance) {
  image::Image img;
  img.header.target = chip.getTarget().str();
  img.header.targetHash = chip.getTargetHash().str();
  img.header.dt = chip.getDt() ? chip.getDt()->convertToDouble() : 0.0;
  ArrayRef<int64_t> mesh = chip.getMesh();
  img.header.meshWidth = uint32_t(mesh[0]);
  img.header.meshHeight = uint32_t(mesh[1]);
  img.header.coresPerTile = uint32_t(mesh[2]);
  img.provenance = provenance;

  for (auto core : chip.getBodyBlock().getOps<CoreOp>()) {
    image::Core &c = img.cores.emplace_back();
    ArrayRef<int64_t> pos = core.getPosition();
    c.x = uint32_t(pos[0]);
    c.y = uint32_t(pos[1]);
    c.slot = uint32_t(pos[2]);
    c.model = core.getModel().str();
    c.numNeurons = uint32_t(core.getNeurons());
    // Parameters in the model's order; one value when all neurons share it.
    for (StringRef name : lookupNCModel(c.model)->params) {
      std::vector<int32_t> v =
          *readModelParam(core.getParams(), name, core.getNeurons());
      if (!v.empty() &&
          std::all_of(v.begin(), v.end(), [&](int32_t x) { return x == v[0]; }))
        v.resize(1);
      c.params.push_back({name.str(), std::move(v)});
    }
    ArrayRef<int32_t> bits = core.getGroupBits(), exps = core.getGroupExp(),
                      delays = core.getGroupDelay();
    for (size_t g = 0; g < bits.size(); ++g)
      c.groups.push_back(
          {uint32_t(bits[g]), exps[g], uint32_t(delays[g])});
    c.axonGroup = toU32(core.getAxonGroup());
    c.axonOffsets = toU32(core.getAxonOffsets());
    c.synTarget = toU32(core.getSynTarget());
    c.synWeight = toI32(core.getSynWeight());
    if (auto types = core.getSynAxonTypeAttr())
      for (int32_t t : toI32(types))
        c.synAxonType.push_back(uint8_t(t));
    c.routeOffsets = toU32(core.getRouteOffsets());
    c.routes = endpoints(core.getRouteCore(), core.getRouteAxon());
  }

  for (auto in : chip.getBodyBlock().getOps<InOp>()) {
    image::Input &i = img.inputs.emplace_back();
    i.name = in.getName().str();
    i.width = uint32_t(in.getWidth());
    if (auto shape = in.getShape())
      i.shape.assign(shape->begin(), shape->end());
    else
      i.shape = {i.width};
    if (DictionaryAttr enc = in.getEncoderAttr()) {
      for (NamedAttribute a : enc) {
        StringRef key = a.getName().getValue();
        if (key == "kind") {
          i.encoder.kind = cast<StringAttr>(a.getValue()).str();
        } else if (auto b = dyn_cast<BoolAttr>(a.getValue())) {
          i.encoder.attrs.push_back({key.str(), b.getValue()});
        } else if (auto n = dyn_cast<IntegerAttr>(a.getValue())) {
          i.encoder.attrs.push_back({key.str(), int64_t(n.getInt())});
        } else if (auto f = dyn_cast<FloatAttr>(a.getValue())) {
          i.encoder.attrs.push_back({key.str(), f.getValueAsDouble()});
        } else {
          return in.emitError() << "input '" << i.name << "': encoder "
                                << "attribute '" << key
                                << "' is neither a number nor a bool";
        }
      }
    }
    i.offsets = toU32(in.getOffsets());
    i.dests = endpoints(in.getDestCore(), in.getDestAxon());
  }
  for (auto out : chip.getBodyBlock().getOps<OutOp>()) {
    image::Output &o = img.outputs.emplace_back();
    o.name = out.getName().str();
    o.width = uint32_t(out.getWidth());
    o.sources = endpoints(out.getSrcCore(), out.getSrcNeuron());
  }
  return img;
}
