// What a user-described chip (arithmetic generic) cannot do exactly is
// refused, naming the op, the rule and the numbers.
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=%srcroot/examples/targets/odin.json})' 2>&1 | FileCheck %s --check-prefix=ODIN
// RUN: sed -e 's/"rounding": "nearest"/"rounding": "stochastic"/' -e 's/"signed": true/"signed": false/' -e 's/"membrane": "saturate"/"membrane": "wrap"/' %srcroot/examples/targets/fxp16.json > %t.json
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=%t.json})' 2>&1 | FileCheck %s --check-prefix=STOCH
// RUN: sed -e 's/"signed": true/"signed": false/' -e 's/"membrane": "saturate"/"membrane": "wrap"/' %srcroot/examples/targets/fxp16.json > %t2.json
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=%t2.json})' 2>&1 | FileCheck %s --check-prefix=FXP

// Per-core limits of a chip that cannot be partitioned yet: odin holds
// 256 x 1 core, fxp16 256 x 4 = 1024 (600 fit, 600 + 500 do not).
// ODIN: error: {{.*}}if 'small': the network needs 600 neurons up to this population, more than odin's 256 (core.neurons 256 x mesh.cores 1)
// Every population is refused on a stochastic chip.
// STOCH: error: {{.*}}if 'small': stochastic rounding is not reproducible: the generic arithmetic needs precision.rounding toward_zero, floor or nearest (target 'fxp16' declares stochastic)
// FXP: error: {{.*}}if 'big': the network needs 1100 neurons up to this population, more than fxp16's 1024 (core.neurons 256 x mesh.cores 4)
snn.network @too_many {
  %x = snn.input "x" : tensor<600xf32>
  %z = snn.input "z" : tensor<500xf32>
  %s = snn.if %x {gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<600xf32> loc("small")
  %t = snn.if %z {gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<500xf32> loc("big")
  snn.output %s as "y" : tensor<600xf32>
  snn.output %t as "w" : tensor<500xf32>
}

// -----

// A 17 x 17 sum pool: one neuron with 289 synapses > max_fan_in 256.
// ODIN: error: {{.*}}if 'pool': fan-in 289 (neuron 0) exceeds odin's core.max_fan_in of 256 synapses per neuron
snn.network @fan_in {
  %x = snn.input "x" : tensor<1x17x17xf32>
  %p = snn.sum_pool2d %x {kernel_size = array<i64: 17, 17>, stride = array<i64: 17, 17>, padding = array<i64: 0, 0>} : tensor<1x17x17xf32> -> tensor<1x1x1xf32>
  %s = snn.if %p {gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<1x1x1xf32> loc("pool")
  snn.output %s as "y" : tensor<1x1x1xf32>
}

// -----

// Models the generic arithmetic does not run.
// ODIN: error: {{.*}}li 'leaky': the generic arithmetic cannot run li (it runs lif, if, cuba_lif, alif and izhikevich, whose outputs are spikes)
snn.network @li {
  %x = snn.input "x" : tensor<2xf32>
  %v = snn.li %x {tau = 1.0e-2 : f32} : tensor<2xf32> loc("leaky")
  snn.output %v as "y" : tensor<2xf32>
}

// -----

// A constant bias on a chip without precision.bias.
// ODIN: error: {{.*}}if 'biased': bias 0.5 (neuron 0) needs a bias: target 'odin' declares no precision.bias
snn.network @bias {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.affine %x {weight = dense_resource<w1> : tensor<1x1xf32>, bias = dense_resource<b1> : tensor<1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.if %a {gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("biased")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  w1: "0x040000000000003F",
  b1: "0x040000000000003F"
} } #-}

// -----

// No integer scale: v must exceed a threshold of 1000, so 1000 S <= 126
// (and 255 for the 8-bit threshold).
// ODIN: error: {{.*}}if 'high': no integer scale fits odin: membrane headroom (neuron 0): threshold 1000 must stay below the largest 8-bit v allows S <= 0.126 < 1
snn.network @threshold {
  %x = snn.input "x" : tensor<1xf32>
  %s = snn.if %x {gain = 1.0 : f32, v_threshold = 1000.0 : f32} : tensor<1xf32> loc("high")
  snn.output %s as "y" : tensor<1xf32>
}

// -----

// Izhikevich whose c does not fit 8 bits, even in whole mV: 1.25 * 200 > 127.
// ODIN: error: {{.*}}izhikevich 'deep': v_peak, c, b c and d up to 200 (plus a quarter) do not fit a 8-bit membrane with 0 fraction bits
// On fxp16 the wrapping membrane is refused first.
// FXP: error: {{.*}}izhikevich 'deep': izhikevich needs a saturating membrane (its Euler step overshoots v_peak, and a wrapped v would not spike): target 'fxp16' wraps
snn.network @izh_range {
  %x = snn.input "x" : tensor<1xf32>
  %s = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -200.0 : f32, d = 8.0 : f32} : tensor<1xf32> loc("deep")
  snn.output %s as "y" : tensor<1xf32>
}

// -----

// A decay below the smallest factor 12 decay bits hold (d = 4096 > 4095);
// any decay but 1 on odin, which has no decay_bits.
// ODIN: error: {{.*}}lif 'fast': decay = 0 (neuron 0) needs a multiplier: target 'odin' declares no precision.decay_bits, so only a factor of 1 (no leak) is exact
// FXP: error: {{.*}}lif 'fast': decay = 0 (neuron 0) is below 0.000244141, the smallest factor of 12 decay bits
snn.network @decay0 {
  %x = snn.input "x" : tensor<1xf32>
  %s = snn.lif %x {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("fast")
  snn.output %s as "y" : tensor<1xf32>
}

// -----

// A negative weight on a chip with unsigned weights.
// FXP: error: {{.*}}if 'inh': weight -0.5 from '{{.*}}' is negative: target 'fxp16' declares unsigned weights
snn.network @unsigned {
  %x = snn.input "x" : tensor<1xf32>
  %h = snn.linear %x {weight = dense_resource<wn> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.if %h {gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("inh")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  wn: "0x04000000000000BF"
} } #-}

// -----

// A projection bias into cuba_lif would pass through the current; odin has
// no current at all.
// ODIN: error: {{.*}}cuba_lif 'cb': cuba_lif needs a synaptic current register: target 'odin' declares no precision.current_bits
// FXP: error: {{.*}}cuba_lif 'cb': a projection bias enters cuba_lif through its synaptic current, and the generic current has no bias, so it is not exact
snn.network @cuba_bias {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.affine %x {weight = dense_resource<w2> : tensor<1x1xf32>, bias = dense_resource<b2> : tensor<1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.cuba_lif %a {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("cb")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  w2: "0x040000000000803F",
  b2: "0x040000000000003F"
} } #-}

// -----

// A refractory period beyond the 16-bit counter.
// ODIN: error: {{.*}}if 'slow': refractory = 70000 steps exceeds the generic refractory range [0, 65535]
// FXP: error: {{.*}}if 'slow': refractory = 70000 steps exceeds the generic refractory range [0, 65535]
snn.network @refractory {
  %x = snn.input "x" : tensor<1xf32>
  %s = snn.if %x {gain = 1.0 : f32, v_threshold = 1.0 : f32, refractory = 70000 : i64} : tensor<1xf32> loc("slow")
  snn.output %s as "y" : tensor<1xf32>
}
