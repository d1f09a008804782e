// RUN: spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=loihi})' | FileCheck %s
//
// Hand computations (QuantizeLoihi.cpp; targets/MODELS.md "Quantizing for
// loihi"). dt = 1 ms, tau = 10 ms: decay = 0.9 -> dv = round(4096 * 0.1) =
// 410; lif gain = 0.1 (f32 0.100000001). Resource hex is little-endian i32
// after a 4-byte alignment header.

// tiny 2-2 LIF, W = [[0.5, -0.25], [1, 0]], v_threshold = 1:
//   bounds on S: threshold 131071*64/1 = 8388544; weights 127*2^(7+6)/0.1
//   = 10403840; dendritic sum 32767*64/0.1 = 20970880; membrane floor
//   8388607*0.1/0.025 = 33554428  ->  S <= 8388544.
//   Weight grid: at S = 8388544 the largest |gain w| = 0.1 is 13107.1
//   input units (/64), which needs e = 7 (102.4): a step of 1/102.4 of it.
//   S = floor(127*64*2^6/0.1) = 5201919 puts it on 127 at e = 6 (a step of
//   1/127), and no other candidate does better: S = 5201919.
//   w = 126.99998 -> 127 (0x7F); 0.5 -> 63.49999 -> 63 (0x3F); -0.25 ->
//   -31.74999 -> -32 (0xE0). CSR by pre: x0 -> {h0: 63, h1: 127}, x1 ->
//   {h0: -32}. Worst sum 127*64 = 8128 <= 32767. vth_mant =
//   round(5201919/64) = round(81279.98) = 81280.
// CHECK-LABEL: nc.graph @tiny target("loihi", "{{[0-9a-f]+}}") attributes {dt = 1.000000e-03 : f64}
// CHECK: nc.input "x" : tensor<2xi32>
// CHECK: nc.synapses {{.*}}weight_bits = 8 : i64, weight_exp = 6 : i64
// CHECK: nc.population {{.*}}params = {bias_exp = 0 : i64, bias_mant = 0 : i64, du = 4095 : i64, dv = 410 : i64, refractory_delay = 0 : i64, vth_mant = 81280 : i64}
// CHECK: nc.output {{.*}} as "y"
// CHECK: h1.in0.offsets: "0x04000000000000000200000003000000"
// CHECK: h1.in0.targets: "0x04000000000000000100000000000000"
// CHECK: h1.in0.weights: "0x040000003F0000007F000000E0FFFFFF"
snn.network @tiny {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32> loc("fc")
  %s = snn.lif %h {tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h1")
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

// affine bias: W = 1, b = 2 -> constant gain*b = 0.2 per step into the bias.
//   bias bound 4095*2^7/0.2 = 2620800 (f32: 2620799.96) is the smallest:
//   S <= 2620799, where the weight 0.1 is 4095.0 input units: e = 5 gives
//   127.97 (rounds to 128, too big), so e = 6 and a step of 1/64. The grid
//   candidate floor(127*64*2^5/0.1) = 2600959 puts it on 126.99995 -> 127
//   (0x7F) at e = 5: S = 2600959. vth_mant = round(40639.98) = 40640.
//   Bias 2600959*0.2 = 520191.8 -> exponent 7: 4063.998 -> 4064.
// CHECK-LABEL: nc.graph @affine
// CHECK: weight_exp = 5 : i64
// CHECK: params = {bias_exp = 7 : i64, bias_mant = 4064 : i64, du = 4095 : i64, dv = 410 : i64, refractory_delay = 0 : i64, vth_mant = 40640 : i64}
// CHECK: h.in0.weights: "0x040000007F000000"
snn.network @affine {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.affine %x {weight = dense_resource<wa> : tensor<1x1xf32>, bias = dense_resource<ba> : tensor<1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.lif %a {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("h")
  snn.output %s as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    wa: "0x040000000000803F",
    ba: "0x0400000000000040"
  } }
#-}


// -----

// recurrent IF (gain = dt r = 0.001, decay 1 -> dv = 0), v_threshold = 2,
// refractory 2, rate-encoded input. S <= 131071*64/2 = 4194272 (threshold).
//   feed-forward [[1,0],[0,2]]: 4194.3/64 = 65.5 and 131.1: e = 1 -> 33
//   (0x21), 66 (0x42); recurrent [[0,-0.5],[-0.5,0]]: -32.8 at e = 0 -> -33
//   (0xDF). Two tables summed; the recurrent one reads the population.
//   The grid candidate for the feed-forward table, floor(127*64/0.002) =
//   4063999, would refine it (step 1/127 of its largest weight) but coarsen
//   the recurrent one (31.75 codes for 0.0005 instead of 32.8): the worst
//   relative step over the tables decides, so S stays 4194272.
// CHECK-LABEL: nc.graph @recurrent
// CHECK: %[[IN:.+]] = nc.input "x" {encoder = {gain = 5.000000e-01 : f64, kind = "rate", seed = 3 : i64}}
// CHECK: %[[FF:.+]] = nc.synapses %[[IN]] {{.*}}weight_exp = 1 : i64
// CHECK: %[[REC:.+]] = nc.synapses %[[POP:[^ ]+]] {{.*}}weight_bits = 8 : i64, weights
// CHECK: %[[SUM:.+]] = nc.sum %[[FF]], %[[REC]]
// CHECK: %[[POP]] = nc.population %[[SUM]] {{.*}}dv = 0 : i64, refractory_delay = 2 : i64, vth_mant = 131071 : i64}
// CHECK: rec.in0.weights: "0x040000002100000042000000"
// CHECK: rec.in1.weights: "0x04000000DFFFFFFFDFFFFFFF"

snn.network @recurrent {
  %x = snn.input "x" : tensor<2xf32>
  %r = snn.encode_rate %x {gain = 0.5 : f64, seed = 3 : i64} : tensor<2xf32>
  %ff = snn.linear %r {weight = dense_resource<wf> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %rec = snn.linear %s {weight = dense_resource<wr> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %sum = snn.add %ff, %rec : tensor<2xf32>
  %s = snn.if %sum {r = 1.0 : f32, v_threshold = 2.0 : f32, refractory = 2 : i64} : tensor<2xf32> loc("rec")
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: { builtin: {
    wf: "0x040000000000803F000000000000000000000040",
    wr: "0x0400000000000000000000BF000000BF00000000"
  } }
#-}


// -----

// conv2d 1x3x3 -> 1x2x2 with kernel [[1,-0.5],[0.5,0.25]] expanded into 16
// synapses (corner pixels feed 1 output, edges 2, the centre 4): bounds and
// S as in @tiny (5201919, e = 6): 127 (0x7F), -63 (0xC1), 63 (0x3F),
// 31.75 -> 32 (0x20). Then a 2x2 sum pool of the spikes, flattened: 4
// synapses of weight 1 into one lif. Sum bound 32767*64/0.4 = 5242720,
// where 0.1 needs e = 7 (64 codes); the grid candidate 5201919 gives 127 at
// e = 6 with worst sum 4*127*64 = 32512 <= 32767; vth_mant = 81280.
// CHECK-LABEL: nc.graph @conv
// CHECK: nc.input "img" {shape = array<i64: 1, 3, 3>} : tensor<9xi32>
// CHECK: nc.synapses {{.*}}weight_exp = 6 : i64{{.*}} : tensor<9xi32> -> tensor<4xi32>
// CHECK: nc.synapses {{.*}}weight_exp = 6 : i64{{.*}} : tensor<4xi32> -> tensor<1xi32>
// CHECK: vth_mant = 81280 : i64
// CHECK: cv.in0.offsets: "0x0400000000000000010000000300000004000000060000000A0000000C0000000D0000000F00000010000000"
// CHECK: cv.in0.weights: "0x040000007F000000C1FFFFFF7F000000C1FFFFFF3F0000007F000000200000003F000000C1FFFFFF7F00000020000000C1FFFFFF3F000000200000003F00000020000000"
// CHECK: pool.in0.weights: "0x040000007F0000007F0000007F0000007F000000"

snn.network @conv {
  %x = snn.input "img" : tensor<1x3x3xf32>
  %c = snn.conv2d %x {weight = dense_resource<wk> : tensor<1x1x2x2xf32>, stride = array<i64: 1, 1>, padding = array<i64: 0, 0>, dilation = array<i64: 1, 1>, groups = 1 : i64} : tensor<1x3x3xf32> -> tensor<1x2x2xf32>
  %s = snn.lif %c {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1x2x2xf32> loc("cv")
  %p = snn.sum_pool2d %s {kernel_size = array<i64: 2, 2>, stride = array<i64: 2, 2>, padding = array<i64: 0, 0>} : tensor<1x2x2xf32> -> tensor<1x1x1xf32>
  %f = snn.flatten %p {start_dim = 0 : i64, end_dim = -1 : i64} : tensor<1x1x1xf32> -> tensor<1xf32>
  %o = snn.lif %f {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("pool")
  snn.output %o as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    wk: "0x040000000000803F000000BF0000003F0000803E"
  } }
#-}


// -----

// cuba_lif, tau_syn = 5 ms: syn_decay 0.8 -> du = round(4096*0.2) - 1 = 818,
// syn_gain 0.2, so a spike adds gain*syn_gain*w = 0.02 to I's effect on v.
// S <= 8388544 (threshold), where 0.02 is 2621.4 input units: e = 5 (81.9).
// The grid candidate floor(127*64*2^4/0.02) = 6502399 puts it on 127 (0x7F)
// at e = 4. delay = 1 on the incoming table (Loihi's v reads the new
// current).
// CHECK-LABEL: nc.graph @cuba
// CHECK: nc.synapses {{.*}}delay = 1 : i64{{.*}}weight_exp = 4 : i64
// CHECK: du = 818 : i64, dv = 410 : i64
// CHECK: c.in0.weights: "0x040000007F000000"

snn.network @cuba {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.linear %x {weight = dense_resource<wc> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.cuba_lif %a {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("c")
  snn.output %s as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    wc: "0x040000000000803F"
  } }
#-}

