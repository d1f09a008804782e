//===- Trace.h - the rows a run takes and the trace it gives ----*- C++ -*-===//
//
// What every executor of a network (the float and quantized references, the
// emulator) reads and records, and what the spike files hold. Plain C++, so
// that the emulator and the spike-file reader need no MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_IO_TRACE_H
#define SPIKEC_IO_TRACE_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace spikec::ref {

/// T rows, each one timestep's flattened tensor.
using Rows = std::vector<std::vector<double>>;

/// One entry per network input (by snn.input name).
using InputRows = std::map<std::string, Rows>;

/// Work counters of one run (NeuroBench-style counts).
struct SimStats {
  /// Weighted projection updates actually applied: for affine, linear and
  /// sparse, the stored synapses of every nonzero input; for convolutions,
  /// every in-bounds kernel tap of every nonzero input.
  uint64_t synapticEvents = 0;
  /// State updates of neuron populations (li, lif, if, integrator, cuba_*,
  /// alif, izhikevich): population size per step. Encoders and delays are
  /// not counted.
  uint64_t neuronUpdates = 0;
  /// Spikes emitted by spiking populations and spiking encoders.
  uint64_t spikes = 0;
};

struct Trace {
  int64_t timesteps = 0;
  std::map<std::string, Rows> outputs; // by snn.output name
  std::map<std::string, Rows> probes;  // by probe string
  SimStats stats;
  /// Spikes emitted by each spiking population and encoder over the run, by
  /// node name (or op name and position when the op has none).
  std::map<std::string, uint64_t> spikesPerNode;
  /// Quantized reference only: neuron-steps of each population whose
  /// arithmetic left its range (a dendritic sum wrapped, a membrane
  /// saturated), by node name. A scale calibrated on other inputs can let
  /// this happen; the quantizer's worst-case scales cannot.
  std::map<std::string, uint64_t> overflowsPerNode;
};

} // namespace spikec::ref

#endif // SPIKEC_IO_TRACE_H
