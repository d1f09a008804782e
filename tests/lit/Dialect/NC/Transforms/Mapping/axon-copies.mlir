// One input feeds two populations through two synapse tables. A core's axon
// carries one table's synapses (one dendrite group), so an input element
// reaching both populations in one core needs two axons there: the mapping
// problem gives each element a copy for its second table (MapNetwork.h).
//
// Inputs/tiny-axons.json: 4 neurons and 4 input axons per core. a and b
// (2 neurons each) would fit one core by neurons, but need 3 + 3 = 6 axons
// there. Lower bound: 6 distinct pres / 4 axons -> 2 cores, set by input
// axons. Sequential fill: a0, a1 (3 axons), b0 would make 6 > 4: a new core,
// so core 0 = {a0, a1}, core 1 = {b0, b1}, 3 axons each. Every input pre
// reaches one core that is not its own: 6 input spikes into cores per step,
// and 0 between cores (a and b do not connect).
//
// RUN: sed "s/HASH/$(spikec target %S/Inputs/tiny-axons.json --hash)/" %s | spikec-opt --pass-pipeline='builtin.module(nc.graph(nc-partition{target=%S/Inputs/tiny-axons.json},nc-place{target=%S/Inputs/tiny-axons.json}),nc-route{target=%S/Inputs/tiny-axons.json})' | FileCheck %s
//
// CHECK: nc.chip @two
// CHECK-SAME: partition = {binding = "input axons", cores = 2 : i64, input_spikes = 6.000000e+00 : f64, inter_core_spikes = 0.000000e+00 : f64, lower_bound = 2 : i64, rates = "uniform"
// CHECK: nc.core 0 at
// CHECK-SAME: neurons 2
// CHECK: nc.core 1 at
// CHECK-SAME: neurons 2
//
// Core 0: axons 0..2 are x0..x2 of table A, 2 synapses each (to a0, a1);
// core 1 the same for table B. x_e goes to (core 0, axon e) and (core 1,
// axon e).
// CHECK: two.c0.axon_group: "0x04000000000000000000000000000000"
// CHECK: two.c0.axon_offsets: "0x0400000000000000020000000400000006000000"
// CHECK: two.c1.axon_group: "0x04000000000000000000000000000000"
// CHECK: two.c1.axon_offsets: "0x0400000000000000020000000400000006000000"
// CHECK: two.in.x.dest_axon: "0x04000000000000000000000001000000010000000200000002000000"
// CHECK: two.in.x.dest_core: "0x04000000000000000100000000000000010000000000000001000000"
nc.graph @two target("tiny-axons", "HASH") {
  %x = nc.input "x" : tensor<3xi32>
  %sa = nc.synapses %x {offsets = dense_resource<o> : tensor<4xi32>, targets = dense_resource<t> : tensor<6xi32>, weights = dense_resource<w> : tensor<6xi32>, weight_bits = 8 : i64} : tensor<3xi32> -> tensor<2xi32>
  %a = nc.population %sa {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32> loc("a")
  %sb = nc.synapses %x {offsets = dense_resource<o> : tensor<4xi32>, targets = dense_resource<t> : tensor<6xi32>, weights = dense_resource<w> : tensor<6xi32>, weight_bits = 8 : i64} : tensor<3xi32> -> tensor<2xi32>
  %b = nc.population %sb {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32> loc("b")
  nc.output %a as "ya" : tensor<2xi32>
  nc.output %b as "yb" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x0400000000000000020000000400000006000000",
  t: "0x04000000000000000100000000000000010000000000000001000000",
  w: "0x04000000010000000100000001000000010000000100000001000000"
} } #-}
