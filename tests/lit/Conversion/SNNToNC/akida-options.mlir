// snn-quantize{target=akida}'s options on one network (hand computations as
// in akida.mlir): a 2-2 lif with decay = 0, W = [[0.5, -0.25], [1, 0]],
// v_threshold = 0.6; max|w| = 1.
//
// weight-bits=8: sigma = 1/127: q = 63.5 -> 64 (0x40), -31.75 -> -32 (0xE0),
//   127 (0x7F); offset -floor(0.6 x 127) = -floor(76.2) = -76.
// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida weight-bits=8})' | FileCheck %s --check-prefix=W8
// W8: weight_bits = 8 : i64
// W8: threshold_offset = -76 : i64
// W8: h.in0.weights: "0x04000000400000007F000000E0FFFFFF"
//
// max-weight-error=0.5: 2 bits already within (RMS 0.323): sigma = 1,
//   q = 1, 1, 0 (-0.25 rounds to 0, kept as a zero weight); offset
//   -floor(0.6) = 0: a spike when acc >= 1.
// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida max-weight-error=0.5})' | FileCheck %s --check-prefix=E5
// E5: weight_bits = 2 : i64
// E5: threshold_offset = 0 : i64
// E5: h.in0.weights: "0x04000000010000000100000000000000"
//
// max-weight-error=0: nothing is within, so the widest width (8 bits here,
//   the layer is fed by the host) as with weight-bits=8.
// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida max-weight-error=0})' | FileCheck %s --check-prefix=W8
snn.network @exact {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32> loc("fc")
  %s = snn.lif %h {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.6 : f32} : tensor<2xf32> loc("h")
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}
