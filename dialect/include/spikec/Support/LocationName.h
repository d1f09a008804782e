//===- LocationName.h - the node name a location carries -------*- C++ -*-===//
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
/// an output (and of any op that carries one), else its location's name;
/// "" when it has neither.
inline std::string nodeName(mlir::Operation *op) {
  if (auto name = op->getAttrOfType<mlir::StringAttr>("name"))
    return name.getValue().str();
  return nameOfLocation(op->getLoc());
}

} // namespace spikec

#endif // SPIKEC_SUPPORT_LOCATIONNAME_H
