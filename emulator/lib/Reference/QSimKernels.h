//===- QSimKernels.h - the quantized reference's kernels --------*- C++ -*-===//
//
// Private to SpikecQuantRef. Each op of an nc graph becomes one of these
// kernels, run on int32_t tensors by the engine the float reference shares
// (Engine.h). Population kernels are one per fixed-point model, each in its
// own file (emulator/lib/Kernels/LoihiKernel.cpp, ...), made by
// makePopulationKernel (NeuronKernels.h, shared with the emulator).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_LIB_REFERENCE_QSIMKERNELS_H
#define SPIKEC_EMULATOR_LIB_REFERENCE_QSIMKERNELS_H

#include "Engine.h"

#include "spikec/Kernels/NeuronKernels.h"
#include "spikec/Reference/Simulator.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>

namespace spikec::ref::qsim {

using Buf = engine::Buf<int32_t>;
using InRef = engine::InRef<int32_t>;
using Kernel = engine::Kernel<int32_t>;
using KernelPtr = std::unique_ptr<Kernel>;

/// A population: its model's kernel (NeuronKernels.h) run on the step's
/// dendritic sums. Its output tensor is the spikes (0/1) or the activations
/// the model emits.
class PopulationNode : public Kernel {
public:
  void step(int64_t t, SimStats &stats) final;
  const int32_t *state(llvm::StringRef name) const override {
    return model->state(name);
  }
  std::unique_ptr<PopulationKernel> model;
  /// nc.population's state_reset: zero the state before step t when
  /// t % resetPeriod == resetPhase (never when resetPeriod is 0).
  int64_t resetPeriod = 0, resetPhase = 0;
};

} // namespace spikec::ref::qsim

#endif // SPIKEC_EMULATOR_LIB_REFERENCE_QSIMKERNELS_H
