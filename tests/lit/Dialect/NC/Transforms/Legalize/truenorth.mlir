// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=truenorth})' | FileCheck %s
// Legalizing a legalized graph changes nothing (types kept, no splitter).
// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=truenorth})' | spikec-opt --pass-pipeline='builtin.module(nc.graph(nc-legalize-truenorth))' | FileCheck %s
//
// Hand computations (LegalizeTrueNorth.cpp; targets/MODELS.md "Legalizing
// for truenorth"). snn-quantize gives (S = 255 for h and o, IF gain 1):
//   h <- x: x0 -> {h0: 128}, x1 -> {h0: -64, h1: 128}, x2 -> {h0: 255,
//           h1: -64}                        (0.5, -0.25, 1 times 255, rounded)
//   o <- h: h0 -> {o0: 128, o1: 255}, h1 -> {o0: -64, o1: 128}
//   o <- x: x0 -> {o0: 51}                  (0.2 f32 * 255 = 51.0000008)
// (a) Types, per neuron: negative levels take 0, 1, .. from the most
//     negative, positive ones 3, 2, .. from the largest:
//   h0 {-64, 128, 255} -> 0, 2, 3     h1 {-64, 128} -> 0, 3
//   o0 {-64, 51, 128}  -> 0, 2, 3     o1 {128, 255} -> 2, 3
//   so h: weight0 = -64, weight2 = [128, 0], weight3 = [255, 128];
//      o: weight0 = [-64, 0], weight2 = [51, 128], weight3 = [128, 255].
//   h.in0 types by synapse: 128:2, -64:0, 128:3, 255:3, -64:0.
// (b) Fan-in: h's core holds x0 (type 2), x1 (0, 3), x2 (3, 0): 5 axons.
// (c) Fan-out (max 1): h0 reaches o0 and o1 both through type 3, one axon;
//     h1 reaches o0 through type 0 and o1 through type 2, two axons. So h
//     gets a splitter of 3 neurons: h0 -> s0, h1 -> s1 (copy type 0), s2
//     (copy type 2). o.in0 now reads h.split: s0 -> {o0: 128 t3, o1: 255
//     t3}, s1 -> {o0: -64 t0}, s2 -> {o1: 128 t2}. o's latency is 1, so the
//     skip table from x gets delay 1 and the output latency 1.
// CHECK-LABEL: nc.graph @skip target("truenorth", "{{[0-9a-f]+}}")
// CHECK: %[[X:.+]] = nc.input "x" : tensor<3xi32>
// CHECK: %[[HA:.+]] = nc.synapses %[[X]] {axon_types = dense_resource<h.in0.axon_types{{(_[0-9]+)?}}> : tensor<5xi32>
// CHECK: %[[H:.+]] = nc.population %[[HA]] {{.*}}weight0 = -64 : i64, weight1 = 0 : i64, weight2 = dense_resource<h.weight2{{(_[0-9]+)?}}> : tensor<2xi32>, weight3 = dense_resource<h.weight3{{(_[0-9]+)?}}> : tensor<2xi32>}}
// CHECK: %[[SA:.+]] = nc.synapses %[[H]] {{.*}} : tensor<2xi32> -> tensor<3xi32>
// CHECK: %[[S:.+]] = nc.population %[[SA]] {model = "truenorth", params = {alpha = 1 : i64, beta = 0 : i64, leak = 0 : i64, leak_reversal = 0 : i64, mask_bits = 0 : i64, neg_saturate = 1 : i64, reset_mode = 0 : i64, reset_v = 0 : i64, weight0 = 1 : i64, weight1 = 0 : i64, weight2 = 0 : i64, weight3 = 0 : i64}, splitter_of = "h"} : tensor<3xi32>
// CHECK-NOT: splitter_of
// CHECK: %[[OA:.+]] = nc.synapses %[[S]] {{.*}} : tensor<3xi32> -> tensor<2xi32>
// CHECK: %[[OB:.+]] = nc.synapses %[[X]] {axon_types = {{.*}}, delay = 1 : i64, {{.*}} : tensor<3xi32> -> tensor<2xi32>
// CHECK: %[[OS:.+]] = nc.sum %[[OA]], %[[OB]]
// CHECK: nc.population %[[OS]] {{.*}}weight0 = dense_resource<o.weight0{{(_[0-9]+)?}}> : tensor<2xi32>, weight1 = 0 : i64, weight2 = dense_resource<o.weight2{{(_[0-9]+)?}}> : tensor<2xi32>, weight3 = dense_resource<o.weight3{{(_[0-9]+)?}}> : tensor<2xi32>}}
// CHECK: nc.output %{{.+}} as "y" {latency = 1 : i64}
// CHECK-DAG: h.in0.axon_types{{(_[0-9]+)?}}: "0x040000000200000000000000030000000300000000000000"
// CHECK-DAG: h.in0.weights{{(_[0-9]+)?}}: "0x0400000080000000C0FFFFFF80000000FF000000C0FFFFFF"
// CHECK-DAG: h.weight2{{(_[0-9]+)?}}: "0x040000008000000000000000"
// CHECK-DAG: h.weight3{{(_[0-9]+)?}}: "0x04000000FF00000080000000"
// CHECK-DAG: h.split.in0.offsets{{(_[0-9]+)?}}: "0x04000000000000000100000003000000"
// CHECK-DAG: h.split.in0.targets{{(_[0-9]+)?}}: "0x04000000000000000100000002000000"
// CHECK-DAG: h.split.in0.weights{{(_[0-9]+)?}}: "0x04000000010000000100000001000000"
// CHECK-DAG: o.in0.axon_types{{(_[0-9]+)?}}: "0x0400000003000000030000000000000002000000"
// CHECK-DAG: o.in0.offsets{{(_[0-9]+)?}}: "0x0400000000000000020000000300000004000000"
// CHECK-DAG: o.in0.targets{{(_[0-9]+)?}}: "0x0400000000000000010000000000000001000000"
// CHECK-DAG: o.in0.weights{{(_[0-9]+)?}}: "0x0400000080000000FF000000C0FFFFFF80000000"
// CHECK-DAG: o.in1.axon_types{{(_[0-9]+)?}}: "0x0400000002000000"
// CHECK-DAG: o.in1.weights{{(_[0-9]+)?}}: "0x0400000033000000"
// CHECK-DAG: o.weight0{{(_[0-9]+)?}}: "0x04000000C0FFFFFF00000000"
// CHECK-DAG: o.weight2{{(_[0-9]+)?}}: "0x040000003300000080000000"
// CHECK-DAG: o.weight3{{(_[0-9]+)?}}: "0x0400000080000000FF000000"
snn.network @skip {
  %x = snn.input "x" : tensor<3xf32>
  %a = snn.linear %x {weight = dense_resource<w1> : tensor<2x3xf32>} : tensor<3xf32> -> tensor<2xf32>
  %h = snn.if %a {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h")
  %b = snn.linear %h {weight = dense_resource<w2> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %c = snn.linear %x {weight = dense_resource<w3> : tensor<2x3xf32>} : tensor<3xf32> -> tensor<2xf32>
  %d = snn.add %b, %c : tensor<2xf32>
  %o = snn.if %d {r = 1000.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("o")
  snn.output %o as "y" : tensor<2xf32>
}
{-#
  dialect_resources: { builtin: {
    w1: "0x040000000000003F000080BE0000803F000000000000003F000080BE",
    w2: "0x040000000000003F000080BE0000803F0000003F",
    w3: "0x04000000CDCC4C3E0000000000000000000000000000000000000000"
  } }
#-}
