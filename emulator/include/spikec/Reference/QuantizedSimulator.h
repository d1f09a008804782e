//===- QuantizedSimulator.h - the quantized reference simulator -*- C++ -*-===//
//
// Executes an nc.graph timestep by timestep in the chip's integer arithmetic:
// the bit-exact golden model that the emulator (both modes) and the RTL must
// match (DESIGN.md sections 3 and 7). Spike files, traces and statistics are
// the float reference simulator's (Simulator.h), so the outputs of the two
// compare with a plain diff.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_REFERENCE_QUANTIZEDSIMULATOR_H
#define SPIKEC_REFERENCE_QUANTIZEDSIMULATOR_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Reference/Simulator.h"

#include <string>
#include <vector>

namespace spikec::ref {

struct QSimOptions {
  int64_t timesteps = 0;
  /// "<node>:<var>": var is "u" or "v" of an nc.population (the state after
  /// the step), or "out" for any node's value of the step (an nc.output's
  /// is the value it reads).
  std::vector<std::string> probes;
};

/// Runs `graph` for options.timesteps steps.
///
/// Semantics (the contract the emulator and the RTL are checked against):
/// - hardware timing: a value produced by an nc.input or an nc.population
///   reaches its consumers one step later (zero at step 0), except an
///   nc.output, which reads the step's own value; an nc.synapses with
///   `delay = d` reads its input d further steps back. Every other edge
///   (out of nc.synapses and nc.sum) delivers in the same step. So the
///   value of an nc.synapses at step t is the dendritic sum delivered at t;
/// - inputs: without an `encoder`, every input value must be an integer in
///   int32 range and is used as it is. With one, the host encodes the float
///   row of step t: "direct" -> round(gain x) (half away from zero, gain
///   default 1, saturated to int32, or clamped to [0, 2^bits - 1] with
///   `bits`: akida's unsigned multi-bit first-layer input); "rate" -> 1 when
///   counterUniform(seed, t, i) < clamp(gain x, 0, 1) (gain 1, seed 0 by
///   default); "latency" -> one spike per `window` steps at offset
///   round((1 - clamp(x, 0, 1)) (window - 1)) fixed from x at the window's
///   first step, when x > threshold (threshold 0 by default); "delta" -> +1
///   when x - r >= threshold, -1 when off_spikes and r - x >= threshold,
///   r = x on a spike (r starts at 0; off_spikes false by default);
/// - nc.synapses: sum_j = sum over the pre neurons p with in[p] != 0 of
///   in[p] * weights[k] (int64, raw weights as stored), then
///   loihi::scaleDendriticSum(sum_j, weight_exp) (shift of the whole sum,
///   floor for a negative exponent, saturated to int32);
/// - nc.sum: int64 sum of its operands, saturated to int32;
/// - nc.population "loihi": loihi::step on every neuron, state starting at
///   zero; its value is the spikes (0/1).
/// - nc.population "truenorth": truenorth::step on every neuron (V and the
///   LFSR starting at zero and 0xACE1; mask_bits is 0 in nc, so the draws
///   do not matter); its value is the spikes (0/1), its state "v";
/// - nc.population "akida": the frame's potential (state "v") through
///   akida's activation quantizer; its value is the multi-bit activation;
/// - nc.population "generic_lif", "generic_alif", "generic_izhikevich":
///   generic::step (targets/MODELS.md, "generic"), states "v", "i", "a" or
///   "v", "u"; its value is the spikes (0/1).
/// The model code is targets/include/spikec/Target/*Model.h, one kernel
/// per model in emulator/lib/Kernels/*Kernel.cpp.
/// Statistics: synaptic events = stored synapses of every nonzero pre
/// neuron of every table per step; neuron updates = population size per
/// step; spikes (and spikesPerNode) = nonzero population values (a spike,
/// or a nonzero activation, which the chip sends as one event) and events
/// of inputs with an encoder other than direct (rate, latency, delta; -1
/// counts); overflowsPerNode = neuron-steps whose arithmetic left its range
/// (loihi: a dendritic sum beyond 16 bits, a saturated membrane).
///
/// Fails with a diagnostic on `graph` when an input is missing, unknown,
/// has fewer rows than timesteps, a row of the wrong width, a non-finite
/// value, or (without an encoder) a non-integral or out-of-range value; an
/// encoder lacks a valid attribute; timesteps <= 0; a probe names no node or
/// variable; a population has an unknown model or a missing parameter; a
/// synapse table has no data.
mlir::FailureOr<Trace> simulateQuantized(nc::GraphOp graph,
                                         const InputRows &inputs,
                                         const QSimOptions &options);

} // namespace spikec::ref

#endif // SPIKEC_REFERENCE_QUANTIZEDSIMULATOR_H
