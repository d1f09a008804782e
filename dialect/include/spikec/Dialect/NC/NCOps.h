//===- NCOps.h - the ops of the nc dialect ----------------------*- C++ -*-===//
#ifndef SPIKEC_DIALECT_NC_NCOPS_H
#define SPIKEC_DIALECT_NC_NCOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/RegionKindInterface.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "spikec/Dialect/NC/NCDialect.h"

#include <optional>
#include <vector>

#define GET_OP_CLASSES
#include "spikec/Dialect/NC/NCOps.h.inc"

#endif // SPIKEC_DIALECT_NC_NCOPS_H
