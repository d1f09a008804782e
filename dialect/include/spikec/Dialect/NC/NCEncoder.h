//===- NCEncoder.h - an nc.input's encoder dictionary -----------*- C++ -*-===//
//
// An nc.input's `encoder` dictionary read by the rules every executor
// shares (spikec/Kernels/EncoderConfig.h): the nc.input verifier checks it
// with them, and the quantized reference configures its host encoder with
// them, so both say the same thing about the same attribute.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_DIALECT_NC_NCENCODER_H
#define SPIKEC_DIALECT_NC_NCENCODER_H

#include "spikec/Kernels/EventEncoder.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <string>

namespace spikec::nc {

/// Configures `out` from the encoder dictionary `enc` (its "kind" and
/// attributes); "" or what is wrong, without the input's name.
std::string configureEncoder(ref::EventEncoder &out, mlir::DictionaryAttr enc);

} // namespace spikec::nc

#endif // SPIKEC_DIALECT_NC_NCENCODER_H
