//===- Traces.h - waveforms and timelines of an emulated run ----*- C++ -*-===//
//
// - VcdTrace: chosen neurons' spikes and state variables (v, u, ...) per
//   step as a Value Change Dump (IEEE 1364 section 18), which GTKWave opens.
//   Written by hand: the format is a few lines of text, and the one C++
//   writer on the machine (Verilator's VerilatedVcdC) only traces Verilated
//   models.
// - timelineJSON: the cycle model's per-step phases of every core and the
//   links busy in each step as Chrome trace events ("X" complete events,
//   microseconds), which chrome://tracing and ui.perfetto.dev open.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_TRACES_H
#define SPIKEC_EMULATOR_TRACES_H

#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"
#include "spikec/Support/OutputFile.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace spikec::emu {

/// A neuron to trace: (core, neuron within the core).
struct NeuronRef {
  uint32_t core = 0, neuron = 0;
};

/// Parses "C:N", "C:N-M" or an output port's name (all its elements),
/// comma-separated, against `image`; "" or what is wrong.
std::string parseNeuronRefs(const std::string &spec, const image::Image &image,
                            std::vector<NeuronRef> &out);

class VcdTrace {
public:
  /// Opens `path` and writes the header for `neurons` of `emulator`'s image:
  /// per neuron, a 1-bit spike and each state variable the core's model
  /// has. "" or why not.
  std::string open(const std::string &path, const Emulator &emulator,
                   std::vector<NeuronRef> neurons);
  /// Records the step the emulator just ran.
  void sample(const Emulator &emulator);
  /// "" or the write error.
  std::string close();

private:
  struct Signal {
    NeuronRef at;
    const char *var; ///< nullptr: the spike (nonzero output)
    std::string id;
    int64_t last = INT64_MIN;
  };
  OutputFile out; ///< renamed into place by close()
  std::string path;
  std::vector<Signal> signals;
  double stepUnits = 1; ///< timescale units per step
};

/// The run's timeline; the model must have been made with recordPhases.
nlohmann::json timelineJSON(const CycleModel &cycle, const image::Image &image);

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_TRACES_H
