// Every design rule nc-legalize-truenorth enforces, one error per case,
// each naming the layer (its node name), the rule and the numbers. Named
// ops carry a NameLoc without a file position, so the diagnostics are
// matched with FileCheck, as tests/lit/Conversion/SNNToNC/errors.mlir does.
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=truenorth})' 2>&1 | FileCheck %s
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=truenorth approx=truenorth-linear-leak},nc.graph(nc-legalize-truenorth))' 2>&1 | FileCheck %s --check-prefix=APPROX
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(nc.graph(nc-legalize-truenorth{approx=truenorth-fast}))' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: unknown approximation 'truenorth-fast' (truenorth knows: truenorth-linear-leak)

// Fan-in: a 28x28 sum pool into one neuron, 784 inputs.
// CHECK: error: {{.*}}layer fc1: fan-in 784 exceeds truenorth's 256 axons per core (neuron 0)
snn.network @fanin {
  %x = snn.input "x" : tensor<1x28x28xf32>
  %p = snn.sum_pool2d %x {kernel_size = array<i64: 28, 28>, stride = array<i64: 28, 28>, padding = array<i64: 0, 0>} : tensor<1x28x28xf32> -> tensor<1x1x1xf32>
  %f = snn.flatten %p {start_dim = 0 : i64, end_dim = -1 : i64} : tensor<1x1x1xf32> -> tensor<1xf32>
  %s = snn.if %f {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("fc1")
  snn.output %s as "y" : tensor<1xf32>
}

// -----

// Replication: 150 inputs into 2 neurons of one core, +1 into neuron 0 and
// -1 into neuron 1: each input needs a type-3 and a type-0 axon, 300 > 256.
// CHECK: error: {{.*}}layer rep: fan-in 150 replicated into 300 axons for its axon types (x2.00) exceeds truenorth's 256 axons per core (neurons 0..1)
snn.network @replicate {
  %x = snn.input "x" : tensor<150xf32>
  %a = snn.linear %x {weight = dense_resource<wr> : tensor<2x150xf32>} : tensor<150xf32> -> tensor<2xf32>
  %s = snn.if %a {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("rep")
  snn.output %s as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: { wr: "0x040000000000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF000080BF" } } #-}

// -----

// Weights on 5 levels into one neuron: 1, 0.5, -0.5, -1, 0.25 at S = 255.
// CHECK: error: {{.*}}layer lv: neuron 0 has 5 distinct weights (-255, -128, 64, 128, 255) but truenorth has 4 axon types (one weight per type and neuron)
snn.network @levels {
  %x = snn.input "x" : tensor<5xf32>
  %a = snn.linear %x {weight = dense_resource<wl> : tensor<1x5xf32>} : tensor<5xf32> -> tensor<1xf32>
  %s = snn.if %a {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("lv")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: { wl: "0x040000000000803F0000003F000000BF000080BF0000803E" } } #-}

// -----

// A recurrent layer whose neuron 0 reaches itself (+1, type 3) and neuron
// 1 (-1, type 0): two destinations, and a splitter would lengthen the loop.
// CHECK: error: {{.*}}layer rec: its neurons need up to 2 destination axons (truenorth allows 1), and a splitter would add a tick inside its recurrent loop through layer rec
snn.network @recurrent {
  %x = snn.input "x" : tensor<2xf32>
  %r = snn.linear %s {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %d = snn.add %x, %r : tensor<2xf32>
  %s = snn.if %d {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("rec")
  snn.output %s as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: { wc: "0x040000000000803F000080BF0000803F0000803F" } } #-}

// -----

// o is one tick behind (h needs a splitter), and its bias is a leak of
// round(255 * 0.1) = 26 per tick that would act alone during that tick.
// CHECK: error: {{.*}}layer o: splitters delay its input by 1 tick(s), during which its leak of 26 per tick (neuron 0) would act alone: not exact
snn.network @late_leak {
  %x = snn.input "x" : tensor<2xf32>
  %a = snn.linear %x {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %h = snn.if %a {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h")
  %b = snn.affine %h {weight = dense_resource<wc> : tensor<2x2xf32>, bias = dense_resource<bb> : tensor<2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %o = snn.if %b {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("o")
  snn.output %o as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: { wc: "0x040000000000803F000080BF0000803F0000803F", bb: "0x04000000CDCCCC3DCDCCCC3D" } } #-}

// -----

// 16 layers, each needing a splitter into the next (W = [[1, -1], [1, 1]]
// by input: input 0 reaches output 0 with +1 and output 1 with -1), and a
// skip from x into the last one, 15 ticks behind: 1 + 15 ticks > 15.
// CHECK: error: {{.*}}layer l15: its input from x needs a delay of 16 ticks; truenorth's axon delays reach 15
snn.network @deep {
  %x = snn.input "x" : tensor<2xf32>
  %a0 = snn.linear %x {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l0 = snn.if %a0 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l0")
  %a1 = snn.linear %l0 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l1 = snn.if %a1 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l1")
  %a2 = snn.linear %l1 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l2 = snn.if %a2 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l2")
  %a3 = snn.linear %l2 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l3 = snn.if %a3 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l3")
  %a4 = snn.linear %l3 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l4 = snn.if %a4 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l4")
  %a5 = snn.linear %l4 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l5 = snn.if %a5 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l5")
  %a6 = snn.linear %l5 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l6 = snn.if %a6 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l6")
  %a7 = snn.linear %l6 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l7 = snn.if %a7 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l7")
  %a8 = snn.linear %l7 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l8 = snn.if %a8 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l8")
  %a9 = snn.linear %l8 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l9 = snn.if %a9 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l9")
  %a10 = snn.linear %l9 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l10 = snn.if %a10 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l10")
  %a11 = snn.linear %l10 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l11 = snn.if %a11 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l11")
  %a12 = snn.linear %l11 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l12 = snn.if %a12 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l12")
  %a13 = snn.linear %l12 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l13 = snn.if %a13 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l13")
  %a14 = snn.linear %l13 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %l14 = snn.if %a14 {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l14")
  %a15 = snn.linear %l14 {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %k = snn.linear %x {weight = dense_resource<wc> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %d = snn.add %a15, %k : tensor<2xf32>
  %l15 = snn.if %d {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l15")
  snn.output %l15 as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: { wc: "0x040000000000803F000080BF0000803F0000803F" } } #-}

// -----

// truenorth-linear-leak is made by snn-quantize only when allowed, and
// nc-legalize-truenorth refuses a graph that has it unless allowed too.
// CHECK: error: {{.*}}lif 'l': decay 0.9 (neuron 0) has no exact form on truenorth
// APPROX: error: {{.*}}layer l: snn-quantize approximated it (truenorth-linear-leak), which is not allowed; pass --approx=truenorth-linear-leak to allow it
snn.network @approx {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("l")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// A graph for another description of the chip (hash 0x0).
// CHECK: error: graph was made for target 'truenorth' with hash 0x0, but 'truenorth' has hash {{[0-9a-f]+}}
nc.graph @stale target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}
