// RUN: spikec-opt %s | spikec-opt | FileCheck %s

// Every nc op round-trips through the printer and the parser: a graph with
// an encoded input, a synapse table with every attribute set, a sum, a
// population with scalar and per-neuron parameters, and outputs.

// CHECK-LABEL: nc.graph @all target("loihi", "0x1234abcd") attributes {dt = 1.000000e-03 : f64} {
// CHECK:         %[[X:.+]] = nc.input "x" {encoder = {gain = 5.000000e-01 : f64, kind = "rate", seed = 7 : i64}} : tensor<2xi32>
// CHECK:         %[[A:.+]] = nc.synapses %[[X]] {delay = 2 : i64, offsets = dense_resource<off> : tensor<3xi32>, targets = dense_resource<tgt> : tensor<2xi32>, weight_bits = 8 : i64, weight_exp = -1 : i64, weights = dense_resource<w> : tensor<2xi32>} : tensor<2xi32> -> tensor<2xi32>
// CHECK:         %[[R:.+]] = nc.synapses %[[S:.+]] {offsets = dense_resource<off> : tensor<3xi32>, targets = dense_resource<tgt> : tensor<2xi32>, weight_bits = 8 : i64, weights = dense_resource<w> : tensor<2xi32>} : tensor<2xi32> -> tensor<2xi32>
// CHECK:         %[[SUM:.+]] = nc.sum %[[A]], %[[R]] : tensor<2xi32>
// CHECK:         %[[S]] = nc.population %[[SUM]] {model = "loihi", params = {bias_exp = 0 : i64, bias_mant = 0 : i64, du = 4095 : i64, dv = 410 : i64, refractory_delay = 0 : i64, vth_mant = dense_resource<vth> : tensor<2xi32>}} : tensor<2xi32>
// CHECK:         nc.output %[[S]] as "spikes" : tensor<2xi32>
// CHECK:         nc.output %[[A]] as "current" : tensor<2xi32>
// CHECK:       }
nc.graph @all target("loihi", "0x1234abcd") attributes {dt = 1.0e-3 : f64} {
  %x = nc.input "x" {encoder = {kind = "rate", gain = 0.5 : f64, seed = 7 : i64}} : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64, weight_exp = -1 : i64, delay = 2 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %r = nc.synapses %s {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %sum = nc.sum %a, %r : tensor<2xi32>
  %s = nc.population %sum {model = "loihi",
                           params = {du = 4095 : i64, dv = 410 : i64,
                                     vth_mant = dense_resource<vth> : tensor<2xi32>,
                                     bias_mant = 0 : i64, bias_exp = 0 : i64,
                                     refractory_delay = 0 : i64}}
       : tensor<2xi32>
  nc.output %s as "spikes" : tensor<2xi32>
  nc.output %a as "current" : tensor<2xi32>
}

// A population with a periodic state reset (netx's reset_interval).
// CHECK-LABEL: nc.graph @reset target("loihi", "0x0") {
// CHECK:         nc.population %{{.+}} {model = "loihi", params = {bias_exp = 0 : i64, bias_mant = 0 : i64, du = 0 : i64, dv = 0 : i64, refractory_delay = 0 : i64, vth_mant = 10 : i64}, state_reset = array<i64: 17, 3>} : tensor<2xi32>
nc.graph @reset target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %p = nc.population %x {model = "loihi",
                         params = {du = 0, dv = 0, vth_mant = 10, bias_mant = 0,
                                   bias_exp = 0, refractory_delay = 0},
                         state_reset = array<i64: 17, 3>}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}

// The defaults: no encoder, no dt; weight_exp = 0 and delay = 0 are elided.
// CHECK-LABEL: nc.graph @plain target("loihi", "0x0") {
// CHECK:         %[[X:.+]] = nc.input "x" : tensor<2xi32>
// CHECK:         %[[P:.+]] = nc.population %[[X]] {model = "loihi", params = {bias_exp = 1 : i64, bias_mant = -3 : i64, du = 0 : i64, dv = 0 : i64, refractory_delay = 2 : i64, vth_mant = 10 : i64}} : tensor<2xi32>
// CHECK:         %[[Y:.+]] = nc.synapses %[[P]] {offsets = dense_resource<off> : tensor<3xi32>, targets = dense_resource<tgt> : tensor<2xi32>, weight_bits = 8 : i64, weights = dense_resource<w> : tensor<2xi32>} : tensor<2xi32> -> tensor<2xi32>
// CHECK:         %[[E:.+]] = nc.sum %[[Y]] : tensor<2xi32>
// CHECK:         nc.output %[[E]] as "y" : tensor<2xi32>
nc.graph @plain target("loihi", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %p = nc.population %x {model = "loihi",
                         params = {du = 0, dv = 0, vth_mant = 10, bias_mant = -3,
                                   bias_exp = 1, refractory_delay = 2}}
       : tensor<2xi32>
  %y = nc.synapses %p {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 8 : i64, weight_exp = 0 : i64, delay = 0 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %e = nc.sum %y : tensor<2xi32>
  nc.output %e as "y" : tensor<2xi32>
}

// A truenorth population behind a table with axon types: synapse 0 (x0 ->
// neuron 1, weight 3) uses type 1, synapse 1 (x1 -> neuron 0, weight -2)
// type 0, so weight1 = 3 and weight0 = -2 (the verifier checks it).
// CHECK-LABEL: nc.graph @truenorth target("truenorth", "0x0")
// CHECK:         %[[TA:.+]] = nc.synapses %{{.+}} {axon_types = dense_resource<tgt> : tensor<2xi32>, offsets = dense_resource<off> : tensor<3xi32>, targets = dense_resource<tgt> : tensor<2xi32>, weight_bits = 9 : i64, weights = dense_resource<w> : tensor<2xi32>}
// CHECK:         nc.population %[[TA]] {model = "truenorth", params = {alpha = 5 : i64, beta = 0 : i64, leak = -1 : i64, leak_reversal = 1 : i64, mask_bits = 0 : i64, neg_saturate = 1 : i64, reset_mode = 1 : i64, reset_v = 0 : i64, weight0 = -2 : i64, weight1 = 3 : i64, weight2 = 0 : i64, weight3 = 0 : i64}}
nc.graph @truenorth target("truenorth", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       axon_types = dense_resource<tgt> : tensor<2xi32>,
                       weight_bits = 9 : i64}
       : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {model = "truenorth",
                         params = {weight0 = -2, weight1 = 3, weight2 = 0,
                                   weight3 = 0, leak = -1, leak_reversal = 1,
                                   alpha = 5, beta = 0, reset_v = 0,
                                   reset_mode = 1, neg_saturate = 1,
                                   mask_bits = 0}}
       : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}

// The generic models of user-described chips (targets/MODELS.md,
// "generic"): every width and mode is a parameter, per-neuron vth.
// CHECK-LABEL: nc.graph @generic target("odin", "0x0")
// CHECK:         %[[GL:.+]] = nc.population %{{.+}} {model = "generic_lif", params = {bias = 0 : i64, current_bits = 0 : i64, current_overflow = 1 : i64, decay_bits = 0 : i64, di = 0 : i64, dv = 0 : i64, input_shift = 0 : i64, membrane_bits = 8 : i64, membrane_overflow = 1 : i64, refractory = 0 : i64, reset = 0 : i64, rounding = 2 : i64, threshold_shift = 0 : i64, timing = 0 : i64, v_reset = 0 : i64, vth = dense_resource<vth> : tensor<2xi32>}}
// CHECK:         nc.population %[[GL]] {model = "generic_alif", params = {adapt_jump = 5 : i64, bias = -2 : i64, current_bits = 0 : i64, current_overflow = 0 : i64, da = 20 : i64, decay_bits = 12 : i64, di = 0 : i64, dv = 205 : i64, input_shift = 1 : i64, membrane_bits = 16 : i64, membrane_overflow = 0 : i64, refractory = 3 : i64, reset = 1 : i64, rounding = 1 : i64, threshold_shift = 2 : i64, timing = 1 : i64, v_reset = -4 : i64, vth = 100 : i64}}
// CHECK:         nc.population %[[GL]] {model = "generic_izhikevich", params = {c0 = 35840 : i64, c1 = 83886080 : i64, c2 = 671089 : i64, ca = 335544 : i64, cb = 3355443 : i64, coef_shift = 24 : i64, cu = 16777216 : i64, frac_bits = 8 : i64, input_shift = 0 : i64, membrane_bits = 16 : i64, overflow = 1 : i64, rounding = 2 : i64, u_jump = 2048 : i64, v_peak = 7680 : i64, v_reset = -16640 : i64}}
nc.graph @generic target("odin", "0x0") {
  %x = nc.input "x" : tensor<2xi32>
  %l = nc.population %x {model = "generic_lif",
                         params = {membrane_bits = 8, current_bits = 0,
                                   decay_bits = 0, input_shift = 0,
                                   threshold_shift = 0, membrane_overflow = 1,
                                   current_overflow = 1, rounding = 2,
                                   reset = 0, timing = 0, dv = 0, di = 0,
                                   vth = dense_resource<vth> : tensor<2xi32>,
                                   v_reset = 0, bias = 0, refractory = 0}}
       : tensor<2xi32>
  %a = nc.population %l {model = "generic_alif",
                         params = {membrane_bits = 16, current_bits = 0,
                                   decay_bits = 12, input_shift = 1,
                                   threshold_shift = 2, membrane_overflow = 0,
                                   current_overflow = 0, rounding = 1,
                                   reset = 1, timing = 1, dv = 205, di = 0,
                                   vth = 100, v_reset = -4, bias = -2,
                                   refractory = 3, da = 20, adapt_jump = 5}}
       : tensor<2xi32>
  %i = nc.population %l {model = "generic_izhikevich",
                         params = {membrane_bits = 16, frac_bits = 8,
                                   coef_shift = 24, input_shift = 0,
                                   overflow = 1, rounding = 2, c2 = 671089,
                                   c1 = 83886080, c0 = 35840, cu = 16777216,
                                   ca = 335544, cb = 3355443, v_peak = 7680,
                                   v_reset = -16640, u_jump = 2048}}
       : tensor<2xi32>
  nc.output %a as "a" : tensor<2xi32>
  nc.output %i as "i" : tensor<2xi32>
}

// akida: a multi-bit activation model, a direct input of 8-bit events and a
// 4-bit table; the approximation mark is an ordinary attribute.
// CHECK-LABEL: nc.graph @akida target("akida", "0x0")
// CHECK:         nc.input "x" {encoder = {bits = 8 : i64, gain = 1.000000e+00 : f64, kind = "direct"}} : tensor<2xi32>
// CHECK:         nc.population %{{.+}} {approximation = "akida-rate-to-activation", model = "akida", params = {output_bits = 4 : i64, step = 3 : i64, threshold_offset = dense_resource<vth> : tensor<2xi32>}} : tensor<2xi32>
nc.graph @akida target("akida", "0x0") {
  %x = nc.input "x" {encoder = {kind = "direct", gain = 1.0 : f64, bits = 8 : i64}} : tensor<2xi32>
  %a = nc.synapses %x {offsets = dense_resource<off> : tensor<3xi32>,
                       targets = dense_resource<tgt> : tensor<2xi32>,
                       weights = dense_resource<w> : tensor<2xi32>,
                       weight_bits = 4 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %a {approximation = "akida-rate-to-activation", model = "akida",
                         params = {threshold_offset = dense_resource<vth> : tensor<2xi32>,
                                   step = 3, output_bits = 4}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}

// The blobs survive the round trip.
// CHECK: dialect_resources
// CHECK-DAG: off: "0x04000000000000000100000002000000"
// CHECK-DAG: tgt: "0x040000000100000000000000"
// CHECK-DAG: w: "0x0400000003000000FEFFFFFF"
// CHECK-DAG: vth: "0x040000000A00000014000000"
{-# dialect_resources: { builtin: {
  off: "0x04000000000000000100000002000000",
  tgt: "0x040000000100000000000000",
  w: "0x0400000003000000FEFFFFFF",
  vth: "0x040000000A00000014000000"
} } #-}
