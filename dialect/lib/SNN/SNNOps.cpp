//===- SNNOps.cpp - the ops of the snn dialect ----------------------------===//
//
// Verifiers, shape inference and discretization of the snn ops.
//
//===----------------------------------------------------------------------===//

#include "SNNOpsCommon.h"

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Support/FormatNumber.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <deque>
#include <limits>

using namespace mlir;
using namespace spikec::snn;
using namespace spikec::snn::detail;

#include "spikec/Dialect/SNN/SNNDialect.cpp.inc"
#include "spikec/Dialect/SNN/SNNEnums.cpp.inc"
#include "spikec/Dialect/SNN/SNNInterfaces.cpp.inc"
#define GET_ATTRDEF_CLASSES
#include "spikec/Dialect/SNN/SNNAttrs.cpp.inc"

void SNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "spikec/Dialect/SNN/SNNOps.cpp.inc"
      >();
  addAttributes<
#define GET_ATTRDEF_LIST
#include "spikec/Dialect/SNN/SNNAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

namespace spikec::snn {

bool isStateful(Operation *op) { return isa<NeuronOpInterface>(op); }

} // namespace spikec::snn

//===----------------------------------------------------------------------===//
// NetworkOp
//===----------------------------------------------------------------------===//

void NetworkOp::build(OpBuilder &builder, OperationState &state,
                      StringRef name) {
  state.addAttribute(SymbolTable::getSymbolAttrName(),
                     builder.getStringAttr(name));
  Region *body = state.addRegion();
  body->emplaceBlock();
}

RegionKind NetworkOp::getRegionKind(unsigned) { return RegionKind::Graph; }

LogicalResult NetworkOp::verifyRegions() {
  Block &body = getBodyBlock();
  llvm::StringSet<> inputs, outputs;
  bool anyOutput = false;
  for (Operation &op : body) {
    if (op.getDialect() != getOperation()->getDialect())
      return op.emitOpError("is not allowed in an snn.network");
    if (auto in = dyn_cast<InputOp>(op))
      if (!inputs.insert(in.getName()).second)
        return in.emitOpError() << "duplicates input name '" << in.getName()
                                << "'";
    if (auto out = dyn_cast<OutputOp>(op)) {
      anyOutput = true;
      if (!outputs.insert(out.getName()).second)
        return out.emitOpError() << "duplicates output name '"
                                 << out.getName() << "'";
    }
    for (Value result : op.getResults()) {
      if (result.use_empty())
        return op.emitOpError("result is never used (a dangling value)");
      // Element counts are int64 products everywhere downstream: refuse a
      // shape whose count does not fit before anything multiplies it.
      if (auto type = dyn_cast<RankedTensorType>(result.getType());
          type && type.hasStaticShape()) {
        uint64_t n = 1;
        for (int64_t d : type.getShape())
          if (d > 0 && n > (uint64_t(1) << 62) / uint64_t(d))
            return op.emitOpError()
                   << "shape " << formatShape(type.getShape())
                   << " has more than 2^62 elements";
          else
            n *= uint64_t(std::max<int64_t>(d, 0));
      }
    }
  }
  if (!anyOutput)
    return emitOpError("has no snn.output");

  // Every output must depend on an input.
  llvm::DenseSet<Operation *> reached;
  std::deque<Operation *> work;
  for (Operation &op : body)
    if (isa<InputOp>(op)) {
      reached.insert(&op);
      work.push_back(&op);
    }
  while (!work.empty()) {
    Operation *op = work.front();
    work.pop_front();
    for (Operation *user : op->getUsers())
      if (reached.insert(user).second)
        work.push_back(user);
  }
  for (Operation &op : body)
    if (auto out = dyn_cast<OutputOp>(op); out && !reached.count(&op))
      return out.emitOpError() << "'" << out.getName()
                               << "' is not reachable from any input";

  std::vector<Operation *> loop = findAlgebraicLoop(*this);
  if (!loop.empty()) {
    auto diag = loop.front()->emitOpError(
        "is on an algebraic loop (a cycle with no state):");
    for (Operation *op : loop) {
      std::string name = spikec::nodeName(op);
      diag << " " << op->getName().getStringRef();
      if (!name.empty())
        diag << " '" << name << "'";
    }
    return diag;
  }
  if (auto dtAttr = getDtAttr()) {
    double dt = dtAttr.getValueAsDouble();
    if (!(dt > 0 && std::isfinite(dt)))
      return emitOpError() << "dt must be a positive number of seconds, got "
                           << dt;
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Boundary and sums
//===----------------------------------------------------------------------===//

LogicalResult InputOp::verify() {
  if (getName().empty())
    return emitOpError("needs a non-empty name");
  return success();
}

LogicalResult OutputOp::verify() {
  if (getName().empty())
    return emitOpError("needs a non-empty name");
  return success();
}

FailureOr<Type> AddOp::inferResultType() {
  for (Value v : getInputs())
    if (staticShape(v))
      return v.getType();
  return Type();
}

OpFoldResult AddOp::fold(FoldAdaptor) {
  if (getInputs().size() == 1 && getInputs()[0] != getResult())
    return getInputs()[0];
  return {};
}

#define GET_OP_CLASSES
#include "spikec/Dialect/SNN/SNNOps.cpp.inc"
