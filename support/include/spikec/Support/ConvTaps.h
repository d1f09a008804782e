//===- ConvTaps.h - the synapses of a convolution --------------*- C++ -*-===//
//
// A convolution is a sparse projection: every kernel tap that lands inside
// the input connects one input element to one output element. The importers
// and snn-quantize expand convolutions (and pools, as per-channel
// convolutions) into synapse lists through this one walk. Header-only, plain
// C++.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_SUPPORT_CONVTAPS_H
#define SPIKEC_SUPPORT_CONVTAPS_H

#include <cstdint>

namespace spikec {

/// A 2-D convolution's geometry (a 1-D one has height 1), PyTorch's: input
/// and output as (channels, height, width), weights as (out channels, in
/// channels / groups, kernel height, kernel width).
struct ConvGeometry {
  int64_t inChannels = 1, inH = 1, inW = 1;
  int64_t outChannels = 1, outH = 1, outW = 1;
  int64_t kernelH = 1, kernelW = 1;
  int64_t strideH = 1, strideW = 1, padH = 0, padW = 0, dilH = 1, dilW = 1;
  int64_t groups = 1;
};

/// For every kernel tap k (its index in the weight layout above) whose
/// weightOf(k) is not zero, calls tap(weightOf(k), in, out) for each output
/// position the tap reaches inside the input; `in` and `out` are flattened
/// (channel, row, column) element indices.
template <typename WeightFn, typename TapFn>
void forEachConvTap(const ConvGeometry &g, WeightFn weightOf, TapFn tap) {
  int64_t inPerGroup = g.inChannels / g.groups;
  int64_t outPerGroup = g.outChannels / g.groups;
  for (int64_t co = 0; co < g.outChannels; ++co)
    for (int64_t cl = 0; cl < inPerGroup; ++cl) {
      int64_t ci = (co / outPerGroup) * inPerGroup + cl;
      for (int64_t ky = 0; ky < g.kernelH; ++ky)
        for (int64_t kx = 0; kx < g.kernelW; ++kx) {
          auto w = weightOf(((co * inPerGroup + cl) * g.kernelH + ky) *
                                g.kernelW +
                            kx);
          if (w == 0)
            continue;
          for (int64_t oy = 0; oy < g.outH; ++oy) {
            int64_t iy = oy * g.strideH - g.padH + ky * g.dilH;
            if (iy < 0 || iy >= g.inH)
              continue;
            for (int64_t ox = 0; ox < g.outW; ++ox) {
              int64_t ix = ox * g.strideW - g.padW + kx * g.dilW;
              if (ix < 0 || ix >= g.inW)
                continue;
              tap(w, (ci * g.inH + iy) * g.inW + ix,
                  (co * g.outH + oy) * g.outW + ox);
            }
          }
        }
    }
}

} // namespace spikec

#endif // SPIKEC_SUPPORT_CONVTAPS_H
