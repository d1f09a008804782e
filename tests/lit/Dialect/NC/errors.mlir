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

// The attributes are checked by the rules the quantized reference and the
// emulator read them with (spikec/Kernels/EncoderConfig.h).

// -----

nc.graph @encoder_delta_no_threshold target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op input 'x': encoder 'delta' needs attribute 'threshold'}}
  %x = nc.input "x" {encoder = {kind = "delta"}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @encoder_latency_no_window target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op input 'x': encoder 'latency' needs an integer attribute 'window' > 0}}
  %x = nc.input "x" {encoder = {kind = "latency", threshold = 0.5 : f64}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @encoder_unknown_attribute target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op input 'x': encoder 'rate' has no attribute 'window'}}
  %x = nc.input "x" {encoder = {kind = "rate", window = 3 : i64}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @encoder_gain_not_a_number target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op input 'x': encoder attribute 'gain' must be a finite number, got "high"}}
  %x = nc.input "x" {encoder = {kind = "rate", gain = "high"}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @encoder_seed_not_an_integer target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op input 'x': encoder attribute 'seed' must be an integer, got 1.500000e+00 : f64}}
  %x = nc.input "x" {encoder = {kind = "rate", seed = 1.5 : f64}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @encoder_seed_beyond_int64 target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op input 'x': encoder attribute 'seed' must be an integer, got 99999999999999999999999 : i128}}
  %x = nc.input "x" {encoder = {kind = "rate", seed = 99999999999999999999999 : i128}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @encoder_bits_out_of_range target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op input 'x': encoder attribute 'bits' must be an integer in [1, 31], got 0 : i64}}
  %x = nc.input "x" {encoder = {kind = "direct", bits = 0 : i64}} : tensor<2xi32>
  nc.output %x as "y" : tensor<2xi32>
}

// -----

nc.graph @encoder_off_spikes_not_a_bool target("loihi", "0x0") {
  // expected-error @+1 {{'nc.input' op input 'x': encoder attribute 'off_spikes' must be a bool, got 1 : i64}}
  %x = nc.input "x" {encoder = {kind = "delta", threshold = 0.5 : f64, off_spikes = 1 : i64}} : tensor<2xi32>
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
  // expected-error @+1 {{'nc.population' op model 'spinnaker' has no nc form (known: loihi,}}
  %s = nc.population %x {model = "spinnaker", params = {}} : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @reset_size target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op state_reset must be [period, phase], got 3 values}}
  %s = nc.population %x {model = "loihi",
                         params = {du = 0, dv = 0, vth_mant = 10, bias_mant = 0,
                                   bias_exp = 0, refractory_delay = 0},
                         state_reset = array<i64: 4, 1, 2>} : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @reset_phase target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op state_reset [4, 4] needs period >= 1 and 0 <= phase < period}}
  %s = nc.population %x {model = "loihi",
                         params = {du = 0, dv = 0, vth_mant = 10, bias_mant = 0,
                                   bias_exp = 0, refractory_delay = 0},
                         state_reset = array<i64: 4, 4>} : tensor<2xi32>
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

//===----------------------------------------------------------------------===//
// truenorth: axon types (synapse 0: x0 -> neuron 1, weight 3; synapse 1:
// x1 -> neuron 0, weight -2) and the model's parameters
//===----------------------------------------------------------------------===//

// -----

nc.graph @tn_type_range target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op synapse 0 has axon type 4, outside [0, 3]}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<types> : tensor<2xi32>,
                       weight_bits = 9 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "truenorth", params = {weight0 = -2, weight1 = 3, weight2 = 0, weight3 = 0, leak = 0, leak_reversal = 0, alpha = 5, beta = 0, reset_v = 0, reset_mode = 0, neg_saturate = 1, mask_bits = 0}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  types: "0x040000000400000000000000"
} } #-}

// -----

nc.graph @tn_type_count target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op needs one axon type per synapse (2), got 3}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<types> : tensor<3xi32>,
                       weight_bits = 9 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "truenorth", params = {weight0 = -2, weight1 = 3, weight2 = 0, weight3 = 0, leak = 0, leak_reversal = 0, alpha = 5, beta = 0, reset_v = 0, reset_mode = 0, neg_saturate = 1, mask_bits = 0}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  types: "0x04000000010000000000000000000000"
} } #-}

// -----

nc.graph @tn_type_weight target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op synapse 0 into neuron 1 has weight 3 but axon type 1, whose weight for that neuron is 4}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<types> : tensor<2xi32>,
                       weight_bits = 9 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "truenorth", params = {weight0 = -2, weight1 = 4, weight2 = 0, weight3 = 0, leak = 0, leak_reversal = 0, alpha = 5, beta = 0, reset_v = 0, reset_mode = 0, neg_saturate = 1, mask_bits = 0}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  types: "0x040000000100000000000000"
} } #-}

// -----

nc.graph @tn_type_exp target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.synapses' op has axon types, so the type weights are added as they are: weight_exp must be 0, got 1}}
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<types> : tensor<2xi32>,
                       weight_bits = 9 : i64, weight_exp = 1 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "truenorth", params = {weight0 = -2, weight1 = 3, weight2 = 0, weight3 = 0, leak = 0, leak_reversal = 0, alpha = 5, beta = 0, reset_v = 0, reset_mode = 0, neg_saturate = 1, mask_bits = 0}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  types: "0x040000000100000000000000"
} } #-}

// -----

nc.graph @tn_mask target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<types> : tensor<2xi32>,
                       weight_bits = 9 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: mask_bits must be 0: a stochastic threshold's draws would depend on how the population is split across cores}}
  %p = nc.population %a {model = "truenorth", params = {weight0 = -2, weight1 = 3, weight2 = 0, weight3 = 0, leak = 0, leak_reversal = 0, alpha = 5, beta = 0, reset_v = 0, reset_mode = 0, neg_saturate = 1, mask_bits = 3}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  types: "0x040000000100000000000000"
} } #-}

// -----

nc.graph @tn_flag target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<types> : tensor<2xi32>,
                       weight_bits = 9 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: leak_reversal and neg_saturate must be 0 or 1}}
  %p = nc.population %a {model = "truenorth", params = {weight0 = -2, weight1 = 3, weight2 = 0, weight3 = 0, leak = 0, leak_reversal = 2, alpha = 5, beta = 0, reset_v = 0, reset_mode = 0, neg_saturate = 1, mask_bits = 0}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  types: "0x040000000100000000000000"
} } #-}

// -----

nc.graph @tn_weight_range target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<types> : tensor<2xi32>,
                       weight_bits = 9 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: synaptic weights must lie in [-255, 255]}}
  %p = nc.population %a {model = "truenorth", params = {weight0 = -2, weight1 = 3, weight2 = 300, weight3 = 0, leak = 0, leak_reversal = 0, alpha = 5, beta = 0, reset_v = 0, reset_mode = 0, neg_saturate = 1, mask_bits = 0}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  types: "0x040000000100000000000000"
} } #-}

// -----

nc.graph @tn_reset_mode target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<types> : tensor<2xi32>,
                       weight_bits = 9 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: reset mode must be 0, 1 or 2}}
  %p = nc.population %a {model = "truenorth", params = {weight0 = -2, weight1 = 3, weight2 = 0, weight3 = 0, leak = 0, leak_reversal = 0, alpha = 5, beta = 0, reset_v = 0, reset_mode = 3, neg_saturate = 1, mask_bits = 0}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  types: "0x040000000100000000000000"
} } #-}

// -----

// generic_lif: every width and mode is range-checked per neuron.
nc.graph @generic_decay target("odin", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: dv = 1 is outside [0, 0]}}
  %s = nc.population %x {model = "generic_lif",
                         params = {membrane_bits = 8, current_bits = 0,
                                   decay_bits = 0, input_shift = 0,
                                   threshold_shift = 0, membrane_overflow = 1,
                                   current_overflow = 1, rounding = 2,
                                   reset = 0, timing = 0, dv = 1, di = 0,
                                   vth = 4, v_reset = 0, bias = 0,
                                   refractory = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @generic_rounding target("odin", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: rounding = 3 is outside [0, 2]}}
  %s = nc.population %x {model = "generic_lif",
                         params = {membrane_bits = 8, current_bits = 0,
                                   decay_bits = 0, input_shift = 0,
                                   threshold_shift = 0, membrane_overflow = 1,
                                   current_overflow = 1, rounding = 3,
                                   reset = 0, timing = 0, dv = 0, di = 0,
                                   vth = 4, v_reset = 0, bias = 0,
                                   refractory = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @generic_vreset target("odin", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: v_reset = 200 is outside [-128, 127]}}
  %s = nc.population %x {model = "generic_alif",
                         params = {membrane_bits = 8, current_bits = 0,
                                   decay_bits = 4, input_shift = 0,
                                   threshold_shift = 0, membrane_overflow = 1,
                                   current_overflow = 1, rounding = 2,
                                   reset = 0, timing = 0, dv = 0, di = 0,
                                   vth = 4, v_reset = 200, bias = 0,
                                   refractory = 0, da = 1, adapt_jump = 1}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

// generic_izhikevich: c2 v^2 for a 32-bit v would overflow int64.
nc.graph @generic_izh target("odin", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: c2 v^2 + 2^F (c1 v - cu u) may reach 2^62 for a 32-bit v}}
  %s = nc.population %x {model = "generic_izhikevich",
                         params = {membrane_bits = 32, frac_bits = 8,
                                   coef_shift = 4, input_shift = 0,
                                   overflow = 1, rounding = 2, c2 = 1,
                                   c1 = 80, c0 = 140, cu = 16, ca = 1, cb = 3,
                                   v_peak = 30, v_reset = -65, u_jump = 8}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @akida target("akida", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: every step must be positive}}
  %s = nc.population %x {model = "akida", params = {threshold_offset = 0, step = 0, output_bits = 1}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @akida target("akida", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: activation bits must be 1, 2 or 4}}
  %s = nc.population %x {model = "akida", params = {threshold_offset = 0, step = 2, output_bits = 8}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

// loihi_readout has no threshold and no refractory delay.
nc.graph @readout_param target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op neuron 0: bias mantissa must lie in [-4096, 4095]}}
  %s = nc.population %x {model = "loihi_readout",
                         params = {du = 4095, dv = 0, bias_mant = 5000,
                                   bias_exp = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}

// -----

nc.graph @readout_vth target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  // expected-error @+1 {{'nc.population' op model 'loihi_readout' has no parameter 'vth_mant'}}
  %s = nc.population %x {model = "loihi_readout",
                         params = {du = 4095, dv = 0, vth_mant = 10,
                                   bias_mant = 0, bias_exp = 0}}
       : tensor<2xi32>
  nc.output %s as "y" : tensor<2xi32>
}
