//===- GenericKernel.cpp - the generic population kernels -----------------===//
//
// generic_lif, generic_alif and generic_izhikevich (targets/MODELS.md,
// "generic"): the parameters are read back through the model's own
// fromValues, so the nc table, the verifier and this kernel agree on them.
// Probes: v, i (current) and a (adaptation) of the LIF models; v and u of
// Izhikevich.
//
//===----------------------------------------------------------------------===//

#include "GenericKernel.h"

#include "spikec/Target/GenericModel.h"

#include <type_traits>

namespace spikec::ref {
namespace {
/// The population of a model whose neuron is Params with state State; the
/// state variables are copied out per step for probes.
template <typename Params, typename State>
class GenericKernel : public PopulationKernel {
public:
  void resize(size_t n) override {
    st.resize(n);
    for (size_t i = 0; i < n && i < params.size(); ++i)
      st[i] = initial(params[i]);
    spikes.assign(n, 0);
    vars.assign(kVars, std::vector<int32_t>(n, 0));
    copyVars();
  }
  void update(const int32_t *input, int32_t *out) override {
    generic::step(params, st, input, spikes.data());
    for (size_t i = 0; i < spikes.size(); ++i)
      out[i] = spikes[i];
    copyVars();
  }
  const int32_t *state(llvm::StringRef name) const override {
    for (size_t k = 0; k < kVars; ++k)
      if (name == varNames()[k])
        return vars[k].data();
    return nullptr;
  }

  std::vector<Params> params;

private:
  static constexpr size_t kVars = std::is_same_v<State, generic::LIFState> ? 3 : 2;
  static const char *const *varNames() {
    static const char *const lif[] = {"v", "i", "a"};
    static const char *const izh[] = {"v", "u"};
    return std::is_same_v<State, generic::LIFState> ? lif : izh;
  }
  static State initial(const Params &p) {
    if constexpr (std::is_same_v<State, generic::LIFState>)
      return State();
    else
      return generic::initialState(p);
  }
  void copyVars() {
    for (size_t i = 0; i < st.size(); ++i) {
      if constexpr (std::is_same_v<State, generic::LIFState>) {
        vars[0][i] = st[i].v;
        vars[1][i] = st[i].i;
        vars[2][i] = st[i].a;
      } else {
        vars[0][i] = st[i].v;
        vars[1][i] = st[i].u;
      }
    }
  }

  std::vector<State> st;
  std::vector<uint8_t> spikes;
  std::vector<std::vector<int32_t>> vars;
};
} // namespace

std::unique_ptr<PopulationKernel>
makeGenericLIFKernel(const std::vector<std::vector<int32_t>> &values,
                     bool adaptive) {
  auto k = std::make_unique<GenericKernel<generic::LIFParams, generic::LIFState>>();
  size_t n = values[0].size();
  k->params.resize(n);
  for (size_t i = 0; i < n; ++i)
    if (!generic::fromValues(neuronValues(values, i).data(), adaptive,
                             k->params[i]))
      return nullptr; // the caller validated every neuron first
  return k;
}

std::unique_ptr<PopulationKernel>
makeGenericIzhikevichKernel(const std::vector<std::vector<int32_t>> &values) {
  auto k = std::make_unique<
      GenericKernel<generic::IzhikevichParams, generic::IzhikevichState>>();
  size_t n = values[0].size();
  k->params.resize(n);
  for (size_t i = 0; i < n; ++i)
    if (!generic::fromValues(neuronValues(values, i).data(), k->params[i]))
      return nullptr;
  return k;
}

} // namespace spikec::ref
