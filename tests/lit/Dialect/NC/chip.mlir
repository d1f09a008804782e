// RUN: spikec-opt %s | spikec-opt | FileCheck %s
// A chip of two loihi cores on a 2 x 1 mesh: input x feeds core 0's two
// axons; core 0's neuron 0 routes to core 1's axon 0; output y reads core
// 1's neuron 0.
// CHECK-LABEL: nc.chip @two target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {input_axons = 4 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64, neurons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64}
// CHECK-SAME: attributes {dt = 1.000000e-03 : f64}
// CHECK: nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {axon_group = dense_resource<g0> : tensor<2xi32>
// CHECK-SAME: route_core = dense_resource<rc0> : tensor<1xi32>
// CHECK: nc.core 1 at [1, 0, 0] model "loihi" neurons 1
// CHECK: nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>
// CHECK: nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>
nc.chip @two target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} attributes {dt = 1.000000e-03 : f64} {
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}
