//===- NCDialect.h - the nc dialect -----------------------------*- C++ -*-===//
#ifndef SPIKEC_DIALECT_NC_NCDIALECT_H
#define SPIKEC_DIALECT_NC_NCDIALECT_H

#include "mlir/IR/Dialect.h"

#include <memory>

namespace spikec::nc {
class TargetCache;
} // namespace spikec::nc

#include "spikec/Dialect/NC/NCDialect.h.inc"

#endif // SPIKEC_DIALECT_NC_NCDIALECT_H
