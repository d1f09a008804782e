//===- Quantize.h - snn-quantize internals ----------------------*- C++ -*-===//
//
// Shared by Quantize.cpp (graph lowering), QuantizeLoihi.cpp (the loihi
// parameter and scale selection) and QuantizeReport.cpp (the JSON report).
// Not installed: private to SpikecPasses.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_LIB_QUANTIZE_H
#define SPIKEC_PASSES_LIB_QUANTIZE_H

#include "spikec/Target/Target.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spikec::quant {

/// One float synapse: x[post] += w * s[pre].
struct Synapse {
  int32_t pre, post;
  double w;
};

/// The float synapses from one spiking source into a population, merged
/// (one entry per (pre, post)), sorted by pre then post.
struct FloatTable {
  std::string source; ///< the source's node name, for the report
  int64_t preSize = 0;
  std::vector<Synapse> syn;
};

/// A population in per-step form, every parameter expanded per neuron.
struct FloatPopulation {
  std::string kind; ///< "lif", "if" or "cuba_lif"
  std::string name;
  int64_t size = 0;
  std::vector<double> decay, gain, bias, vth;
  std::vector<double> synDecay, synGain; ///< cuba_lif only
  std::vector<double> constant;          ///< projection biases (sum of b)
  int64_t refractory = 0;
  std::vector<FloatTable> tables;
};

/// An integer synapse table, CSR by pre neuron.
struct IntTable {
  std::vector<int32_t> offsets, targets, weights;
  int64_t weightExp = 0;
  int64_t delay = 0;
  // Report.
  int64_t bitsUsed = 0;
  double maxRelError = 0, rmsRelError = 0;
};

/// A quantized population: loihi parameters per neuron.
struct IntPopulation {
  int64_t scale = 0; ///< S
  std::string scaleBound; ///< which constraint set S
  std::vector<int32_t> du, dv, vthMant, biasMant, biasExp, refractoryDelay;
  std::vector<IntTable> tables;
  double maxThresholdRelError = 0, maxBiasRelError = 0;
  double maxRelWeightError = 0, rmsRelWeightError = 0;
};

/// Quantizes `pop` for a loihi-like target; on failure returns false and
/// sets `error` to the message (without the "<kind> '<name>': " prefix).
bool quantizeLoihi(const FloatPopulation &pop, const target::TargetDesc &t,
                   IntPopulation &out, std::string &error);

/// One graph's report entries.
struct GraphReport {
  std::string name;
  double dt = 0;
  std::vector<std::pair<const FloatPopulation *, const IntPopulation *>> pops;
};

/// Writes the JSON report; returns an error message or "".
std::string writeReport(const std::string &path, const target::TargetDesc &t,
                        const std::vector<GraphReport> &graphs);

} // namespace spikec::quant

#endif // SPIKEC_PASSES_LIB_QUANTIZE_H
