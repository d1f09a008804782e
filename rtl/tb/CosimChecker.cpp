//===- CosimChecker.cpp - the RTL core beside the emulator, step by step --===//

#include "CosimChecker.h"

namespace spikec::rtl {

CosimChecker::CosimChecker(const emu::Emulator &emulator,
                           const emu::CoreCycleCosts &costs,
                           std::vector<uint32_t> cores)
    : emulator(emulator), costs(costs), cores(std::move(cores)) {}

std::string CosimChecker::load() {
  const image::Image &img = emulator.image();
  slotOf.assign(img.cores.size(), -1);
  for (uint32_t c : cores) {
    std::string why = CoreCosim::fits(img.cores[c]);
    if (!why.empty())
      return "core " + std::to_string(c) + " " + why;
  }
  rtlCores.resize(cores.size());
  pending.resize(cores.size());
  synWork.resize(cores.size());
  coreTotals.resize(cores.size());
  for (size_t i = 0; i < cores.size(); ++i) {
    slotOf[cores[i]] = int32_t(i);
    rtlCores[i].load(img.cores[cores[i]]);
    coreTotals[i].core = cores[i];
  }
  return "";
}

void CosimChecker::fail(uint32_t core, const std::string &message) {
  if (errorList.empty())
    errorList.push_back("step " + std::to_string(step) + ", core " +
                        std::to_string(core) + ", " + message);
}

void CosimChecker::axonEvents(uint32_t core,
                              llvm::ArrayRef<emu::AxonEvent> events) {
  if (slotOf[core] >= 0)
    pending[slotOf[core]].assign(events.begin(), events.end());
}

void CosimChecker::synapticPhase(uint32_t core, const emu::SynapticWork &work) {
  if (slotOf[core] >= 0)
    synWork[slotOf[core]] = work;
}

void CosimChecker::neuronPhase(uint32_t core, const emu::NeuronWork &work) {
  int32_t slot = slotOf[core];
  if (slot < 0 || !errorList.empty())
    return;
  std::string why = rtlCores[slot].step(pending[slot], result);
  if (!why.empty())
    return fail(core, "the RTL cannot run the step: " + why);
  compare(size_t(slot), result, work);
}

void CosimChecker::compare(size_t slot, const StepResult &rtl,
                           const emu::NeuronWork &work) {
  const uint32_t core = cores[slot];
  const emu::CoreModel &model = emulator.core(core);
  const uint32_t n = model.numNeurons();
  auto differ = [&](const std::string &what, int64_t ours, int64_t theirs) {
    fail(core, what + ": rtl " + std::to_string(ours) + ", emulator " +
                   std::to_string(theirs));
  };

  rtlSpiked.assign(n, 0);
  for (uint32_t s : rtl.spikes) {
    if (s >= n || rtlSpiked[s])
      return fail(core, "neuron " + std::to_string(s) + ": the RTL " +
                            (s >= n ? "names a neuron outside [0, " +
                                          std::to_string(n) + ")"
                                    : std::string("spiked twice")));
    rtlSpiked[s] = 1;
  }
  const int32_t *out = model.outputs();
  const int32_t *u = model.state("u");
  const int32_t *v = model.state("v");
  for (uint32_t i = 0; i < n; ++i) {
    std::string neuron = "neuron " + std::to_string(i) + ": ";
    const bool fired = model.emitsEvents() && out[i] != 0;
    if (rtlSpiked[i] != fired)
      return differ(neuron + "spike", rtlSpiked[i], fired);
    if (rtl.u[i] != u[i])
      return differ(neuron + "u", rtl.u[i], u[i]);
    if (rtl.v[i] != v[i])
      return differ(neuron + "v", rtl.v[i], v[i]);
  }

  const emu::SynapticWork &syn = synWork[slot];
  emu::CoreCycles expected = emu::coreCycles(costs, syn, work);
  if (rtl.cycles != expected.synaptic + expected.neuron)
    return fail(core, "cycles: rtl " + std::to_string(rtl.cycles) +
                          ", emulator " +
                          std::to_string(expected.synaptic + expected.neuron) +
                          " (synaptic " + std::to_string(expected.synaptic) +
                          " for " + std::to_string(syn.synapticOps) +
                          " ops + neuron " + std::to_string(expected.neuron) +
                          " for " + std::to_string(work.active) +
                          " active and " +
                          std::to_string(work.updated - work.active) +
                          " idle)");

  CoreTotals &t = coreTotals[slot];
  ++t.steps;
  t.spikes += rtl.spikes.size();
  t.synapticOps += syn.synapticOps;
  t.cycles += rtl.cycles;
}

} // namespace spikec::rtl
