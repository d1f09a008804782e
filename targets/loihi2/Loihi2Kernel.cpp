//===- Loihi2Kernel.cpp - the loihi2 population kernel --------------------===//

#include "Loihi2Kernel.h"

#include "spikec/Target/Loihi2Params.h"

#include <algorithm>
#include <cassert>

using namespace spikec;

namespace {
/// The per-neuron constants of a step, computed once.
struct Compartment {
  uint16_t du, dv;
  int64_t bias, vth;
  bool subtractReset, biasCurrent, prevCurrent;
};

class Loihi2Kernel : public ref::PerNeuronKernel<Loihi2Kernel> {
public:
  void resize(size_t n) override {
    u.assign(n, 0);
    v.assign(n, 0);
  }
  size_t size() const { return v.size(); }
  // At rest: u = v = 0 and no bias. A step with zero input then gives
  // u' = 0, v' = 0 <= vth: no change, no spike (either order, either reset).
  bool hasRestState() const override { return true; }
  bool atRest(size_t i) const override {
    return u[i] == 0 && v[i] == 0 && neurons[i].bias == 0;
  }
  const int32_t *state(llvm::StringRef name) const override {
    if (name == "u")
      return u.data();
    if (name == "v")
      return v.data();
    return nullptr;
  }
  bool resetState() override {
    std::fill(u.begin(), u.end(), 0);
    std::fill(v.begin(), v.end(), 0);
    return true;
  }

  std::vector<Compartment> neurons;
  std::vector<int32_t> u, v;

  friend class ref::PerNeuronKernel<Loihi2Kernel>; // calls stepOne

private:
  void stepOne(size_t i, const int32_t *input, int32_t *out) {
    overflows += loihi::inputOverflows(input[i]);
    const Compartment &c = neurons[i];
    out[i] = loihi2::stepCompartment(c.du, c.dv, c.bias, c.vth,
                                     c.subtractReset, c.biasCurrent,
                                     c.prevCurrent, u[i], v[i], input[i]);
    overflows += v[i] == loihi::kMinV || v[i] == loihi::kMaxV;
  }
};
} // namespace

std::unique_ptr<ref::PopulationKernel>
loihi2::makeKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<Loihi2Kernel>();
  for (size_t i = 0, n = values[0].size(); i < n; ++i) {
    NeuronParams p;
    [[maybe_unused]] std::string why =
        fromValues(ref::neuronValues(values, i), p);
    assert(why.empty() && "kernel made from unvalidated parameters");
    k->neurons.push_back(
        {p.base.du, p.base.dv,
         loihi::effectiveBias(p.base.biasMant, p.base.biasExp),
         loihi::effectiveThreshold(p.base.vthMant), p.subtractReset,
         p.biasCurrent, p.prevCurrent});
  }
  return k;
}
