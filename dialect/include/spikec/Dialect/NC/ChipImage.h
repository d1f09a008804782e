//===- ChipImage.h - nc.chip to the hardware image --------------*- C++ -*-===//
//
// The image writer's input: a verified nc.chip holds exactly what the image
// holds (DESIGN.md section 6), so the translation copies it field by field.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_DIALECT_NC_CHIPIMAGE_H
#define SPIKEC_DIALECT_NC_CHIPIMAGE_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Image/Image.h"

namespace spikec::nc {

/// The image of `chip`, which must verify; `provenance` is stored as given.
/// Errors (on the chip) only for what the verifier cannot see: an encoder
/// attribute of a kind the image has no field for.
mlir::FailureOr<image::Image> chipToImage(ChipOp chip,
                                          const image::Provenance &provenance);

} // namespace spikec::nc

#endif // SPIKEC_DIALECT_NC_CHIPIMAGE_H
