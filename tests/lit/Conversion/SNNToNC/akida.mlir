// RUN: spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida})' | FileCheck %s
//
// Hand computations (QuantizeAkida.cpp; targets/MODELS.md "Quantizing for
// akida"). sigma is the float potential of one integer LSB; the weight error
// is RMS(q sigma - gain w) / max|gain w|, bound 0.05; widths tried smallest
// first: 2, 4, 8 (8 only in a layer fed by the host; 1 is left out).
// Resource hex is little-endian i32 after a 4-byte alignment header.

// Exact: lif with decay = 0 is memoryless; W = [[0.5, -0.25], [1, 0]],
// v_threshold = 0.6 (f32 0.60000002). max|w| = 1.
//   2 bits: sigma = 1: q = 1 (0.5 rounds away), 0, 1; errors 0.5, 0.25, 0
//     -> RMS sqrt(0.3125 / 3) = 0.323 > 0.05.
//   4 bits: sigma = 1/7: q = 3.5 -> 4, -1.75 -> -2, 7; errors 1/14, 1/28, 0
//     -> RMS 0.0461 <= 0.05: 4 bits.
//   spike iff sigma acc > 0.6 iff acc > 4.2 iff acc >= 5: step 1, offset
//   -floor(0.6 / sigma) = -floor(4.2) = -4 (acc - 4 >= 1).
//   CSR by pre: x0 -> {h0: 4, h1: 7}, x1 -> {h0: -2}.
// CHECK-LABEL: nc.graph @exact target("akida", "{{[0-9a-f]+}}")
// CHECK: nc.synapses {{.*}}weight_bits = 4 : i64
// CHECK: nc.population {{.*}}{model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = -4 : i64}}
// CHECK: h.in0.offsets: "0x04000000000000000200000003000000"
// CHECK: h.in0.targets: "0x04000000000000000100000000000000"
// CHECK: h.in0.weights: "0x040000000400000007000000FEFFFFFF"
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

// -----

// Rate approximation: if (reset subtract) from a rate encoder, 4-bit
// activations (M = 15). W = [[0.25, 0.125, -0.25], [0.0625, 0, 0.375]],
// b = [0.125, -0.25], v_threshold = 2. max|w| = 0.375.
//   2 bits: sigma0 = 0.375, 2 / (15 x 0.375) = 0.36 < 1 step: skipped.
//   4 bits: sigma0 = 0.375 / 7 = 0.05357; ref = floor(2 / (15 sigma0)) =
//     floor(2.489) = 2 -> sigma = 2 / (15 x 2) = 1/15; q = 15 w = 3.75 -> 4,
//     1.875 -> 2, -4, 0.9375 -> 1, 5.625 -> 6; errors 1/60, 1/120, 1/60,
//     1/240, 1/40 -> RMS 0.01592 / 0.375 = 0.0425 <= 0.05: 4 bits.
//   step = 2 / (15 sigma) = 2; offset = floor(b / sigma + step / 2):
//     floor(1.875 + 1) = 2, floor(-3.75 + 1) = -3.
//   CSR: x0 -> {h0: 4, h1: 1}, x1 -> {h0: 2}, x2 -> {h0: -4, h1: 6}.
// CHECK-LABEL: nc.graph @rate
// CHECK: nc.input "x" {encoder = {gain = 1.000000e+00 : f64, kind = "rate", seed = 3 : i64}}
// CHECK: nc.synapses {{.*}}weight_bits = 4 : i64
// CHECK: nc.population {{.*}}{approximation = "akida-rate-to-activation", model = "akida", params = {output_bits = 4 : i64, step = 2 : i64, threshold_offset = dense_resource<h.threshold_offset> : tensor<2xi32>}}
// CHECK: h.in0.offsets: "0x0400000000000000020000000300000005000000"
// CHECK: h.in0.targets: "0x040000000000000001000000000000000000000001000000"
// CHECK: h.in0.weights: "0x04000000040000000100000002000000FCFFFFFF06000000"
// CHECK: h.threshold_offset: "0x0400000002000000FDFFFFFF"
snn.network @rate {
  %x = snn.input "x" : tensor<3xf32>
  %e = snn.encode_rate %x {gain = 1.0 : f64, seed = 3 : i64} : tensor<3xf32>
  %a = snn.affine %e {weight = dense_resource<w> : tensor<2x3xf32>, bias = dense_resource<b> : tensor<2xf32>} : tensor<3xf32> -> tensor<2xf32>
  %s = snn.if %a {gain = 1.0 : f32, v_threshold = 2.0 : f32, reset = #snn<reset subtract>} : tensor<2xf32> loc("h")
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803E0000003E000080BE0000803D000000000000C03E",
      b: "0x040000000000003E000080BE"
    }
  }
#-}

// -----

// Two layers: the if layer's activation a (0..15) stands for a rate a / 15,
// so the next layer's weights see w / 15.
// h: W = [0.25, 0.25], v_threshold = 1. 2 bits: 1 / (15 x 0.25) < 1:
//   skipped. 4 bits: sigma0 = 0.25 / 7, ref = floor(1.867) = 1, sigma =
//   1/15, q = 3.75 -> 4, error (4/15 - 1/4) / (1/4) = 0.0667 > 0.05.
//   8 bits (fed by the host): sigma0 = 0.25 / 127, ref = floor(33.87) = 33,
//   sigma = 1/495, q = 123.75 -> 124 (0x7C), error 0.002: 8 bits.
//   step = 33, offset = floor(0 + 16.5) = 16.
// o: lif decay 0, W = 0.5, v_threshold = 0.25; gain w unit = 0.5 / 15 =
//   1/30. 2 bits: sigma = 1/30, q = 1, error 0: 2 bits. offset =
//   -floor(0.25 x 30) = -floor(7.5) = -7: o spikes when a >= 8, i.e. rate
//   a / 15 > 0.5, as the float 0.5 rate > 0.25.
// CHECK-LABEL: nc.graph @two
// CHECK: nc.synapses {{.*}}weight_bits = 8 : i64
// CHECK: nc.population {{.*}}{approximation = "akida-rate-to-activation", model = "akida", params = {output_bits = 4 : i64, step = 33 : i64, threshold_offset = 16 : i64}}
// CHECK: nc.synapses {{.*}}weight_bits = 2 : i64
// CHECK: nc.population {{.*}}{model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = -7 : i64}}
// CHECK: h.in0.weights: "0x040000007C0000007C000000"
// CHECK: o.in0.weights: "0x0400000001000000"
snn.network @two {
  %x = snn.input "x" : tensor<2xf32>
  %e = snn.encode_rate %x {gain = 1.0 : f64} : tensor<2xf32>
  %a = snn.linear %e {weight = dense_resource<w1> : tensor<1x2xf32>} : tensor<2xf32> -> tensor<1xf32>
  %h = snn.if %a {gain = 1.0 : f32, v_threshold = 1.0 : f32, reset = #snn<reset subtract>} : tensor<1xf32> loc("h")
  %b = snn.linear %h {weight = dense_resource<w2> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %o = snn.lif %b {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.25 : f32} : tensor<1xf32> loc("o")
  snn.output %o as "y" : tensor<1xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w1: "0x040000000000803E0000803E",
      w2: "0x040000000000003F"
    }
  }
#-}
