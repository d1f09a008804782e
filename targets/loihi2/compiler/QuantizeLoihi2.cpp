//===- QuantizeLoihi2.cpp - float populations to loihi2 integers ----------===//
//
// loihi2's compartment is loihi's arithmetic (docs/chips.md, "loihi2"), so
// its numbers are loihi's backend's: this backend hands each population to
// it and then programs what loihi cannot do. A bias into cuba_lif's current
// goes to loihi's quantizer as the membrane bias it would be in u's units
// (gain syn_gain c: u adds to v one to one, so u holds S gain I), and comes
// back as the bias into u; cuba_lif's voltage takes the previous current,
// NIR's order, so its tables need no extra delay (loihi gives them 1).
//
//===----------------------------------------------------------------------===//

#include "Quantize.h"

#include "spikec/Support/FormatNumber.h"
#include "spikec/Target/Loihi2Params.h"
#include "spikec/Target/LoihiParams.h"
#include "spikec/Target/PopulationKernel.h"

#include <cassert>

using namespace spikec;
using namespace spikec::quant;

namespace {
class Loihi2Backend : public Backend {
public:
  explicit Loihi2Backend(const target::TargetDesc &t)
      : Backend(t), loihi(makeLoihiBackend(t)) {}

  std::string checkPopulation(const FloatPopulation &pop) override {
    if (pop.isReadout())
      return loihi->checkPopulation(pop);
    if (!pop.isLIFFamily())
      return "loihi2 cannot run " + pop.kind +
             " (its compartments run lif, if and cuba_lif dynamics, and li, "
             "cuba_li and integrator as readouts)";
    if (pop.reset == "none")
      return "reset none is not exact on loihi2 (it resets to 0 or by "
             "subtraction)";
    if (pop.reset != "subtract")
      for (int64_t j = 0; j < pop.size; ++j)
        if (pop.vReset[j] != 0)
          return "v_reset = " + formatNumber(pop.vReset[j]) + " (neuron " +
                 std::to_string(j) +
                 ") is not exact on loihi2 (it resets to 0 or by "
                 "subtraction)";
    if (pop.timingPre)
      return "timing pre (spike from the previous membrane) is not exact on "
             "loihi2 (it spikes on the updated membrane)";
    if (pop.refractory != 0)
      return "loihi2_lif has no refractory period (refractory = " +
             std::to_string(pop.refractory) + " steps)";
    return "";
  }

  std::string quantize(const FloatPopulation &pop,
                       IntPopulation &out) override {
    loihi->options = options;
    const bool cuba = pop.kind == "cuba_lif";
    if (pop.isReadout()) {
      for (double c : pop.constant)
        if (pop.kind == "cuba_li" && c != 0)
          return "a projection bias into cuba_li's current is not built for "
                 "loihi2 yet (its readouts are loihi's)";
      return loihi->quantize(pop, out);
    }
    // What loihi's quantizer sees: a current bias as the membrane bias of
    // the same integer size.
    FloatPopulation asLoihi = pop;
    std::vector<bool> biasCurrent(pop.size, false);
    for (int64_t j = 0; cuba && j < pop.size; ++j) {
      if (pop.constant[j] == 0)
        continue;
      if (pop.bias[j] != 0)
        return "neuron " + std::to_string(j) +
               " has a bias into both its current and its membrane; a "
               "loihi2_lif compartment has one bias";
      biasCurrent[j] = true;
      asLoihi.bias[j] = pop.gain[j] * pop.synGain[j] * pop.constant[j];
      asLoihi.constant[j] = 0;
    }
    if (std::string why = loihi->quantize(asLoihi, out); !why.empty())
      return why;
    std::vector<std::vector<int32_t>> values;
    for (auto &kv : out.params)
      values.push_back(std::move(kv.second));
    std::vector<loihi2::NeuronParams> neurons(pop.size);
    for (int64_t j = 0; j < pop.size; ++j) {
      loihi2::NeuronParams &p = neurons[j];
      [[maybe_unused]] std::string why = loihi::fromValues(
          ref::neuronValues(values, size_t(j)), /*readout=*/false, p.base);
      assert(why.empty() && "loihi's backend gave invalid parameters");
      p.subtractReset = pop.reset == "subtract";
      p.biasCurrent = biasCurrent[j];
      p.prevCurrent = cuba;
    }
    if (cuba)
      for (IntTable &t : out.tables)
        t.delay = 0;
    out.model = "loihi2_lif";
    out.params = loihi2::toNamedValues(neurons);
    return "";
  }

private:
  std::unique_ptr<Backend> loihi;
};
} // namespace

namespace spikec::quant {
std::unique_ptr<Backend> makeLoihi2Backend(const target::TargetDesc &t) {
  return std::make_unique<Loihi2Backend>(t);
}
} // namespace spikec::quant
