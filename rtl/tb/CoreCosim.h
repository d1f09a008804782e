//===- CoreCosim.h - one RTL loihi core driven timestep by timestep -*- C++ -*-===//
//
// The RTL side of the co-simulation (DESIGN.md section 8): a Verilated
// rtl/loihi_core.sv loaded with one core's section of a hardware image, fed
// the axon events the emulator delivers to that core each step, clocked
// through the step, and read back (spikes, every neuron's u and v, the cycles
// the step kept the core busy). It knows nothing of the emulator; the
// comparison is CosimChecker's (CosimChecker.h).
//
// The Verilated model is the one this file is compiled with (SPIKEC_RTL_MODEL,
// see rtl/CMakeLists.txt), so the same testbench drives the correct core and
// the deliberately broken one.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_RTL_TB_CORECOSIM_H
#define SPIKEC_RTL_TB_CORECOSIM_H

#include "spikec/Emulator/CoreModel.h"
#include "spikec/Image/Image.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace spikec::rtl {

/// The parameters the RTL core was built with (rtl/CMakeLists.txt passes the
/// same numbers to Verilator and to this code).
struct CoreParams {
  uint32_t neurons, axons, synapses, groups, events;
  uint32_t weightBits, valueBits, expBits;
  uint64_t cycSyn, cycActive, cycIdle, synPerCycle;
};
const CoreParams &builtParams();

/// What one step of the RTL core produced.
struct StepResult {
  /// Cycles `busy` was high, from the cycle that took `start` to done.
  uint64_t cycles = 0;
  /// The neurons that spiked, in the order the core signalled them.
  std::vector<uint32_t> spikes;
  /// Every neuron's u and v after the step, read through the state port.
  std::vector<int32_t> u, v;
};

class CoreCosim {
public:
  CoreCosim();
  ~CoreCosim();
  CoreCosim(CoreCosim &&) noexcept;
  CoreCosim &operator=(CoreCosim &&) noexcept;

  /// "" when the RTL can hold `core`, else why not: its model is not loihi,
  /// or a count, a weight's bits or a weight exponent exceeds builtParams().
  static std::string fits(const image::Core &core);

  /// Resets the core and writes `core` (which fits()) through the
  /// configuration port: parameters, state at rest, axons, synapses, groups.
  void load(const image::Core &core);

  /// One timestep: the events (the emulator's AxonEvent list for this core
  /// and step, in its order) go through the ingress port, then `start`, the
  /// clock runs until the core is idle, and the state is read back. "" or
  /// why the step could not run (more events than the queue holds, a lost
  /// event, a core that does not finish).
  std::string step(llvm::ArrayRef<emu::AxonEvent> events, StepResult &out);

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace spikec::rtl

#endif // SPIKEC_RTL_TB_CORECOSIM_H
