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
//
//===----------------------------------------------------------------------===//

#include "LegalizeCommon.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Support/JSONWrite.h"
#include "spikec/Support/LocationName.h"
#include "spikec/Support/OutputFile.h"
#include "spikec/Target/Target.h"
#include "spikec/Target/TrueNorthModel.h"
#include "spikec/Target/TrueNorthParams.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <mutex>

namespace spikec {
#define GEN_PASS_DEF_LEGALIZETRUENORTH
#include "spikec/Passes/NC/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;

namespace {

constexpr const char *kLinearLeak = "truenorth-linear-leak";
constexpr int kModelTypes = int(truenorth::kNumAxonTypes);

/// The node's name, "<unnamed>" when it has none.
std::string shownName(Operation *op) {
  std::string name = spikec::nodeName(op);
  return name.empty() ? std::string("<unnamed>") : name;
}

/// A synapse table into a truenorth population, CSR by pre neuron.
struct Table {
  SynapsesOp op;
  Operation *source = nullptr; ///< nc.input or nc.population
  size_t consumer = 0;         ///< index of the population it feeds
  int64_t preSize = 0;
  std::vector<int32_t> offsets, targets, weights, types;
  bool typed = false; ///< had axon_types already
  int64_t delay = 0;  ///< after retiming
  /// Per pre neuron: the destination axons it needs, (block, type) pairs in
  /// increasing order.
  std::vector<std::vector<std::pair<int32_t, int32_t>>> copies;
};

struct Population {
  PopulationOp op;
  std::string name;
  int64_t size = 0;
  std::vector<size_t> tables;
  std::array<std::vector<int32_t>, kModelTypes> typeWeight;
  bool retype = false; ///< types assigned here
  int64_t latency = 0; ///< ticks behind the unlegalized graph
  // Report.
  int64_t maxAxons = 0, maxFanIn = 0, maxCopies = 0, maxLevels = 0;
  std::string splitter;
};

struct LegalizeTrueNorthPass
    : spikec::impl::LegalizeTrueNorthBase<LegalizeTrueNorthPass> {
  using LegalizeTrueNorthBase::LegalizeTrueNorthBase;

  void runOnOperation() override {
    if (failed(run()))
      signalPassFailure();
  }

  LogicalResult run();
  LogicalResult collect();
  LogicalResult assignTypes(Population &pop);
  LogicalResult checkCores(Population &pop);
  LogicalResult planSplitters();
  LogicalResult retime();
  void rewrite();
  LogicalResult writeReport();

  InFlightDiagnostic fail(Population &pop) {
    return pop.op.emitError() << "layer " << pop.name << ": ";
  }
  std::string limits() const {
    return desc.name + "'s " + std::to_string(axonsPerCore) + " axons per core";
  }

  target::TargetDesc desc;
  int64_t axonsPerCore = 0, neuronsPerCore = 0, fanOut = 0, numTypes = 0,
          weightMax = 0;
  std::vector<Population> pops;
  std::vector<Table> tables;
  llvm::DenseMap<Operation *, size_t> popIndex;

  /// A population's splitter, planned before the IR changes.
  struct Splitter {
    size_t source;                 ///< population index
    std::vector<size_t> consumers; ///< tables that read it
    std::vector<int32_t> base;     ///< first splitter neuron per source neuron
    std::vector<int32_t> count;    ///< splitter neurons per source neuron
    int64_t size = 0;
    PopulationOp op; ///< made by rewrite()
  };
  std::vector<Splitter> splitters;
  int64_t splitterNeurons = 0;
};

LogicalResult LegalizeTrueNorthPass::run() {
  GraphOp graph = getOperation();
  if (failed(legalize::checkApproximations(graph, approx, {kLinearLeak})))
    return failure();
  auto loaded = legalize::loadGraphTarget(graph, target, "truenorth");
  if (failed(loaded))
    return failure();
  desc = std::move(*loaded);
  if (!desc.core.axonTypes || desc.core.axonTypes->value > kModelTypes)
    return graph.emitError()
           << "target '" << desc.name << "' needs core.axon_types in 1.."
           << kModelTypes << " (truenorth neurons hold one weight per type)";
  numTypes = desc.core.axonTypes->value;
  axonsPerCore = std::min(desc.core.inputAxons.value, desc.core.maxFanIn.value);
  neuronsPerCore = desc.core.neurons.value;
  fanOut = desc.core.maxFanOut.value;
  weightMax = (int64_t(1) << (desc.precision.weight.bits.value - 1)) - 1;

  if (failed(collect()))
    return failure();
  for (Population &pop : pops)
    if (failed(assignTypes(pop)) || failed(checkCores(pop)))
      return failure();
  if (failed(planSplitters()) || failed(retime()))
    return failure();
  rewrite();
  return writeReport();
}

/// Reads every population, its tables and its inputs' encoders.
LogicalResult LegalizeTrueNorthPass::collect() {
  Block &body = getOperation().getBodyBlock();
  for (auto in : body.getOps<InputOp>()) {
    DictionaryAttr enc = in.getEncoderAttr();
    auto kind = enc ? enc.getAs<StringAttr>("kind") : StringAttr();
    auto off = enc ? enc.getAs<BoolAttr>("off_spikes") : BoolAttr();
    if (kind && kind.getValue() == "direct")
      return in.emitError() << "input '" << in.getName()
                            << "': truenorth axons carry spikes; a direct "
                               "encoder's values are not spikes";
    if (off && off.getValue())
      return in.emitError() << "input '" << in.getName()
                            << "': truenorth axons carry spikes; a delta "
                               "encoder with off_spikes sends -1 events";
  }
  for (auto op : body.getOps<PopulationOp>()) {
    Population &pop = pops.emplace_back();
    pop.op = op;
    pop.name = shownName(op);
    pop.size = op.getSize();
    popIndex[op] = pops.size() - 1;
  }
  for (size_t pi = 0; pi < pops.size(); ++pi) {
    Population &pop = pops[pi];
    if (pop.op.getModel() != "truenorth")
      return fail(pop) << "model '" << pop.op.getModel()
                       << "' does not run on truenorth cores";
    if (auto a = pop.op->getAttrOfType<StringAttr>("approximation"))
      if (!llvm::is_contained(approx, a.getValue().str()))
        return fail(pop) << "snn-quantize approximated it (" << a.getValue()
                         << "), which is not allowed; pass --approx="
                         << a.getValue() << " to allow it";
    for (int t = 0; t < kModelTypes; ++t) {
      StringRef name = truenorth::paramNames()[truenorth::kWeight0 + t];
      auto w = pop.op.getParam(name);
      if (!w)
        return fail(pop) << "parameter '" << name << "' is missing";
      pop.typeWeight[t] = std::move(*w);
    }
    SmallVector<Value> sums;
    Operation *in = pop.op.getInput().getDefiningOp();
    if (isa<SumOp>(in))
      llvm::append_range(sums, in->getOperands());
    else
      sums.push_back(pop.op.getInput());
    for (Value v : sums) {
      auto syn = v.getDefiningOp<SynapsesOp>();
      if (!syn)
        return fail(pop) << "its input is not a synapse table or a sum of "
                            "them";
      if (!syn->hasOneUse() || (isa<SumOp>(in) && !in->hasOneUse()))
        return fail(pop) << "a synapse table into it is shared with another "
                            "op; truenorth tables belong to one population";
      Operation *src = syn.getInput().getDefiningOp();
      if (!isa<InputOp, PopulationOp>(src))
        return fail(pop) << "a synapse table into it reads "
                         << src->getName().getStringRef()
                         << ", not an input or a population";
      if (syn.getWeightExp() != 0)
        return fail(pop) << "a synapse table into it has weight_exp "
                         << syn.getWeightExp()
                         << "; truenorth adds its weights unscaled";
      auto offsets = syn.getOffsets().tryGetAsArrayRef();
      auto targets = syn.getTargets().tryGetAsArrayRef();
      auto weights = syn.getWeights().tryGetAsArrayRef();
      if (!offsets || !targets || !weights)
        return fail(pop) << "a synapse table into it has no data";
      Table &t = tables.emplace_back();
      t.op = syn;
      t.source = src;
      t.consumer = pi;
      t.preSize = int64_t(offsets->size()) - 1;
      t.typed = static_cast<bool>(syn.getAxonTypesAttr());
      if (t.typed) {
        auto types = syn.getAxonTypesAttr().tryGetAsArrayRef();
        if (!types)
          return fail(pop) << "a synapse table into it has no axon types";
        t.offsets.assign(offsets->begin(), offsets->end());
        t.targets.assign(targets->begin(), targets->end());
        t.weights.assign(weights->begin(), weights->end());
        t.types.assign(types->begin(), types->end());
      } else {
        // One synapse per (pre, post), without zeros: the crossbar has one
        // bit per pair, and a zero weight needs no axon.
        t.offsets.assign(1, 0);
        for (int64_t p = 0; p < t.preSize; ++p) {
          std::vector<std::pair<int32_t, int64_t>> row;
          for (int32_t k = (*offsets)[p]; k < (*offsets)[p + 1]; ++k)
            row.push_back({(*targets)[k], (*weights)[k]});
          std::sort(row.begin(), row.end());
          for (size_t k = 0; k < row.size(); ++k) {
            if (k + 1 < row.size() && row[k + 1].first == row[k].first) {
              row[k + 1].second += row[k].second;
              continue;
            }
            if (row[k].second == 0)
              continue;
            t.targets.push_back(row[k].first);
            t.weights.push_back(int32_t(row[k].second));
          }
          t.offsets.push_back(int32_t(t.targets.size()));
        }
      }
      pop.tables.push_back(tables.size() - 1);
    }
    size_t typed =
        llvm::count_if(pop.tables, [&](size_t ti) { return tables[ti].typed; });
    if (typed != 0 && typed != pop.tables.size())
      return fail(pop) << "some synapse tables into it have axon types and "
                          "some do not";
    pop.retype = typed == 0;
  }
  return success();
}

/// (a) Per neuron, its distinct weights become its type weights: negative
/// ones take types 0, 1, ... from the most negative, positive ones types
/// numTypes - 1, numTypes - 2, ... from the largest, so that neurons with
/// the same levels agree and a pre neuron needs few copies.
LogicalResult LegalizeTrueNorthPass::assignTypes(Population &pop) {
  if (!pop.retype) {
    for (int64_t j = 0; j < pop.size; ++j) {
      std::vector<int32_t> levels;
      for (int t = 0; t < numTypes; ++t)
        if (pop.typeWeight[t][j] != 0)
          levels.push_back(pop.typeWeight[t][j]);
      pop.maxLevels = std::max<int64_t>(pop.maxLevels, levels.size());
    }
    for (size_t ti : pop.tables)
      for (int32_t t : tables[ti].types)
        if (t >= numTypes)
          return fail(pop) << "a synapse uses axon type " << t << ", but "
                           << desc.name << " has " << numTypes;
    return success();
  }
  std::vector<std::vector<int32_t>> levels(pop.size);
  for (size_t ti : pop.tables) {
    const Table &t = tables[ti];
    for (size_t k = 0; k < t.targets.size(); ++k)
      levels[t.targets[k]].push_back(t.weights[k]);
  }
  for (int t = 0; t < kModelTypes; ++t)
    pop.typeWeight[t].assign(pop.size, 0);
  std::vector<std::array<int32_t, kModelTypes>> typeOfLevel(pop.size);
  for (int64_t j = 0; j < pop.size; ++j) {
    std::vector<int32_t> &l = levels[j];
    std::sort(l.begin(), l.end());
    l.erase(std::unique(l.begin(), l.end()), l.end());
    pop.maxLevels = std::max<int64_t>(pop.maxLevels, l.size());
    if (int64_t(l.size()) > numTypes) {
      std::string list;
      for (size_t k = 0; k < l.size() && k < 8; ++k)
        list += (k ? ", " : "") + std::to_string(l[k]);
      if (l.size() > 8)
        list += ", ...";
      return fail(pop) << "neuron " << j << " has " << l.size()
                       << " distinct weights (" << list << ") but " << desc.name
                       << " has " << numTypes
                       << " axon types (one weight per type and neuron)";
    }
    for (int32_t w : l)
      if (std::abs(int64_t(w)) > weightMax)
        return fail(pop) << "neuron " << j << " has weight " << w
                         << ", outside " << desc.name << "'s type weights [-"
                         << weightMax << ", " << weightMax << "]";
    size_t neg = std::lower_bound(l.begin(), l.end(), 0) - l.begin();
    for (size_t k = 0; k < l.size(); ++k) {
      int32_t type = k < neg ? int32_t(k) : int32_t(numTypes - l.size() + k);
      typeOfLevel[j][k] = type;
      pop.typeWeight[type][j] = l[k];
    }
  }
  for (size_t ti : pop.tables) {
    Table &t = tables[ti];
    t.types.resize(t.targets.size());
    for (size_t k = 0; k < t.targets.size(); ++k) {
      const std::vector<int32_t> &l = levels[t.targets[k]];
      size_t idx =
          std::lower_bound(l.begin(), l.end(), t.weights[k]) - l.begin();
      t.types[k] = typeOfLevel[t.targets[k]][idx];
    }
  }
  return success();
}

/// (b) Each core block (neurons [b N, (b + 1) N)) needs one axon per copy
/// (pre neuron, type) its neurons use; that must fit the core.
LogicalResult LegalizeTrueNorthPass::checkCores(Population &pop) {
  const int64_t blocks = (pop.size + neuronsPerCore - 1) / neuronsPerCore;
  std::vector<int64_t> axons(blocks, 0), inputs(blocks, 0), fanIn(pop.size, 0);
  std::vector<uint8_t> mask(blocks, 0);
  std::vector<int32_t> touched;
  for (size_t ti : pop.tables) {
    Table &t = tables[ti];
    t.copies.assign(t.preSize, {});
    for (int64_t p = 0; p < t.preSize; ++p) {
      touched.clear();
      for (int32_t k = t.offsets[p]; k < t.offsets[p + 1]; ++k) {
        int32_t j = t.targets[k], b = int32_t(j / neuronsPerCore);
        ++fanIn[j];
        if (!mask[b])
          touched.push_back(b);
        mask[b] |= uint8_t(1u << t.types[k]);
      }
      std::sort(touched.begin(), touched.end());
      for (int32_t b : touched) {
        for (int type = 0; type < kModelTypes; ++type)
          if (mask[b] >> type & 1u)
            t.copies[p].push_back({b, type});
        axons[b] += __builtin_popcount(mask[b]);
        inputs[b] += 1;
        mask[b] = 0;
      }
    }
  }
  for (int64_t j = 0; j < pop.size; ++j) {
    pop.maxFanIn = std::max(pop.maxFanIn, fanIn[j]);
    if (fanIn[j] > axonsPerCore)
      return fail(pop) << "fan-in " << fanIn[j] << " exceeds " << limits()
                       << " (neuron " << j << ")";
  }
  for (int64_t b = 0; b < blocks; ++b) {
    pop.maxAxons = std::max(pop.maxAxons, axons[b]);
    if (axons[b] <= axonsPerCore)
      continue;
    int64_t first = b * neuronsPerCore,
            last = std::min(pop.size, first + neuronsPerCore) - 1;
    auto diag = fail(pop);
    if (inputs[b] > axonsPerCore)
      diag << "fan-in " << inputs[b];
    else
      diag
          << "fan-in " << inputs[b] << " replicated into " << axons[b]
          << " axons for its axon types (x"
          << llvm::formatv("{0:f2}", double(axons[b]) / double(inputs[b])).str()
          << ")";
    return diag << " exceeds " << limits() << " (neurons " << first << ".."
                << last << ")";
  }
  return success();
}

/// (c) A population whose neurons need more destination axons than
/// core.max_fan_out sends every spike to splitter neurons instead: one
/// axon each in a splitter core whose neurons copy the spike (weight 1,
/// alpha 1), each driving up to max_fan_out of the axon copies. Inputs come
/// from the host, which sends one packet per destination axon.
LogicalResult LegalizeTrueNorthPass::planSplitters() {
  for (size_t xi = 0; xi < pops.size(); ++xi) {
    Population &x = pops[xi];
    std::vector<size_t> consumers;
    for (size_t ti = 0; ti < tables.size(); ++ti)
      if (tables[ti].source == x.op.getOperation())
        consumers.push_back(ti);
    std::vector<int64_t> need(x.size, 0);
    for (size_t ti : consumers)
      for (int64_t p = 0; p < x.size; ++p)
        need[p] += tables[ti].copies[p].size();
    int64_t worst =
        need.empty() ? 0 : *std::max_element(need.begin(), need.end());
    x.maxCopies = worst;
    if (worst <= fanOut)
      continue;
    // A splitter inside a recurrent loop would lengthen the loop.
    for (size_t ti : consumers) {
      std::vector<size_t> stack{tables[ti].consumer};
      std::vector<uint8_t> seen(pops.size(), 0);
      while (!stack.empty()) {
        size_t c = stack.back();
        stack.pop_back();
        if (c == xi)
          return fail(x) << "its neurons need up to " << worst
                         << " destination axons (" << desc.name << " allows "
                         << fanOut << "), and a splitter would add a tick "
                         << "inside its recurrent loop through layer "
                         << pops[tables[ti].consumer].name;
        if (seen[c]++)
          continue;
        for (const Table &t : tables)
          if (t.source == pops[c].op.getOperation())
            stack.push_back(t.consumer);
      }
    }
    Splitter s;
    s.source = xi;
    s.consumers = consumers;
    s.base.assign(x.size, 0);
    s.count.assign(x.size, 0);
    // Pack each source neuron's splitter neurons into one core block, so
    // that it drives one axon: at most N neurons and N distinct sources per
    // block (one axon each).
    int64_t cursor = 0, sourcesInBlock = 0;
    for (int64_t p = 0; p < x.size; ++p) {
      int64_t m = (need[p] + fanOut - 1) / fanOut;
      if (m == 0)
        continue;
      if (m > neuronsPerCore)
        return fail(x) << "neuron " << p << " needs " << need[p]
                       << " destination axons; one splitter core copies a "
                       << "spike to at most " << neuronsPerCore * fanOut;
      if (cursor % neuronsPerCore == 0)
        sourcesInBlock = 0;
      int64_t used = cursor % neuronsPerCore;
      if ((used && used + m > neuronsPerCore) ||
          sourcesInBlock == axonsPerCore) {
        cursor += neuronsPerCore - used;
        sourcesInBlock = 0;
      }
      s.base[p] = int32_t(cursor);
      s.count[p] = int32_t(m);
      cursor += m;
      ++sourcesInBlock;
    }
    s.size = cursor;
    x.splitter = x.name + ".split";
    splitters.push_back(std::move(s));
  }
  return success();
}

/// Every population is `latency` ticks behind the unlegalized graph: the
/// largest latency of its sources, a splitter adding one. The tables from
/// sources with less get the difference as delay, so each population sees
/// its inputs in their original alignment. This is exact when a population
/// with latency > 0 rests at V = 0 with no input: no leak (or one toward
/// 0, leak_reversal) and alpha >= 1.
LogicalResult LegalizeTrueNorthPass::retime() {
  llvm::DenseMap<Operation *, size_t> splitterOf;
  for (size_t si = 0; si < splitters.size(); ++si)
    for (size_t ti : splitters[si].consumers)
      splitterOf[tables[ti].op] = si;
  auto sourceLatency = [&](const Table &t) -> int64_t {
    auto it = popIndex.find(t.source);
    if (it == popIndex.end())
      return 0; // an input
    return pops[it->second].latency + (splitterOf.count(t.op) ? 1 : 0);
  };
  // Cycles carry no splitter, so this settles within one pass per
  // population.
  for (size_t iter = 0, changed = 1; changed; ++iter) {
    if (iter > pops.size() + 1)
      return getOperation().emitError("truenorth retiming did not settle");
    changed = 0;
    for (Population &pop : pops)
      for (size_t ti : pop.tables)
        if (int64_t l = sourceLatency(tables[ti]); l > pop.latency) {
          pop.latency = l;
          changed = 1;
        }
  }
  for (Table &t : tables)
    t.delay = t.op.getDelay() + pops[t.consumer].latency - sourceLatency(t);
  for (Population &pop : pops) {
    for (size_t ti : pop.tables)
      if (tables[ti].delay + 1 > truenorth::kMaxAxonDelay)
        return fail(pop) << "its input from " << shownName(tables[ti].source)
                         << " needs a delay of " << tables[ti].delay + 1
                         << " ticks; " << desc.name << "'s axon delays reach "
                         << truenorth::kMaxAxonDelay;
    if (pop.latency == 0)
      continue;
    auto param = [&](truenorth::Param k) {
      return pop.op.getParam(truenorth::paramNames()[k]);
    };
    auto leak = param(truenorth::kLeak), rev = param(truenorth::kLeakReversal),
         alpha = param(truenorth::kAlpha);
    for (int64_t j = 0; leak && rev && alpha && j < pop.size; ++j) {
      if ((*leak)[j] != 0 && !(*rev)[j])
        return fail(pop) << "splitters delay its input by " << pop.latency
                         << " tick(s), during which its leak of " << (*leak)[j]
                         << " per tick (neuron " << j
                         << ") would act alone: not exact";
      if ((*alpha)[j] < 1)
        return fail(pop) << "splitters delay its input by " << pop.latency
                         << " tick(s), and with alpha " << (*alpha)[j]
                         << " (neuron " << j << ") it spikes at rest";
    }
  }
  return success();
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

void LegalizeTrueNorthPass::rewrite() {
  MLIRContext *ctx = &getContext();
  OpBuilder b(ctx);
  auto i32Tensor = [&](int64_t n) {
    return RankedTensorType::get({n}, IntegerType::get(ctx, 32));
  };
  for (Splitter &s : splitters) {
    Population &x = pops[s.source];
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
        b.getI64IntegerAttr(desc.precision.weight.bits.value),
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
      Table &t = tables[ti];
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

  for (Table &t : tables) {
    t.op.setDelay(t.delay);
    if (t.typed)
      continue;
    std::string base = shownName(t.op); // "h/in0": blobs "h.in0.*"
    std::replace(base.begin(), base.end(), '/', '.');
    t.op.setOffsetsAttr(blob(ctx, base + ".offsets", t.offsets));
    t.op.setTargetsAttr(blob(ctx, base + ".targets", t.targets));
    t.op.setWeightsAttr(blob(ctx, base + ".weights", t.weights));
    t.op.setAxonTypesAttr(blob(ctx, base + ".axon_types", t.types));
  }
  for (Population &pop : pops) {
    if (!pop.retype)
      continue;
    NamedAttrList params(pop.op.getParams());
    for (int t = 0; t < kModelTypes; ++t) {
      StringRef name = truenorth::paramNames()[truenorth::kWeight0 + t];
      params.set(name,
                 paramAttr(b, pop.name + "." + name.str(), pop.typeWeight[t]));
    }
    pop.op.setParamsAttr(params.getDictionary(ctx));
  }
  for (auto out : getOperation().getBodyBlock().getOps<OutputOp>())
    if (auto it = popIndex.find(out.getInput().getDefiningOp());
        it != popIndex.end() && pops[it->second].latency > 0)
      out->setAttr("latency", b.getI64IntegerAttr(pops[it->second].latency));
  for (const Splitter &s : splitters)
    splitterNeurons += s.size;
  numSplitterNeurons += splitterNeurons;
  numSplitterPopulations += splitters.size();
}

/// Adds this graph's legalization to the report file (the quantization
/// report of the same run, when there is one) under "legalization".
LogicalResult LegalizeTrueNorthPass::writeReport() {
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
                {"splitter_populations", int64_t(splitters.size())},
                {"splitter_neurons", splitterNeurons},
                {"added_latency", latency}};
  json popsJson = json::array(), outsJson = json::array();
  for (const Population &pop : pops) {
    int64_t blocks = (pop.size + neuronsPerCore - 1) / neuronsPerCore;
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
    leg = {{"target", desc.name}, {"graphs", json::array()}};
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
