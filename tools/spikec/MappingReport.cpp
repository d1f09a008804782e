//===- MappingReport.cpp - what spikec compile made of a network ----------===//

#include "MappingReport.h"

#include "spikec/Image/Image.h"
#include "spikec/Support/JSONWrite.h"
#include "spikec/Support/OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"

#include <nlohmann/json.hpp>

#include <algorithm>

using namespace mlir;

namespace spikec::driver {

namespace {

struct Use {
  int64_t neurons = 0, axons = 0, synapses = 0, synapseBits = 0, routes = 0;
};

Use useOf(nc::CoreOp core) {
  Use u;
  u.neurons = core.getNeurons();
  u.axons = core.getNumAxons();
  auto group = core.getAxonGroup().tryGetAsArrayRef();
  auto offsets = core.getAxonOffsets().tryGetAsArrayRef();
  ArrayRef<int32_t> bits = core.getGroupBits();
  if (group && offsets)
    for (size_t a = 0; a < group->size(); ++a) {
      int64_t n = (*offsets)[a + 1] - (*offsets)[a];
      u.synapses += n;
      u.synapseBits += n * image::synapseMemoryBits(
                               bits[(*group)[a]],
                               bool(core.getSynAxonTypeAttr()));
    }
  u.routes = core.getRouteCore().getType().getNumElements();
  return u;
}

double numberOf(DictionaryAttr d, StringRef key) {
  if (!d)
    return 0;
  Attribute a = d.get(key);
  if (auto f = dyn_cast_or_null<FloatAttr>(a))
    return f.getValueAsDouble();
  if (auto i = dyn_cast_or_null<IntegerAttr>(a))
    return double(i.getInt());
  return 0;
}

} // namespace

LogicalResult writeMappingReport(nc::ChipOp chip, const StageTimes &times,
                                 llvm::raw_ostream &os,
                                 const std::string &jsonPath) {
  auto partition = chip->getAttrOfType<DictionaryAttr>("partition");
  auto placement = chip->getAttrOfType<DictionaryAttr>("placement");
  auto text = [&](StringRef key, StringRef absent) {
    StringAttr s = partition ? partition.getAs<StringAttr>(key) : nullptr;
    return (s ? s.getValue() : absent).str();
  };
  std::string strategy = text("strategy", ""), binding = text("binding", ""),
              rates = text("rates", "uniform");
  const int64_t limNeurons = chip.getLimit("neurons").value_or(0),
                limAxons = chip.getLimit("input_axons").value_or(0),
                limBits = chip.getLimit("synapse_memory_bits").value_or(0),
                limRoutes = chip.getLimit("output_axons").value_or(0);
  std::vector<Use> uses;
  for (auto core : chip.getBodyBlock().getOps<nc::CoreOp>())
    uses.push_back(useOf(core));
  auto pct = [](int64_t v, int64_t lim) {
    return lim ? 100.0 * double(v) / double(lim) : 0.0;
  };

  if (!partition) {
    // A chip given as such (an .mlir nc.chip): no mapping figures.
    os << "image of '" << chip.getSymName() << "' for " << chip.getTarget()
       << ": " << uses.size() << (uses.size() == 1 ? " core" : " cores")
       << ", given as an nc.chip\n";
  } else {
    os << "mapped '" << chip.getSymName() << "' onto " << chip.getTarget()
       << ": " << uses.size() << (uses.size() == 1 ? " core" : " cores")
       << " (lower bound " << int64_t(numberOf(partition, "lower_bound"))
       << ", set by " << binding << "), strategy " << strategy << "\n";
    // Spikes between cores apart from the inputs' spikes into cores, which
    // every mapping has: a one-core network has 0 inter-core spikes.
    os << llvm::format(
        "expected inter-core spikes per step %.6g, input "
        "spikes into cores %.6g (%s), hops: "
        "average %.3g, max %lld; placement cost %.6g "
        "(serpentine start %.6g)\n",
        numberOf(partition, "inter_core_spikes"),
        numberOf(partition, "input_spikes"),
        rates == "profile" ? "rates from the profile run" : "rate 1 per neuron",
        numberOf(placement, "average_hops"),
        (long long)numberOf(placement, "max_hops"), numberOf(placement, "cost"),
        numberOf(placement, "initial_cost"));
  }
  os << "core   neurons        axons          synapse bits          routes\n";
  for (size_t k = 0; k < uses.size(); ++k) {
    const Use &u = uses[k];
    os << llvm::format("%4zu %5lld %4.0f%% %6lld %4.0f%% %12lld %4.0f%% "
                       "%7lld %4.0f%%\n",
                       k, (long long)u.neurons, pct(u.neurons, limNeurons),
                       (long long)u.axons, pct(u.axons, limAxons),
                       (long long)u.synapseBits, pct(u.synapseBits, limBits),
                       (long long)u.routes, pct(u.routes, limRoutes));
  }
  os << "compile time:";
  for (size_t i = 0; i < times.size(); ++i)
    os << llvm::format("%s %s %.3f s", i ? "," : "", times[i].first.c_str(),
                       times[i].second);
  os << "\n";
  if (jsonPath.empty())
    return success();

  using json = nlohmann::json; // objects print sorted, as the report was
  json cores = json::array();
  for (const Use &u : uses)
    cores.push_back({{"neurons", u.neurons},
                     {"input_axons", u.axons},
                     {"synapses", u.synapses},
                     {"synapse_bits", u.synapseBits},
                     {"routes", u.routes}});
  json stages = json::array();
  for (const auto &[stage, seconds] : times)
    stages.push_back({{"stage", stage}, {"seconds", seconds}});
  json root = {
      {"network", chip.getSymName().str()},
      {"target", chip.getTarget().str()},
      {"target_hash", chip.getTargetHash().str()},
      {"cores", int64_t(uses.size())},
      {"lower_bound", int64_t(numberOf(partition, "lower_bound"))},
      {"lower_bound_set_by", binding},
      {"strategy", strategy},
      {"seed", int64_t(numberOf(partition, "seed"))},
      {"inter_core_spikes", numberOf(partition, "inter_core_spikes")},
      {"input_spikes", numberOf(partition, "input_spikes")},
      {"rates", rates},
      {"average_hops", numberOf(placement, "average_hops")},
      {"max_hops", int64_t(numberOf(placement, "max_hops"))},
      {"limits",
       {{"neurons", limNeurons},
        {"input_axons", limAxons},
        {"synapse_memory_bits", limBits},
        {"output_axons", limRoutes}}},
      {"per_core", std::move(cores)},
      {"stages", std::move(stages)}};
  std::string why = writeFileAtomically(jsonPath, [&](llvm::raw_ostream &out) {
    out << reportText(std::move(root));
    return std::string();
  });
  if (!why.empty())
    return chip.emitError() << "the mapping report: " << why;
  return success();
}

} // namespace spikec::driver
