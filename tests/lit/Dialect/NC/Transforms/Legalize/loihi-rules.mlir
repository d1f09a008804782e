// nc-legalize-loihi on hand-written graphs for loihi's own description
// (HASH stands for its content hash): a table delay beyond
// core.max_synaptic_delay, an approximation it does not know, and one it
// knows but was not allowed.
// RUN: sed "s/HASH/$(spikec target --hash loihi)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc.graph(nc-legalize-loihi))'

nc.graph @delay target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': delay 63 steps exceeds loihi's 62 (core.max_synaptic_delay)}}
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64, delay = 63 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "loihi_readout", params = {du = 4095 : i64, dv = 0 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000004000000FCFFFFFF"
} } #-}

// -----

nc.graph @unknown target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': unknown approximation 'fast'}}
  %p = nc.population %a {model = "loihi", approximation = "fast", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000004000000FCFFFFFF"
} } #-}

// -----

nc.graph @not_allowed target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64, delay = 1 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': its mapping is the approximation loihi-current-bias-to-membrane; allow it with --approx=loihi-current-bias-to-membrane}}
  %p = nc.population %a {model = "loihi", approximation = "loihi-current-bias-to-membrane", params = {du = 100 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000004000000FCFFFFFF"
} } #-}
