//===- Backend.cpp - snn-quantize's backend per target arithmetic ---------===//
//
// The backend registry: a target's arithmetic names the chip whose compiler
// part (ChipCompiler.h, from the chip's targets/<chip>/compiler/) makes the
// backend. The defaults every backend shares live here too.
//
//===----------------------------------------------------------------------===//

#include "ChipCompiler.h"
#include "Quantize.h"

#include "spikec/Dialect/SNN/SNNOps.h"

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;
using namespace spikec::quant;

std::string Backend::checkEncoder(Operation *encoder) {
  if (isa<EncodeDirectOp>(encoder))
    return target.name + " inputs are events; a direct (current) encoder has "
                         "no exact integer form";
  return "";
}

std::unique_ptr<Backend> spikec::quant::makeBackend(const target::TargetDesc &t,
                                                    std::string &error) {
  if (const ChipCompiler *chip = lookupChipCompiler(t.arithmetic))
    return chip->makeBackend(t);
  error = "snn-quantize has no backend for arithmetic '" + t.arithmetic +
          "' (target '" + t.name + "') yet";
  return nullptr;
}
