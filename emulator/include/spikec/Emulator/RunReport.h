//===- RunReport.h - what an emulated run did and cost ----------*- C++ -*-===//
//
// The report of `spikec emulate` (DESIGN.md section 7) as one JSON document,
// from which the terminal table is printed, so the two always agree:
// - run: the image, steps, dt, mode, wall time, emulation speed, the rate
//   encoders' seeds;
// - activity: spikes per core and per output port, synaptic events, packets,
//   neuron updates; NeuroBench-style figures: synaptic operations (total,
//   per step), activation sparsity (1 - spikes / (neurons x steps)),
//   footprint (neurons, synapses, synapse memory bits, routes, cores);
// - cycle mode only: latency per step (mean, max) and in total, in cycles and
//   seconds at the target's clock; energy by kind and in total, per step and
//   per run; the busiest core and link; core utilization (busy time over
//   run time); mesh hops and queueing; and every step's figures.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_RUNREPORT_H
#define SPIKEC_EMULATOR_RUNREPORT_H

#include "spikec/Emulator/CycleModel.h"
#include "spikec/Emulator/Emulator.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace spikec::emu {

/// The report of a finished run; `cycle` is null in functional mode.
nlohmann::json makeRunReport(const Emulator &emulator, const CycleModel *cycle,
                             double wallSeconds);

/// The report as a readable table (per-step figures stay in the JSON).
void printRunReport(const nlohmann::json &report, std::ostream &os);

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_RUNREPORT_H
