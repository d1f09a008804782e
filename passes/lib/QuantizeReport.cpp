//===- QuantizeReport.cpp - snn-quantize's JSON report --------------------===//
//
// Writes, per graph and population: name, model, neurons, the scale S and
// the bound that set it, per synapse table its source, synapse count,
// weight_exp, delay, weight bits used and relative weight errors, and the
// population's maximum relative weight, threshold and bias errors.
//
//===----------------------------------------------------------------------===//

#include "Quantize.h"

#include "spikec/Support/OutputFile.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
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
  return writeFileAtomically(path, [&](llvm::raw_ostream &os) {
  llvm::json::OStream j(os, 2);
  j.object([&] {
    j.attribute("target", t.name);
    j.attribute("target_hash", t.contentHashHex());
    j.attributeArray("graphs", [&] {
      for (const GraphReport &g : graphs)
        j.object([&] {
          j.attribute("name", g.name);
          j.attribute("dt", g.dt);
          j.attributeArray("populations", [&] {
            for (auto [fp, ip] : g.pops)
              j.object([&] {
                j.attribute("name", fp->name);
                j.attribute("kind", fp->kind);
                j.attribute("model", ip->model);
                j.attribute("neurons", fp->size);
                for (const auto &kv : ip->report)
                  j.attribute(kv.first, kv.second);
                double maxRel = 0, sq = 0;
                int64_t compared = 0;
                j.attributeArray("tables", [&] {
                  for (size_t i = 0; i < ip->tables.size(); ++i)
                    j.object([&] {
                      const IntTable &it = ip->tables[i];
                      j.attribute("source", fp->tables[i].source);
                      j.attribute("synapses", it.synapses);
                      j.attribute("weight_bits",
                                  it.weightBits ? it.weightBits
                                                : t.precision.weight.bits.value);
                      j.attribute("weight_exp", it.weightExp);
                      j.attribute("delay", it.delay);
                      j.attribute("weight_bits_used", it.bitsUsed);
                      j.attribute("max_rel_weight_error", it.maxRelError);
                      j.attribute("rms_rel_weight_error", it.rmsRelError);
                      maxRel = std::max(maxRel, it.maxRelError);
                      sq += it.rmsRelError * it.rmsRelError * double(it.compared);
                      compared += it.compared;
                    });
                });
                j.attribute("max_rel_weight_error", maxRel);
                j.attribute("rms_rel_weight_error",
                            compared ? std::sqrt(sq / double(compared)) : 0.0);
              });
          });
        });
    });
  });
  os << "\n";
  return std::string();
  });
}
