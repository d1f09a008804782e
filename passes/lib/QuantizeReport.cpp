//===- QuantizeReport.cpp - snn-quantize's JSON report --------------------===//
//
// Writes, per graph and population: name, model, neurons, the scale S and
// the bound that set it, per synapse table its source, synapse count,
// weight_exp, delay, weight bits used and relative weight errors, and the
// population's maximum relative weight, threshold and bias errors.
//
//===----------------------------------------------------------------------===//

#include "Quantize.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace spikec;
using namespace spikec::quant;

std::string spikec::quant::writeReport(const std::string &path,
                                       const target::TargetDesc &t,
                                       const std::vector<GraphReport> &graphs) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return "cannot write report '" + path + "': " + ec.message();
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
                j.attribute("model", fp->kind);
                j.attribute("neurons", fp->size);
                j.attribute("S", ip->scale);
                j.attribute("S_bound", ip->scaleBound);
                j.attributeArray("tables", [&] {
                  for (size_t i = 0; i < ip->tables.size(); ++i)
                    j.object([&] {
                      const IntTable &it = ip->tables[i];
                      j.attribute("source", fp->tables[i].source);
                      j.attribute("synapses", int64_t(it.weights.size()));
                      j.attribute("weight_exp", it.weightExp);
                      j.attribute("delay", it.delay);
                      j.attribute("weight_bits_used", it.bitsUsed);
                      j.attribute("max_rel_weight_error", it.maxRelError);
                      j.attribute("rms_rel_weight_error", it.rmsRelError);
                    });
                });
                j.attribute("max_rel_weight_error", ip->maxRelWeightError);
                j.attribute("rms_rel_weight_error", ip->rmsRelWeightError);
                j.attribute("threshold_rel_error", ip->maxThresholdRelError);
                j.attribute("bias_rel_error", ip->maxBiasRelError);
              });
          });
        });
    });
  });
  os << "\n";
  return "";
}
