//===- PopulationKernel.h - one population's fixed-point update -*- C++ -*-===//
//
// The update of a block of neurons of one fixed-point model
// (targets/MODELS.md): the interface every model's kernel implements in its
// chip's folder (targets/<chip>/<Model>Kernel.cpp) and the quantized
// reference and the emulator's core model both run, so that they agree bit
// for bit. Plain C++ (no MLIR).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_POPULATIONKERNEL_H
#define SPIKEC_TARGET_POPULATIONKERNEL_H

#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace spikec::ref {

/// The neurons of one population (or of one core) of one model, updated in
/// index order from a step's dendritic sums. The output of a neuron is its
/// spike (0/1) or the multi-bit activation the model emits (akida).
class PopulationKernel {
public:
  virtual ~PopulationKernel() = default;
  /// Sizes the state for n neurons at its initial value.
  virtual void resize(size_t n) = 0;
  /// One step: input[i] is neuron i's dendritic sum, out[i] its output.
  /// Allocates nothing.
  virtual void update(const int32_t *input, int32_t *out) = 0;
  /// The values of state variable `name` after the last update ("u", "v",
  /// "i", "a" as the model has them), or null when there is none.
  virtual const int32_t *state(llvm::StringRef) const { return nullptr; }
  /// Puts every neuron back to its initial state (nc.population's
  /// state_reset); false when the model cannot.
  virtual bool resetState() { return false; }

  /// Event-driven stepping, for models where a neuron at rest that gets no
  /// input stays at rest and emits nothing (its update is the identity).
  /// Models that cannot say so update every neuron every step.
  virtual bool hasRestState() const { return false; }
  /// Whether neuron i is at rest now (only when hasRestState()).
  virtual bool atRest(size_t) const { return false; }
  /// One step of neurons idx[0..n) only, exactly as update() steps them;
  /// every other neuron must be at rest with zero input. out[] of the others
  /// is left as it is (only when hasRestState()).
  virtual void updateSome(const uint32_t *, size_t, const int32_t *,
                          int32_t *) {}
  /// Asks for the lines the next update reads (its state and parameters),
  /// so that they arrive while the caller does other work: a chip of many
  /// small cores keeps each core's arrays apart, and a step that touched
  /// them cold would wait on each line in turn. Changes nothing.
  virtual void prefetch() const {}
  /// Neuron-steps whose arithmetic left its range (see
  /// Trace::overflowsPerNode); models count what they can detect.
  uint64_t overflows = 0;
};

/// Prefetches the lines of `bytes` bytes at `p` (PopulationKernel::prefetch).
/// The addresses are formed as integers: p may be null (an empty array)
/// and p + bytes may lie past its array, neither of which pointer
/// arithmetic allows; a prefetch of any address is harmless.
inline void prefetchBytes(const void *p, size_t bytes) {
  uintptr_t at = reinterpret_cast<uintptr_t>(p);
  for (uintptr_t end = at + bytes; at < end; at += 64)
    __builtin_prefetch(reinterpret_cast<const void *>(at));
}
template <typename T> void prefetchArray(const std::vector<T> &v) {
  prefetchBytes(v.data(), v.size() * sizeof(T));
}

/// A kernel whose neurons step one at a time, through Derived's
/// stepOne(i, input, out) over Derived's size() neurons: update() and
/// updateSome() written once (the call is resolved statically).
template <typename Derived> class PerNeuronKernel : public PopulationKernel {
public:
  void update(const int32_t *input, int32_t *out) override {
    Derived &d = static_cast<Derived &>(*this);
    for (size_t i = 0, n = d.size(); i < n; ++i)
      d.stepOne(i, input, out);
  }
  void updateSome(const uint32_t *idx, size_t n, const int32_t *input,
                  int32_t *out) override {
    Derived &d = static_cast<Derived &>(*this);
    for (size_t k = 0; k < n; ++k)
      d.stepOne(idx[k], input, out);
  }
};

/// Neuron i's values (one per model parameter) out of a population's
/// per-parameter vectors, the form every model's kernel is made from.
inline std::vector<int64_t>
neuronValues(const std::vector<std::vector<int32_t>> &values, size_t i) {
  std::vector<int64_t> v(values.size());
  for (size_t k = 0; k < values.size(); ++k)
    v[k] = values[k][i];
  return v;
}

} // namespace spikec::ref

#endif // SPIKEC_TARGET_POPULATIONKERNEL_H
