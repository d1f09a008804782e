// Profile rates (spikec compile --profile) on every node or on none, each a
// finite number >= 0 per element.
// RUN: sed "s/HASH/$(spikec target %S/Inputs/tiny-axons.json --hash)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc.graph(nc-partition{target=%S/Inputs/tiny-axons.json}))'

nc.graph @some target("tiny-axons", "HASH") {
  %x = nc.input "x" {rates = dense_resource<r1> : tensor<1xf32>} : tensor<1xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<2xi32>, targets = dense_resource<t> : tensor<1xi32>, weights = dense_resource<w> : tensor<1xi32>, weight_bits = 8 : i64} : tensor<1xi32> -> tensor<1xi32>
  // expected-error @below {{needs 'rates' (1 f32 events per step) like the graph's other nodes}}
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<1xi32>
  nc.output %p as "y" : tensor<1xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x040000000000000001000000",
  t: "0x0400000000000000",
  w: "0x0400000001000000",
  r1: "0x040000000000003F"
} } #-}

// -----

nc.graph @negative target("tiny-axons", "HASH") {
  // expected-error @below {{rate -1 of element 0 is not a finite number >= 0}}
  %x = nc.input "x" {rates = dense_resource<rn> : tensor<1xf32>} : tensor<1xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<2xi32>, targets = dense_resource<t> : tensor<1xi32>, weights = dense_resource<w> : tensor<1xi32>, weight_bits = 8 : i64} : tensor<1xi32> -> tensor<1xi32>
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, rates = dense_resource<r1> : tensor<1xf32>} : tensor<1xi32>
  nc.output %p as "y" : tensor<1xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x040000000000000001000000",
  t: "0x0400000000000000",
  w: "0x0400000001000000",
  r1: "0x040000000000003F",
  rn: "0x04000000000080BF"
} } #-}
