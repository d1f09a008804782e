//===- GenericBackend.h - snn-quantize's generic backend --------*- C++ -*-===//
//
// Private to the generic compiler: the backend of snn-quantize for
// user-described chips, shared by QuantizeGeneric.cpp (the checks, the LIF
// family and the tables) and QuantizeGenericIzhikevich.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGETS_GENERIC_COMPILER_GENERICBACKEND_H
#define SPIKEC_TARGETS_GENERIC_COMPILER_GENERICBACKEND_H

#include "Quantize.h"
#include "QuantizeScale.h"

#include "spikec/Target/GenericModel.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spikec::quant {

/// " (neuron j)", for errors about one neuron.
inline std::string neuronSuffix(int64_t j) {
  return " (neuron " + std::to_string(j) + ")";
}

/// A parameter of `op` expanded to one value per neuron; `dflt` when absent.
std::optional<std::vector<double>>
paramOf(mlir::Operation *op, llvm::StringRef name, double dflt, int64_t n);

/// The description's precision as the generic models read it.
/// The description's precision as the generic models read it.
struct GenericPrecision {
  unsigned membraneBits = 0, currentBits = 0, decayBits = 0;
  unsigned inputShift = 0, thresholdBits = 0, thresholdShift = 0;
  generic::Overflow membraneOverflow = generic::Overflow::Saturate;
  generic::Overflow currentOverflow = generic::Overflow::Saturate;
  generic::Rounding rounding = generic::Rounding::TowardZero;
  bool stochastic = false;
  bool hasBias = false;
  int64_t biasMantBits = 0, biasExpMax = 0;
  WeightGrid grid;
  int64_t ncWeightBits = 0; ///< nc.synapses weight_bits (signed)

  int64_t maxV() const { return fxp::maxSigned(membraneBits); }
};

GenericPrecision readPrecision(const target::TargetDesc &t);

class GenericBackend : public Backend {
public:
  explicit GenericBackend(const target::TargetDesc &t)
      : Backend(t), prec(readPrecision(t)) {}

  std::string checkPopulation(const FloatPopulation &pop) override;
  std::string quantize(const FloatPopulation &pop, IntPopulation &out) override;

private:
  std::string checkFanIn(const FloatPopulation &pop);
  std::string quantizeLIF(const FloatPopulation &pop, IntPopulation &out);
  std::string quantizeIzhikevich(const FloatPopulation &pop,
                                 IntPopulation &out);
  /// d for a factor `f` = (2^D - d) / 2^D, or an error naming `what`.
  std::string encodeDecay(double f, const std::string &what, int64_t j,
                          int32_t &d, double &maxError);
  /// The tables at scale S, lowered in 0.5% steps until every weight fits
  /// and every neuron's dendritic sum fits int32; "" or an error. With
  /// `exactFirst`, weights on a grid try the scales at which they are exact
  /// first (exactScales), largest first.
  std::string fitTables(const FloatPopulation &pop,
                        const std::vector<double> &g, const ScaleBound &sb,
                        int64_t &S, std::vector<IntTable> &tables,
                        bool exactFirst);

  /// Sets `out`'s model and params (values[j]: neuron j's nc values in
  /// `names` order), the tables' weight width, and their weight errors at
  /// scale S with gains g.
  void finish(const FloatPopulation &pop, const std::vector<double> &g,
              double S, const char *model,
              const std::vector<const char *> &names,
              const std::vector<std::vector<int64_t>> &values,
              IntPopulation &out);

  GenericPrecision prec;
  /// Neurons quantized so far, per snn.network.
  std::map<mlir::Operation *, int64_t> neuronsPerNetwork;
};

} // namespace spikec::quant

#endif // SPIKEC_TARGETS_GENERIC_COMPILER_GENERICBACKEND_H
