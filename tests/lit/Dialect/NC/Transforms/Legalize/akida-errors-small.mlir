// The rules that depend on the description's numbers, on a smaller chip
// (Inputs/akida-small.json: akida with max_fan_in 2, membrane_bits 12 and
// activations of 1 or 4 bits).
// RUN: sed "s/HASH/$(spikec target --hash %S/Inputs/akida-small.json)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc.graph(nc-legalize-akida{target=%S/Inputs/akida-small.json}))'

nc.graph @act2 target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': neuron 0 has 2-bit activations; akida-small allows 1, 4}}
  %p = nc.population %a {model = "akida", params = {output_bits = 2 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @fanin target("akida", "HASH") {
  %x = nc.input "x" : tensor<1xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<2xi32>, targets = dense_resource<t> : tensor<3xi32>, weights = dense_resource<w> : tensor<3xi32>, weight_bits = 4 : i64} : tensor<1xi32> -> tensor<1xi32>
  // expected-error @+1 {{population '<unnamed>': neuron 0 has fan-in 3, more than akida-small's max_fan_in 2}}
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<1xi32>
  nc.output %p as "y" : tensor<1xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x040000000000000003000000",
  t: "0x04000000000000000000000000000000",
  w: "0x04000000010000000100000001000000"
} } #-}

// -----

nc.graph @acc target("akida", "HASH") {
  %x = nc.input "x" {encoder = {kind = "direct", gain = 1.0 : f64}} : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': neuron 0 can reach a potential of 3570 (sum of |weight| x largest input), beyond the 12-bit accumulator's 2047}}
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000000000000",
  w: "0x040000000700000007000000"
} } #-}
