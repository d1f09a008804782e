// RUN: spikec-opt %s -split-input-file -verify-diagnostics --snn-discretize=dt=1.0e-3 | FileCheck %s
// RUN: spikec-opt %s -split-input-file -verify-diagnostics --snn-discretize=dt=1.0e-3 | spikec-opt -split-input-file | FileCheck %s
// RUN: not spikec-opt %s -split-input-file --snn-discretize=dt=0 2>&1 | FileCheck %s --check-prefix=ZERO

// ZERO: error: dt must be a positive number of seconds, got 0

// Forward Euler at dt = 1 ms (DESIGN.md section 3, the op descriptions):
//   decay = 1 - dt/tau, gain = dt r / tau, bias = dt v_leak / tau,
//   syn_decay = 1 - dt/tau_syn, syn_gain = dt w_in / tau_syn,
//   adapt_decay = 1 - dt/tau_adapt, gain = dt r (if, integrator),
//   h = dt / time_scale (izhikevich), steps = round(delay / dt).
// f32 values such as 0.9 and 0.95 print as their nearest f32 (0.899999976,
// 0.949999988).

// tau = 10 ms, r = 2, v_leak = 0.5:
//   decay = 1 - 0.1 = 0.9, gain = 0.1 * 2 = 0.2, bias = 0.1 * 0.5 = 0.05.
// CHECK-LABEL: snn.network @lif attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.lif %{{.+}} {bias = 5.000000e-02 : f32, decay = 0.899999976 : f32, gain = 2.000000e-01 : f32, reset = #snn<reset subtract>, timing = #snn<timing pre>, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
snn.network @lif {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.lif %x {tau = 1.0e-2 : f32, r = 2.0 : f32, v_leak = 0.5 : f32,
                   v_threshold = 1.0 : f32, reset = #snn<reset subtract>,
                   timing = #snn<timing pre>} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// tau = 20 ms, r = 1 and v_leak = 0 by default:
//   decay = 1 - 0.05 = 0.95, gain = 0.05, bias = 0.
// CHECK-LABEL: snn.network @li attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.li %{{.+}} {bias = 0.000000e+00 : f32, decay = 0.949999988 : f32, gain = 5.000000e-02 : f32} : tensor<2xf32>
snn.network @li {
  %x = snn.input "x" : tensor<2xf32>
  %v = snn.li %x {tau = 2.0e-2 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

// Per-neuron time constants give per-neuron factors in a blob named after
// the node: decay = [0.9, 0.95] = 0x3F666666, 0x3F733333 and
// gain = [0.1, 0.05] = 0x3DCCCCCD, 0x3D4CCCCD (little-endian in the blob);
// the bias is 0 everywhere and stays a scalar.
// CHECK-LABEL: snn.network @li_per_neuron attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.lif %{{.+}} {bias = 0.000000e+00 : f32, decay = dense_resource<[[DECAY:pop.decay[_0-9]*]]> : tensor<2xf32>, gain = dense_resource<[[GAIN:pop.gain[_0-9]*]]> : tensor<2xf32>, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK-DAG:     [[DECAY]]: "0x040000006666663F3333733F"
// CHECK-DAG:     [[GAIN]]: "0x04000000CDCCCC3DCDCC4C3D"
snn.network @li_per_neuron {
  %x = snn.input "x" : tensor<2xf32>
  %v = snn.lif %x {tau = dense<[1.0e-2, 2.0e-2]> : tensor<2xf32>,
                   v_threshold = 1.0 : f32} : tensor<2xf32> loc("pop")
  snn.output %v as "y" : tensor<2xf32>
}

// -----

// IF and integrator: gain = dt r = 1e-3 * 1.5 and 1e-3 * 2.
// CHECK-LABEL: snn.network @if_integrator attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.if %{{.+}} {gain = 1.500000e-03 : f32, reset = #snn<reset none>, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         snn.integrator %{{.+}} {gain = 2.000000e-03 : f32} : tensor<2xf32>
snn.network @if_integrator {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.if %x {r = 1.5 : f32, v_threshold = 1.0 : f32,
                  reset = #snn<reset none>} : tensor<2xf32>
  %v = snn.integrator %s {r = 2.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

// tau_syn = 5 ms, w_in = 2: syn_decay = 1 - 0.2 = 0.8, syn_gain = 0.2 * 2
// = 0.4; tau = 10 ms, r = 1: decay = 0.9, gain = 0.1, bias = 0.
// CHECK-LABEL: snn.network @cuba attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.cuba_lif %{{.+}} {bias = 0.000000e+00 : f32, decay = 0.899999976 : f32, gain = 1.000000e-01 : f32, refractory = 2 : i64, syn_decay = 8.000000e-01 : f32, syn_gain = 4.000000e-01 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
// CHECK:         snn.cuba_li %{{.+}} {bias = 0.000000e+00 : f32, decay = 0.899999976 : f32, gain = 1.000000e-01 : f32, syn_decay = 8.000000e-01 : f32, syn_gain = 2.000000e-01 : f32} : tensor<2xf32>
snn.network @cuba {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.cuba_lif %x {tau_syn = 5.0e-3 : f32, w_in = 2.0 : f32,
                        tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                        v_threshold = 1.0 : f32, refractory = 2}
       : tensor<2xf32>
  %v = snn.cuba_li %s {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

// tau = 20 ms: decay = 0.95, gain = 0.05, bias = 0; tau_adapt = 200 ms:
// adapt_decay = 1 - 0.005 = 0.995; adapt is not a rate and stays.
// CHECK-LABEL: snn.network @alif attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.alif %{{.+}} {adapt = 2.000000e-01 : f32, adapt_decay = 9.950000e-01 : f32, bias = 0.000000e+00 : f32, decay = 0.949999988 : f32, gain = 5.000000e-02 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
snn.network @alif {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.alif %x {tau = 2.0e-2 : f32, tau_adapt = 2.0e-1 : f32,
                    adapt = 0.2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// h = dt / time_scale: 1 ms / 1 ms = 1 and 1 ms / 0.5 ms = 2.
// CHECK-LABEL: snn.network @izhikevich attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.izhikevich %{{.+}} {a = 2.000000e-02 : f32, b = 2.000000e-01 : f32, c = -6.500000e+01 : f32, d = 8.000000e+00 : f32, h = 1.000000e+00 : f64} : tensor<2xf32>
// CHECK:         snn.izhikevich %{{.+}} {a = 2.000000e-02 : f32, b = 2.000000e-01 : f32, c = -6.500000e+01 : f32, d = 8.000000e+00 : f32, h = 2.000000e+00 : f64, time_scale = 5.000000e-04 : f64} : tensor<2xf32>
snn.network @izhikevich {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32,
                          d = 8.0 : f32} : tensor<2xf32>
  %t = snn.izhikevich %s {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32,
                          d = 8.0 : f32, time_scale = 5.0e-4} : tensor<2xf32>
  snn.output %t as "y" : tensor<2xf32>
}

// -----

// steps = round(delay / dt): 3 ms -> 3; a uniform per-element delay
// collapses to one count; per-element delays keep one count each.
// CHECK-LABEL: snn.network @delay attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.delay %{{.+}} {steps = array<i64: 3>} : tensor<4xf32>
// CHECK:         snn.delay %{{.+}} {steps = array<i64: 2>} : tensor<4xf32>
// CHECK:         snn.delay %{{.+}} {steps = array<i64: 1, 2, 4, 0>} : tensor<4xf32>
snn.network @delay {
  %x = snn.input "x" : tensor<4xf32>
  %a = snn.delay %x {delay = 3.0e-3 : f32} : tensor<4xf32>
  %b = snn.delay %a {delay = dense<2.0e-3> : tensor<4xf32>} : tensor<4xf32>
  %c = snn.delay %b {delay = dense<[1.0e-3, 2.0e-3, 4.0e-3, 0.0]> : tensor<4xf32>}
       : tensor<4xf32>
  snn.output %c as "y" : tensor<4xf32>
}

// -----

// Populations already in per-step form are left alone, encoders have no
// time constants, and a network already discretized for this dt is
// unchanged.
// CHECK-LABEL: snn.network @already_discrete attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.encode_rate %{{.+}} {seed = 1 : i64} : tensor<2xf32>
// CHECK:         snn.lif %{{.+}} {decay = 5.000000e-01 : f32, v_threshold = 1.000000e+00 : f32} : tensor<2xf32>
snn.network @already_discrete attributes {dt = 1.0e-3 : f64} {
  %x = snn.input "x" : tensor<2xf32>
  %e = snn.encode_rate %x {seed = 1 : i64} : tensor<2xf32>
  %s = snn.lif %e {decay = 0.5 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
