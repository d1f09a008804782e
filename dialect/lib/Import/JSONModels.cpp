//===- JSONModels.cpp - the neuron models of the JSON network format ------===//
//
// The table of the neuron models a JSON network's populations may name
// (docs/network-json.md): each model's snn op and the parameters it takes,
// in which form and range. Kept apart from the importer so that adding a
// model is a row here.
//
//===----------------------------------------------------------------------===//

#include "JSONModels.h"

#include "llvm/ADT/StringSwitch.h"

namespace spikec::jsonimport {

const std::vector<ModelSpec> &modelSpecs() {
  static const std::vector<ModelSpec> specs = [] {
    using F = Form;
    using R = Range;
    ParamSpec tau{"tau", F::Continuous, R::Positive},
        r{"r", F::Continuous, R::Any}, vLeak{"v_leak", F::Continuous, R::Any},
        decay{"decay", F::Discrete, R::UnitInterval},
        gain{"gain", F::Discrete, R::Any}, bias{"bias", F::Discrete, R::Any},
        tauSyn{"tau_syn", F::Continuous, R::Positive},
        wIn{"w_in", F::Continuous, R::Any},
        synDecay{"syn_decay", F::Discrete, R::UnitInterval},
        synGain{"syn_gain", F::Discrete, R::Any},
        tauAdapt{"tau_adapt", F::Continuous, R::Positive},
        adaptDecay{"adapt_decay", F::Discrete, R::UnitInterval},
        adapt{"adapt", F::Neutral, R::NonNegative},
        vTh{"v_threshold", F::Neutral, R::Any},
        vReset{"v_reset", F::Neutral, R::Any};
    std::vector<ModelSpec> s;
    // One model a row.
    // clang-format off
    s.push_back({"integrator", "snn.integrator", false, {r, gain}, {"r"},
                 {"gain"}, {}});
    s.push_back({"li", "snn.li", false, {tau, r, vLeak, decay, gain, bias},
                 {"tau"}, {"decay"}, {}});
    s.push_back({"lif", "snn.lif", true,
                 {tau, r, vLeak, decay, gain, bias, vTh, vReset}, {"tau"},
                 {"decay"}, {"v_threshold"}});
    s.push_back({"if", "snn.if", true, {r, gain, vTh, vReset}, {"r"},
                 {"gain"}, {"v_threshold"}});
    s.push_back({"cuba_li", "snn.cuba_li", false,
                 {tauSyn, wIn, tau, r, vLeak, synDecay, synGain, decay, gain,
                  bias},
                 {"tau_syn", "tau"}, {"syn_decay", "decay"}, {}});
    s.push_back({"cuba_lif", "snn.cuba_lif", true,
                 {tauSyn, wIn, tau, r, vLeak, synDecay, synGain, decay, gain,
                  bias, vTh, vReset},
                 {"tau_syn", "tau"}, {"syn_decay", "decay"}, {"v_threshold"}});
    s.push_back({"alif", "snn.alif", true,
                 {tau, r, vLeak, tauAdapt, decay, gain, bias, adaptDecay,
                  adapt, vTh, vReset},
                 {"tau", "tau_adapt"}, {"decay", "adapt_decay"},
                 {"adapt", "v_threshold"}});
    s.push_back({"izhikevich", "snn.izhikevich", true,
                 {{"a", F::Neutral, R::Any},
                  {"b", F::Neutral, R::Any},
                  {"c", F::Neutral, R::Any},
                  {"d", F::Neutral, R::Any},
                  {"r", F::Neutral, R::Any}},
                 {}, {}, {"a", "b", "c", "d"}});
    // clang-format on
    return s;
  }();
  return specs;
}

/// Other names accepted in "params" for the same parameter.
llvm::StringRef canonicalParam(llvm::StringRef name) {
  return llvm::StringSwitch<llvm::StringRef>(name)
      .Case("beta", "decay")
      .Case("alpha", "syn_decay")
      .Case("tau_mem", "tau")
      .Default(name);
}

} // namespace spikec::jsonimport
