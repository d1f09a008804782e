// RUN: spikec-opt %s -split-input-file -verify-diagnostics

// One case per verifier message of the nc dialect (NCOps.cpp), plus the
// delay constraint of ODS. Each case is a minimal graph.

//===----------------------------------------------------------------------===//
// nc.graph
//===----------------------------------------------------------------------===//

nc.graph @foreign target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'builtin.module' op is not allowed in an nc.graph}}
  builtin.module {}
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @dup_input target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.input' op duplicates input name 'x'}}
  %y = nc.input "x" : tensor<2xi32>
  nc.output %x as "a" : tensor<2xi32>
  nc.output %y as "b" : tensor<2xi32>
}

// -----

nc.graph @dup_output target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  nc.output %x as "a" : tensor<2xi32>
  // expected-error @+1 {{'nc.output' op duplicates output name 'a'}}
  nc.output %x as "a" : tensor<2xi32>
}

// -----

nc.graph @rank2 target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op needs a static 1-D tensor, got 'tensor<2x2xi32>'}}
  %x = nc.input "x" : tensor<2x2xi32>
  nc.output %x as "y" : tensor<2x2xi32>
}

// -----

nc.graph @dangling target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.input' op result is never used (a dangling value)}}
  %y = nc.input "unused" : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

// expected-error @+1 {{'nc.graph' op has no nc.output}}
nc.graph @no_output target("loihi", "0x0") {
}

// -----

nc.graph @algebraic_loop target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{'nc.sum' op is on a cycle with no population (an algebraic loop)}}
  %s = nc.sum %a, %f : tensor<2xi32>
  %f = nc.synapses %s {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

//===----------------------------------------------------------------------===//
// nc.input
//===----------------------------------------------------------------------===//

// -----

nc.graph @empty_name target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op needs a non-empty name}}
  %x = nc.input "" : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @bad_encoder target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op encoder needs a kind: direct, rate, latency or delta}}
  %x = nc.input "x" {encoder = {kind = "poisson"}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @encoder_no_kind target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op encoder needs a kind: direct, rate, latency or delta}}
  %x = nc.input "x" {encoder = {gain = 1.0 : f64}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

//===----------------------------------------------------------------------===//
// nc.synapses
//===----------------------------------------------------------------------===//

// -----

nc.graph @no_blob target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op synapse table has no data (missing resource blob)}}
  %a = nc.synapses %x {offsets = dense_resource<nowhere> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @offsets_count target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op needs 3 offsets for 2 inputs, got 2}}
  %a = nc.synapses %x {offsets = dense_resource<off2> : tensor<2xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off2: "0x040000000000000001000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @targets_weights target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op has 2 targets but 1 weights}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w1> : tensor<1xi32>,
                       weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w1: "0x0400000001000000"
} } #-}

// -----

nc.graph @offsets_range target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op offsets must run from 0 to the 2 synapses}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000001000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @offsets_decrease target("loihi", "0x0") {
  %x = nc.input "x" : tensor<3xi32>
  // expected-error @+1 {{'nc.synapses' op offsets decrease at input 1}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<4xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64} : tensor<3xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x0400000000000000020000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @weight_bits target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op weight_bits must be in [1, 32], got 0}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 0 : i64} : tensor<2xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF"
} } #-}

// -----

nc.graph @target_range target("loihi", "0x0") {
  %x = nc.input "x" : tensor<1xi32>
  // expected-error @+1 {{'nc.synapses' op synapse 0 targets neuron 5 outside [0, 2)}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<2xi32>,
                       targets = dense_resource<tgt> : tensor<1xi32>,
                       weights = dense_resource<w> : tensor<1xi32>,
                       weight_bits = 8 : i64} : tensor<1xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x040000000000000001000000",
  tgt: "0x0400000005000000",
  w: "0x0400000001000000"
} } #-}

// -----

nc.graph @weight_range target("loihi", "0x0") {
  %x = nc.input "x" : tensor<1xi32>
  // expected-error @+1 {{'nc.synapses' op synapse 0 has weight 200, outside the 8-bit range [-128, 127]}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<2xi32>,
                       targets = dense_resource<tgt> : tensor<1xi32>,
                       weights = dense_resource<w> : tensor<1xi32>,
                       weight_bits = 8 : i64} : tensor<1xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x040000000000000001000000",
  tgt: "0x0400000001000000",
  w: "0x04000000C8000000"
} } #-}

// -----

nc.graph @negative_delay target("loihi", "0x0") {
  %x = nc.input "x" : tensor<1xi32>
  // expected-error @+1 {{'nc.synapses' op attribute 'delay' failed to satisfy constraint}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<2xi32>,
                       targets = dense_resource<tgt> : tensor<1xi32>,
                       weights = dense_resource<w> : tensor<1xi32>,
                       weight_bits = 8 : i64, delay = -1 : i64}
       : tensor<1xi32> -> tensor<2xi32>
  nc.output %a as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x040000000000000001000000",
  tgt: "0x0400000001000000",
  w: "0x0400000001000000"
} } #-}

//===----------------------------------------------------------------------===//
// nc.population
//===----------------------------------------------------------------------===//

// -----

nc.graph @unknown_model target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op model 'truenorth' has no nc form (known: loihi)}}
  %s = nc.population %x {model = "truenorth", params = {}} : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @unknown_param target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op model 'loihi' has no parameter 'tau'}}
  %s = nc.population %x {model = "loihi",
                         params = {du = 0, dv = 0, vth_mant = 10, bias_mant = 0,
                                   bias_exp = 0, refractory_delay = 0, tau = 3}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @missing_param target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op is missing parameter 'du'}}
  %s = nc.population %x {model = "loihi",
                         params = {dv = 0, vth_mant = 10, bias_mant = 0,
                                   bias_exp = 0, refractory_delay = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @param_type target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op parameter 'du' must be an integer or an i32 dense_resource}}
  %s = nc.population %x {model = "loihi",
                         params = {du = 1.5 : f64, dv = 0, vth_mant = 10,
                                   bias_mant = 0, bias_exp = 0,
                                   refractory_delay = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @param_count target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op parameter 'du' needs 2 values (one per neuron)}}
  %s = nc.population %x {model = "loihi",
                         params = {du = dense_resource<one> : tensor<1xi32>,
                                   dv = 0, vth_mant = 10, bias_mant = 0,
                                   bias_exp = 0, refractory_delay = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  one: "0x0400000001000000"
} } #-}

// -----

nc.graph @param_16bit target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: du, dv and refractory_delay must be non-negative 16-bit values}}
  %s = nc.population %x {model = "loihi",
                         params = {du = -1, dv = 0, vth_mant = 10, bias_mant = 0,
                                   bias_exp = 0, refractory_delay = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @param_range target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 1: vth mantissa must lie in [0, 131071]}}
  %s = nc.population %x {model = "loihi",
                         params = {du = 0, dv = 0,
                                   vth_mant = dense_resource<vth> : tensor<2xi32>,
                                   bias_mant = 0, bias_exp = 0,
                                   refractory_delay = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  vth: "0x040000000A000000FFFFFFFF"
} } #-}
