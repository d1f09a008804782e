//===- QuantizeReport.cpp - snn-quantize's JSON report --------------------===//
//
// Writes, per graph and population: name, model, neurons, the scale S and
// the bound that set it, per synapse table its source, synapse count,
// weight_exp, delay, weight bits used and relative weight errors, and the
// population's maximum relative weight, threshold and bias errors.
//
//===----------------------------------------------------------------------===//

#include "Quantize.h"

#include "spikec/Support/JSONWrite.h"
#include "spikec/Support/OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>

using namespace spikec;
using namespace spikec::quant;

namespace {
/// Bits of a signed integer able to hold every value in [lo, hi].
int64_t signedBits(int64_t lo, int64_t hi) {
  int64_t bits = 1;
  while (lo < -(int64_t(1) << (bits - 1)) || hi > (int64_t(1) << (bits - 1)) - 1)
    ++bits;
  return bits;
}
} // namespace

void spikec::quant::measureWeightErrors(const FloatTable &ft, IntTable &it,
                                        const std::vector<double> &scalePerPost,
                                        double lsb) {
  int64_t lo = 0, hi = 0;
  double sq = 0;
  it.maxRelError = 0;
  it.compared = 0;
  for (size_t k = 0; k < ft.syn.size() && k < it.weights.size(); ++k) {
    int64_t q = it.weights[k];
    lo = std::min(lo, q);
    hi = std::max(hi, q);
    double exact = scalePerPost[ft.syn[k].post] * ft.syn[k].w;
    if (exact == 0)
      continue;
    double rel = std::abs(double(q) * lsb - exact) / std::abs(exact);
    it.maxRelError = std::max(it.maxRelError, rel);
    sq += rel * rel;
    ++it.compared;
  }
  it.rmsRelError = it.compared ? std::sqrt(sq / double(it.compared)) : 0;
  it.bitsUsed = signedBits(lo, hi);
}

std::string spikec::quant::writeReport(const std::string &path,
                                       const target::TargetDesc &t,
                                       const std::vector<GraphReport> &graphs) {
  // Fields in the order written (a population's name first, its tables
  // last), as a person reads the report.
  using ordered = nlohmann::ordered_json;
  ordered root = {{"target", t.name},
                  {"target_hash", t.contentHashHex()},
                  {"graphs", ordered::array()}};
  for (const GraphReport &g : graphs) {
    ordered pops = ordered::array();
    for (auto [fp, ip] : g.pops) {
      ordered p = {{"name", fp->name},
                   {"kind", fp->kind},
                   {"model", ip->model},
                   {"neurons", fp->size}};
      for (const auto &[key, value] : ip->report)
        p[key] = value;
      double maxRel = 0, sq = 0;
      int64_t compared = 0;
      ordered tables = ordered::array();
      for (size_t i = 0; i < ip->tables.size(); ++i) {
        const IntTable &it = ip->tables[i];
        tables.push_back(
            {{"source", fp->tables[i].source},
             {"synapses", it.synapses},
             {"weight_bits", it.weightBits ? it.weightBits
                                           : t.precision.weight.bits.value},
             {"weight_exp", it.weightExp},
             {"delay", it.delay},
             {"weight_bits_used", it.bitsUsed},
             {"max_rel_weight_error", it.maxRelError},
             {"rms_rel_weight_error", it.rmsRelError}});
        maxRel = std::max(maxRel, it.maxRelError);
        sq += it.rmsRelError * it.rmsRelError * double(it.compared);
        compared += it.compared;
      }
      p["tables"] = std::move(tables);
      p["max_rel_weight_error"] = maxRel;
      p["rms_rel_weight_error"] =
          compared ? std::sqrt(sq / double(compared)) : 0.0;
      pops.push_back(std::move(p));
    }
    root["graphs"].push_back(
        {{"name", g.name}, {"dt", g.dt}, {"populations", std::move(pops)}});
  }
  return writeFileAtomically(path, [&](llvm::raw_ostream &os) {
    os << reportText(std::move(root));
    return std::string();
  });
}
