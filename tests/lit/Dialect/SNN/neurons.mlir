// RUN: spikec-opt %s | spikec-opt | FileCheck %s

// The neuron populations in their continuous-time form (time constants in
// seconds, as NIR stores them) and their per-step form (after
// snn-discretize), with every reset mode and spike timing.
// f32 values such as 0.01 and 0.9 print as their nearest f32 (0.00999999977,
// 0.899999976).

// CHECK-LABEL: snn.network @integrator {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK:         %[[C:.+]] = snn.integrator %[[X]] {r = 2.000000e+00 : f32} : tensor<4xf32>
// CHECK:         %[[D:.+]] = snn.integrator %[[C]] {gain = 2.000000e-03 : f32} : tensor<4xf32>
// CHECK:         snn.output %[[D]] as "v" : tensor<4xf32>
snn.network @integrator {
  %x = snn.input "x" : tensor<4xf32>
  %c = snn.integrator %x {r = 2.0 : f32} : tensor<4xf32>
  %d = snn.integrator %c {gain = 2.0e-3 : f32} : tensor<4xf32>
  snn.output %d as "v" : tensor<4xf32>
}

// CHECK-LABEL: snn.network @li {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<3xf32>
// CHECK:         %[[C:.+]] = snn.li %[[X]] {r = 1.000000e+00 : f32, tau = 2.000000e-02 : f32, v_leak = -5.000000e-01 : f32} : tensor<3xf32>
// CHECK:         %[[P:.+]] = snn.li %[[C]] {tau = dense<[0.00999999977, 2.000000e-02, 4.000000e-02]> : tensor<3xf32>} : tensor<3xf32>
// CHECK:         %[[D:.+]] = snn.li %[[P]] {bias = -2.500000e-02 : f32, decay = 0.949999988 : f32, gain = 5.000000e-02 : f32} : tensor<3xf32>
// CHECK:         snn.output %[[D]] as "v" : tensor<3xf32>
snn.network @li {
  %x = snn.input "x" : tensor<3xf32>
  %c = snn.li %x {tau = 2.0e-2 : f32, r = 1.0 : f32, v_leak = -0.5 : f32}
       : tensor<3xf32>
  %p = snn.li %c {tau = dense<[1.0e-2, 2.0e-2, 4.0e-2]> : tensor<3xf32>}
       : tensor<3xf32>
  %d = snn.li %p {decay = 0.95 : f32, gain = 0.05 : f32, bias = -0.025 : f32}
       : tensor<3xf32>
  snn.output %d as "v" : tensor<3xf32>
}

// The default reset (to_v_reset) and timing (post) are not printed.

// CHECK-LABEL: snn.network @lif {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK:         %[[A:.+]] = snn.lif %[[X]] {r = 1.000000e+00 : f32, tau = 2.000000e-02 : f32, v_leak = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         %[[B:.+]] = snn.lif %[[A]] {reset = #snn<reset subtract>, tau = 2.000000e-02 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         %[[C:.+]] = snn.lif %[[B]] {reset = #snn<reset none>, tau = 2.000000e-02 : f32, timing = #snn<timing pre>, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         %[[D:.+]] = snn.lif %[[C]] {refractory = 3 : i64, tau = 2.000000e-02 : f32, v_reset = -1.000000e-01 : f32, v_threshold = dense_resource<thr> : tensor<2xf32>} : tensor<2xf32>
// CHECK:         %[[E:.+]] = snn.lif %[[D]] {decay = 5.000000e-01 : f32, gain = 1.000000e+00 : f32, reset = #snn<reset subtract>, timing = #snn<timing pre>, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         %[[F:.+]] = snn.lif %[[E]] {bias = 1.000000e-01 : f32, decay = 5.000000e-01 : f32, gain = 5.000000e-01 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         snn.output %[[F]] as "s" : tensor<2xf32>
snn.network @lif {
  %x = snn.input "x" : tensor<2xf32>
  %a = snn.lif %x {tau = 2.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                   v_threshold = 1.0 : f32, reset = #snn<reset to_v_reset>,
                   timing = #snn<timing post>, refractory = 0}
       : tensor<2xf32>
  %b = snn.lif %a {tau = 2.0e-2 : f32, v_threshold = 1.0 : f32,
                   reset = #snn<reset subtract>} : tensor<2xf32>
  %c = snn.lif %b {tau = 2.0e-2 : f32, v_threshold = 1.0 : f32,
                   reset = #snn<reset none>, timing = #snn<timing pre>}
       : tensor<2xf32>
  %d = snn.lif %c {tau = 2.0e-2 : f32, v_threshold = dense_resource<thr> : tensor<2xf32>,
                   v_reset = -0.1 : f32, refractory = 3} : tensor<2xf32>
  // snnTorch's Leaky: beta = 0.5, subtract reset, spike before the update.
  %e = snn.lif %d {decay = 0.5 : f32, gain = 1.0 : f32, v_threshold = 1.0 : f32,
                   reset = #snn<reset subtract>, timing = #snn<timing pre>}
       : tensor<2xf32>
  %f = snn.lif %e {decay = 0.5 : f32, gain = 0.5 : f32, bias = 0.1 : f32,
                   v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %f as "s" : tensor<2xf32>
}

// CHECK-LABEL: snn.network @if {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK:         %[[A:.+]] = snn.if %[[X]] {r = 1.000000e+00 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         %[[B:.+]] = snn.if %[[A]] {r = 1.000000e+00 : f32, reset = #snn<reset subtract>, timing = #snn<timing pre>, v_reset = 0.000000e+00 : f32, v_threshold = 2.000000e+00 : f32} : tensor<2xf32>
// CHECK:         %[[C:.+]] = snn.if %[[B]] {gain = 1.000000e-03 : f32, refractory = 1 : i64, reset = #snn<reset none>, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         snn.output %[[C]] as "s" : tensor<2xf32>
snn.network @if {
  %x = snn.input "x" : tensor<2xf32>
  %a = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  %b = snn.if %a {r = 1.0 : f32, v_threshold = 2.0 : f32, v_reset = 0.0 : f32,
                  reset = #snn<reset subtract>, timing = #snn<timing pre>}
       : tensor<2xf32>
  %c = snn.if %b {gain = 1.0e-3 : f32, v_threshold = 1.0 : f32,
                  reset = #snn<reset none>, refractory = 1} : tensor<2xf32>
  snn.output %c as "s" : tensor<2xf32>
}

// CHECK-LABEL: snn.network @cuba_li {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK:         %[[C:.+]] = snn.cuba_li %[[X]] {r = 1.000000e+00 : f32, tau = 0.00999999977 : f32, tau_syn = 5.000000e-03 : f32, v_leak = 0.000000e+00 : f32, w_in = 1.000000e+00 : f32} : tensor<4xf32>
// CHECK:         %[[D:.+]] = snn.cuba_li %[[C]] {decay = 0.899999976 : f32, syn_decay = 8.000000e-01 : f32} : tensor<4xf32>
// CHECK:         snn.output %[[D]] as "v" : tensor<4xf32>
snn.network @cuba_li {
  %x = snn.input "x" : tensor<4xf32>
  %c = snn.cuba_li %x {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32, r = 1.0 : f32,
                       v_leak = 0.0 : f32, w_in = 1.0 : f32} : tensor<4xf32>
  %d = snn.cuba_li %c {syn_decay = 0.8 : f32, decay = 0.9 : f32} : tensor<4xf32>
  snn.output %d as "v" : tensor<4xf32>
}

// CHECK-LABEL: snn.network @cuba_lif {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK:         %[[C:.+]] = snn.cuba_lif %[[X]] {r = 1.000000e+00 : f32, tau = 0.00999999977 : f32, tau_syn = 5.000000e-03 : f32, v_leak = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32, w_in = 1.000000e+00 : f32} : tensor<4xf32>
// CHECK:         %[[D:.+]] = snn.cuba_lif %[[C]] {bias = 0.000000e+00 : f32, decay = 0.899999976 : f32, gain = 1.000000e-01 : f32, refractory = 2 : i64, reset = #snn<reset subtract>, syn_decay = 8.000000e-01 : f32, syn_gain = 2.000000e-01 : f32, timing = #snn<timing pre>, v_threshold = 1.000000e+00 : f32} : tensor<4xf32>
// CHECK:         snn.output %[[D]] as "s" : tensor<4xf32>
snn.network @cuba_lif {
  %x = snn.input "x" : tensor<4xf32>
  %c = snn.cuba_lif %x {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32, r = 1.0 : f32,
                        v_leak = 0.0 : f32, w_in = 1.0 : f32,
                        v_threshold = 1.0 : f32} : tensor<4xf32>
  %d = snn.cuba_lif %c {syn_decay = 0.8 : f32, syn_gain = 0.2 : f32,
                        decay = 0.9 : f32, gain = 0.1 : f32, bias = 0.0 : f32,
                        v_threshold = 1.0 : f32, reset = #snn<reset subtract>,
                        timing = #snn<timing pre>, refractory = 2}
       : tensor<4xf32>
  snn.output %d as "s" : tensor<4xf32>
}

// CHECK-LABEL: snn.network @alif {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK:         %[[C:.+]] = snn.alif %[[X]] {adapt = 2.000000e-01 : f32, r = 1.000000e+00 : f32, tau = 2.000000e-02 : f32, tau_adapt = 2.000000e-01 : f32, v_leak = 0.000000e+00 : f32, v_threshold = 1.000000e+00 : f32} : tensor<4xf32>
// CHECK:         %[[D:.+]] = snn.alif %[[C]] {adapt = 0.000000e+00 : f32, adapt_decay = 9.950000e-01 : f32, decay = 0.949999988 : f32, reset = #snn<reset subtract>, timing = #snn<timing pre>, v_threshold = 1.000000e+00 : f32} : tensor<4xf32>
// CHECK:         snn.output %[[D]] as "s" : tensor<4xf32>
snn.network @alif {
  %x = snn.input "x" : tensor<4xf32>
  %c = snn.alif %x {tau = 2.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                    tau_adapt = 2.0e-1 : f32, adapt = 0.2 : f32,
                    v_threshold = 1.0 : f32} : tensor<4xf32>
  %d = snn.alif %c {decay = 0.95 : f32, adapt_decay = 0.995 : f32,
                    adapt = 0.0 : f32, v_threshold = 1.0 : f32,
                    reset = #snn<reset subtract>, timing = #snn<timing pre>}
       : tensor<4xf32>
  snn.output %d as "s" : tensor<4xf32>
}

// CHECK-LABEL: snn.network @izhikevich {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK:         %[[C:.+]] = snn.izhikevich %[[X]] {a = 2.000000e-02 : f32, b = 2.000000e-01 : f32, c = -6.500000e+01 : f32, d = 8.000000e+00 : f32} : tensor<4xf32>
// CHECK:         %[[D:.+]] = snn.izhikevich %[[C]] {a = 1.000000e-01 : f32, b = 2.500000e-01 : f32, c = -6.500000e+01 : f32, d = dense<[2.000000e+00, 2.000000e+00, 8.000000e+00, 8.000000e+00]> : tensor<4xf32>, h = 5.000000e-01 : f64, r = 1.000000e+01 : f32, time_scale = 2.000000e-03 : f64, v_peak = 3.500000e+01 : f64} : tensor<4xf32>
// CHECK:         snn.output %[[D]] as "s" : tensor<4xf32>
snn.network @izhikevich {
  %x = snn.input "x" : tensor<4xf32>
  %c = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32,
                          d = 8.0 : f32} : tensor<4xf32>
  %d = snn.izhikevich %c {a = 0.1 : f32, b = 0.25 : f32, c = -65.0 : f32,
                          d = dense<[2.0, 2.0, 8.0, 8.0]> : tensor<4xf32>,
                          r = 10.0 : f32, v_peak = 35.0, time_scale = 2.0e-3,
                          h = 0.5} : tensor<4xf32>
  snn.output %d as "s" : tensor<4xf32>
}

// CHECK-LABEL: snn.network @delay {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK:         %[[A:.+]] = snn.delay %[[X]] {delay = 3.000000e-03 : f32} : tensor<4xf32>
// CHECK:         %[[B:.+]] = snn.delay %[[A]] {delay = dense<[0.000000e+00, 1.000000e-03, 2.000000e-03, 3.000000e-03]> : tensor<4xf32>} : tensor<4xf32>
// CHECK:         %[[C:.+]] = snn.delay %[[B]] {steps = array<i64: 2>} : tensor<4xf32>
// CHECK:         %[[D:.+]] = snn.delay %[[C]] {steps = array<i64: 0, 1, 2, 3>} : tensor<4xf32>
// CHECK:         snn.output %[[D]] as "y" : tensor<4xf32>
snn.network @delay {
  %x = snn.input "x" : tensor<4xf32>
  %a = snn.delay %x {delay = 3.0e-3 : f32} : tensor<4xf32>
  %b = snn.delay %a {delay = dense<[0.0, 1.0e-3, 2.0e-3, 3.0e-3]> : tensor<4xf32>}
       : tensor<4xf32>
  %c = snn.delay %b {steps = array<i64: 2>} : tensor<4xf32>
  %d = snn.delay %c {steps = array<i64: 0, 1, 2, 3>} : tensor<4xf32>
  snn.output %d as "y" : tensor<4xf32>
}

// A one-step delay closes a recurrent cycle without a population.

// CHECK-LABEL: snn.network @delay_loop {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK:         %[[S:.+]] = snn.add %[[X]], %[[D:[0-9a-z_]+]] : tensor<2xf32>
// CHECK:         %[[D]] = snn.delay %[[S]] {steps = array<i64: 1>} : tensor<2xf32>
// CHECK:         snn.output %[[S]] as "y" : tensor<2xf32>
snn.network @delay_loop {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.add %x, %d : tensor<2xf32>
  %d = snn.delay %s {steps = array<i64: 1>} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// CHECK:      dialect_resources
// CHECK:      thr: "0x040000000000803F00000040"
{-#
  dialect_resources: {
    builtin: {
      thr: "0x040000000000803F00000040"
    }
  }
#-}
