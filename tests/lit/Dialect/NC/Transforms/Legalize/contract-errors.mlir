// Every rule nc-check-contract (the end of the target pipeline) enforces,
// one error per case, on the loihi preset: a network left unlowered, a
// target that does not load or has changed, a model loihi's arithmetic
// does not run, weights wider than its synapses, a delay beyond its range.
// RUN: sed "s/HASH/$(spikec target loihi --hash)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc-check-contract)'

// expected-error @+1 {{snn.network @left was not lowered to an nc.graph}}
snn.network @left {
  %x = snn.input "x" : tensor<2xf32>
  snn.output %x as "y" : tensor<2xf32>
}

// -----

// expected-error @+1 {{cannot load target 'nosuch': unknown target 'nosuch'}}
nc.graph @unknown target("nosuch", "0123456789abcdef") {
  %x = nc.input "x" : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

// expected-error @+1 {{graph was made for target 'loihi' with hash 0123456789abcdef, but 'loihi' has hash}}
nc.graph @changed target("loihi", "0123456789abcdef") {
  %x = nc.input "x" : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @foreign_model target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{runs model 'akida', which loihi's arithmetic ('loihi') does not run (it runs loihi, loihi_readout)}}
  %p = nc.population %s {model = "akida", params = {output_bits = 2 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000"
} } #-}

// -----

nc.graph @wide_weights target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{has 9-bit weights; loihi's synapses hold 8}}
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 9 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000"
} } #-}

// -----

nc.graph @long_delay target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{has a delay of 63 steps; loihi's synaptic delays reach 62}}
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64, delay = 63 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000"
} } #-}
