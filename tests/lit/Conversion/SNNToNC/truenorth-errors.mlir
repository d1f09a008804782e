// What truenorth cannot run exactly is refused, naming the op and the rule.
// Named ops carry a NameLoc without a file position, so, as errors.mlir
// does, the diagnostics are matched with FileCheck (one per case).
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=truenorth})' 2>&1 | FileCheck %s
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=truenorth approx=truenorth-linear-leak})' 2>&1 | FileCheck %s --check-prefix=APPROX

// CHECK: error: {{.*}}lif 'h1': decay 0.9 (neuron 0) has no exact form on truenorth: its leak is linear (a constant per tick); --approx=truenorth-linear-leak replaces the decay by a linear leak toward 0
// APPROX-NOT: lif 'h1'
snn.network @decay {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h1")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}lif 'h2': decay 0.9 (neuron 0) has no exact form on truenorth
// APPROX: error: {{.*}}lif 'h2': decay 0.9 and bias 0.01 (neuron 0) cannot both map to truenorth: truenorth-linear-leak needs the one leak per neuron to pull toward 0
snn.network @decay_bias {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.lif %x {tau = 1.0e-2 : f32, v_leak = 0.1 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h2")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}if 'h3': timing pre (spike from the previous membrane) is not exact on truenorth (it spikes on the updated membrane)
// APPROX: error: {{.*}}if 'h3': timing pre
snn.network @pre {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32, timing = #snn<timing pre>} : tensor<2xf32> loc("h3")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}if 'h4': refractory = 2 steps is not exact on truenorth (its neurons have no refractory period)
snn.network @refractory {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32, refractory = 2 : i64} : tensor<2xf32> loc("h4")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}if 'h5': v_threshold -0.5 (neuron 0) is negative: truenorth's threshold alpha is unsigned
snn.network @negative_threshold {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.if %x {r = 1.0 : f32, v_threshold = -0.5 : f32} : tensor<2xf32> loc("h5")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}cuba_lif 'c': truenorth cannot run cuba_lif (its neurons have no synaptic current: an input acts in the tick it arrives)
snn.network @cuba {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.cuba_lif %x {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("c")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}li 'out': truenorth cannot run li (its neurons only send spikes and it has no graded output; li's output is its membrane: compile for loihi, whose readout compartments output it)
snn.network @li {
  %x = snn.input "x" : tensor<2xf32>
  %v = snn.li %x {tau = 1.0e-2 : f32} : tensor<2xf32> loc("out")
  snn.output %v as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}izhikevich 'iz': truenorth cannot run izhikevich (its neuron is linear: no quadratic term and no recovery variable)
snn.network @izh {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32, d = 8.0 : f32} : tensor<2xf32> loc("iz")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}alif 'ad': truenorth cannot run alif (its threshold does not adapt)
snn.network @alif {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.alif %x {tau = 1.0e-2 : f32, tau_adapt = 1.0e-1 : f32, adapt = 0.1 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("ad")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}encode_delta 'enc': truenorth axons carry spikes: the -1 events of a delta encoder with off_spikes have no form
snn.network @delta {
  %x = snn.input "x" : tensor<2xf32>
  %c = snn.encode_delta %x {threshold = 0.1 : f64, off_spikes = true} : tensor<2xf32> loc("enc")
  %s = snn.if %c {r = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}encode_direct 'dir': truenorth inputs are events; a direct (current) encoder has no exact integer form
snn.network @direct {
  %x = snn.input "x" : tensor<2xf32>
  %c = snn.encode_direct %x {gain = 1.0 : f64} : tensor<2xf32> loc("dir")
  %s = snn.if %c {r = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h")
  snn.output %s as "y" : tensor<2xf32>
}
