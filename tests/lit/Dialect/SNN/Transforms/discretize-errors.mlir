// Every error snn-discretize reports, one per case: a time constant shorter
// than dt (forward Euler would not decay), a network already discretized for
// another dt, and delays that are not whole steps or do not cover their
// population. (dt = 0 is in discretize.mlir, as it is the pass's option.)
// RUN: spikec-opt %s -split-input-file -verify-diagnostics --snn-discretize=dt=1.0e-3

snn.network @dt_above_tau {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op dt = 1.000000e-03 s is larger than the time constant behind 'tau' (forward Euler would give a factor of -9.000000e+00)}}
  %s = snn.lif %x {tau = 1.0e-4 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// -----

snn.network @dt_above_tau_syn {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.cuba_lif' op dt = 1.000000e-03 s is larger than the time constant behind 'tau_syn' (forward Euler would give a factor of -3.000000e+00)}}
  %s = snn.cuba_lif %x {tau_syn = 2.5e-4 : f32, tau = 1.0e-2 : f32,
                        v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// -----

snn.network @dt_above_tau_adapt {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.alif' op dt = 1.000000e-03 s is larger than the time constant behind 'tau_adapt' (forward Euler would give a factor of -3.000000e+00)}}
  %s = snn.alif %x {tau = 1.0e-2 : f32, tau_adapt = 2.5e-4 : f32,
                    adapt = 0.1 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// One element's time constant is too short.
snn.network @dt_above_one_tau {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.li' op dt = 1.000000e-03 s is larger than the time constant behind 'tau' (forward Euler would give a factor of -3.000000e+00)}}
  %v = snn.li %x {tau = dense<[1.0e-2, 2.5e-4]> : tensor<2xf32>} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

// expected-error @+1 {{network was discretized for dt = 1.000000e-04 s, not 1.000000e-03 s}}
snn.network @other_dt attributes {dt = 1.0e-4 : f64} {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.lif %x {decay = 0.99 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// Two per-element delays that broadcast over a [2, 2] population.
snn.network @delay_broadcast {
  %x = snn.input "x" : tensor<2x2xf32>
  // expected-error @+1 {{'snn.delay' op per-element delays must cover the population}}
  %y = snn.delay %x {delay = dense<[1.0e-3, 2.0e-3]> : tensor<2xf32>}
       : tensor<2x2xf32>
  snn.output %y as "y" : tensor<2x2xf32>
}

// -----

// Delays are whole steps or an error, never rounded.
snn.network @delay_fraction {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.delay' op delay 0.0025 s (element 0) is 2.5 steps of dt 0.001: not a whole number of steps (choose a dt that divides it)}}
  %y = snn.delay %x {delay = 2.5e-3 : f32} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

// Only the second element's delay is off the grid.
snn.network @delay_fraction_element {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.delay' op delay 0.0015 s (element 1) is 1.5 steps of dt 0.001: not a whole number of steps (choose a dt that divides it)}}
  %y = snn.delay %x {delay = dense<[1.0e-3, 1.5e-3]> : tensor<2xf32>} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

// A cuba_li's synaptic time constant, as cuba_lif's.
snn.network @dt_above_tau_syn_li {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.cuba_li' op dt = 1.000000e-03 s is larger than the time constant behind 'tau_syn' (forward Euler would give a factor of -3.000000e+00)}}
  %v = snn.cuba_li %x {tau_syn = 2.5e-4 : f32, tau = 1.0e-2 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}
