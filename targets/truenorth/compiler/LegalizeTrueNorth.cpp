//===- LegalizeTrueNorth.cpp - an nc.graph onto TrueNorth cores -----------===//
//
// nc-legalize-truenorth (targets/MODELS.md, "Legalizing for truenorth"):
// makes every truenorth population runnable on crossbar cores of
// core.input_axons axons x core.neurons neurons with core.axon_types types
// and core.max_fan_out destinations per neuron, exactly or not at all:
//  (a) axon types: each post neuron's distinct weights become its per-type
//      weights, and each synapse names the type of the axon copy it uses;
//  (b) fan-in: a core block's axon copies must fit core.input_axons;
//  (c) fan-out: a population whose neurons need more destination axons
//      than core.max_fan_out reaches its consumers through splitter neurons,
//      one tick later; every other path into those consumers is delayed to
//      match, so the graph stays the unlegalized one shifted in time.
//  The plan is decided whole first (TrueNorthPlan.{h,cpp}); this file writes
//  it into the IR and the report.
//
//===----------------------------------------------------------------------===//

#include "LegalizeCommon.h"
#include "TrueNorthPlan.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Support/JSONWrite.h"
#include "spikec/Support/OutputFile.h"
#include "spikec/Target/TrueNorthParams.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <mutex>
#include <vector>

namespace spikec {
#define GEN_PASS_DEF_LEGALIZETRUENORTH
#include "spikec/Passes/NC/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;
using truenorth::Plan;

namespace {

constexpr const char *kLinearLeak = "truenorth-linear-leak";

struct LegalizeTrueNorthPass
    : spikec::impl::LegalizeTrueNorthBase<LegalizeTrueNorthPass> {
  using LegalizeTrueNorthBase::LegalizeTrueNorthBase;

  void runOnOperation() override {
    if (failed(run()))
      signalPassFailure();
  }

  LogicalResult run();
  void rewrite(Plan &plan);
  LogicalResult writeReport(const Plan &plan);
};

LogicalResult LegalizeTrueNorthPass::run() {
  GraphOp graph = getOperation();
  if (failed(legalize::checkApproximations(graph, approx, {kLinearLeak})))
    return failure();
  auto loaded = legalize::loadGraphTarget(graph, target, "truenorth");
  if (failed(loaded))
    return failure();
  Plan plan(graph, *loaded, {approx.begin(), approx.end()});
  if (failed(plan.build()))
    return failure();
  rewrite(plan);
  return writeReport(plan);
}

int64_t splitterNeurons(const Plan &plan) {
  int64_t n = 0;
  for (const Plan::Splitter &s : plan.splitters)
    n += s.size;
  return n;
}

DenseI32ResourceElementsAttr blob(MLIRContext *ctx, const std::string &name,
                                  ArrayRef<int32_t> v) {
  return snn::makeIndexBlob(ctx, name, v);
}

/// An integer when every neuron agrees, else a blob.
Attribute paramAttr(OpBuilder &b, const std::string &name,
                    const std::vector<int32_t> &v) {
  if (std::all_of(v.begin(), v.end(), [&](int32_t x) { return x == v[0]; }))
    return b.getI64IntegerAttr(v.empty() ? 0 : v[0]);
  return blob(b.getContext(), name, v);
}

void LegalizeTrueNorthPass::rewrite(Plan &plan) {
  std::vector<Plan::Population> &pops = plan.pops;
  std::vector<Plan::Table> &tables = plan.tables;
  std::vector<Plan::Splitter> &splitters = plan.splitters;
  const int64_t neuronsPerCore = plan.neuronsPerCore, fanOut = plan.fanOut;
  MLIRContext *ctx = &getContext();
  OpBuilder b(ctx);
  auto i32Tensor = [&](int64_t n) {
    return RankedTensorType::get({n}, IntegerType::get(ctx, 32));
  };
  for (Plan::Splitter &s : splitters) {
    Plan::Population &x = pops[s.source];
    // The splitter: source neuron p -> its count[p] splitter neurons.
    std::vector<int32_t> offsets{0}, targets, ones, zeros;
    for (int64_t p = 0; p < x.size; ++p) {
      for (int32_t k = 0; k < s.count[p]; ++k)
        targets.push_back(s.base[p] + k);
      offsets.push_back(int32_t(targets.size()));
    }
    ones.assign(targets.size(), 1);
    zeros.assign(targets.size(), 0);
    b.setInsertionPointAfter(x.op);
    Location loc =
        NameLoc::get(StringAttr::get(ctx, x.splitter), x.op.getLoc());
    Location inLoc =
        NameLoc::get(StringAttr::get(ctx, x.splitter + "/in0"), x.op.getLoc());
    auto syn = b.create<SynapsesOp>(
        inLoc, i32Tensor(s.size), x.op.getResult(),
        blob(ctx, x.splitter + ".in0.offsets", offsets),
        blob(ctx, x.splitter + ".in0.targets", targets),
        blob(ctx, x.splitter + ".in0.weights", ones),
        b.getI64IntegerAttr(plan.desc.precision.weight.bits.value),
        b.getI64IntegerAttr(0), b.getI64IntegerAttr(0),
        blob(ctx, x.splitter + ".in0.axon_types", zeros));
    // Input 0 or 1 through weight0 = 1; V >= alpha = 1 spikes and resets
    // to 0, so a splitter neuron spikes exactly when its source did.
    truenorth::NeuronParams relay;
    relay.weight[0] = 1;
    relay.alpha = 1;
    relay.resetMode = truenorth::ResetMode::Normal;
    relay.negSaturate = true;
    SmallVector<NamedAttribute> params;
    for (auto &[name, values] : truenorth::toNamedValues({relay}))
      params.push_back(b.getNamedAttr(name, b.getI64IntegerAttr(values[0])));
    s.op = b.create<PopulationOp>(loc, i32Tensor(s.size), syn.getResult(),
                                  "truenorth", b.getDictionaryAttr(params));
    s.op->setAttr("splitter_of", b.getStringAttr(x.name));

    // Each consumer table now reads the splitter: the synapse through copy
    // c of source neuron p comes from splitter neuron base[p] + c / fanOut,
    // c counting p's copies over all consumer tables in order.
    std::vector<int32_t> before(x.size, 0);
    for (size_t ti : s.consumers) {
      Plan::Table &t = tables[ti];
      std::vector<std::vector<std::array<int32_t, 3>>> rows(s.size);
      for (int64_t p = 0; p < x.size; ++p) {
        const auto &copies = t.copies[p];
        for (int32_t k = t.offsets[p]; k < t.offsets[p + 1]; ++k) {
          std::pair<int32_t, int32_t> key{
              int32_t(t.targets[k] / neuronsPerCore), t.types[k]};
          int32_t c = before[p] + int32_t(std::lower_bound(copies.begin(),
                                                           copies.end(), key) -
                                          copies.begin());
          rows[s.base[p] + c / fanOut].push_back(
              {t.targets[k], t.weights[k], t.types[k]});
        }
        before[p] += int32_t(copies.size());
      }
      t.offsets.assign(1, 0);
      t.targets.clear();
      t.weights.clear();
      t.types.clear();
      for (auto &row : rows) {
        std::sort(row.begin(), row.end());
        for (auto &[post, w, type] : row) {
          t.targets.push_back(post);
          t.weights.push_back(w);
          t.types.push_back(type);
        }
        t.offsets.push_back(int32_t(t.targets.size()));
      }
      t.preSize = s.size;
      t.op.getInputMutable().assign(s.op.getResult());
      t.source = s.op;
      t.typed = false; // rewrite below
    }
  }

  for (Plan::Table &t : tables) {
    t.op.setDelay(t.delay);
    if (t.typed)
      continue;
    std::string base = truenorth::shownName(t.op); // "h/in0": blobs "h.in0.*"
    std::replace(base.begin(), base.end(), '/', '.');
    t.op.setOffsetsAttr(blob(ctx, base + ".offsets", t.offsets));
    t.op.setTargetsAttr(blob(ctx, base + ".targets", t.targets));
    t.op.setWeightsAttr(blob(ctx, base + ".weights", t.weights));
    t.op.setAxonTypesAttr(blob(ctx, base + ".axon_types", t.types));
  }
  for (Plan::Population &pop : pops) {
    if (!pop.retype)
      continue;
    NamedAttrList params(pop.op.getParams());
    for (int t = 0; t < truenorth::kModelTypes; ++t) {
      StringRef name = truenorth::paramNames()[truenorth::kWeight0 + t];
      params.set(name,
                 paramAttr(b, pop.name + "." + name.str(), pop.typeWeight[t]));
    }
    pop.op.setParamsAttr(params.getDictionary(ctx));
  }
  for (auto out : getOperation().getBodyBlock().getOps<OutputOp>())
    if (auto it = plan.popIndex.find(out.getInput().getDefiningOp());
        it != plan.popIndex.end() && pops[it->second].latency > 0)
      out->setAttr("latency", b.getI64IntegerAttr(pops[it->second].latency));
  numSplitterNeurons += splitterNeurons(plan);
  numSplitterPopulations += splitters.size();
}

/// Adds this graph's legalization to the report file (the quantization
/// report of the same run, when there is one) under "legalization".
LogicalResult LegalizeTrueNorthPass::writeReport(const Plan &plan) {
  int64_t latency = 0;
  for (auto out : getOperation().getBodyBlock().getOps<OutputOp>())
    if (auto l = out->getAttrOfType<IntegerAttr>("latency"))
      latency = std::max(latency, l.getInt());
  if (uint64_t(latency) > addedLatency)
    addedLatency = latency;
  if (report.empty())
    return success();
  using json = nlohmann::json; // objects print sorted, as before
  json graph = {{"name", getOperation().getSymName().str()},
                {"splitter_populations", int64_t(plan.splitters.size())},
                {"splitter_neurons", splitterNeurons(plan)},
                {"added_latency", latency}};
  json popsJson = json::array(), outsJson = json::array();
  for (const Plan::Population &pop : plan.pops) {
    int64_t blocks = (pop.size + plan.neuronsPerCore - 1) / plan.neuronsPerCore;
    json p = {{"name", pop.name},
              {"neurons", pop.size},
              {"core_blocks", blocks},
              {"max_axons_per_core", pop.maxAxons},
              {"max_fan_in", pop.maxFanIn},
              {"max_weight_levels", pop.maxLevels},
              {"max_destinations", pop.maxCopies},
              {"latency", pop.latency}};
    if (!pop.splitter.empty())
      p["splitter"] = pop.splitter;
    popsJson.push_back(std::move(p));
  }
  for (auto out : getOperation().getBodyBlock().getOps<OutputOp>()) {
    auto l = out->getAttrOfType<IntegerAttr>("latency");
    outsJson.push_back(
        {{"name", out.getName().str()}, {"latency", l ? l.getInt() : 0}});
  }
  graph["populations"] = std::move(popsJson);
  graph["outputs"] = std::move(outsJson);

  // Graphs may be legalized in parallel; the file is shared.
  static std::mutex fileMutex;
  std::lock_guard<std::mutex> lock(fileMutex);
  json root = json::object();
  if (auto buf = llvm::MemoryBuffer::getFile(report.getValue())) {
    json parsed = json::parse((*buf)->getBuffer().str(), nullptr,
                              /*allow_exceptions=*/false);
    if (parsed.is_object())
      root = std::move(parsed);
  }
  json &leg = root["legalization"];
  if (!leg.is_object() || !leg.contains("graphs") || !leg["graphs"].is_array())
    leg = {{"target", plan.desc.name}, {"graphs", json::array()}};
  // A graph of the same name from an earlier run is replaced.
  json kept = json::array();
  for (json &g : leg["graphs"])
    if (!g.is_object() || g.value("name", "") != getOperation().getSymName())
      kept.push_back(std::move(g));
  kept.push_back(std::move(graph));
  leg["graphs"] = std::move(kept);
  std::string why =
      writeFileAtomically(report.getValue(), [&](llvm::raw_ostream &os) {
        os << reportText(std::move(root));
        return std::string();
      });
  if (!why.empty())
    return getOperation().emitError() << "the report: " << why;
  return success();
}

} // namespace
