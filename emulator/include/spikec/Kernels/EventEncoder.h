//===- EventEncoder.h - the host's encoder of one input port ----*- C++ -*-===//
//
// How the host turns one input's float rows into integer events, step by
// step (QuantizedSimulator.h states the rules; Encoders.h holds the
// per-element ones). The quantized reference's nc.input and the emulator's
// input ports both run this, so they send the same events.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_KERNELS_EVENTENCODER_H
#define SPIKEC_KERNELS_EVENTENCODER_H

#include "spikec/Kernels/Encoders.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace spikec::ref {

enum class Encoding { None, Direct, Rate, Latency, Delta };

struct EventEncoder {
  Encoding encoding = Encoding::None;
  double gain = 1.0, threshold = 0.0;
  /// Direct: the range of round(gain x); [0, 2^bits - 1] with `bits`.
  double directMin = INT32_MIN, directMax = INT32_MAX;
  uint64_t seed = 0;
  int64_t window = 1;
  bool offSpikes = false;
  std::vector<int64_t> offset; // latency: this window's spike offsets
  std::vector<double> ref;     // delta: the references

  /// Sizes the per-element state of an encoder of `encoding` for n elements.
  void resize(size_t n) {
    if (encoding == Encoding::Latency)
      offset.assign(n, -1);
    if (encoding == Encoding::Delta)
      ref.assign(n, 0.0);
  }

  /// Whether the events count as spikes (rate, latency, delta).
  bool emitsSpikes() const {
    return encoding == Encoding::Rate || encoding == Encoding::Latency ||
           encoding == Encoding::Delta;
  }

  /// Encodes the row x (n values) of step t into out; steps come in order
  /// from 0. Allocates nothing.
  void encode(const double *x, int64_t t, int32_t *out, int32_t n) {
    switch (encoding) {
    case Encoding::None:
      for (int32_t i = 0; i < n; ++i)
        out[i] = static_cast<int32_t>(x[i]);
      break;
    case Encoding::Direct:
      for (int32_t i = 0; i < n; ++i)
        out[i] = static_cast<int32_t>(
            std::llround(std::clamp(gain * x[i], directMin, directMax)));
      break;
    case Encoding::Rate:
      for (int32_t i = 0; i < n; ++i)
        out[i] = rateSpike(seed, t, i, gain, x[i]);
      break;
    case Encoding::Latency: {
      int64_t k = t % window;
      if (k == 0)
        for (int32_t i = 0; i < n; ++i)
          offset[i] = latencyOffset(x[i], threshold, window);
      for (int32_t i = 0; i < n; ++i)
        out[i] = offset[i] == k;
      break;
    }
    case Encoding::Delta:
      for (int32_t i = 0; i < n; ++i)
        out[i] = deltaEvent(x[i], ref[i], threshold, offSpikes);
      break;
    }
  }
};

} // namespace spikec::ref

#endif // SPIKEC_KERNELS_EVENTENCODER_H
