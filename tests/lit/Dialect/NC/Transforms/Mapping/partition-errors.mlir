// Every error nc-partition reports on a graph it cannot map, one per case, on
// Inputs/tiny-loihi.json (4 cores of 2 neurons). Missing or invalid
// profile rates are in rates-errors.mlir.
// RUN: sed "s/HASH/$(spikec target %S/Inputs/tiny-loihi.json --hash)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc.graph(nc-partition{target=%S/Inputs/tiny-loihi.json}))'

// 9 neurons need 5 cores of 2; the chip has 4.
// expected-error @+1 {{cannot partition for tiny-loihi: network needs at least 5 cores (by neurons), tiny-loihi has 4}}
nc.graph @too_many_neurons target("tiny-loihi", "HASH") {
  %x = nc.input "x" : tensor<1xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<2xi32>, targets = dense_resource<t> : tensor<9xi32>, weights = dense_resource<w> : tensor<9xi32>, weight_bits = 8 : i64} : tensor<1xi32> -> tensor<9xi32>
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<9xi32>
  nc.output %p as "y" : tensor<9xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x040000000000000009000000",
  t: "0x04000000000000000100000002000000030000000400000005000000060000000700000008000000",
  w: "0x04000000010000000100000001000000010000000100000001000000010000000100000001000000"
} } #-}

// -----

// A table whose neurons would be in two populations at once.
nc.graph @shared_table target("tiny-loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapse table feeds 2 populations; mapping needs exactly one}}
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  %a = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  %b = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %a as "ya" : tensor<2xi32>
  nc.output %b as "yb" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000"
} } #-}
