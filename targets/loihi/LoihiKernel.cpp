//===- LoihiKernel.cpp - the loihi population kernels ---------------------===//

#include "LoihiKernel.h"

#include "spikec/Target/LoihiParams.h"

#include <algorithm>
#include <cassert>

namespace spikec::ref {
namespace {
class LoihiKernel : public PopulationKernel {
public:
  void resize(size_t n) override {
    st.resize(n);
    spikes.assign(n, 0);
  }
  void update(const int32_t *input, int32_t *out) override {
    for (size_t i = 0; i < spikes.size(); ++i)
      overflows += loihi::inputOverflows(input[i]);
    loihi::step(params, st, input, spikes.data());
    for (size_t i = 0; i < spikes.size(); ++i) {
      out[i] = spikes[i];
      overflows += st.v[i] == loihi::kMinV || st.v[i] == loihi::kMaxV;
    }
  }
  // At rest: u = v = 0, not refractory, no bias. A step with zero input
  // then gives u' = 0, v' = 0 <= vth: no change, no spike.
  bool hasRestState() const override { return true; }
  bool atRest(size_t i) const override {
    return st.u[i] == 0 && st.v[i] == 0 && st.refractoryCount[i] == 0 &&
           params.biasMant[i] == 0;
  }
  void updateSome(const uint32_t *idx, size_t n, const int32_t *input,
                  int32_t *out) override {
    for (size_t k = 0; k < n; ++k) {
      uint32_t i = idx[k];
      overflows += loihi::inputOverflows(input[i]);
      bool spiked = loihi::detail::stepCompartment(
          params.du[i], params.dv[i],
          loihi::effectiveBias(params.biasMant[i], params.biasExp[i]),
          loihi::effectiveThreshold(params.vthMant[i]),
          params.refractoryDelay[i], st.u[i], st.v[i], st.refractoryCount[i],
          input[i]);
      out[i] = spiked;
      overflows += st.v[i] == loihi::kMinV || st.v[i] == loihi::kMaxV;
    }
  }
  void prefetch() const override {
    for (const auto *v :
         {&params.du, &params.dv, &params.refractoryDelay, &st.refractoryCount})
      prefetchArray(*v);
    for (const auto *v :
         {&params.vthMant, &params.biasMant, &params.biasExp, &st.u, &st.v})
      prefetchArray(*v);
    prefetchArray(spikes);
  }
  const int32_t *state(llvm::StringRef name) const override {
    if (name == "u")
      return st.u.data();
    if (name == "v")
      return st.v.data();
    return nullptr;
  }
  bool resetState() override {
    std::fill(st.u.begin(), st.u.end(), 0);
    std::fill(st.v.begin(), st.v.end(), 0);
    std::fill(st.refractoryCount.begin(), st.refractoryCount.end(), 0);
    return true;
  }
  loihi::Params params;
  loihi::State st;
  std::vector<uint8_t> spikes;
};

/// loihi_readout: the compartment without a threshold; out[i] is v.
class LoihiReadoutKernel : public PerNeuronKernel<LoihiReadoutKernel> {
public:
  void resize(size_t n) override {
    u.assign(n, 0);
    v.assign(n, 0);
  }
  size_t size() const { return v.size(); }
  // At rest: u = v = 0 and no bias; zero input keeps it there, output 0.
  bool hasRestState() const override { return true; }
  bool atRest(size_t i) const override {
    return u[i] == 0 && v[i] == 0 && biasMant[i] == 0;
  }
  const int32_t *state(llvm::StringRef name) const override {
    if (name == "u")
      return u.data();
    if (name == "v")
      return v.data();
    return nullptr;
  }
  std::vector<uint16_t> du, dv;
  std::vector<int32_t> biasMant, biasExp;
  std::vector<int32_t> u, v;

  friend class PerNeuronKernel<LoihiReadoutKernel>; // calls stepOne

private:
  void stepOne(size_t i, const int32_t *input, int32_t *out) {
    overflows += loihi::inputOverflows(input[i]);
    out[i] = loihi::stepReadout(du[i], dv[i],
                                loihi::effectiveBias(biasMant[i], biasExp[i]),
                                u[i], v[i], input[i]);
    overflows += v[i] == loihi::kMinV || v[i] == loihi::kMaxV;
  }
};

} // namespace
} // namespace spikec::ref

using namespace spikec;

namespace {
/// Neuron i's compartment out of the per-parameter vectors.
loihi::NeuronParams neuron(const std::vector<std::vector<int32_t>> &values,
                           size_t i, bool readout) {
  loihi::NeuronParams p;
  [[maybe_unused]] std::string why =
      loihi::fromValues(ref::neuronValues(values, i), readout, p);
  assert(why.empty() && "kernel made from unvalidated parameters");
  return p;
}
} // namespace

std::unique_ptr<ref::PopulationKernel>
loihi::makeReadoutKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<ref::LoihiReadoutKernel>();
  for (size_t i = 0, n = values[0].size(); i < n; ++i) {
    loihi::NeuronParams p = neuron(values, i, /*readout=*/true);
    k->du.push_back(p.du);
    k->dv.push_back(p.dv);
    k->biasMant.push_back(p.biasMant);
    k->biasExp.push_back(p.biasExp);
  }
  return k;
}

std::unique_ptr<ref::PopulationKernel>
loihi::makeKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<ref::LoihiKernel>();
  size_t n = values[0].size();
  k->params.resize(n);
  for (size_t i = 0; i < n; ++i)
    k->params.set(i, neuron(values, i, /*readout=*/false));
  return k;
}
