//===- Quantize.h - snn-quantize internals ----------------------*- C++ -*-===//
//
// snn-quantize is one graph lowering (Projections.cpp: projections composed
// into float synapse tables; Quantize.cpp: inputs, populations, outputs, the
// nc.graph) and one backend per target arithmetic (QuantizeLoihi.cpp, ...,
// found by Backend.cpp) that turns a float population and its tables into
// that arithmetic's integers. QuantizeReport.cpp writes the JSON report.
// Not installed: private to SpikecPasses.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_PASSES_LIB_QUANTIZE_H
#define SPIKEC_PASSES_LIB_QUANTIZE_H

#include "spikec/Passes/Calibration.h"
#include "spikec/Target/Target.h"

#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
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
  mlir::Operation *sourceOp = nullptr; ///< its input, encoder or neuron op
  int64_t preSize = 0;
  std::vector<Synapse> syn;
  /// With calibration: each pre neuron's mean |activity| per step.
  std::vector<double> preRate;
};

/// A population in per-step form. The LIF-family fields are filled for lif,
/// if, cuba_lif, alif and the readouts (li, cuba_li, integrator) (every
/// parameter expanded per neuron); a backend that runs other models (or alif's
/// adaptation) reads them from `op`.
struct FloatPopulation {
  mlir::Operation *op = nullptr; ///< the snn neuron op
  std::string kind; ///< the op's mnemonic: "lif", "izhikevich", ...
  std::string name;
  int64_t size = 0;
  std::vector<double> decay, gain, bias, vth, vReset;
  std::vector<double> synDecay, synGain; ///< cuba_lif only
  std::string reset = "zero"; ///< "zero" (to v_reset), "subtract" or "none"
  bool timingPre = false;     ///< spike decided on the previous membrane
  int64_t refractory = 0;
  std::vector<double> constant; ///< projection biases (sum of b)
  std::vector<FloatTable> tables;
  /// With calibration: what the sample inputs did, and the factor by which
  /// measured ranges are widened before they bound a scale.
  const PopulationActivity *activity = nullptr;
  double margin = 1;

  bool isLIFFamily() const {
    return kind == "lif" || kind == "if" || kind == "cuba_lif";
  }
  /// li, cuba_li and integrator: no spikes, the membrane is the output. Their
  /// per-step fields are filled as the LIF family's, with v_threshold and
  /// v_reset 0 and reset "none".
  bool isReadout() const {
    return kind == "li" || kind == "cuba_li" || kind == "integrator";
  }
};

/// An integer synapse table, CSR by pre neuron, as nc.synapses stores it.
struct IntTable {
  std::vector<int32_t> offsets, targets, weights;
  int64_t weightBits = 0; ///< 0: the target's precision.weight.bits
  int64_t weightExp = 0;
  int64_t delay = 0;
  // Report.
  int64_t synapses = 0; ///< weights.size(): the vectors move into the IR
  int64_t bitsUsed = 0;
  double maxRelError = 0, rmsRelError = 0;
  int64_t compared = 0; ///< nonzero float weights the errors cover
};

/// A quantized population as a backend hands it back: an nc.population of
/// `model` with `params` (one value per neuron; stored as a scalar when all
/// agree) and one table per float table, in the same order.
struct IntPopulation {
  std::string model;
  std::vector<std::pair<std::string, std::vector<int32_t>>> params;
  std::vector<IntTable> tables;
  /// The approximation (by its --approx name) this population's mapping
  /// makes, recorded as the nc.population's `approximation` attribute for
  /// the legalization to allow or refuse; "" when exact.
  std::string approximation;
  /// What the approximation costs, for the remark snn-quantize emits on the
  /// population ("" for none).
  std::string approximationNote;
  /// Backend-specific report fields (scale, bounds, parameter errors), in
  /// the order the report prints them.
  std::vector<std::pair<std::string, nlohmann::json>> report;
};

/// Sets a table's report fields from its weights, which must be in the
/// float table's order: bits used, and the relative error of weights[k] *
/// lsb against scalePerPost[post] * w over the nonzero exact values. The one
/// place the report's weight error is defined.
void measureWeightErrors(const FloatTable &ft, IntTable &it,
                         const std::vector<double> &scalePerPost, double lsb);

/// snn-quantize's numeric choices that a backend may honour
/// (Conversion/Passes.td).
struct BackendOptions {
  int64_t weightBits = 0;       ///< 0: the backend chooses
  double maxWeightError = 0.05; ///< bound for an automatic weight width
  int64_t activationBits = 0;   ///< 0: the target's activation bits
  /// Approximations the user allowed by name (--approx); a backend that
  /// refuses what is not exact unless allowed reads them (truenorth).
  std::vector<std::string> approximations;
};

/// What one target arithmetic does in snn-quantize. Messages are returned
/// without the "<kind> '<name>': " prefix the pass adds.
class Backend {
public:
  explicit Backend(const target::TargetDesc &t) : target(t) {}
  virtual ~Backend() = default;

  /// Rejects a population this arithmetic cannot run exactly (its model,
  /// reset, timing); "" when it can. Runs before the tables are built.
  virtual std::string checkPopulation(const FloatPopulation &pop) = 0;
  /// Quantizes a population with its tables; "" on success.
  virtual std::string quantize(const FloatPopulation &pop,
                               IntPopulation &out) = 0;
  /// Rejects an input encoder op this target cannot take; "" when it can.
  /// By default only events: a direct (current) encoder is refused.
  virtual std::string checkEncoder(mlir::Operation *encoder);
  /// Whether the target's neuron_models list the model `pop` runs as.
  virtual bool listsModel(const FloatPopulation &pop) {
    return target.supportsNeuronModel(pop.kind);
  }

  BackendOptions options;

protected:
  const target::TargetDesc &target;
};

/// The backend of `t.arithmetic`; null with `error` set when there is none.
std::unique_ptr<Backend> makeBackend(const target::TargetDesc &t,
                                     std::string &error);
std::unique_ptr<Backend> makeLoihiBackend(const target::TargetDesc &t);
std::unique_ptr<Backend> makeTrueNorthBackend(const target::TargetDesc &t);
std::unique_ptr<Backend> makeAkidaBackend(const target::TargetDesc &t);
std::unique_ptr<Backend> makeGenericBackend(const target::TargetDesc &t);

} // namespace spikec::quant

namespace spikec::snn {
class NetworkOp;
}

namespace spikec::quant {

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
