//===- LegalizeAkida.cpp - akida's design rules on an nc.graph ------------===//
//
// nc-legalize-akida: checks what snn-quantize made for akida against the
// chip's rules (targets/MODELS.md, "Legalizing for akida"), gives a direct
// input its 8-bit event width, and allows or refuses the approximations
// snn-quantize marked. The one arithmetic rule is the accumulator bound:
// with every neuron's sum of |w| times its inputs' largest activation within
// the accumulator, no partial sum saturates, so nc.synapses' int64 sum
// (saturated to int32 at the end) is Akida's per-event sat32 accumulation
// in any event order.
//
//===----------------------------------------------------------------------===//

#include "LegalizeCommon.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Target/AkidaModel.h"
#include "spikec/Target/Target.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"

#include <algorithm>

namespace spikec {
#define GEN_PASS_DEF_LEGALIZEAKIDA
#include "spikec/Passes/NC/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace {

std::string joinedBits(const std::vector<int64_t> &bits) {
  std::string out;
  for (int64_t b : bits)
    out += (out.empty() ? "" : ", ") + std::to_string(b);
  return out;
}

/// "12" or "3 .. 40": the values of a per-neuron parameter.
std::string rangeOf(const std::vector<int32_t> &v) {
  auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return *lo == *hi ? std::to_string(*lo)
                    : std::to_string(*lo) + " .. " + std::to_string(*hi);
}

struct LegalizeAkidaPass
    : spikec::impl::LegalizeAkidaBase<LegalizeAkidaPass> {
  using LegalizeAkidaBase::LegalizeAkidaBase;

  void runOnOperation() override {
    if (failed(run()))
      signalPassFailure();
  }

  LogicalResult run();
  LogicalResult checkInput(InputOp in);
  LogicalResult checkPopulation(PopulationOp pop);
  LogicalResult checkTable(SynapsesOp syn);
  LogicalResult checkFanIn(PopulationOp pop);

  /// `op`'s error, prefixed with its description.
  InFlightDiagnostic fail(Operation *op) {
    return op->emitError() << describeOp(op) << ": ";
  }

  target::TargetDesc desc;
  /// The largest activation each input and population emits.
  llvm::DenseMap<Value, int64_t> maxEvent;
};

LogicalResult LegalizeAkidaPass::run() {
  GraphOp graph = getOperation();
  if (failed(legalize::checkApproximations(graph, approx,
                                           {akida::kRateToActivation})))
    return failure();
  auto loaded = legalize::loadGraphTarget(graph, target, "akida");
  if (failed(loaded))
    return failure();
  desc = **loaded;

  Block &body = graph.getBodyBlock();
  for (auto in : body.getOps<InputOp>())
    if (failed(checkInput(in)))
      return failure();
  for (auto pop : body.getOps<PopulationOp>())
    if (failed(checkPopulation(pop)))
      return failure();
  for (auto syn : body.getOps<SynapsesOp>())
    if (failed(checkTable(syn)))
      return failure();
  for (auto pop : body.getOps<PopulationOp>())
    if (failed(checkFanIn(pop)))
      return failure();
  return success();
}

/// Unsigned events only: 1 bit from an event encoder or the file, 2^bits - 1
/// from a direct encoder (8 bits unless it says otherwise).
LogicalResult LegalizeAkidaPass::checkInput(InputOp in) {
  int64_t bits = 1;
  if (DictionaryAttr enc = in.getEncoderAttr()) {
    StringRef kind = enc.getAs<StringAttr>("kind").getValue();
    if (kind == "delta")
      if (auto off = enc.getAs<BoolAttr>("off_spikes"); off && off.getValue())
        return fail(in) << "delta off-spikes are -1 events; akida's input "
                           "activations are unsigned";
    if (kind == "direct") {
      bits = 8;
      if (auto b = enc.getAs<IntegerAttr>("bits"))
        bits = b.getInt();
      if (!akida::isInputBits(unsigned(bits)) || bits < 1)
        return fail(in) << "direct input of " << bits
                        << " bits; akida's input events have 1, 2, 4 or 8";
      if (!enc.get("bits")) {
        NamedAttrList attrs(enc);
        attrs.set("bits", Builder(in).getI64IntegerAttr(8));
        in.setEncoderAttr(attrs.getDictionary(in.getContext()));
      }
    }
  }
  maxEvent[in.getResult()] = fxp::maxUnsigned(unsigned(bits));
  return success();
}

LogicalResult LegalizeAkidaPass::checkPopulation(PopulationOp pop) {
  // A readout: the final layer's potential, sent to the host only.
  if (pop.getModel() == "akida_readout") {
    for (Operation *user : pop->getUsers())
      if (!isa<OutputOp>(user))
        return fail(pop) << "a readout (the final layer's potential) feeds "
                         << describeOp(user) << "; it may only feed outputs";
    return success();
  }
  if (pop.getModel() != "akida")
    return fail(pop) << "model '" << pop.getModel()
                     << "' is not akida's neuron model";
  if (!desc.supportsNeuronModel("akida"))
    return fail(pop) << "target '" << desc.name
                     << "' does not list neuron model akida";
  auto bits = pop.getParam("output_bits");
  auto step = pop.getParam("step");
  auto offset = pop.getParam("threshold_offset");
  if (!bits || !step || !offset)
    return fail(pop) << "akida parameters are missing (run the verifier)";
  std::vector<int64_t> allowed;
  if (const auto &act = desc.precision.activation)
    allowed = act->allowedBits ? act->allowedBits->value
                               : std::vector<int64_t>{act->bits.value};
  for (int64_t j = 0; j < pop.getSize(); ++j)
    if (std::find(allowed.begin(), allowed.end(), (*bits)[j]) ==
        allowed.end())
      return fail(pop) << "neuron " << j << " has " << (*bits)[j]
                       << "-bit activations; " << desc.name << " allows "
                       << joinedBits(allowed);
  maxEvent[pop.getResult()] = fxp::maxUnsigned(
      unsigned(*std::max_element(bits->begin(), bits->end())));

  if (auto a = pop->getAttrOfType<StringAttr>("approximation")) {
    if (a.getValue() != akida::kRateToActivation)
      return fail(pop) << "unknown approximation '" << a.getValue() << "'";
    if (!llvm::is_contained(approx, a.getValue().str()))
      return fail(pop) << "an if layer is not exact on akida (no state "
                          "across frames); its mapping as a rate-coded "
                          "activation is an approximation: allow it with "
                          "--approx="
                       << akida::kRateToActivation;
    ++numApproximated;
    pop.emitRemark() << describeOp(pop) << ": approximated ("
                     << akida::kRateToActivation << "): "
                     << rangeOf(*bits) << "-bit activation, step "
                     << rangeOf(*step) << ", threshold_offset "
                     << rangeOf(*offset);
  }
  return success();
}

LogicalResult LegalizeAkidaPass::checkTable(SynapsesOp syn) {
  if (syn.getWeightExp() != 0)
    return fail(syn) << "weight_exp " << syn.getWeightExp()
                     << ": akida has no weight exponent";
  if (syn.getDelay() != 0)
    return fail(syn) << "delay " << syn.getDelay()
                     << ": akida has no synaptic delays";
  int64_t bits = int64_t(syn.getWeightBits());
  const auto &w = desc.precision.weight;
  std::vector<int64_t> allowed =
      w.allowedBits ? w.allowedBits->value : std::vector<int64_t>{w.bits.value};
  if (std::find(allowed.begin(), allowed.end(), bits) == allowed.end() ||
      !akida::isWeightBits(unsigned(bits)))
    return fail(syn) << bits << "-bit weights; " << desc.name << " allows "
                     << joinedBits(allowed);
  bool fromHost = isa_and_nonnull<InputOp>(syn.getInput().getDefiningOp());
  if (!akida::weightBitsAllowedIn(unsigned(bits), fromHost))
    return fail(syn) << "8-bit weights are for the input layer only; this "
                        "table reads "
                     << describeOp(syn.getInput().getDefiningOp());
  auto weights = syn.getWeights().tryGetAsArrayRef();
  if (!weights)
    return fail(syn) << "synapse table has no data";
  for (size_t k = 0; k < weights->size(); ++k)
    if (!akida::weightFits((*weights)[k], unsigned(bits)))
      return fail(syn) << "synapse " << k << " has weight " << (*weights)[k]
                       << ", not an akida " << bits << "-bit weight ["
                       << akida::minWeight(unsigned(bits)) << ", "
                       << akida::maxWeight(unsigned(bits)) << "]";
  return success();
}

/// Per neuron, over every table into the population: the fan-in against
/// core.max_fan_in and the worst-case potential against the accumulator.
LogicalResult LegalizeAkidaPass::checkFanIn(PopulationOp pop) {
  auto tables = legalize::tablesInto(pop);
  if (!tables)
    return fail(pop) << "its input is not a synapse table or a sum of "
                        "them; akida potentials are weighted sums";
  const int64_t n = pop.getSize();
  std::vector<int64_t> fanIn(n, 0), worst(n, 0);
  for (SynapsesOp syn : *tables) {
    auto offsets = syn.getOffsets().tryGetAsArrayRef();
    auto targets = syn.getTargets().tryGetAsArrayRef();
    auto weights = syn.getWeights().tryGetAsArrayRef();
    if (!offsets || !targets || !weights)
      return fail(syn) << "synapse table has no data";
    auto it = maxEvent.find(syn.getInput());
    int64_t xMax = it == maxEvent.end() ? 1 : it->second;
    for (size_t k = 0; k < targets->size(); ++k) {
      ++fanIn[(*targets)[k]];
      worst[(*targets)[k]] += std::abs(int64_t((*weights)[k])) * xMax;
    }
  }
  const int64_t maxFanIn = desc.core.maxFanIn.value;
  const unsigned accBits = unsigned(
      std::min<int64_t>(akida::kAccumulatorBits, desc.precision.membraneBits.value));
  const int64_t accMax = fxp::maxSigned(accBits);
  for (int64_t j = 0; j < n; ++j) {
    if (fanIn[j] > maxFanIn)
      return fail(pop) << "neuron " << j << " has fan-in " << fanIn[j]
                       << ", more than " << desc.name << "'s max_fan_in "
                       << maxFanIn;
    if (worst[j] > accMax)
      return fail(pop) << "neuron " << j << " can reach a potential of "
                       << worst[j] << " (sum of |weight| x largest input), "
                       << "beyond the " << accBits << "-bit accumulator's "
                       << accMax;
  }
  return success();
}

} // namespace
