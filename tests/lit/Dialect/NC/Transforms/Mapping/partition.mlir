// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=%S/Inputs/tiny-loihi.json},nc.graph(nc-partition{target=%S/Inputs/tiny-loihi.json}))' 2>/dev/null | FileCheck %s
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=%S/Inputs/tiny-loihi.json},nc.graph(nc-partition{target=%S/Inputs/tiny-loihi.json}))' 2>&1 >/dev/null | FileCheck %s --check-prefix=ERR
//
// nc-partition on Inputs/tiny-loihi.json: loihi cores of 2 neurons, 4 of
// them. A 3-input, 3-hidden, 2-output network (dense layers) needs
// ceil(5 / 2) = 3 cores (the neuron limit binds). Inter-core spikes count,
// per pre neuron, the cores it reaches other than its own (an input counts
// every core it feeds):
// - sequential fill h = [0, 0, 1], o = [1, 2]: inputs reach {0, 1}: 3 x 2;
//   h0, h1 reach {1, 2}: 2 each; h2 (core 1) reaches {2}: 1. Total 11;
// - layer slicing h = [0, 0, 1], o = [2, 2]: inputs 3 x 2; each hidden
//   neuron reaches core 2 only: 3. Total 9, so layers wins;
// - population blocks of 2 (h0 h1 | h2 | o0 o1) make the same cores: 9,
//   a tie that the earlier strategy keeps.
// Rates are uniform (1 per pre) without a profile. The attribute shows the
// winner's 9 apart: 6 from the inputs (input_spikes, the same in every
// mapping) and 3 between cores (inter_core_spikes).
// CHECK-LABEL: nc.graph @mlp
// CHECK-SAME: partition = {binding = "neurons", cores = 3 : i64, input_spikes = 6.000000e+00 : f64, inter_core_spikes = 3.000000e+00 : f64, lower_bound = 3 : i64, rates = "uniform", seed = 1 : i64, strategy = "layers"}
// CHECK: nc.population {{.*}}cores = dense_resource<h.cores> : tensor<3xi32>
// CHECK: nc.population {{.*}}cores = dense_resource<o.cores> : tensor<2xi32>
// CHECK: h.cores: "0x04000000000000000000000001000000"
// CHECK: o.cores: "0x040000000200000002000000"
snn.network @mlp {
  %x = snn.input "x" : tensor<3xf32>
  %h1 = snn.linear %x {weight = dense_resource<w1> : tensor<3x3xf32>} : tensor<3xf32> -> tensor<3xf32>
  %h = snn.lif %h1 {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<3xf32> loc("h")
  %o1 = snn.linear %h {weight = dense_resource<w2> : tensor<2x3xf32>} : tensor<3xf32> -> tensor<2xf32>
  %o = snn.lif %o1 {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("o")
  snn.output %o as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: {
  w1: "0x040000000000803F0000003F0000803E0000003F0000803F0000003F0000803E0000003F0000803F",
  w2: "0x040000000000803F0000803F0000803F0000003F0000003F0000003F"
} } #-}

// -----

// Nine neurons do not fit four cores of two: ceil(9 / 2) = 5.
// ERR: error: cannot partition for tiny-loihi: network needs at least 5 cores (by neurons), tiny-loihi has 4
snn.network @big {
  %x = snn.input "x" : tensor<1xf32>
  %h1 = snn.linear %x {weight = dense_resource<w9> : tensor<9x1xf32>} : tensor<1xf32> -> tensor<9xf32>
  %h = snn.lif %h1 {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<9xf32> loc("wide")
  snn.output %h as "y" : tensor<9xf32>
}
{-# dialect_resources: { builtin: {
  w9: "0x040000000000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F"
} } #-}
