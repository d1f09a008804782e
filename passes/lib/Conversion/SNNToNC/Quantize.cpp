//===- Quantize.cpp - snn.network to nc.graph for a target ----------------===//
//
// snn-quantize: every projection chain into a population is composed, in
// floating point and exactly, into one float synapse table per spiking
// source (plus a constant from affine/conv biases; Projections.cpp); the
// target's backend (Quantize.h: QuantizeLoihi.cpp, ...) turns those and the
// population's per-step parameters into its integers; this file is the pass
// and builds the nc.graph: inputs and encoders, populations, delays, the
// synapse tables, outputs. Rules and reasons: targets/MODELS.md,
// "Quantizing for <target>".
//
//===----------------------------------------------------------------------===//

#include "Quantize.h"
#include "Projections.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/IRMapping.h"

#include <algorithm>
#include <deque>

namespace spikec {
#define GEN_PASS_DEF_QUANTIZE
#include "spikec/Passes/Conversion/Passes.h.inc"
} // namespace spikec

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;
using namespace spikec::quant;

namespace {

/// Copies `from`'s location (its NameLoc) to the new op.
Location locOf(Operation *from) { return from->getLoc(); }

/// The location of an op made for `from` with its own node name, so that a
/// probe of `from`'s name finds the population and not its synapse tables.
Location namedLoc(Operation *from, const std::string &name) {
  return NameLoc::get(StringAttr::get(from->getContext(), name),
                      from->getLoc());
}

struct QuantizePass : spikec::impl::QuantizeBase<QuantizePass> {
  using QuantizeBase::QuantizeBase;

  void runOnOperation() override {
    auto loaded = nc::lookupTarget(getOperation(), target);
    if (failed(loaded))
      return signalPassFailure();
    desc = **loaded;
    // The graphs name their target by the description's name: later passes
    // that look it up by that name share this one.
    nc::getTargetCache(&getContext()).add(desc.name, *loaded);
    std::string why;
    backend = makeBackend(desc, why);
    if (!backend) {
      getOperation().emitError() << why;
      return signalPassFailure();
    }
    backend->options = {weightBits, maxWeightError, activationBits,
                        {approx.begin(), approx.end()}};
    SmallVector<NetworkOp> nets(getOperation().getOps<NetworkOp>());
    for (NetworkOp net : nets)
      if (failed(lowerNetwork(net)))
        return signalPassFailure();
    if (!report.empty()) {
      std::string err = writeReport(report, desc, graphs);
      if (!err.empty()) {
        getOperation().emitError() << err;
        return signalPassFailure();
      }
    }
  }

  LogicalResult lowerNetwork(NetworkOp net);
  LogicalResult readPopulation(Operation *op, FloatPopulation &pop);

  /// The driver's measurement of sample inputs, if any (Calibration.h).
  quant::CalibrationSource calibrationSource;
  target::TargetDesc desc;
  std::shared_ptr<Backend> backend; // shared: passes are cloned
  std::deque<FloatPopulation> floatPops;
  std::deque<IntPopulation> intPops;
  std::vector<GraphReport> graphs;
};

/// Reads the LIF family's per-step parameters, reset and timing.
LogicalResult readLIFFamily(Operation *op, FloatPopulation &pop) {
  ArrayRef<int64_t> shape = shapeOf(op->getResult(0));
  auto get = [&](StringRef attrName, double dflt,
                 std::vector<double> &out) -> bool {
    Attribute a = op->getAttr(attrName);
    if (!a) {
      out.assign(pop.size, dflt);
      return true;
    }
    auto v = expandParam(a, shape);
    if (!v)
      return false;
    out = std::move(*v);
    return true;
  };
  bool ok = get("gain", 1.0, pop.gain) && get("bias", 0.0, pop.bias) &&
            get("decay", 1.0, pop.decay) && get("v_threshold", 0.0, pop.vth) &&
            get("v_reset", 0.0, pop.vReset) &&
            get("syn_decay", 1.0, pop.synDecay) &&
            get("syn_gain", 1.0, pop.synGain);
  if (!ok)
    return op->emitError() << describeOp(op) << ": a parameter blob is missing";
  ResetMode reset;
  SpikeTiming timing;
  int64_t refractory;
  if (isa<LIOp, CubaLIOp, IntegratorOp>(op)) {
    // Readouts: no threshold, no reset; v is the output.
    pop.reset = "none";
    pop.timingPre = false;
    pop.refractory = 0;
    return success();
  }
  if (auto l = dyn_cast<LIFOp>(op)) {
    reset = l.getReset(); timing = l.getTiming(); refractory = l.getRefractory();
  } else if (auto l = dyn_cast<IFOp>(op)) {
    reset = l.getReset(); timing = l.getTiming(); refractory = l.getRefractory();
  } else if (auto l = dyn_cast<AdaptiveLIFOp>(op)) {
    reset = l.getReset(); timing = l.getTiming(); refractory = l.getRefractory();
  } else {
    auto c = cast<CubaLIFOp>(op);
    reset = c.getReset(); timing = c.getTiming(); refractory = c.getRefractory();
  }
  pop.reset = reset == ResetMode::Subtract ? "subtract"
              : reset == ResetMode::None   ? "none"
                                           : "zero";
  pop.timingPre = timing == SpikeTiming::Pre;
  pop.refractory = refractory;
  return success();
}

LogicalResult QuantizePass::readPopulation(Operation *op,
                                           FloatPopulation &pop) {
  auto fail = [&](const std::string &msg) {
    return op->emitError() << describeOp(op) << ": " << msg;
  };
  pop.op = op;
  pop.kind = op->getName().stripDialect().str();
  pop.name = spikec::nodeName(op);
  pop.size = numElements(op->getResult(0));
  if (!cast<NeuronOpInterface>(op).isDiscrete())
    return fail("parameters are not in per-step form: run snn-discretize "
                "first");
  if ((pop.isLIFFamily() || pop.kind == "alif" || pop.isReadout()) &&
      failed(readLIFFamily(op, pop)))
    return failure();
  std::string why = backend->checkPopulation(pop);
  if (!why.empty())
    return fail(why);
  if (!backend->listsModel(pop))
    return fail("target '" + desc.name + "' does not list model " + pop.kind);
  return success();
}

LogicalResult QuantizePass::lowerNetwork(NetworkOp net) {
  if (!net.getDtAttr())
    return net.emitError() << "network '" << net.getSymName()
                           << "' has no dt: run snn-discretize first";
  std::optional<Calibration> calibration;
  if (calibrationSource) {
    if (!(calibrateMargin >= 1))
      return net.emitError() << "calibrate-margin must be at least 1, got "
                             << calibrateMargin.getValue();
    auto measured = calibrationSource(net);
    if (failed(measured))
      return failure();
    calibration = std::move(*measured);
  }
  MLIRContext *ctx = &getContext();
  OpBuilder b(net);
  auto graph = b.create<nc::GraphOp>(net.getLoc(), net.getSymName(), desc.name,
                                     desc.contentHashHex());
  graph->setAttr("dt", net.getDtAttr());
  b.setInsertionPointToStart(&graph.getBodyBlock());
  auto i32Tensor = [&](int64_t n) {
    return RankedTensorType::get({n}, IntegerType::get(ctx, 32));
  };
  auto cleanup = [&]() {
    graph.getBodyBlock().dropAllDefinedValueUses();
    graph->erase();
    return failure();
  };

  IRMapping map; // snn spike values -> nc values
  SmallVector<Operation *> placeholders;
  // Inputs and their encoders.
  for (Operation &op : net.getBodyBlock()) {
    auto in = dyn_cast<InputOp>(op);
    if (!in)
      continue;
    Value ncIn;
    DictionaryAttr enc;
    Operation *encOp = nullptr;
    bool direct = false;
    for (Operation *user : in->getUsers()) {
      if (isEncoder(user)) {
        if (encOp) {
          in.emitError() << describeOp(in) << ": " << desc.name
                         << " takes one encoder per input";
          return cleanup();
        }
        encOp = user;
      } else {
        direct = true;
      }
    }
    if (encOp && direct) {
      in.emitError() << describeOp(in)
                     << ": used both through an encoder and directly";
      return cleanup();
    }
    if (encOp) {
      std::string why = backend->checkEncoder(encOp);
      if (!why.empty()) {
        encOp->emitError() << describeOp(encOp) << ": " << why;
        return cleanup();
      }
      auto f64 = [&](double x) { return b.getF64FloatAttr(x); };
      SmallVector<NamedAttribute> d;
      if (auto r = dyn_cast<EncodeRateOp>(encOp)) {
        d = {b.getNamedAttr("kind", b.getStringAttr("rate")),
             b.getNamedAttr("gain", f64(r.getGain().convertToDouble())),
             b.getNamedAttr("seed", b.getI64IntegerAttr(int64_t(r.getSeed())))};
      } else if (auto l = dyn_cast<EncodeLatencyOp>(encOp)) {
        d = {b.getNamedAttr("kind", b.getStringAttr("latency")),
             b.getNamedAttr("window", b.getI64IntegerAttr(int64_t(l.getWindow()))),
             b.getNamedAttr("threshold",
                            f64(l.getThreshold().convertToDouble()))};
      } else if (auto dl = dyn_cast<EncodeDeltaOp>(encOp)) {
        d = {b.getNamedAttr("kind", b.getStringAttr("delta")),
             b.getNamedAttr("threshold",
                            f64(dl.getThreshold().convertToDouble())),
             b.getNamedAttr("off_spikes", b.getBoolAttr(dl.getOffSpikes()))};
      } else {
        auto dr = cast<EncodeDirectOp>(encOp);
        d = {b.getNamedAttr("kind", b.getStringAttr("direct")),
             b.getNamedAttr("gain", f64(dr.getGain().convertToDouble()))};
      }
      enc = b.getDictionaryAttr(d);
    }
    auto ncOp = b.create<nc::InputOp>(locOf(in), i32Tensor(numElements(in)),
                                      in.getName(), enc, DenseI64ArrayAttr());
    // A multi-dimensional input keeps its shape, for nested input rows.
    if (auto type = cast<RankedTensorType>(in.getType()); type.getRank() > 1)
      ncOp.setShapeAttr(b.getDenseI64ArrayAttr(type.getShape()));
    ncIn = ncOp;
    map.map(encOp ? encOp->getResult(0) : Value(in.getResult()), ncIn);
  }

  // Populations: check and read them all first, with placeholder inputs.
  // A delay of spikes becomes the delay of the synapse groups its events
  // reach (nc.synapses' delay): its result is a spike source with the nc
  // value of its input and `delayOf` extra steps per element (one value
  // when uniform). Per-element delays split a table into one per delay.
  SmallVector<DelayOp> delays;
  llvm::DenseMap<Value, std::vector<int64_t>> delayOf;
  SmallVector<std::pair<Operation *, nc::PopulationOp>> pops;
  for (Operation &op : net.getBodyBlock()) {
    if (!isa<NeuronOpInterface>(op) || isEncoder(&op))
      continue;
    if (auto d = dyn_cast<DelayOp>(op)) {
      const auto &maxDelay = desc.core.maxSynapticDelay;
      if (!maxDelay) {
        op.emitError() << describeOp(&op) << ": " << desc.name
                       << " declares no synaptic delays "
                          "(core.max_synaptic_delay), so a delay cannot be "
                          "mapped";
        return cleanup();
      }
      delays.push_back(d);
      continue;
    }
    FloatPopulation &fp = floatPops.emplace_back();
    if (failed(readPopulation(&op, fp)))
      return cleanup();
    auto type = i32Tensor(fp.size);
    auto ph = b.create<UnrealizedConversionCastOp>(op.getLoc(), TypeRange{type},
                                                   ValueRange{});
    placeholders.push_back(ph);
    auto pop = b.create<nc::PopulationOp>(locOf(&op), type, ph.getResult(0),
                                          "", b.getDictionaryAttr({}));
    map.map(op.getResult(0), pop.getResult());
    pops.push_back({&op, pop});
  }

  // Delays: a source through delays (chains add up), resolved now that
  // every population has its nc value.
  for (bool changed = true; changed;) {
    changed = false;
    for (DelayOp d : delays) {
      if (map.contains(d.getResult()))
        continue;
      Value in = d.getInput();
      if (!map.contains(in)) {
        Operation *def = in.getDefiningOp();
        bool pendingDelay = def && isa<DelayOp>(def);
        if (pendingDelay)
          continue;
        d.emitError() << describeOp(d) << ": delays "
                      << (def ? describeOp(def) : std::string("a block argument"))
                      << ", which is not spikes; " << desc.name
                      << " delays events between neurons only (put the "
                         "delay before the projection)";
        return cleanup();
      }
      map.map(d.getResult(), map.lookup(in));
      // Elementwise: element i waits its own steps plus its input's.
      ArrayRef<int64_t> steps = *d.getSteps();
      std::vector<int64_t> inner = delayOf.lookup(in);
      size_t n = std::max({steps.size(), inner.size(), size_t(1)});
      std::vector<int64_t> total(n);
      for (size_t i = 0; i < n; ++i)
        total[i] = (steps.size() == 1 ? steps[0] : steps[i]) +
                   (inner.empty()       ? 0
                    : inner.size() == 1 ? inner[0]
                                        : inner[i]);
      if (std::all_of(total.begin(), total.end(),
                      [&](int64_t x) { return x == total[0]; }))
        total.resize(1);
      delayOf[d.getResult()] = std::move(total);
      changed = true;
    }
  }
  for (DelayOp d : delays)
    if (!map.contains(d.getResult())) {
      d.emitError() << describeOp(d) << ": a cycle of delays with no neuron";
      return cleanup();
    }

  GraphReport &rep = graphs.emplace_back();
  rep.name = net.getSymName().str();
  rep.dt = net.getDtAttr().getValueAsDouble();
  size_t popIndex = floatPops.size() - pops.size();
  for (auto [op, ncPop] : pops) {
    FloatPopulation &fp = floatPops[popIndex++];
    Lowering low(net, map, desc.name, desc.core.storesZeroWeights);
    auto expr = low.exprOf(op->getOperand(0));
    if (failed(expr)) {
      low.errorOp->emitError() << low.error;
      return cleanup();
    }
    fp.constant = expr->constant;
    std::vector<Value> sources;
    for (auto &[src, syn] : expr->terms) {
      FloatTable &t = fp.tables.emplace_back();
      t.source = spikec::nodeName(src.getDefiningOp());
      t.preSize = numElements(src);
      // The op whose events these are, through any delays.
      t.sourceOp = src.getDefiningOp();
      while (isa_and_nonnull<DelayOp>(t.sourceOp))
        t.sourceOp = t.sourceOp->getOperand(0).getDefiningOp();
      t.syn = std::move(syn.items);
      // A chip that stores zero weights reads them (synaptic ops); else
      // they are not synapses at all.
      if (!desc.core.storesZeroWeights)
        t.syn.erase(std::remove_if(t.syn.begin(), t.syn.end(),
                                   [](const Synapse &s) { return s.w == 0; }),
                    t.syn.end());
      syn = TermList();
      if (calibration)
        t.preRate = calibration->rate.lookup(src);
      sources.push_back(src);
    }
    if (calibration) {
      auto found = calibration->pops.find(op);
      if (found != calibration->pops.end())
        fp.activity = &found->second;
      fp.margin = calibrateMargin;
    }
    if (sources.empty()) {
      op->emitError() << describeOp(op)
                      << ": has no synaptic input from spikes";
      return cleanup();
    }
    IntPopulation &ip = intPops.emplace_back();
    std::string why;
    if (why = backend->quantize(fp, ip); !why.empty()) {
      op->emitError() << describeOp(op) << ": " << why;
      return cleanup();
    }
    // Synapse tables, summed.
    b.setInsertionPoint(ncPop);
    SmallVector<Value> sums;
    std::string base = fp.name.empty() ? "pop" : fp.name;
    for (size_t t = 0; t < sources.size(); ++t) {
      IntTable &it = ip.tables[t];
      it.synapses = int64_t(it.weights.size());
      // Delays: one table per distinct delay of its pre neurons (each keeps
      // only its pres' rows), every one within the target's range.
      std::vector<int64_t> extra = delayOf.lookup(sources[t]);
      if (extra.empty())
        extra.assign(1, 0);
      std::vector<int64_t> distinct(extra);
      std::sort(distinct.begin(), distinct.end());
      distinct.erase(std::unique(distinct.begin(), distinct.end()),
                     distinct.end());
      if (distinct.back() > 0) {
        int64_t max = desc.core.maxSynapticDelay->value;
        int64_t worst = distinct.back();
        if (it.delay + worst > max) {
          size_t pre =
              std::find(extra.begin(), extra.end(), worst) - extra.begin();
          op->emitError()
              << describeOp(op) << ": its input from '" << fp.tables[t].source
              << "'"
              << (extra.size() > 1 ? " (element " + std::to_string(pre) + ")"
                                   : std::string())
              << " is delayed " << it.delay + worst << " steps"
              << (it.delay ? " (" + std::to_string(worst) + " by delays, " +
                                 std::to_string(it.delay) + " by the mapping)"
                           : std::string())
              << ", beyond " << desc.name << "'s " << max
              << " (core.max_synaptic_delay)";
          return cleanup();
        }
      }
      for (size_t k = 0; k < distinct.size(); ++k) {
        // One table: its vectors move into the blobs (no copy at 100M
        // synapses); several: each part gets its rows.
        IntTable part;
        IntTable *use = &it;
        if (distinct.size() > 1) {
          part.offsets.assign(it.offsets.size(), 0);
          for (size_t p = 0; p + 1 < it.offsets.size(); ++p) {
            if (extra[p] == distinct[k])
              for (int32_t q = it.offsets[p]; q < it.offsets[p + 1]; ++q) {
                part.targets.push_back(it.targets[q]);
                part.weights.push_back(it.weights[q]);
              }
            part.offsets[p + 1] = int32_t(part.targets.size());
          }
          use = &part;
        }
        std::string suffix =
            distinct.size() > 1 ? ".d" + std::to_string(distinct[k]) : "";
        std::string blob = base + ".in" + std::to_string(t) + suffix;
        auto syn = b.create<nc::SynapsesOp>(
            namedLoc(op, base + "/in" + std::to_string(t) + suffix),
            i32Tensor(fp.size), map.lookup(sources[t]),
            makeIndexBlob(ctx, blob + ".offsets", std::move(use->offsets)),
            makeIndexBlob(ctx, blob + ".targets", std::move(use->targets)),
            makeIndexBlob(ctx, blob + ".weights", std::move(use->weights)),
            b.getI64IntegerAttr(it.weightBits
                                    ? it.weightBits
                                    : desc.precision.weight.bits.value),
            b.getI64IntegerAttr(it.weightExp),
            b.getI64IntegerAttr(it.delay + distinct[k]));
        sums.push_back(syn);
      }
      if (distinct.size() == 1)
        it.delay += distinct[0];
      // The vectors moved into the IR; the report keeps the figures.
      it.offsets = {};
      it.targets = {};
      it.weights = {};
      numSynapses += uint64_t(it.synapses);
      // The report keeps only the tables' figures.
      fp.tables[t].syn = {};
    }
    Value in = sums.front();
    if (sums.size() > 1)
      in = b.create<nc::SumOp>(namedLoc(op, base + "/sum"), i32Tensor(fp.size),
                               sums);
    ncPop.getInputMutable().assign(in);
    auto param = [&](StringRef pname,
                     const std::vector<int32_t> &v) -> NamedAttribute {
      Attribute a;
      if (std::all_of(v.begin(), v.end(), [&](int32_t x) { return x == v[0]; }))
        a = b.getI64IntegerAttr(v[0]);
      else
        a = makeIndexBlob(ctx, base + "." + pname.str(), v);
      return b.getNamedAttr(pname, a);
    };
    SmallVector<NamedAttribute> params;
    for (const auto &[pname, values] : ip.params)
      params.push_back(param(pname, values));
    ncPop.setModel(ip.model);
    ncPop.setParamsAttr(b.getDictionaryAttr(params));
    if (!ip.approximation.empty())
      ncPop->setAttr("approximation", b.getStringAttr(ip.approximation));
    if (!ip.approximationNote.empty())
      op->emitRemark() << describeOp(op) << ": approximated (" << ip.approximation
                       << "): " << ip.approximationNote;
    ++numPopulations;
    rep.pops.push_back({&fp, &ip});
  }
  for (Operation *ph : placeholders)
    ph->erase();

  // Outputs.
  b.setInsertionPointToEnd(&graph.getBodyBlock());
  for (Operation &op : net.getBodyBlock()) {
    auto out = dyn_cast<OutputOp>(op);
    if (!out)
      continue;
    if (auto d = out.getInput().getDefiningOp<DelayOp>()) {
      out.emitError() << describeOp(out) << ": reads " << describeOp(d) << "; "
                      << desc.name
                      << "'s delays belong to the synapse groups between "
                         "neurons, and an output reads a neuron directly";
      graphs.pop_back();
      return cleanup();
    }
    Value v = map.lookupOrNull(out.getInput());
    if (!v) {
      Operation *def = out.getInput().getDefiningOp();
      out.emitError() << describeOp(out) << ": reads "
                      << (def ? describeOp(def) : std::string("a block argument"))
                      << ", which is not a population or an input; "
                      << desc.name << " outputs read those";
      graphs.pop_back();
      return cleanup();
    }
    b.create<nc::OutputOp>(locOf(out), v, out.getName());
  }
  net.erase();
  return success();
}

} // namespace

std::unique_ptr<Pass>
spikec::createQuantize(const QuantizeOptions &options,
                       quant::CalibrationSource calibration) {
  auto pass = std::make_unique<QuantizePass>(options);
  pass->calibrationSource = std::move(calibration);
  return pass;
}
