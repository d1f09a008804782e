//===- QuantizeReport.cpp - snn-quantize's JSON report --------------------===//
#include "spikec/Support/OutputFile.h"
//
#include "spikec/Support/OutputFile.h"
// Writes, per graph and population: name, model, neurons, the scale S and
#include "spikec/Support/OutputFile.h"
// the bound that set it, per synapse table its source, synapse count,
#include "spikec/Support/OutputFile.h"
// weight_exp, delay, weight bits used and relative weight errors, and the
#include "spikec/Support/OutputFile.h"
// population's maximum relative weight, threshold and bias errors.
#include "spikec/Support/OutputFile.h"
//
#include "spikec/Support/OutputFile.h"
//===----------------------------------------------------------------------===//
#include "spikec/Support/OutputFile.h"

#include "spikec/Support/OutputFile.h"
#include "Quantize.h"
#include "spikec/Support/OutputFile.h"

#include "spikec/Support/OutputFile.h"
#include "llvm/Support/FileSystem.h"
#include "spikec/Support/OutputFile.h"
#include "llvm/Support/JSON.h"
#include "spikec/Support/OutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "spikec/Support/OutputFile.h"

#include "spikec/Support/OutputFile.h"
#include <algorithm>
#include "spikec/Support/OutputFile.h"
#include <cmath>
#include "spikec/Support/OutputFile.h"

#include "spikec/Support/OutputFile.h"
using namespace spikec;
#include "spikec/Support/OutputFile.h"
using namespace spikec::quant;
#include "spikec/Support/OutputFile.h"

#include "spikec/Support/OutputFile.h"
namespace {
#include "spikec/Support/OutputFile.h"
/// Bits of a signed integer able to hold every value in [lo, hi].
#include "spikec/Support/OutputFile.h"
int64_t signedBits(int64_t lo, int64_t hi) {
#include "spikec/Support/OutputFile.h"
  int64_t bits = 1;
#include "spikec/Support/OutputFile.h"
  while (lo < -(int64_t(1) << (bits - 1)) || hi > (int64_t(1) << (bits - 1)) - 1)
#include "spikec/Support/OutputFile.h"
    ++bits;
#include "spikec/Support/OutputFile.h"
  return bits;
#include "spikec/Support/OutputFile.h"
}
#include "spikec/Support/OutputFile.h"
} // namespace
#include "spikec/Support/OutputFile.h"

#include "spikec/Support/OutputFile.h"
void spikec::quant::measureWeightErrors(const FloatTable &ft, IntTable &it,
#include "spikec/Support/OutputFile.h"
                                        const std::vector<double> &scalePerPost,
#include "spikec/Support/OutputFile.h"
                                        double lsb) {
#include "spikec/Support/OutputFile.h"
  int64_t lo = 0, hi = 0;
#include "spikec/Support/OutputFile.h"
  double sq = 0;
#include "spikec/Support/OutputFile.h"
  it.maxRelError = 0;
#include "spikec/Support/OutputFile.h"
  it.compared = 0;
#include "spikec/Support/OutputFile.h"
  for (size_t k = 0; k < ft.syn.size() && k < it.weights.size(); ++k) {
#include "spikec/Support/OutputFile.h"
    int64_t q = it.weights[k];
#include "spikec/Support/OutputFile.h"
    lo = std::min(lo, q);
#include "spikec/Support/OutputFile.h"
    hi = std::max(hi, q);
#include "spikec/Support/OutputFile.h"
    double exact = scalePerPost[ft.syn[k].post] * ft.syn[k].w;
#include "spikec/Support/OutputFile.h"
    if (exact == 0)
#include "spikec/Support/OutputFile.h"
      continue;
#include "spikec/Support/OutputFile.h"
    double rel = std::abs(double(q) * lsb - exact) / std::abs(exact);
#include "spikec/Support/OutputFile.h"
    it.maxRelError = std::max(it.maxRelError, rel);
#include "spikec/Support/OutputFile.h"
    sq += rel * rel;
#include "spikec/Support/OutputFile.h"
    ++it.compared;
#include "spikec/Support/OutputFile.h"
  }
#include "spikec/Support/OutputFile.h"
  it.rmsRelError = it.compared ? std::sqrt(sq / double(it.compared)) : 0;
#include "spikec/Support/OutputFile.h"
  it.bitsUsed = signedBits(lo, hi);
#include "spikec/Support/OutputFile.h"
}
#include "spikec/Support/OutputFile.h"

#include "spikec/Support/OutputFile.h"
std::string spikec::quant::writeReport(const std::string &path,
#include "spikec/Support/OutputFile.h"
                                       const target::TargetDesc &t,
#include "spikec/Support/OutputFile.h"
                                       const std::vector<GraphReport> &graphs) {
#include "spikec/Support/OutputFile.h"
  return writeFileAtomically(path, [&](llvm::raw_ostream &os) {
#include "spikec/Support/OutputFile.h"
  llvm::json::OStream j(os, 2);
#include "spikec/Support/OutputFile.h"
  j.object([&] {
#include "spikec/Support/OutputFile.h"
    j.attribute("target", t.name);
#include "spikec/Support/OutputFile.h"
    j.attribute("target_hash", t.contentHashHex());
#include "spikec/Support/OutputFile.h"
    j.attributeArray("graphs", [&] {
#include "spikec/Support/OutputFile.h"
      for (const GraphReport &g : graphs)
#include "spikec/Support/OutputFile.h"
        j.object([&] {
#include "spikec/Support/OutputFile.h"
          j.attribute("name", g.name);
#include "spikec/Support/OutputFile.h"
          j.attribute("dt", g.dt);
#include "spikec/Support/OutputFile.h"
          j.attributeArray("populations", [&] {
#include "spikec/Support/OutputFile.h"
            for (auto [fp, ip] : g.pops)
#include "spikec/Support/OutputFile.h"
              j.object([&] {
#include "spikec/Support/OutputFile.h"
                j.attribute("name", fp->name);
#include "spikec/Support/OutputFile.h"
                j.attribute("kind", fp->kind);
#include "spikec/Support/OutputFile.h"
                j.attribute("model", ip->model);
#include "spikec/Support/OutputFile.h"
                j.attribute("neurons", fp->size);
#include "spikec/Support/OutputFile.h"
                for (const auto &kv : ip->report)
#include "spikec/Support/OutputFile.h"
                  j.attribute(kv.first, kv.second);
#include "spikec/Support/OutputFile.h"
                double maxRel = 0, sq = 0;
#include "spikec/Support/OutputFile.h"
                int64_t compared = 0;
#include "spikec/Support/OutputFile.h"
                j.attributeArray("tables", [&] {
#include "spikec/Support/OutputFile.h"
                  for (size_t i = 0; i < ip->tables.size(); ++i)
#include "spikec/Support/OutputFile.h"
                    j.object([&] {
#include "spikec/Support/OutputFile.h"
                      const IntTable &it = ip->tables[i];
#include "spikec/Support/OutputFile.h"
                      j.attribute("source", fp->tables[i].source);
#include "spikec/Support/OutputFile.h"
                      j.attribute("synapses", it.synapses);
#include "spikec/Support/OutputFile.h"
                      j.attribute("weight_bits",
#include "spikec/Support/OutputFile.h"
                                  it.weightBits ? it.weightBits
#include "spikec/Support/OutputFile.h"
                                                : t.precision.weight.bits.value);
#include "spikec/Support/OutputFile.h"
                      j.attribute("weight_exp", it.weightExp);
#include "spikec/Support/OutputFile.h"
                      j.attribute("delay", it.delay);
#include "spikec/Support/OutputFile.h"
                      j.attribute("weight_bits_used", it.bitsUsed);
#include "spikec/Support/OutputFile.h"
                      j.attribute("max_rel_weight_error", it.maxRelError);
#include "spikec/Support/OutputFile.h"
                      j.attribute("rms_rel_weight_error", it.rmsRelError);
#include "spikec/Support/OutputFile.h"
                      maxRel = std::max(maxRel, it.maxRelError);
#include "spikec/Support/OutputFile.h"
                      sq += it.rmsRelError * it.rmsRelError * double(it.compared);
#include "spikec/Support/OutputFile.h"
                      compared += it.compared;
#include "spikec/Support/OutputFile.h"
                    });
#include "spikec/Support/OutputFile.h"
                });
#include "spikec/Support/OutputFile.h"
                j.attribute("max_rel_weight_error", maxRel);
#include "spikec/Support/OutputFile.h"
                j.attribute("rms_rel_weight_error",
#include "spikec/Support/OutputFile.h"
                            compared ? std::sqrt(sq / double(compared)) : 0.0);
#include "spikec/Support/OutputFile.h"
              });
#include "spikec/Support/OutputFile.h"
          });
#include "spikec/Support/OutputFile.h"
        });
#include "spikec/Support/OutputFile.h"
    });
#include "spikec/Support/OutputFile.h"
  });
#include "spikec/Support/OutputFile.h"
  os << "\n";
#include "spikec/Support/OutputFile.h"
  return std::string();
#include "spikec/Support/OutputFile.h"
  });
#include "spikec/Support/OutputFile.h"
}
#include "spikec/Support/OutputFile.h"
