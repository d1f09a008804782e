// RUN: spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=truenorth approx=truenorth-linear-leak report=%t.json})' | FileCheck %s
// RUN: FileCheck %s --check-prefix=REPORT < %t.json
//
// Hand computations (QuantizeTrueNorth.cpp; targets/MODELS.md "Quantizing
// for truenorth"). Bounds on S: weights 255 / max|gain w|, threshold
// 262142 / v_threshold, leak 255 / |leak per tick|, reset 131071 /
// |v_reset|, membrane 524287 / (v_threshold + sum of positive gain w +
// positive leak); S = floor of the smallest. alpha = floor(S v_th) + 1,
// weights round(S gain w), half away from zero. Every population has
// beta = 262143 with neg_saturate = 1 (a floor, never a negative reset),
// mask_bits = 0, and weight0..3 = 0 until nc-legalize-truenorth. Resource
// hex is little-endian i32 after a 4-byte alignment header.

// IF with r = 1000 at dt = 1 ms: gain = 1. W = [[0.5, -0.25, 1],
// [0, 0.5, -0.25]], v_threshold 1: weights bound 255 / 1 = 255 is the
// smallest (membrane 524287 / 2.5): S = 255, alpha = 256. Weights: 127.5 ->
// 128 (0x80), -63.75 -> -64 (0xFFFFFFC0), 255. CSR by pre: x0 -> {h0: 128},
// x1 -> {h0: -64, h1: 128}, x2 -> {h0: 255, h1: -64}.
// CHECK-LABEL: nc.graph @tiny target("truenorth", "{{[0-9a-f]+}}")
// CHECK: nc.synapses {{.*}}weight_bits = 9 : i64{{.*}} : tensor<3xi32> -> tensor<2xi32>
// CHECK: nc.population {{.*}}model = "truenorth", params = {alpha = 256 : i64, beta = 262143 : i64, leak = 0 : i64, leak_reversal = 0 : i64, mask_bits = 0 : i64, neg_saturate = 1 : i64, reset_mode = 0 : i64, reset_v = 0 : i64, weight0 = 0 : i64, weight1 = 0 : i64, weight2 = 0 : i64, weight3 = 0 : i64}
// CHECK: h1.in0.offsets: "0x0400000000000000010000000300000005000000"
// CHECK: h1.in0.targets: "0x040000000000000000000000010000000000000001000000"
// CHECK: h1.in0.weights: "0x0400000080000000C0FFFFFF80000000FF000000C0FFFFFF"
snn.network @tiny {
  %x = snn.input "x" : tensor<3xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x3xf32>} : tensor<3xf32> -> tensor<2xf32>
  %s = snn.if %h {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h1")
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: { builtin: {
    w: "0x040000000000003F000080BE0000803F000000000000003F000080BE"
  } }
#-}

// -----

// A bias is the leak (exact): affine W = 1, b = 0.1 (f32 0.100000001) into
// an IF with gain 1, reset to v_reset = -0.5. Bounds: weights 255, leak
// 255 / 0.100000001 = 2549.99996, reset 262142: S = 255. leak =
// round(25.50000038) = 26; reset_v = round(-127.5) = -128; alpha = 256.
// CHECK-LABEL: nc.graph @bias
// CHECK: params = {alpha = 256 : i64, beta = 262143 : i64, leak = 26 : i64, leak_reversal = 0 : i64, mask_bits = 0 : i64, neg_saturate = 1 : i64, reset_mode = 0 : i64, reset_v = -128 : i64, weight0 = 0 : i64
// CHECK: b.in0.weights: "0x04000000FF000000"
snn.network @bias {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.affine %x {weight = dense_resource<wa> : tensor<1x1xf32>, bias = dense_resource<ba> : tensor<1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.if %a {r = 1000.0 : f32, v_threshold = 1.0 : f32, v_reset = -0.5 : f32} : tensor<1xf32> loc("b")
  snn.output %s as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    wa: "0x040000000000803F",
    ba: "0x04000000CDCCCC3D"
  } }
#-}

// -----

// truenorth-linear-leak: lif tau = 10 ms: decay f32(0.9) = 0.899999976,
// gain f32(0.1) = 0.100000001. The leak pulls |V| toward 0 (leak_reversal)
// by what the decay removes at v_threshold / 2: (1 - 0.899999976) / 2 =
// 0.0500000119 per tick. Bounds: weights 255 / 0.100000001 = 2549.99996,
// leak 255 / 0.0500000119 = 5099.999: S = 2549. Weight round(254.9000038)
// = 255; leak -round(127.4500304) = -127; alpha = 2550.
// CHECK-LABEL: nc.graph @leaky
// CHECK: nc.population {{.*}}approximation = "truenorth-linear-leak", model = "truenorth", params = {alpha = 2550 : i64, beta = 262143 : i64, leak = -127 : i64, leak_reversal = 1 : i64,
// CHECK: l.in0.weights: "0x04000000FF000000"
snn.network @leaky {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.linear %x {weight = dense_resource<wl> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.lif %a {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("l")
  snn.output %s as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    wl: "0x040000000000803F"
  } }
#-}

// -----

// Subtract reset is Linear: V -= alpha. v_threshold 0.3 (f32 0.300000012):
// S = 255 (weights), alpha = floor(76.50000304) + 1 = 77; TrueNorth
// subtracts 77 where the float neuron subtracts 76.50000304: the report's
// subtract_error_lsb = 0.49999696.
// CHECK-LABEL: nc.graph @subtract
// CHECK: params = {alpha = 77 : i64, {{.*}}reset_mode = 1 : i64
// REPORT: "S": 255,
// REPORT: "S_bound": "weights from 'x': |gain w| up to 1 in 9 bits",
// REPORT: "subtract_error_lsb": 0.49999{{[0-9]+}},
snn.network @subtract {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.linear %x {weight = dense_resource<ws> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.if %a {r = 1000.0 : f32, v_threshold = 0.3 : f32, reset = #snn<reset subtract>} : tensor<1xf32> loc("sub")
  snn.output %s as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    ws: "0x040000000000803F"
  } }
#-}
