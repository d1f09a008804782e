//===- GenericCompiler.cpp - generic's compiler registration --------------===//
//
// The generic arithmetic's snn-quantize backend (QuantizeGeneric.cpp).
//
//===----------------------------------------------------------------------===//

#include "ChipCompiler.h"

using namespace spikec;

const ChipCompiler &spikec::getGenericChipCompiler() {
  // No legalization pass: the backend checks the description's limits itself
  // (targets/MODELS.md, "Quantizing for generic").
  static const ChipCompiler compiler{"generic", quant::makeGenericBackend};
  return compiler;
}
