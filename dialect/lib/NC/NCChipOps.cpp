//===- NCChipOps.cpp - nc.chip, nc.core, nc.in, nc.out --------------------===//
//
// The verifiers of the mapped chip. An nc.chip that verifies is one the
// image writer can emit as it is: every array is a well-formed CSR, every
// index names something that exists, every value fits its field, and every
// core respects the per-core limits the chip records from its target.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/NC/NCModels.h"
#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Image/Image.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

#include <array>

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace {

/// The limits an nc.chip must record, in this order.
constexpr std::array<StringLiteral, 6> kLimitNames = {
    "neurons",    "input_axons", "output_axons", "synapse_memory_bits",
    "max_fan_in", "max_fan_out"};

/// A blob's data, or an error on `op` naming it.
FailureOr<ArrayRef<int32_t>> dataOf(Operation *op, StringRef name,
                                    DenseI32ResourceElementsAttr blob) {
  auto data = blob.tryGetAsArrayRef();
  if (!data)
    return op->emitOpError() << "blob '" << name << "' has no data";
  return *data;
}

/// Checks that `offsets` is a CSR over `rows` rows and `size` entries:
/// rows + 1 values from 0, non-decreasing, ending at size.
LogicalResult checkCSR(Operation *op, StringRef name, ArrayRef<int32_t> offsets,
                       int64_t rows, int64_t size) {
  if (int64_t(offsets.size()) != rows + 1)
    return op->emitOpError() << "'" << name << "' has " << offsets.size()
                             << " offsets, expected " << rows + 1;
  if (offsets.front() != 0)
    return op->emitOpError() << "'" << name << "' must start at 0, got "
                             << offsets.front();
  for (int64_t i = 0; i < rows; ++i)
    if (offsets[i + 1] < offsets[i])
      return op->emitOpError() << "'" << name << "' decreases at row " << i;
  if (offsets.back() != size)
    return op->emitOpError() << "'" << name << "' ends at " << offsets.back()
                             << ", expected " << size;
  return success();
}

} // namespace

//===----------------------------------------------------------------------===//
// ChipOp
//===----------------------------------------------------------------------===//

void ChipOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                   StringRef target, StringRef targetHash,
                   ArrayRef<int64_t> mesh, DictionaryAttr limits) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute("target", builder.getStringAttr(target));
  state.addAttribute("target_hash", builder.getStringAttr(targetHash));
  state.addAttribute("mesh", builder.getDenseI64ArrayAttr(mesh));
  state.addAttribute("limits", limits);
  state.addRegion()->emplaceBlock();
}

std::optional<int64_t> ChipOp::getLimit(StringRef name) {
  if (auto i = getLimits().getAs<IntegerAttr>(name))
    return i.getInt();
  return std::nullopt;
}

LogicalResult ChipOp::verifyRegions() {
  ArrayRef<int64_t> mesh = getMesh();
  if (mesh.size() != 3 || mesh[0] < 1 || mesh[1] < 1 || mesh[2] < 1)
    return emitOpError("mesh must be [width, height, cores_per_tile], each "
                       "positive");
  for (StringRef name : kLimitNames) {
    auto limit = getLimit(name);
    if (!limit || *limit < 1)
      return emitOpError() << "limits need a positive integer '" << name
                           << "'";
  }

  SmallVector<CoreOp> cores;
  llvm::DenseSet<std::tuple<int64_t, int64_t, int64_t>> taken;
  llvm::StringSet<> ins, outs;
  for (Operation &op : getBodyBlock()) {
    if (auto core = dyn_cast<CoreOp>(op)) {
      if (int64_t(core.getId()) != int64_t(cores.size()))
        return core.emitOpError() << "has id " << core.getId()
                                  << ", expected " << cores.size()
                                  << " (cores are numbered in order)";
      ArrayRef<int64_t> p = core.getPosition();
      if (p.size() != 3 || p[0] < 0 || p[0] >= mesh[0] || p[1] < 0 ||
          p[1] >= mesh[1] || p[2] < 0 || p[2] >= mesh[2])
        return core.emitOpError()
               << "position must be [x, y, slot] inside the " << mesh[0]
               << " x " << mesh[1] << " x " << mesh[2] << " mesh";
      if (!taken.insert({p[0], p[1], p[2]}).second)
        return core.emitOpError() << "shares position [" << p[0] << ", "
                                  << p[1] << ", " << p[2]
                                  << "] with another core";
      cores.push_back(core);
    } else if (auto in = dyn_cast<InOp>(op)) {
      if (!ins.insert(in.getName()).second)
        return in.emitOpError() << "duplicates input '" << in.getName() << "'";
    } else if (auto out = dyn_cast<OutOp>(op)) {
      if (!outs.insert(out.getName()).second)
        return out.emitOpError()
               << "duplicates output '" << out.getName() << "'";
    } else {
      return op.emitOpError("is not allowed in an nc.chip");
    }
  }

  // Every (core, axon) and (core, neuron) named anywhere must exist.
  auto checkAxon = [&](Operation *op, StringRef what, int64_t k, int32_t core,
                       int32_t axon) -> LogicalResult {
    if (core < 0 || core >= int32_t(cores.size()))
      return op->emitOpError() << what << " " << k << " names core " << core
                               << " of " << cores.size();
    if (axon < 0 || axon >= cores[core].getNumAxons())
      return op->emitOpError() << what << " " << k << " names axon " << axon
                               << " of core " << core << ", which has "
                               << cores[core].getNumAxons();
    return success();
  };
  for (CoreOp core : cores) {
    auto rc = dataOf(core, "route_core", core.getRouteCore());
    auto ra = dataOf(core, "route_axon", core.getRouteAxon());
    if (failed(rc) || failed(ra))
      return failure();
    for (size_t k = 0; k < rc->size(); ++k)
      if (failed(checkAxon(core, "route", k, (*rc)[k], (*ra)[k])))
        return failure();
  }
  for (auto in : getBodyBlock().getOps<InOp>()) {
    auto off = dataOf(in, "offsets", in.getOffsets());
    auto dc = dataOf(in, "dest_core", in.getDestCore());
    auto da = dataOf(in, "dest_axon", in.getDestAxon());
    if (failed(off) || failed(dc) || failed(da))
      return failure();
    if (dc->size() != da->size())
      return in.emitOpError("dest_core and dest_axon differ in size");
    if (failed(checkCSR(in, "offsets", *off, in.getWidth(), dc->size())))
      return failure();
    for (size_t k = 0; k < dc->size(); ++k)
      if (failed(checkAxon(in, "destination", k, (*dc)[k], (*da)[k])))
        return failure();
  }
  for (auto out : getBodyBlock().getOps<OutOp>()) {
    auto sc = dataOf(out, "src_core", out.getSrcCore());
    auto sn = dataOf(out, "src_neuron", out.getSrcNeuron());
    if (failed(sc) || failed(sn))
      return failure();
    if (int64_t(sc->size()) != int64_t(out.getWidth()) ||
        sn->size() != sc->size())
      return out.emitOpError() << "needs " << out.getWidth()
                               << " sources (its width)";
    for (size_t e = 0; e < sc->size(); ++e) {
      int32_t c = (*sc)[e], n = (*sn)[e];
      if (c < 0 || c >= int32_t(cores.size()) || n < 0 ||
          n >= int64_t(cores[c].getNeurons()))
        return out.emitOpError() << "element " << e << " reads neuron " << n
                                 << " of core " << c << ", which does not "
                                 << "exist";
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// CoreOp
//===----------------------------------------------------------------------===//

LogicalResult CoreOp::verify() {
  auto chip = cast<ChipOp>((*this)->getParentOp());
  const int64_t n = getNeurons();
  std::string why = checkModelParams(getModel(), getParams(), n);
  if (!why.empty())
    return emitOpError() << why;

  ArrayRef<int32_t> bits = getGroupBits(), exps = getGroupExp(),
                    delays = getGroupDelay();
  if (bits.size() != exps.size() || bits.size() != delays.size())
    return emitOpError("group_bits, group_exp and group_delay differ in size");
  for (size_t g = 0; g < bits.size(); ++g) {
    if (bits[g] < 1 || bits[g] > 32)
      return emitOpError() << "group " << g << " has " << bits[g]
                           << "-bit weights, outside [1, 32]";
    if (delays[g] < 0)
      return emitOpError() << "group " << g << " has a negative delay";
  }

  auto group = dataOf(*this, "axon_group", getAxonGroup());
  auto offsets = dataOf(*this, "axon_offsets", getAxonOffsets());
  auto target = dataOf(*this, "syn_target", getSynTarget());
  auto weight = dataOf(*this, "syn_weight", getSynWeight());
  auto routes = dataOf(*this, "route_offsets", getRouteOffsets());
  auto routeCore = dataOf(*this, "route_core", getRouteCore());
  auto routeAxon = dataOf(*this, "route_axon", getRouteAxon());
  if (failed(group) || failed(offsets) || failed(target) || failed(weight) ||
      failed(routes) || failed(routeCore) || failed(routeAxon))
    return failure();
  const int64_t axons = group->size(), synapses = target->size();
  if (int64_t(weight->size()) != synapses)
    return emitOpError("syn_target and syn_weight differ in size");
  if (failed(checkCSR(*this, "axon_offsets", *offsets, axons, synapses)))
    return failure();
  if (routeCore->size() != routeAxon->size())
    return emitOpError("route_core and route_axon differ in size");
  if (failed(checkCSR(*this, "route_offsets", *routes, n,
                      int64_t(routeCore->size()))))
    return failure();
  ArrayRef<int32_t> types;
  if (auto t = getSynAxonTypeAttr()) {
    auto data = dataOf(*this, "syn_axon_type", t);
    if (failed(data))
      return failure();
    types = *data;
    if (int64_t(types.size()) != synapses)
      return emitOpError("syn_axon_type needs one type per synapse");
  }

  std::vector<int64_t> fanIn(n, 0);
  int64_t memory = 0;
  for (int64_t a = 0; a < axons; ++a) {
    int32_t g = (*group)[a];
    if (g < 0 || g >= int32_t(bits.size()))
      return emitOpError() << "axon " << a << " is in group " << g << " of "
                           << bits.size();
    const int64_t hi = bits[g] == 32 ? INT32_MAX : (int64_t(1) << (bits[g] - 1)) - 1;
    const int64_t lo = -hi - 1;
    for (int32_t k = (*offsets)[a]; k < (*offsets)[a + 1]; ++k) {
      int32_t j = (*target)[k];
      if (j < 0 || j >= n)
        return emitOpError() << "axon " << a << ": synapse " << k
                             << " targets neuron " << j << " outside [0, "
                             << n << ")";
      if ((*weight)[k] < lo || (*weight)[k] > hi)
        return emitOpError() << "axon " << a << ": synapse " << k
                             << " has weight " << (*weight)[k]
                             << ", outside group " << g << "'s " << bits[g]
                             << "-bit range";
      if (!types.empty() && (types[k] < 0 || types[k] > 3))
        return emitOpError() << "synapse " << k << " has axon type "
                             << types[k] << ", outside [0, 3]";
      ++fanIn[j];
      memory += image::synapseMemoryBits(bits[g], !types.empty());
    }
  }

  // The target's per-core limits, as the chip records them.
  auto exceeds = [&](StringRef limit, int64_t value,
                     const Twine &what) -> LogicalResult {
    auto max = chip.getLimit(limit);
    if (max && value > *max)
      return emitOpError() << what << " " << value << " exceeds " << limit
                           << " " << *max;
    return success();
  };
  if (failed(exceeds("neurons", n, "holds neurons:")) ||
      failed(exceeds("input_axons", axons, "has input axons:")) ||
      failed(exceeds("output_axons", int64_t(routeCore->size()),
                     "has output axons (routes):")) ||
      failed(exceeds("synapse_memory_bits", memory, "needs synapse bits:")))
    return failure();
  for (int64_t j = 0; j < n; ++j) {
    if (failed(exceeds("max_fan_in", fanIn[j],
                       "neuron " + Twine(j) + " has fan-in")) ||
        failed(exceeds("max_fan_out", (*routes)[j + 1] - (*routes)[j],
                       "neuron " + Twine(j) + " has destinations")))
      return failure();
  }
  return success();
}
