//===- Loihi2Chip.cpp - the loihi2 arithmetic's registration --------------===//
//
// Models "loihi2_lif" (Loihi2Model.h) and "loihi2_sigma_delta"
// (Loihi2SigmaDelta.h). Readouts run loihi's "loihi_readout"
// (registered by loihi), and the description needs loihi's fields, for the
// same quantizer reads them (docs/chips.md, "loihi2").
//
//===----------------------------------------------------------------------===//

#include "Loihi2Kernel.h"

#include "spikec/Target/Chip.h"
#include "spikec/Target/Loihi2Params.h"

using namespace spikec;

namespace {
std::string validateCompartment(llvm::ArrayRef<int64_t> values) {
  loihi2::NeuronParams p;
  return loihi2::fromValues(values, p);
}
std::string validateSigmaDelta(llvm::ArrayRef<int64_t> values) {
  loihi2::SigmaDeltaParams p;
  return loihi2::sigmaDeltaFromValues(values, p);
}
} // namespace

const target::Chip &target::getLoihi2Chip() {
  static const nc::NCModel compartment{
      "loihi2_lif",     loihi2::paramNames(), validateCompartment,
      /*spiking=*/true, /*readout=*/false,    loihi2::makeKernel};
  // Graded spikes: the output is the signed payload (or sigma), which the
  // synapses multiply their weights by, one event per nonzero value.
  static const nc::NCModel sigmaDelta{"loihi2_sigma_delta",
                                      loihi2::sigmaDeltaParamNames(),
                                      validateSigmaDelta,
                                      /*spiking=*/false,
                                      /*readout=*/false,
                                      loihi2::makeSigmaDeltaKernel};
  // Readouts are loihi's compartment, by the same model (found in loihi's
  // list: the registry is not built yet while this chip is).
  static const nc::NCModel *const models[] = {&compartment, &sigmaDelta, [] {
    for (const nc::NCModel *m : getLoihiChip().models)
      if (m->readout)
        return m;
    return static_cast<const nc::NCModel *>(nullptr);
  }()};
  static const Chip chip{"loihi2", models, getLoihiChip().missingFields};
  return chip;
}
