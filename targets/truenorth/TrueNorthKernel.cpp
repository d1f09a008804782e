//===- TrueNorthKernel.cpp - the truenorth population kernel --------------===//
//
// The input of a truenorth population is the dendritic sum of its synapse
// tables: with axon types (nc-legalize-truenorth) every stored weight is
// the post neuron's weight for the synapse's axon type, so that sum is what
// the crossbar integrates (truenorth::accumulate). The population then takes
// one tick of truenorth::step. State "v" is the membrane after the tick.
//
//===----------------------------------------------------------------------===//

#include "TrueNorthKernel.h"

#include "spikec/Target/TrueNorthParams.h"

#include <cassert>

namespace spikec::ref {
namespace {
class TrueNorthKernel : public PopulationKernel {
public:
  void resize(size_t n) override {
    st.resize(n);
    spikes.assign(n, 0);
  }
  void update(const int32_t *input, int32_t *out) override {
    truenorth::step(params, st, input, spikes.data());
    for (size_t i = 0; i < spikes.size(); ++i)
      out[i] = spikes[i];
  }
  const int32_t *state(llvm::StringRef name) const override {
    return name == "v" ? st.v.data() : nullptr;
  }
  truenorth::Params params;
  truenorth::State st;
  std::vector<uint8_t> spikes;
};
} // namespace

std::unique_ptr<PopulationKernel>
makeTrueNorthKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<TrueNorthKernel>();
  size_t n = values[0].size();
  k->params.resize(n);
  for (size_t i = 0; i < n; ++i) {
    truenorth::NeuronParams p;
    [[maybe_unused]] std::string why =
        truenorth::fromValues(neuronValues(values, i), p);
    assert(why.empty() && "kernel made from unvalidated parameters");
    k->params.set(i, p);
  }
  return k;
}

} // namespace spikec::ref
