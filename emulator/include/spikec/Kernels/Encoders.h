//===- Encoders.h - the input encoders' per-element rules ------*- C++ -*-===//
//
// The one implementation of the snn encoders (SNNOps.td: encode_rate,
// encode_latency, encode_delta), shared by the float reference, the quantized
// reference and the emulator's host side, so that every execution of a
// network draws the same input spikes.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_KERNELS_ENCODERS_H
#define SPIKEC_KERNELS_ENCODERS_H

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace spikec::ref {

/// The counter-based uniform random number in [0, 1) used by the rate encoder:
/// splitmix64 over (seed, step, index). Public so other tools draw the same.
/// Exactly: with mix(z) the splitmix64 finalizer of z + 0x9e3779b97f4a7c15
/// (shifts 30, 27, 31; multipliers 0xbf58476d1ce4e5b9, 0x94d049bb133111eb),
/// h = mix(mix(mix(seed) ^ step) ^ index) and the result is (h >> 11) * 2^-53.
double counterUniform(uint64_t seed, uint64_t step, uint64_t index);

/// Rate coding: element `index` spikes at `step` with probability
/// clamp(gain x, 0, 1), drawn from counterUniform.
inline bool rateSpike(uint64_t seed, int64_t step, int64_t index, double gain,
                      double x) {
  double p = std::clamp(gain * x, 0.0, 1.0);
  return p > 0 && counterUniform(seed, step, index) < p;
}

/// Latency coding: the step within a window of `window` steps at which an
/// element of value x (read at the window's first step) spikes, or -1 when
/// x <= threshold. Rounded half away from zero.
inline int64_t latencyOffset(double x, double threshold, int64_t window) {
  if (!(x > threshold))
    return -1;
  return std::llround((1.0 - std::clamp(x, 0.0, 1.0)) * double(window - 1));
}

/// Delta modulation: +1 when x rose by `threshold` since the reference, -1
/// when it fell by as much and `offSpikes` is set, else 0; the reference
/// follows x on every event.
inline int deltaEvent(double x, double &reference, double threshold,
                      bool offSpikes) {
  if (x - reference >= threshold) {
    reference = x;
    return 1;
  }
  if (offSpikes && reference - x >= threshold) {
    reference = x;
    return -1;
  }
  return 0;
}

} // namespace spikec::ref

#endif // SPIKEC_KERNELS_ENCODERS_H
