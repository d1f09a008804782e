//===- Loihi2Compiler.cpp - loihi2's compiler registration ----------------===//
//
// The loihi2 arithmetic's snn-quantize backend (QuantizeLoihi2.cpp). No
// legalization yet: snn-legalize-loihi checks loihi's models only
// (docs/chips.md, "loihi2").
//
//===----------------------------------------------------------------------===//

#include "ChipCompiler.h"

using namespace spikec;

namespace spikec::quant {
std::unique_ptr<Backend> makeLoihi2Backend(const target::TargetDesc &t);
} // namespace spikec::quant

const ChipCompiler &spikec::getLoihi2ChipCompiler() {
  static const ChipCompiler compiler{"loihi2", quant::makeLoihi2Backend};
  return compiler;
}
