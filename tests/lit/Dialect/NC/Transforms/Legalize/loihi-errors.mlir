// Every rule nc-legalize-loihi checks on hand-written graphs for loihi's own
// description (HASH stands for its content hash), one error per case: a
// table delay beyond core.max_synaptic_delay, an approximation it does not
// know, one it knows but was not allowed, a weight width or exponent that is
// not loihi's, and a model that is not a loihi compartment. The limits that
// depend on the core's size are in loihi-errors-small.mlir; the target's
// hash and arithmetic in loihi-target.mlir.
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

// -----

// A table quantized for another weight width.
nc.graph @weight_bits target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': weight_bits 4 is not loihi's 8-bit weights}}
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000004000000FCFFFFFF"
} } #-}

// -----

// An exponent beyond loihi's 4-bit field.
nc.graph @weight_exp target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': weight_exp 8 is outside loihi's range [-8, 7]}}
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64, weight_exp = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000004000000FCFFFFFF"
} } #-}

// -----

// A population of another chip's model.
nc.graph @model target("loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': model 'akida' does not run on loihi (its compartments are loihi and loihi_readout)}}
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000004000000FCFFFFFF"
} } #-}
