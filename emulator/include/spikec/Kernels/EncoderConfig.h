//===- EncoderConfig.h - an input's encoder from its attributes -*- C++ -*-===//
//
// The one set of rules for an input's encoder attributes (kinds, which
// attributes each takes, their types, ranges and defaults, and the
// messages): the nc.input verifier, the quantized reference and the
// emulator's input ports all configure an EventEncoder through it, from an
// MLIR dictionary or an image's typed values.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_KERNELS_ENCODERCONFIG_H
#define SPIKEC_KERNELS_ENCODERCONFIG_H

#include "spikec/Kernels/EventEncoder.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace spikec::ref {

/// One attribute of an encoder as its holder has it: the value when it is
/// an integer, a double or a bool (nullopt for anything else), and how the
/// holder prints it in messages.
struct EncoderAttribute {
  std::string name;
  std::optional<std::variant<int64_t, double, bool>> value;
  std::string shown;
};

/// Sets `out`'s encoding and parameters from an encoder of `kind` with
/// `attrs` (the "kind" entry excluded). "" or what is wrong, without the
/// input's name: "encoder attribute 'seed' must be an integer, got 1.5".
/// The per-element state is not sized (EventEncoder::resize).
std::string configureEncoder(const std::string &kind,
                             const std::vector<EncoderAttribute> &attrs,
                             EventEncoder &out);

} // namespace spikec::ref

#endif // SPIKEC_KERNELS_ENCODERCONFIG_H
