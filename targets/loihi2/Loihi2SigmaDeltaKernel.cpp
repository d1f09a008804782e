//===- Loihi2SigmaDeltaKernel.cpp - loihi2_sigma_delta's kernel -----------===//

#include "Loihi2Kernel.h"

#include "spikec/Target/Loihi2Params.h"

#include <algorithm>
#include <cassert>

using namespace spikec;

namespace {
/// The per-neuron constants of a step, computed once.
struct Neuron {
  int64_t vth, bias;
  uint8_t stateExp;
  bool relu, cumError, delta;
  /// The activation of a neuron whose sigma is 0: at rest only when 0.
  int64_t restAct() const { return relu ? std::max<int64_t>(bias, 0) : bias; }
};

class SigmaDeltaKernel : public ref::PerNeuronKernel<SigmaDeltaKernel> {
public:
  void resize(size_t n) override {
    for (std::vector<int32_t> *s : {&sigma, &act, &residue, &error})
      s->assign(n, 0);
  }
  size_t size() const { return sigma.size(); }
  // At rest: every state 0 and an activation of 0 at sigma 0. A step with
  // zero input then keeps sigma, act, delta, residue and error at 0 and
  // sends 0 (a delta of 0 is sent as 0 even when vth is 0).
  bool hasRestState() const override { return true; }
  bool atRest(size_t i) const override {
    return sigma[i] == 0 && act[i] == 0 && residue[i] == 0 && error[i] == 0 &&
           (!neurons[i].delta || neurons[i].restAct() == 0);
  }
  const int32_t *state(llvm::StringRef name) const override {
    if (name == "sigma")
      return sigma.data();
    if (name == "act")
      return act.data();
    if (name == "residue")
      return residue.data();
    if (name == "error")
      return error.data();
    return nullptr;
  }
  bool resetState() override {
    for (std::vector<int32_t> *s : {&sigma, &act, &residue, &error})
      std::fill(s->begin(), s->end(), 0);
    return true;
  }

  std::vector<Neuron> neurons;
  std::vector<int32_t> sigma, act, residue, error;

  friend class ref::PerNeuronKernel<SigmaDeltaKernel>; // calls stepOne

private:
  void stepOne(size_t i, const int32_t *input, int32_t *out) {
    const Neuron &c = neurons[i];
    loihi2::SigmaDeltaState s{sigma[i], act[i], residue[i], error[i]};
    bool overflow = false;
    out[i] = loihi2::stepSigmaDelta(c.vth, c.bias, c.stateExp, c.relu,
                                    c.cumError, c.delta, s, input[i],
                                    overflow);
    sigma[i] = s.sigma;
    act[i] = s.act;
    residue[i] = s.residue;
    error[i] = s.error;
    overflows += overflow;
  }
};
} // namespace

std::unique_ptr<ref::PopulationKernel>
loihi2::makeSigmaDeltaKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<SigmaDeltaKernel>();
  for (size_t i = 0, n = values[0].size(); i < n; ++i) {
    SigmaDeltaParams p;
    [[maybe_unused]] std::string why =
        sigmaDeltaFromValues(ref::neuronValues(values, i), p);
    assert(why.empty() && "kernel made from unvalidated parameters");
    k->neurons.push_back({sigmaDeltaScale(p.vthMant, p),
                          sigmaDeltaScale(p.biasMant, p), p.stateExp, p.relu,
                          p.cumError, p.delta});
  }
  return k;
}
