//===- CosimChecker.h - the RTL core beside the emulator, step by step -*- C++ -*-===//
//
// An emulator observer (Emulator.h) that runs an RTL core (CoreCosim) beside
// each chosen core of the image. Per step and core it hands the RTL the axon
// events the emulator gives the core, and once the emulator's neuron phase
// is over compares, in this order: every neuron's spike, u and v
// (CoreModel::outputs, CoreModel::state), then the cycles the RTL was busy
// against the emulator's cycle model for the same work (coreCycles(),
// synaptic + neuron). The first difference is recorded and nothing after it
// is compared: "step 12, core 0, neuron 5: v: rtl -345, emulator -344".
//
// The emulator side is the emulator's own code, unchanged; this class only
// reads what its observer interface and its cores expose.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_RTL_TB_COSIMCHECKER_H
#define SPIKEC_RTL_TB_COSIMCHECKER_H

#include "CoreCosim.h"

#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spikec::rtl {

/// What one co-simulated core did over the steps compared.
struct CoreTotals {
  uint32_t core = 0;
  uint64_t steps = 0, spikes = 0, synapticOps = 0, cycles = 0;
};

class CosimChecker {
public:
  /// Compares `cores` of `emulator` (indices of its image's cores) with the
  /// costs of the image's target.
  CosimChecker(const emu::Emulator &emulator, const emu::CoreCycleCosts &costs,
               std::vector<uint32_t> cores);

  /// Loads an RTL core for each chosen core; "" or the first core that the
  /// RTL cannot hold: "core 2 runs model 'truenorth'; ...".
  std::string load();

  // The observer interface (Emulator.h).
  void beginStep(int64_t t) { step = t; }
  void packet(uint32_t, uint32_t) {}
  void axonEvents(uint32_t core, llvm::ArrayRef<emu::AxonEvent> events);
  void synapticPhase(uint32_t core, const emu::SynapticWork &work);
  void neuronPhase(uint32_t core, const emu::NeuronWork &work);
  void endStep(int64_t) {}

  /// The first difference, or why the RTL could not run a step; empty while
  /// the two agree.
  const std::vector<std::string> &errors() const { return errorList; }
  const std::vector<CoreTotals> &totals() const { return coreTotals; }

private:
  /// Records `message` about the current step and core unless an error
  /// came first.
  void fail(uint32_t core, const std::string &message);
  /// Compares core `slot`'s RTL step with the emulator's.
  void compare(size_t slot, const StepResult &rtl,
               const emu::NeuronWork &work);

  const emu::Emulator &emulator;
  emu::CoreCycleCosts costs;
  std::vector<uint32_t> cores;
  /// Per image core: its position in `cores`, or -1 when not compared.
  std::vector<int32_t> slotOf;
  std::vector<CoreCosim> rtlCores;
  std::vector<std::vector<emu::AxonEvent>> pending;
  std::vector<emu::SynapticWork> synWork;
  std::vector<CoreTotals> coreTotals;
  StepResult result;
  std::vector<uint8_t> rtlSpiked;
  std::vector<std::string> errorList;
  int64_t step = 0;
};

} // namespace spikec::rtl

#endif // SPIKEC_RTL_TB_COSIMCHECKER_H
