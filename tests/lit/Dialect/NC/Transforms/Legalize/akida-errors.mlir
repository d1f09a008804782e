// Every design rule of nc-legalize-akida on akida's own description: each
// violation an error naming the op, the rule and the numbers. (Ops are
// unnamed here, as -verify-diagnostics needs the parser's locations; akida.mlir
// shows the names.) HASH stands for the description's content hash, which a
// graph must carry.
// RUN: sed "s/HASH/$(spikec target --hash akida)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc.graph(nc-legalize-akida))'

// expected-error @+1 {{target 'loihi' computes in 'loihi' arithmetic, not akida's}}
nc.graph @loihi target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @model target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': model 'loihi' is not akida's neuron model}}
  %p = nc.population %a {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @noapprox target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': an if layer is not exact on akida (no state across frames); its mapping as a rate-coded activation is an approximation: allow it with --approx=akida-rate-to-activation}}
  %p = nc.population %a {approximation = "akida-rate-to-activation", model = "akida", params = {output_bits = 4 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @badapprox target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': unknown approximation 'relu'}}
  %p = nc.population %a {approximation = "relu", model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @wexp target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': weight_exp 1: akida has no weight exponent}}
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64, weight_exp = 1 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @delay target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': delay 1: akida has no synaptic delays}}
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64, delay = 1 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @bits3 target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': 3-bit weights; akida allows 1, 2, 4, 8}}
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 3 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @codepoint target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': synapse 1 has weight -8, not an akida 4-bit weight [-7, 7]}}
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000F8FFFFFF"
} } #-}

// -----

nc.graph @twobit target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': synapse 0 has weight -2, not an akida 2-bit weight [-1, 1]}}
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 2 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x04000000FEFFFFFF01000000"
} } #-}

// -----

nc.graph @delta target("akida", "HASH") {
  // expected-error @+1 {{input 'x': delta off-spikes are -1 events; akida's input activations are unsigned}}
  %x = nc.input "x" {encoder = {kind = "delta", threshold = 0.1 : f64, off_spikes = true}} : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @direct3 target("akida", "HASH") {
  // expected-error @+1 {{input 'x': direct input of 3 bits; akida's input events have 1, 2, 4 or 8}}
  %x = nc.input "x" {encoder = {kind = "direct", gain = 1.0 : f64, bits = 3 : i64}} : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @w8hidden target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "akida", params = {output_bits = 4 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  // expected-error @+1 {{synapses '<unnamed>': 8-bit weights are for the input layer only; this table reads population '<unnamed>'}}
  %b = nc.synapses %p {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  %q = nc.population %b {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %q as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @nosyn target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': its input is not a synapse table or a sum of them; akida potentials are weighted sums}}
  %p = nc.population %x {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}

// -----

// A readout (the final layer's potential) goes to the host only.
nc.graph @readout_feeds target("akida", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{population '<unnamed>': a readout (the final layer's potential) feeds synapses '<unnamed>'; it may only feed outputs}}
  %r = nc.population %a {model = "akida_readout", params = {offset = 0 : i64}} : tensor<2xi32>
  %b = nc.synapses %r {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %b {model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}
