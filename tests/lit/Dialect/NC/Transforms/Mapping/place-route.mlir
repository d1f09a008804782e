// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=%S/Inputs/tiny-loihi.json},nc.graph(nc-partition{target=%S/Inputs/tiny-loihi.json},nc-place{target=%S/Inputs/tiny-loihi.json}))' | FileCheck %s --check-prefix=PLACE
// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=%S/Inputs/tiny-loihi.json},nc.graph(nc-partition{target=%S/Inputs/tiny-loihi.json},nc-place{target=%S/Inputs/tiny-loihi.json}),nc-route{target=%S/Inputs/tiny-loihi.json})' | FileCheck %s
//
// The network of partition.mlir: W1 = [[1, .5, .25], [.5, 1, .5],
// [.25, .5, 1]] (rows are h0..h2), W2 all ones into o0, all halves into o1;
// partitioned h = [0, 0, 1], o = [2, 2] on a 2 x 2 mesh of one-core tiles.
//
// nc-place: traffic core 0 -> 2 is 2 spikes (h0, h1), core 1 -> 2 is 1.
// The serpentine start (0,0), (1,0), (1,1) costs 2 x 2 hops + 1 x 1 = 5;
// moving core 0 to (0,1) puts both senders next to core 2: 2 + 1 = 3, the
// least possible; traffic-weighted hops (2 x 1 + 1 x 1) / 3 = 1.
// PLACE: core_positions = dense_resource<mlp.positions> : tensor<9xi32>
// PLACE-SAME: placement = {average_hops = 1.000000e+00 : f64, cost = 3.000000e+00 : f64, initial_cost = 5.000000e+00 : f64, max_hops = 1 : i64}
// PLACE: mlp.positions: "0x04000000000000000100000000000000010000000000000000000000010000000100000000000000"
//
// nc-route: core 0 holds h0, h1 and gets one axon per input element:
// x0 -> (h0: 1, h1: .5), x1 -> (.5, 1), x2 -> (.25, .5). At S = 5201919,
// e = 6 (quantize.mlir's @tiny arithmetic): 1 -> 127 (0x7F), .5 -> 63
// (0x3F), .25 -> 32 (0x20). Core 1 holds h2: x0 .25, x1 .5, x2 1. Core 2
// holds o0, o1 with one axon per hidden neuron. h0, h1 (core 0) route to
// core 2's axons 0, 1; h2 (core 1) to axon 2; x_e to core 0's axon e and
// core 1's axon e. Output y reads core 2's neurons 0 and 1.
// CHECK-LABEL: nc.chip @mlp target("tiny-loihi"
// CHECK-SAME: mesh [2, 2, 1] limits {input_axons = 4096 : i64, max_fan_in = 4096 : i64, max_fan_out = 4096 : i64, neurons = 2 : i64, output_axons = 4096 : i64, synapse_memory_bits = 1048576 : i64}
// CHECK: nc.core 0 at [0, 1, 0] model "loihi" neurons 2
// CHECK: nc.core 1 at [1, 0, 0] model "loihi" neurons 1
// CHECK: nc.core 2 at [1, 1, 0] model "loihi" neurons 2
// CHECK: nc.in "x" width 3
// CHECK: nc.out "y" width 2
// CHECK: mlp.c0.axon_offsets: "0x0400000000000000020000000400000006000000"
// CHECK: mlp.c0.route_axon: "0x040000000000000001000000"
// CHECK: mlp.c0.route_core: "0x040000000200000002000000"
// CHECK: mlp.c0.syn_target: "0x04000000000000000100000000000000010000000000000001000000"
// CHECK: mlp.c0.syn_weight: "0x040000007F0000003F0000003F0000007F000000200000003F000000"
// CHECK: mlp.c1.route_axon: "0x0400000002000000"
// CHECK: mlp.c1.route_core: "0x0400000002000000"
// CHECK: mlp.c1.syn_weight: "0x04000000200000003F0000007F000000"
// CHECK: mlp.in.x.dest_axon: "0x04000000000000000000000001000000010000000200000002000000"
// CHECK: mlp.in.x.dest_core: "0x04000000000000000100000000000000010000000000000001000000"
// CHECK: mlp.in.x.offsets: "0x0400000000000000020000000400000006000000"
// CHECK: mlp.out.y.src_core: "0x040000000200000002000000"
// CHECK: mlp.out.y.src_neuron: "0x040000000000000001000000"
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
