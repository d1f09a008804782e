//===- SNNDialect.h - the snn dialect ---------------------------*- C++ -*-===//
#ifndef SPIKEC_DIALECT_SNN_SNNDIALECT_H
#define SPIKEC_DIALECT_SNN_SNNDIALECT_H

#include "mlir/IR/Dialect.h"

#include "spikec/Dialect/SNN/SNNDialect.h.inc"

#endif // SPIKEC_DIALECT_SNN_SNNDIALECT_H
