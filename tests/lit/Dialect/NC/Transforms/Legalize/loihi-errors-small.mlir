// nc-legalize-loihi's per-neuron limits, on a smaller core
// (Inputs/small-loihi.json: core.max_fan_in 3 and 16 bits of synapse memory,
// two 8-bit synapses).
// RUN: sed "s/HASH/$(spikec target --hash %S/Inputs/small-loihi.json)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc.graph(nc-legalize-loihi{target=%S/Inputs/small-loihi.json}))'

// Four inputs into one neuron.
nc.graph @fan_in target("small-loihi", "HASH") {
  %x = nc.input "x" : tensor<4xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<5xi32>, targets = dense_resource<t> : tensor<4xi32>, weights = dense_resource<w> : tensor<4xi32>, weight_bits = 8 : i64} : tensor<4xi32> -> tensor<1xi32>
  // expected-error @+1 {{population '<unnamed>': fan-in 4 (neuron 0) exceeds small-loihi's 3 synapses per neuron (core.max_fan_in); a dendritic sum split across cores is not exact}}
  %p = nc.population %a {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<1xi32>
  nc.output %p as "y" : tensor<1xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x040000000000000001000000020000000300000004000000",
  t: "0x0400000000000000000000000000000000000000",
  w: "0x0400000001000000010000000100000001000000"
} } #-}

// -----

// Three inputs fit the fan-in but not the synapse memory.
nc.graph @memory target("small-loihi", "HASH") {
  %x = nc.input "x" : tensor<3xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<4xi32>, targets = dense_resource<t> : tensor<3xi32>, weights = dense_resource<w> : tensor<3xi32>, weight_bits = 8 : i64} : tensor<3xi32> -> tensor<1xi32>
  // expected-error @+1 {{population '<unnamed>': neuron 0's 3 synapses need 24 bits, more than small-loihi's 16 bits of synapse memory per core}}
  %p = nc.population %a {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<1xi32>
  nc.output %p as "y" : tensor<1xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x0400000000000000010000000200000003000000",
  t: "0x04000000000000000000000000000000",
  w: "0x04000000010000000100000001000000"
} } #-}
