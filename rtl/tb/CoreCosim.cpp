//===- CoreCosim.cpp - one RTL loihi core driven timestep by timestep -----===//
//
// Drives the Verilated loihi_core through its ports, cycle by cycle, with
// the protocol rtl/loihi_core.sv documents: configuration writes, then per
// step the events (one per cycle, one more cycle to flush the ingress),
// `start`, the clock until `busy` falls, and the state read port.
//
//===----------------------------------------------------------------------===//

#include "CoreCosim.h"

#include "LoihiCoreRegisters.h"

#include "spikec/Target/LoihiParams.h"

#include "llvm/ADT/SmallVector.h"

#include "verilated.h"
#include SPIKEC_RTL_MODEL_HEADER

#include <algorithm>
#include <cassert>

// An event carries an int32 (emu::AxonEvent::value); the core takes it whole.
static_assert(SPIKEC_RTL_VALUE_W == 32, "the RTL's VALUE_W must be 32");

namespace spikec::rtl {

const CoreParams &builtParams() {
  static const CoreParams p{
      SPIKEC_RTL_NEURONS,    SPIKEC_RTL_AXONS,       SPIKEC_RTL_SYNAPSES,
      SPIKEC_RTL_GROUPS,     SPIKEC_RTL_EVENTS,      SPIKEC_RTL_WEIGHT_W,
      SPIKEC_RTL_VALUE_W,    SPIKEC_RTL_EXP_W,       SPIKEC_RTL_CYC_SYN,
      SPIKEC_RTL_CYC_ACTIVE, SPIKEC_RTL_CYC_IDLE,    SPIKEC_RTL_SYN_PER_CYCLE};
  return p;
}

namespace {
/// Sign-extends the low `bits` of a Verilated port.
int32_t signedPort(uint32_t raw, unsigned bits) {
  uint32_t m = uint32_t(1) << (bits - 1);
  raw &= bits == 32 ? ~uint32_t(0) : (uint32_t(1) << bits) - 1;
  return int32_t((raw ^ m) - m);
}
} // namespace

struct CoreCosim::Impl {
  VerilatedContext context;
  std::unique_ptr<SPIKEC_RTL_MODEL> model;
  SPIKEC_RTL_MODEL &top;
  const image::Core *core = nullptr;

  /// Memories and registers start random (Verilator --x-initial unique), so
  /// the co-simulation shows the core depends on nothing the loader does not
  /// write.
  Impl() : model(make(context)), top(*model) {}
  static std::unique_ptr<SPIKEC_RTL_MODEL> make(VerilatedContext &context) {
    context.randReset(2);
    context.randSeed(1);
    return std::make_unique<SPIKEC_RTL_MODEL>(&context);
  }

  /// One clock cycle: the inputs set before it are sampled at its rising
  /// edge.
  void tick() {
    top.clk = 0;
    top.eval();
    top.clk = 1;
    top.eval();
  }
  void write(uint8_t sel, uint32_t addr, int32_t data) {
    top.cfg_we = 1;
    top.cfg_sel = sel;
    top.cfg_addr = addr;
    top.cfg_data = uint32_t(data);
    tick();
    top.cfg_we = 0;
  }
};

CoreCosim::CoreCosim() : impl(std::make_unique<Impl>()) {}
CoreCosim::~CoreCosim() {
  if (impl)
    impl->top.final();
}
CoreCosim::CoreCosim(CoreCosim &&) noexcept = default;
CoreCosim &CoreCosim::operator=(CoreCosim &&) noexcept = default;

std::string CoreCosim::fits(const image::Core &core) {
  const CoreParams &p = builtParams();
  if (core.model != "loihi" && core.model != "loihi_readout")
    return "runs model '" + core.model +
           "'; the RTL core implements 'loihi' and 'loihi_readout'";
  auto tooMany = [](const char *what, size_t n, const char *param,
                    uint32_t max) {
    return "has " + std::to_string(n) + " " + what + ", more than the RTL's " +
           param + " = " + std::to_string(max);
  };
  if (core.numNeurons > p.neurons)
    return tooMany("neurons", core.numNeurons, "NEURONS", p.neurons);
  if (core.numAxons() > p.axons)
    return tooMany("axons", core.numAxons(), "AXONS", p.axons);
  if (core.numSynapses() > p.synapses)
    return tooMany("synapses", core.numSynapses(), "SYNAPSES", p.synapses);
  if (core.groups.size() > p.groups)
    return tooMany("dendrite groups", core.groups.size(), "GROUPS", p.groups);
  const int32_t expMax = (1 << (p.expBits - 1)) - 1, expMin = -expMax - 1;
  for (size_t g = 0; g < core.groups.size(); ++g) {
    const image::DendriteGroup &group = core.groups[g];
    if (group.weightBits > p.weightBits)
      return "dendrite group " + std::to_string(g) + " has " +
             std::to_string(group.weightBits) +
             "-bit weights, wider than the RTL's WEIGHT_W = " +
             std::to_string(p.weightBits);
    if (group.weightExp < expMin || group.weightExp > expMax)
      return "dendrite group " + std::to_string(g) + " has weight_exp " +
             std::to_string(group.weightExp) + " outside the RTL's [" +
             std::to_string(expMin) + ", " + std::to_string(expMax) +
             "] (EXP_W = " + std::to_string(p.expBits) + ")";
  }
  for (llvm::StringRef name : loihi::paramNames(core.model == "loihi_readout"))
    if (!core.param(name.str()))
      return "has no parameter '" + name.str() + "'";
  return "";
}

void CoreCosim::load(const image::Core &core) {
  assert(fits(core).empty() && "load() needs a core that fits()");
  Impl &m = *impl;
  m.core = &core;
  m.top.rst_n = 0;
  m.tick();
  m.top.rst_n = 1;
  m.tick();
  m.write(CfgNeurons, 0, int32_t(core.numNeurons));
  // A readout core (loihi_readout) has no threshold and no refractory delay:
  // the compartment ignores both with CfgReadout set; they are written as 0.
  const bool readout = core.model == "loihi_readout";
  m.write(CfgReadout, 0, readout ? 1 : 0);
  llvm::ArrayRef<llvm::StringRef> names = loihi::paramNames(readout);
  for (uint32_t n = 0; n < core.numNeurons; ++n) {
    llvm::SmallVector<int64_t, 6> values;
    for (llvm::StringRef name : names)
      values.push_back(core.param(name.str())->of(n));
    loihi::NeuronParams p;
    [[maybe_unused]] std::string why = loihi::fromValues(values, readout, p);
    assert(why.empty() && "the emulator refuses such a core first");
    m.write(CfgDu, n, p.du);
    m.write(CfgDv, n, p.dv);
    m.write(CfgVth, n, p.vthMant);
    m.write(CfgBiasMant, n, p.biasMant);
    m.write(CfgBiasExp, n, p.biasExp);
    m.write(CfgRefrDelay, n, p.refractoryDelay);
    for (uint8_t sel : {CfgU, CfgV, CfgRefr, CfgAccClear})
      m.write(sel, n, 0);
  }
  for (uint32_t a = 0; a < core.numAxons(); ++a) {
    m.write(CfgAxonBegin, a, int32_t(core.axonOffsets[a]));
    m.write(CfgAxonEnd, a, int32_t(core.axonOffsets[a + 1]));
    m.write(CfgAxonGroup, a, int32_t(core.axonGroup[a]));
  }
  for (uint32_t s = 0; s < core.numSynapses(); ++s) {
    m.write(CfgSynTarget, s, int32_t(core.synTarget[s]));
    m.write(CfgSynWeight, s, core.synWeight[s]);
  }
  for (uint32_t g = 0; g < core.groups.size(); ++g)
    m.write(CfgGroupExp, g, core.groups[g].weightExp);
}

std::string CoreCosim::step(llvm::ArrayRef<emu::AxonEvent> events,
                            StepResult &out) {
  Impl &m = *impl;
  const CoreParams &p = builtParams();
  const image::Core &core = *m.core;
  // The queue holds the events whose axon has synapses (the others are
  // dropped at ingress).
  size_t queued = 0;
  for (const emu::AxonEvent &e : events)
    queued += core.axonOffsets[e.axon + 1] != core.axonOffsets[e.axon];
  if (queued > p.events)
    return std::to_string(queued) +
           " events with synapses arrive, more than the RTL's event queue "
           "holds (EVENTS = " +
           std::to_string(p.events) + ")";

  for (const emu::AxonEvent &e : events) {
    m.top.ev_valid = 1;
    m.top.ev_axon = e.axon;
    m.top.ev_value = uint32_t(e.value);
    m.tick();
  }
  m.top.ev_valid = 0;
  m.tick(); // the last event leaves the ingress stage
  m.top.start = 1;
  m.tick();
  m.top.start = 0;

  // The longest the step may take: every synapse of every event and every
  // neuron at the highest cost; a core busy beyond it is hung.
  uint64_t bound = uint64_t(core.numNeurons) * std::max(p.cycActive, p.cycIdle);
  for (const emu::AxonEvent &e : events)
    bound += uint64_t(core.axonOffsets[e.axon + 1] - core.axonOffsets[e.axon]) *
             p.cycSyn;
  out.cycles = 0;
  out.spikes.clear();
  // Each cycle: look at the outputs of the state the last edge left, then
  // clock. A cycle counts while the core is busy.
  for (;;) {
    m.top.clk = 0;
    m.top.eval();
    if (!m.top.busy)
      break;
    if (out.cycles > bound)
      return "the core is still busy after " + std::to_string(out.cycles) +
             " cycles, more than the step's work can take";
    if (m.top.spike_valid)
      out.spikes.push_back(m.top.spike_neuron);
    m.top.clk = 1;
    m.top.eval();
    ++out.cycles;
  }
  out.u.resize(core.numNeurons);
  out.v.resize(core.numNeurons);
  for (uint32_t n = 0; n < core.numNeurons; ++n) {
    m.top.rd_neuron = n;
    m.tick();
    out.u[n] = signedPort(m.top.rd_u, 25);
    out.v[n] = signedPort(m.top.rd_v, 24);
  }
  if (m.top.ev_lost)
    return "the core lost an event (queue full or core busy)";
  return "";
}

} // namespace spikec::rtl
