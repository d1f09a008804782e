//===- QSimKernels.h - the quantized reference's building blocks -*- C++ -*-===//
//
// Private to SpikecQuantRef. A value of the nc graph is a Slot (a ring of its
// last few steps); each op is a Kernel that computes its slot's tensor for a
// step from its operands. Population kernels are one per fixed-point model,
// each in its own file (emulator/lib/Kernels/LoihiKernel.cpp, ...), made by
// makePopulationKernel (NeuronKernels.h, shared with the emulator).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_LIB_REFERENCE_QSIMKERNELS_H
#define SPIKEC_EMULATOR_LIB_REFERENCE_QSIMKERNELS_H

#include "spikec/Kernels/NeuronKernels.h"
#include "spikec/Reference/Simulator.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace spikec::ref {

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

/// One step's tensor of a value and the indices of its nonzero entries.
struct Buf {
  std::vector<int32_t> v;
  std::vector<int32_t> nz;
};

/// A value: its tensors of the last `depth` steps, step t in ring[t % depth].
struct Slot {
  std::vector<Buf> ring;
  Buf zero; // what a read before step 0 sees
  int64_t size = 0;
  int64_t depth = 1;

  explicit Slot(int64_t n) : size(n) { zero.v.assign(n, 0); }
  void allocate() {
    ring.resize(depth);
    for (Buf &b : ring) {
      b.v.assign(size, 0);
      b.nz.reserve(size);
    }
  }
  Buf &at(int64_t t) { return ring[t % depth]; }
};

/// An operand: the value it reads and how many steps back.
struct InRef {
  Slot *slot = nullptr;
  int64_t lag = 0;
  const Buf &get(int64_t t) const {
    return t < lag ? slot->zero : slot->ring[(t - lag) % slot->depth];
  }
};

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

class Kernel {
public:
  virtual ~Kernel() = default;
  /// Computes step `t` into out->at(t) from the operands.
  virtual void step(int64_t t, SimStats &stats) = 0;
  /// The values of state variable `name`, or null when there is none.
  virtual const int32_t *state(llvm::StringRef) const { return nullptr; }

  void emitted(SimStats &stats, uint64_t n) {
    stats.spikes += n;
    spikesEmitted += n;
  }
  uint64_t spikesEmitted = 0;
  bool spiking = false;

  Slot *out = nullptr;
  std::vector<InRef> ins;
};

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

} // namespace spikec::ref

#endif // SPIKEC_EMULATOR_LIB_REFERENCE_QSIMKERNELS_H
