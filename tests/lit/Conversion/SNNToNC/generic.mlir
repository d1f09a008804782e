// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=%srcroot/examples/targets/odin.json})' > %t.odin 2> %t.odin-err
// RUN: FileCheck %s --check-prefix=ODIN < %t.odin
// RUN: FileCheck %s --check-prefix=ODIN-ERR < %t.odin-err
// RUN: spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=%srcroot/examples/targets/fxp16.json})' | FileCheck %s --check-prefix=FXP
//
// Hand computations for the generic arithmetic (targets/MODELS.md,
// "Quantizing for generic"; targets/generic/compiler/QuantizeGeneric.cpp). odin: 8-bit
// saturating v (max 127), 3-bit signed weights [-4, 3], no exponent, no
// input shift, threshold 8 bits << 0, no decay_bits, no bias, rounding
// nearest (2). fxp16: 16-bit saturating v and current (max 32767), 8-bit
// weights [-128, 127] with exponents 0..7, 12 decay bits, threshold 15 bits
// << 0, bias 12-bit mantissa with exponents 0..3. f32 values: 0.1 is
// 0.100000001, 0.9 is 0.899999976, 0.95 is 0.949999988, 0.05 is 0.0500000007,
// 0.2 is 0.200000003, 0.995 is 0.995000005. Params print sorted by name.

// odin, IF with per-step gain 1, v_threshold 1, W = [[0.5, -0.25],
// [0.75, 0]]. Bounds on S: membrane 127; threshold 255 * 1 / 1 = 255;
// weights 3 / 0.75 = 4; v must exceed the threshold (reset to v_reset,
// saturating v: no input headroom) (127 - 1) / 1 = 126 -> S = 4.
// w = 4 W: x0 -> {h0: 2, h1: 3}, x1 -> {h0: -1}; vth = 4; no decay: dv = 0.
// ODIN-LABEL: nc.graph @odin_if target("odin", "{{[0-9a-f]+}}")
// ODIN: nc.synapses {{.*}}weight_bits = 3 : i64, weights
// ODIN: nc.population {{.*}}model = "generic_lif", params = {bias = 0 : i64, current_bits = 0 : i64, current_overflow = 1 : i64, decay_bits = 0 : i64, di = 0 : i64, dv = 0 : i64, input_shift = 0 : i64, membrane_bits = 8 : i64, membrane_overflow = 1 : i64, refractory = 0 : i64, reset = 0 : i64, rounding = 2 : i64, threshold_shift = 0 : i64, timing = 0 : i64, v_reset = 0 : i64, vth = 4 : i64}
// ODIN: h.in0.offsets: "0x04000000000000000200000003000000"
// ODIN: h.in0.targets: "0x04000000000000000100000000000000"
// ODIN: h.in0.weights: "0x040000000200000003000000FFFFFFFF"
// fxp16 runs it too (not checked here but for the target).
// FXP-LABEL: nc.graph @odin_if target("fxp16"
snn.network @odin_if {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32> loc("fc")
  %s = snn.if %h {gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h")
  snn.output %s as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000003F000080BE0000403F00000000"
} } #-}

// -----

// fxp16, LIF tau 10 ms (decay 0.9, gain 0.1), subtract reset, affine W = 2,
// b = 0.5. dv = round(4096 (1 - 0.899999976)) = round(409.6001) = 410.
// k = gain b = 0.0500000007. Bounds: threshold 32767; weights 127 * 2^7 /
// 0.200000003 = 81279.9; bias 2047 * 2^3 / 0.05 = 327520; subtract reset
// keeps a step's input above the threshold: (32767 - 1) / (1 + 0.2 + 0.05)
// = 26212.8 -> S = 26212. S g W = 5242.4: e = 5 gives 163.8 > 127, e = 6
// gives 81.9 -> 82 (0x52). vth = 26212; bias = round(26212 * 0.05) =
// round(1310.6) = 1311 (fits 12 bits at exponent 0).
// ODIN-ERR: error: {{.*}}lif 'l': decay = 0.9 (neuron 0) needs a multiplier: target 'odin' declares no precision.decay_bits, so only a factor of 1 (no leak) is exact
// FXP-LABEL: nc.graph @fxp_lif
// FXP: nc.synapses {{.*}}weight_bits = 8 : i64, weight_exp = 6 : i64
// FXP: model = "generic_lif", params = {bias = 1311 : i64, current_bits = 0 : i64, current_overflow = 1 : i64, decay_bits = 12 : i64, di = 0 : i64, dv = 410 : i64, input_shift = 0 : i64, membrane_bits = 16 : i64, membrane_overflow = 1 : i64, refractory = 0 : i64, reset = 1 : i64, rounding = 2 : i64, threshold_shift = 0 : i64, timing = 0 : i64, v_reset = 0 : i64, vth = 26212 : i64}
// FXP: l.in0.weights: "0x0400000052000000"
snn.network @fxp_lif {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.affine %x {weight = dense_resource<wl> : tensor<1x1xf32>, bias = dense_resource<bl> : tensor<1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.lif %a {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32, reset = #snn<reset subtract>} : tensor<1xf32> loc("l")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  wl: "0x0400000000000040",
  bl: "0x040000000000003F"
} } #-}

// -----

// fxp16, cuba_lif tau_syn 5 ms, tau 10 ms, W = 1: syn_decay 0.800000012 ->
// di = round(4096 * 0.199999988) = round(819.19995) = 819; dv = 410.
// g = gain syn_gain = 0.1 * 0.2 = 0.0200000009. Bounds: weights 16256 /
// 0.02 = 812800; current 32767 / (0.02 / 0.2) = 327670; threshold 32767;
// v must exceed v_threshold 1: 32766 -> S = 32766. S g = 655.32: e = 2
// gives 163.8, e = 3 gives 81.9 -> 82. vth = 32766; current_bits = 16.
// ODIN-ERR: error: {{.*}}cuba_lif 'c': cuba_lif needs a synaptic current register: target 'odin' declares no precision.current_bits
// FXP-LABEL: nc.graph @fxp_cuba
// FXP: weight_exp = 3 : i64
// FXP: model = "generic_lif", params = {bias = 0 : i64, current_bits = 16 : i64, current_overflow = 1 : i64, decay_bits = 12 : i64, di = 819 : i64, dv = 410 : i64, input_shift = 0 : i64, membrane_bits = 16 : i64, membrane_overflow = 1 : i64, refractory = 0 : i64, reset = 0 : i64, rounding = 2 : i64, threshold_shift = 0 : i64, timing = 0 : i64, v_reset = 0 : i64, vth = 32766 : i64}
// FXP: c.in0.weights: "0x0400000052000000"
snn.network @fxp_cuba {
  %x = snn.input "x" : tensor<1xf32>
  %h = snn.linear %x {weight = dense_resource<wc> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.cuba_lif %h {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("c")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  wc: "0x040000000000803F"
} } #-}

// -----

// fxp16, alif tau 20 ms (decay 0.949999988 -> dv = round(204.80005) = 205,
// gain 0.05), tau_adapt 200 ms (adapt_decay 0.995000005 -> da =
// round(4096 * 0.004999995) = round(20.48) = 20), adapt 0.2, subtract
// reset, W = 30. g W = 1.5. a reaches at most adapt / (1 - adapt_decay) =
// 40.00004, so theta <= 41.00004; with a step's input 1.5 the membrane must
// hold 42.50004: (32767 - 1) / 42.50004 = 770.96; weights 16256 / 1.5 =
// 10837; adaptation 32767 / 40 = 819 -> S = 770. S g W = 1155.0: e = 4 ->
// 72.19 -> 72 (0x48). vth = 770, adapt_jump = round(770 * 0.2) = 154.
// ODIN-ERR: error: {{.*}}alif 'ad': target 'odin' does not list model alif
// FXP-LABEL: nc.graph @fxp_alif
// FXP: weight_exp = 4 : i64
// FXP: model = "generic_alif", params = {adapt_jump = 154 : i64, bias = 0 : i64, current_bits = 0 : i64, current_overflow = 1 : i64, da = 20 : i64, decay_bits = 12 : i64, di = 0 : i64, dv = 205 : i64, input_shift = 0 : i64, membrane_bits = 16 : i64, membrane_overflow = 1 : i64, refractory = 0 : i64, reset = 1 : i64, rounding = 2 : i64, threshold_shift = 0 : i64, timing = 0 : i64, v_reset = 0 : i64, vth = 770 : i64}
// FXP: ad.in0.weights: "0x0400000048000000"
snn.network @fxp_alif {
  %x = snn.input "x" : tensor<1xf32>
  %h = snn.linear %x {weight = dense_resource<wa> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.alif %h {tau = 2.0e-2 : f32, tau_adapt = 2.0e-1 : f32, adapt = 0.2 : f32, v_threshold = 1.0 : f32, reset = #snn<reset subtract>} : tensor<1xf32> loc("ad")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  wa: "0x040000000000F041"
} } #-}

// -----

// fxp16, Izhikevich a 0.02 (f32 0.0199999996), b 0.2, c -65, d 8, h =
// 1 ms / 1 ms = 1, W = 10. F: 1.25 * 65 * 2^F <= 32767 -> F = 8 (20800;
// F = 9 gives 41600), S = 256. Weight 2560: e = 4 gives 160, e = 5 gives
// 80 (0x50). Q = 24 (every coefficient fits int32; |nv| <= 7.2e14 + 8.4e14
// and |nu| <= 2.2e17, both below 2^62): c2 = round(0.04 * 2^24 = 671088.64)
// = 671089, c1 = 5 * 2^24 = 83886080, cu = 2^24 = 16777216, ca =
// round(0.0199999996 * 2^24 = 335544.31) = 335544, cb = round(0.200000003 *
// 2^24 = 3355443.25) = 3355443; c0 = 140 * 256 = 35840, v_peak = 30 * 256
// = 7680, v_reset = -65 * 256 = -16640, u_jump = 8 * 256 = 2048.
// On odin (8-bit v, F = 0, S = 1) the weight 10 does not fit 3 bits.
// ODIN-ERR: error: {{.*}}izhikevich 'iz': the weights do not fit with v in whole mV (S = 1, the fewest fraction bits): weights from '{{.*}}': |h r w| up to 10 in [-4, 3] at weight_exp 0
// FXP-LABEL: nc.graph @fxp_izh
// FXP: weight_exp = 5 : i64
// FXP: model = "generic_izhikevich", params = {c0 = 35840 : i64, c1 = 83886080 : i64, c2 = 671089 : i64, ca = 335544 : i64, cb = 3355443 : i64, coef_shift = 24 : i64, cu = 16777216 : i64, frac_bits = 8 : i64, input_shift = 0 : i64, membrane_bits = 16 : i64, overflow = 1 : i64, rounding = 2 : i64, u_jump = 2048 : i64, v_peak = 7680 : i64, v_reset = -16640 : i64}
// FXP: iz.in0.weights: "0x0400000050000000"
snn.network @fxp_izh {
  %x = snn.input "x" : tensor<1xf32>
  %h = snn.linear %x {weight = dense_resource<wi> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.izhikevich %h {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32, d = 8.0 : f32} : tensor<1xf32> loc("iz")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  wi: "0x0400000000002041"
} } #-}
