//===- SNNOps.h - the ops of the snn dialect --------------------*- C++ -*-===//
#ifndef SPIKEC_DIALECT_SNN_SNNOPS_H
#define SPIKEC_DIALECT_SNN_SNNOPS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "spikec/Dialect/SNN/SNNDialect.h"
#include "spikec/Dialect/SNN/SNNParams.h"

#include "spikec/Dialect/SNN/SNNEnums.h.inc"
#define GET_ATTRDEF_CLASSES
#include "spikec/Dialect/SNN/SNNAttrs.h.inc"
#include "spikec/Dialect/SNN/SNNInterfaces.h.inc"
#define GET_OP_CLASSES
#include "spikec/Dialect/SNN/SNNOps.h.inc"

namespace spikec::snn {
/// Whether `op` carries state across timesteps (and so breaks a cycle).
bool isStateful(mlir::Operation *op);
} // namespace spikec::snn

#endif // SPIKEC_DIALECT_SNN_SNNOPS_H
