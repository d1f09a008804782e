//===- Agreement.h - how far two spike trains agree -------------*- C++ -*-===//
//
// The figures the quantization report and its tests quote when a float run
// and a quantized run of one network are compared.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_REFERENCE_AGREEMENT_H
#define SPIKEC_REFERENCE_AGREEMENT_H

#include "spikec/Reference/Simulator.h"

#include <cstdint>

namespace spikec::ref {

struct SpikeAgreement {
  uint64_t spikesA = 0, spikesB = 0;
  uint64_t both = 0; ///< (step, neuron) pairs spiking in both
  /// both / max(spikesA, spikesB): spike-for-spike, same step and neuron.
  double exact = 1;
  /// 1 - sum over neurons |count_A - count_B| / spikesA: per-neuron spike
  /// counts over the run (what a rate-decoded readout sees).
  double count = 1;
};

/// Compares two spike trains of equal shape (rows are steps, nonzero is a
/// spike); extra rows or columns of either are ignored.
SpikeAgreement compareSpikes(const Rows &a, const Rows &b);

} // namespace spikec::ref

#endif // SPIKEC_REFERENCE_AGREEMENT_H
