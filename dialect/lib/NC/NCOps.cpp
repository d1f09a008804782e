//===- NCOps.cpp - the ops of the nc dialect ------------------------------===//
//
// Verifiers of the nc ops. A population's parameters are checked neuron by
// neuron against the target's fixed-point model (targets/MODELS.md), so an
// nc.graph that verifies is one the chip can hold.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/NC/NCEncoder.h"
#include "spikec/Dialect/NC/NCModels.h"
#include "spikec/Dialect/NC/NCTarget.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringSet.h"

#include <deque>

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

#include "spikec/Dialect/NC/NCDialect.cpp.inc"

void NCDialect::initialize() {
  targetCache = std::make_shared<TargetCache>();
  addOperations<
#define GET_OP_LIST
#include "spikec/Dialect/NC/NCOps.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Models
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// GraphOp
//===----------------------------------------------------------------------===//

void GraphOp::build(OpBuilder &builder, OperationState &state, StringRef name,
                    StringRef target, StringRef targetHash) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  state.addAttribute("target", builder.getStringAttr(target));
  state.addAttribute("target_hash", builder.getStringAttr(targetHash));
  state.addRegion()->emplaceBlock();
}

RegionKind GraphOp::getRegionKind(unsigned) { return RegionKind::Graph; }

LogicalResult GraphOp::verifyRegions() {
  Block &body = getBodyBlock();
  llvm::StringSet<> inputs, outputs;
  for (Operation &op : body) {
    if (op.getDialect() != getOperation()->getDialect())
      return op.emitOpError("is not allowed in an nc.graph");
    if (auto in = dyn_cast<InputOp>(op);
        in && !inputs.insert(in.getName()).second)
      return in.emitOpError() << "duplicates input name '" << in.getName()
                              << "'";
    if (auto out = dyn_cast<OutputOp>(op);
        out && !outputs.insert(out.getName()).second)
      return out.emitOpError() << "duplicates output name '" << out.getName()
                               << "'";
    for (Value v : op.getResults()) {
      auto type = cast<RankedTensorType>(v.getType());
      if (type.getRank() != 1 || !type.hasStaticShape())
        return op.emitOpError() << "needs a static 1-D tensor, got " << type;
      if (v.use_empty())
        return op.emitOpError("result is never used (a dangling value)");
    }
  }
  if (outputs.empty())
    return emitOpError("has no nc.output");

  // Every cycle must pass through a population, whose output delivers a step
  // later: order the ops with the edges out of populations and inputs cut.
  llvm::DenseMap<Operation *, unsigned> pending;
  std::deque<Operation *> ready;
  for (Operation &op : body) {
    unsigned n = 0;
    for (Value v : op.getOperands())
      if (!isa<PopulationOp, InputOp>(v.getDefiningOp()))
        ++n;
    pending[&op] = n;
    if (!n)
      ready.push_back(&op);
  }
  size_t ordered = 0;
  while (!ready.empty()) {
    Operation *op = ready.front();
    ready.pop_front();
    ++ordered;
    if (isa<PopulationOp, InputOp>(op))
      continue;
    for (Operation *user : op->getUsers())
      if (--pending[user] == 0)
        ready.push_back(user);
  }
  if (ordered != body.getOperations().size())
    for (Operation &op : body)
      if (pending[&op])
        return op.emitOpError(
            "is on a cycle with no population (an algebraic loop)");
  return success();
}

//===----------------------------------------------------------------------===//
// InputOp
//===----------------------------------------------------------------------===//

LogicalResult InputOp::verify() {
  if (getName().empty())
    return emitOpError("needs a non-empty name");
  if (auto encoder = getEncoderAttr()) {
    auto kind = encoder.getAs<StringAttr>("kind");
    if (!kind || !llvm::is_contained({"direct", "rate", "latency", "delta"},
                                     kind.getValue()))
      return emitOpError("encoder needs a kind: direct, rate, latency or "
                         "delta");
    // What the executors will read from it, by their rules.
    ref::EventEncoder probe;
    if (std::string why = configureEncoder(probe, encoder); !why.empty())
      return emitOpError() << "input '" << getName() << "': " << why;
  }
  if (auto shape = getShape()) {
    int64_t n = 1;
    for (int64_t d : *shape) {
      if (d < 1 || n > (int64_t(1) << 40) / d)
        return emitOpError("shape needs dimensions >= 1 and fewer than 2^40 "
                           "elements");
      n *= d;
    }
    int64_t width = cast<RankedTensorType>(getType()).getNumElements();
    if (n != width)
      return emitOpError() << "shape has " << n << " elements, the tensor "
                           << width;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// SynapsesOp
//===----------------------------------------------------------------------===//

/// Axon types (TrueNorth's): one type per synapse in [0, 3], weight_exp 0,
/// and every population the table feeds (directly or through nc.sum) may
/// put its model's rule on the typed weights (NCModel::checkTypedTable;
/// truenorth's: weights[k] is weight<type> of the post neuron).
static LogicalResult verifyAxonTypes(SynapsesOp op, ArrayRef<int32_t> targets,
                                     ArrayRef<int32_t> weights) {
  auto types = op.getAxonTypes()->tryGetAsArrayRef();
  if (!types)
    return op.emitOpError("axon_types has no data (missing resource blob)");
  if (types->size() != targets.size())
    return op.emitOpError() << "needs one axon type per synapse ("
                            << targets.size() << "), got " << types->size();
  for (size_t k = 0; k < types->size(); ++k)
    if ((*types)[k] < 0 || (*types)[k] > 3)
      return op.emitOpError() << "synapse " << k << " has axon type "
                              << (*types)[k] << ", outside [0, 3]";
  if (op.getWeightExp() != 0)
    return op.emitOpError() << "has axon types, so the type weights are "
                               "added as they are: weight_exp must be 0, got "
                            << op.getWeightExp();
  SmallVector<PopulationOp> pops;
  for (Operation *user : op->getUsers()) {
    if (auto pop = dyn_cast<PopulationOp>(user))
      pops.push_back(pop);
    else if (isa<SumOp>(user))
      for (Operation *u : user->getUsers())
        if (auto pop = dyn_cast<PopulationOp>(u))
          pops.push_back(pop);
  }
  for (PopulationOp pop : pops) {
    const NCModel *model = lookupNCModel(pop.getModel());
    if (!model || !model->checkTypedTable)
      continue;
    std::vector<std::vector<int32_t>> values;
    for (StringRef name : model->params) {
      auto v = pop.getParam(name);
      if (!v)
        return success(); // the population's verifier reports it
      values.push_back(std::move(*v));
    }
    if (std::string why =
            model->checkTypedTable(targets, weights, *types, values);
        !why.empty())
      return op.emitOpError() << why;
  }
  return success();
}

LogicalResult SynapsesOp::verify() {
  auto offsets = getOffsets().tryGetAsArrayRef();
  auto targets = getTargets().tryGetAsArrayRef();
  auto weights = getWeights().tryGetAsArrayRef();
  if (!offsets || !targets || !weights)
    return emitOpError("synapse table has no data (missing resource blob)");
  int64_t pre = cast<RankedTensorType>(getInput().getType()).getNumElements();
  int64_t post = cast<RankedTensorType>(getType()).getNumElements();
  if (int64_t(offsets->size()) != pre + 1)
    return emitOpError() << "needs " << pre + 1 << " offsets for " << pre
                         << " inputs, got " << offsets->size();
  if (targets->size() != weights->size())
    return emitOpError() << "has " << targets->size() << " targets but "
                         << weights->size() << " weights";
  if ((*offsets)[0] != 0 || size_t(offsets->back()) != targets->size())
    return emitOpError() << "offsets must run from 0 to the "
                         << targets->size() << " synapses";
  for (int64_t p = 0; p < pre; ++p)
    if ((*offsets)[p + 1] < (*offsets)[p])
      return emitOpError() << "offsets decrease at input " << p;
  int64_t bits = static_cast<int64_t>(getWeightBits());
  if (bits < 1 || bits > 32)
    return emitOpError() << "weight_bits must be in [1, 32], got " << bits;
  int64_t lo = -(int64_t(1) << (bits - 1)), hi = (int64_t(1) << (bits - 1)) - 1;
  for (size_t k = 0; k < targets->size(); ++k) {
    if ((*targets)[k] < 0 || (*targets)[k] >= post)
      return emitOpError() << "synapse " << k << " targets neuron "
                           << (*targets)[k] << " outside [0, " << post << ")";
    if ((*weights)[k] < lo || (*weights)[k] > hi)
      return emitOpError() << "synapse " << k << " has weight "
                           << (*weights)[k] << ", outside the " << bits
                           << "-bit range [" << lo << ", " << hi << "]";
  }
  if (getAxonTypes())
    return verifyAxonTypes(*this, *targets, *weights);
  return success();
}

//===----------------------------------------------------------------------===//
// PopulationOp
//===----------------------------------------------------------------------===//

std::optional<std::vector<int32_t>> PopulationOp::getParam(StringRef name) {
  return readModelParam(getParams(), name, getSize());
}

LogicalResult PopulationOp::verify() {
  std::string why = checkModelParams(getModel(), getParams(), getSize());
  if (!why.empty())
    return emitOpError() << why;
  if (auto reset = getStateResetAttr()) {
    if (reset.size() != 2)
      return emitOpError() << "state_reset must be [period, phase], got "
                           << reset.size() << " values";
    int64_t period = reset[0], phase = reset[1];
    if (period < 1 || phase < 0 || phase >= period)
      return emitOpError() << "state_reset [" << period << ", " << phase
                           << "] needs period >= 1 and 0 <= phase < period";
  }
  return success();
}

#define GET_OP_CLASSES
#include "spikec/Dialect/NC/NCOps.cpp.inc"
