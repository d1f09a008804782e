//===- LocationName.h - the node an op stands for, by name -----*- C++ -*-===//
//
// Importers and passes name each op after the node it came from with a
// NameLoc (possibly inside a FusedLoc), inputs and outputs carry theirs as
// an attribute; probes and diagnostics find nodes by that name, in either
// dialect.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_SUPPORT_LOCATIONNAME_H
#define SPIKEC_SUPPORT_LOCATIONNAME_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace spikec {

/// The outermost NameLoc's name in `loc`, or "" when there is none.
inline std::string nameOfLocation(mlir::Location loc) {
  if (auto name = llvm::dyn_cast<mlir::NameLoc>(loc))
    return name.getName().str();
  if (auto fused = llvm::dyn_cast<mlir::FusedLoc>(loc))
    for (mlir::Location inner : fused.getLocations())
      if (auto name = llvm::dyn_cast<mlir::NameLoc>(inner))
        return name.getName().str();
  return "";
}

/// The node an op stands for, in either dialect: the `name` of an input or
/// an output (and of any op that carries one), a graph's symbol, else its
/// location's name; "" when it has none of them.
inline std::string nodeName(mlir::Operation *op) {
  if (auto name = op->getAttrOfType<mlir::StringAttr>("name"))
    return name.getValue().str();
  if (auto sym = op->getAttrOfType<mlir::StringAttr>("sym_name"))
    return sym.getValue().str();
  return nameOfLocation(op->getLoc());
}

/// An op as diagnostics name it: "lif 'h1'" (its kind and node name,
/// '<unnamed>' without one); `qualified`, as the simulators say it where
/// both dialects meet, "snn.lif 'h1'" (the name only when there is one).
inline std::string describeOp(mlir::Operation *op, bool qualified = false) {
  std::string name = nodeName(op);
  if (qualified)
    return op->getName().getStringRef().str() +
           (name.empty() ? "" : " '" + name + "'");
  return op->getName().stripDialect().str() + " '" +
         (name.empty() ? std::string("<unnamed>") : name) + "'";
}

} // namespace spikec

#endif // SPIKEC_SUPPORT_LOCATIONNAME_H
