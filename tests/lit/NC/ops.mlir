// RUN: spikec-opt %s | spikec-opt | FileCheck %s

// Every nc op round-trips through the printer and the parser: a graph with
// an encoded input, a synapse table with every attribute set, a sum, a
// population with scalar and per-neuron parameters, and outputs.

// CHECK-LABEL: nc.graph @all target("loihi", "0x1234abcd") attributes {dt = 1.000000e-03 : f64} {
// CHECK:         %[[X:.+]] = nc.input "x" {encoder = {gain = 5.000000e-01 : f64, kind = "rate", seed = 7 : i64}} : tensor<2xi32>
// CHECK:         %[[A:.+]] = nc.synapses %[[X]] {delay = 2 : i64, offsets = dense_resource<off> : tensor<3xi32>, targets = dense_resource<tgt> : tensor<2xi32>, weight_bits = 8 : i64, weight_exp = -1 : i64, weights = dense_resource<w> : tensor<2xi32>} : tensor<2xi32> -> tensor<2xi32>
// CHECK:         %[[R:.+]] = nc.synapses %[[S:.+]] {offsets = dense_resource<off> : tensor<3xi32>, targets = dense_resource<tgt> : tensor<2xi32>, weight_bits = 8 : i64, weights = dense_resource<w> : tensor<2xi32>} : tensor<2xi32> -> tensor<2xi32>
// CHECK:         %[[SUM:.+]] = nc.sum %[[A]], %[[R]] : tensor<2xi32>
// CHECK:         %[[S]] = nc.population %[[SUM]] {model = "loihi", params = {bias_exp = 0 : i64, bias_mant = 0 : i64, du = 4095 : i64, dv = 410 : i64, refractory_delay = 0 : i64, vth_mant = dense_resource<vth> : tensor<2xi32>}} : tensor<2xi32>
// CHECK:         nc.output %[[S]] as "spikes" : tensor<2xi32>
// CHECK:         nc.output %[[A]] as "current" : tensor<2xi32>
// CHECK:       }
nc.graph @all target("loihi", "0x1234abcd") attributes {dt = 1.0e-3 : f64} {
  %x = nc.input "x" {encoder = {kind = "rate", gain = 0.5 : f64, seed = 7 : i64}} : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64, weight_exp = -1 : i64, delay = 2 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %r = nc.synapses %s {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %sum = nc.sum %a, %r : tensor<2xi32>
  %s = nc.population %sum {model = "loihi",
                           params = {du = 4095 : i64, dv = 410 : i64,
                                     vth_mant = dense_resource<vth> : tensor<2xi32>,
                                     bias_mant = 0 : i64, bias_exp = 0 : i64,
                                     refractory_delay = 0 : i64}}
       : tensor<2xi32>
  nc.output %s as "spikes" : tensor<2xi32>
  nc.output %a as "current" : tensor<2xi32>
}

// The defaults: no encoder, no dt; weight_exp = 0 and delay = 0 are elided.
// CHECK-LABEL: nc.graph @plain target("loihi", "0x0") {
// CHECK:         %[[X:.+]] = nc.input "x" : tensor<2xi32>
// CHECK:         %[[P:.+]] = nc.population %[[X]] {model = "loihi", params = {bias_exp = 1 : i64, bias_mant = -3 : i64, du = 0 : i64, dv = 0 : i64, refractory_delay = 2 : i64, vth_mant = 10 : i64}} : tensor<2xi32>
// CHECK:         %[[Y:.+]] = nc.synapses %[[P]] {offsets = dense_resource<off> : tensor<3xi32>, targets = dense_resource<tgt> : tensor<2xi32>, weight_bits = 8 : i64, weights = dense_resource<w> : tensor<2xi32>} : tensor<2xi32> -> tensor<2xi32>
// CHECK:         %[[E:.+]] = nc.sum %[[Y]] : tensor<2xi32>
// CHECK:         nc.output %[[E]] as "y" : tensor<2xi32>
nc.graph @plain target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %p = nc.population %x {model = "loihi",
                         params = {du = 0, dv = 0, vth_mant = 10, bias_mant = -3,
                                   bias_exp = 1, refractory_delay = 2}}
       : tensor<2xi32>
  %y = nc.synapses %p {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64, weight_exp = 0 : i64, delay = 0 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %e = nc.sum %y : tensor<2xi32>
  nc.output %e as "y" : tensor<2xi32>
}

// The blobs survive the round trip.
// CHECK: dialect_resources
// CHECK-DAG: off: "0x04000000000000000100000002000000"
// CHECK-DAG: tgt: "0x040000000100000000000000"
// CHECK-DAG: w: "0x0400000003000000FEFFFFFF"
// CHECK-DAG: vth: "0x040000000A00000014000000"
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  vth: "0x040000000A00000014000000"
} } #-}
