//===- EvalData.cpp - spikec eval: a dataset's input rows -----------------===//

#include "EvalData.h"

#include "spikec/Kernels/Encoders.h"
#include "spikec/Support/FormatNumber.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

#include <algorithm>
#include <cmath>

using namespace mlir;

namespace spikec::driver {

ref::Rows encodeImage(const uint8_t *pixels, int64_t width, Encoding how,
                      uint64_t seed, int64_t steps, int64_t drain) {
  ref::Rows rows(steps + drain, std::vector<double>(width, 0.0));
  for (int64_t i = 0; i < width; ++i) {
    double x = pixels[i] / 255.0;
    switch (how) {
    case Encoding::Rate:
      for (int64_t t = 0; t < steps; ++t)
        rows[t][i] = ref::rateSpike(seed, t, i, 1.0, x) ? 1.0 : 0.0;
      break;
    case Encoding::Latency:
      if (int64_t t = ref::latencyOffset(x, 0.0, steps); t >= 0)
        rows[t][i] = 1.0;
      break;
    case Encoding::Direct:
      for (int64_t t = 0; t < steps; ++t)
        rows[t][i] = x;
      break;
    }
  }
  return rows;
}

LogicalResult readSpikeTrains(StringRef samplesPath, StringRef labelsPath,
                              MLIRContext &ctx, io::NpyArray &trains,
                              io::LabelledImages &data) {
  auto samples = io::readNpyArray(samplesPath, &ctx);
  auto labels = io::readNpyArray(labelsPath, &ctx);
  if (failed(samples) || failed(labels))
    return failure();
  auto bad = [&](StringRef path, const std::string &why) {
    emitError(FileLineColLoc::get(&ctx, path, 0, 0)) << why;
    return failure();
  };
  if (samples->shape.size() < 3 || samples->shape[0] == 0 ||
      samples->shape[1] == 0)
    return bad(samplesPath, "expected samples of shape (N, T, ...): N > 0 "
                            "samples of T > 0 input rows each");
  if (labels->shape.size() != 1 || labels->shape[0] != samples->shape[0])
    return bad(labelsPath, "expected " + std::to_string(samples->shape[0]) +
                               " labels, one per sample, in shape (N,)");
  data.count = samples->shape[0];
  data.itemSize =
      int64_t(samples->values.size()) / data.count / samples->shape[1];
  for (size_t i = 0; i < labels->values.size(); ++i) {
    double l = labels->values[i];
    if (l < 0 || l > 255 || l != std::floor(l))
      return bad(labelsPath, "label " + std::to_string(i) + " is " +
                                 formatNumber(l) + ", not a class in 0..255");
    data.labels.push_back(uint8_t(l));
    data.numClasses = std::max(data.numClasses, int(l) + 1);
  }
  trains = std::move(*samples);
  return success();
}

ref::Rows sampleRows(const io::NpyArray &trains, int64_t i, int64_t drain) {
  int64_t steps = trains.shape[1];
  int64_t width = int64_t(trains.values.size()) / trains.shape[0] / steps;
  ref::Rows rows(steps + drain, std::vector<double>(width, 0.0));
  const double *x = trains.values.data() + i * steps * width;
  for (int64_t t = 0; t < steps; ++t)
    std::copy(x + t * width, x + (t + 1) * width, rows[t].begin());
  return rows;
}

} // namespace spikec::driver
