//===- TrueNorthPlan.cpp - deciding a truenorth legalization
//---------------===//
//
// The analysis half of nc-legalize-truenorth (TrueNorthPlan.h): steps (a) to
// (c) of LegalizeTrueNorth.cpp's header, and the retiming, on plain vectors.
//
//===----------------------------------------------------------------------===//

#include "TrueNorthPlan.h"

#include "spikec/Support/LocationName.h"
#include "spikec/Target/TrueNorthParams.h"

#include "llvm/Support/FormatVariadic.h"

#include <algorithm>

using namespace mlir;
using namespace spikec;
using namespace spikec::nc;
using namespace spikec::truenorth;

std::string truenorth::shownName(Operation *op) {
  std::string name = spikec::nodeName(op);
  return name.empty() ? std::string("<unnamed>") : name;
}

Plan::Plan(GraphOp graph, nc::SharedTarget target,
           std::vector<std::string> approx)
    : graph(graph), shared(std::move(target)), desc(*shared),
      approx(std::move(approx)) {}

LogicalResult Plan::build() {
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
  return success(succeeded(planSplitters()) && succeeded(retime()));
}

/// Reads every population, its tables and its inputs' encoders.
LogicalResult Plan::collect() {
  Block &body = graph.getBodyBlock();
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
      StringRef name = paramNames()[kWeight0 + t];
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
LogicalResult Plan::assignTypes(Population &pop) {
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
LogicalResult Plan::checkCores(Population &pop) {
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
LogicalResult Plan::planSplitters() {
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
LogicalResult Plan::retime() {
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
      return graph.emitError("truenorth retiming did not settle");
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
      if (tables[ti].delay + 1 > kMaxAxonDelay)
        return fail(pop) << "its input from " << shownName(tables[ti].source)
                         << " needs a delay of " << tables[ti].delay + 1
                         << " ticks; " << desc.name << "'s axon delays reach "
                         << kMaxAxonDelay;
    if (pop.latency == 0)
      continue;
    auto param = [&](Param k) { return pop.op.getParam(paramNames()[k]); };
    auto leak = param(kLeak), rev = param(kLeakReversal), alpha = param(kAlpha);
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
