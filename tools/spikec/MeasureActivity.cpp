//===- MeasureActivity.cpp - what sample inputs do, for snn-quantize -----===//
//
// --calibrate=FILE: when snn-quantize is about to lower a network, the float
// reference runs it on the sample inputs in FILE with hardware timing (the
// chip's) and records what the worst-case bounds otherwise guess: each
// population's input range and membrane floor, and how often each source
// neuron is active. The backends bound their scales by what was measured
// (times a margin) and round weights so that the rounding errors cancel at
// the measured rates. The pass gets this as a CalibrationSource.
//
//===----------------------------------------------------------------------===//

#include "MeasureActivity.h"

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/IO/SpikeFiles.h"
#include "spikec/Reference/Simulator.h"

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;

/// Each column's range over `rows`, widened to include 0 (the state at
/// rest).
static void rangeOf(const ref::Rows &rows, std::vector<double> &lo,
                    std::vector<double> &hi) {
  size_t n = rows.front().size();
  lo.assign(n, 0.0);
  hi.assign(n, 0.0);
  for (const auto &row : rows)
    for (size_t i = 0; i < n; ++i) {
      lo[i] = std::min(lo[i], row[i]);
      hi[i] = std::max(hi[i], row[i]);
    }
}

static FailureOr<quant::Calibration> measure(NetworkOp net,
                                             const std::string &path) {
  MLIRContext *ctx = net.getContext();
  auto rows = io::readInputFile(path, io::getInputSpecs(net), ctx);
  if (failed(rows))
    return net.emitError() << "calibration input '" << path
                           << "' cannot be used (see above)";
  int64_t steps = 0;
  for (auto &[name, r] : *rows)
    steps = steps == 0 ? int64_t(r.size()) : std::min(steps, int64_t(r.size()));
  if (steps == 0)
    return net.emitError() << "calibration input '" << path
                           << "' has no timesteps";

  ref::SimOptions options;
  options.sync = Sync::Hardware;
  options.timesteps = steps;
  // Keys are op positions: calibration must not depend on node names.
  std::vector<Operation *> sources, pops;
  int64_t index = 0;
  auto key = [&](const char *what) {
    return std::string(what) + "#" + std::to_string(index);
  };
  for (Operation &op : net.getBodyBlock()) {
    ++index;
    bool isPop =
        isa<NeuronOpInterface>(op) && !isEncoder(&op) && !isa<DelayOp>(op);
    if (isa<InputOp>(op) || isEncoder(&op) || isPop) {
      sources.push_back(&op);
      options.opProbes.push_back({&op, "out", key("s")});
    }
    if (!isPop)
      continue;
    pops.push_back(&op);
    Operation *in = op.getOperand(0).getDefiningOp();
    options.opProbes.push_back({in, "out", key("x")});
    if (llvm::is_contained(cast<NeuronOpInterface>(op).getStateNames(), "v"))
      options.opProbes.push_back({&op, "v", key("v")});
  }
  auto trace = ref::simulate(net, *rows, options);
  if (failed(trace))
    return net.emitError() << "calibration run of the float reference failed";

  quant::Calibration cal;
  cal.timesteps = steps;
  index = 0;
  for (Operation &op : net.getBodyBlock()) {
    ++index;
    auto s = trace->probes.find(key("s"));
    if (s != trace->probes.end()) {
      std::vector<double> rate(s->second.front().size(), 0.0);
      for (const auto &row : s->second)
        for (size_t i = 0; i < row.size(); ++i)
          rate[i] += std::abs(row[i]);
      for (double &r : rate)
        r /= double(steps);
      cal.rate[op.getResult(0)] = std::move(rate);
    }
    auto x = trace->probes.find(key("x"));
    if (x == trace->probes.end())
      continue;
    quant::PopulationActivity &a = cal.pops[&op];
    rangeOf(x->second, a.inMin, a.inMax);
    auto v = trace->probes.find(key("v"));
    if (v != trace->probes.end())
      rangeOf(v->second, a.vMin, a.vMax);
  }
  return cal;
}

quant::CalibrationSource driver::calibrationFromSamples(std::string path) {
  return [path](NetworkOp net) { return measure(net, path); };
}
