// RUN: spikec-opt %s | spikec-opt | FileCheck %s

// The input encoders, with their defaults and with every attribute set.

// CHECK-LABEL: snn.network @direct {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<8xf32>
// CHECK:         %[[A:.+]] = snn.encode_direct %[[X]] : tensor<8xf32>
// CHECK:         %[[B:.+]] = snn.encode_direct %[[A]] {gain = 2.500000e-01 : f64} : tensor<8xf32>
// CHECK:         snn.output %[[B]] as "c" : tensor<8xf32>
snn.network @direct {
  %x = snn.input "x" : tensor<8xf32>
  %a = snn.encode_direct %x {gain = 1.0} : tensor<8xf32>
  %b = snn.encode_direct %a {gain = 0.25 : f64} : tensor<8xf32>
  snn.output %b as "c" : tensor<8xf32>
}

// CHECK-LABEL: snn.network @rate {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<8xf32>
// CHECK:         %[[A:.+]] = snn.encode_rate %[[X]] : tensor<8xf32>
// CHECK:         %[[B:.+]] = snn.encode_rate %[[X]] {gain = 5.000000e-01 : f64, seed = 7 : i64} : tensor<8xf32>
// CHECK:         snn.output %[[A]] as "a" : tensor<8xf32>
// CHECK:         snn.output %[[B]] as "b" : tensor<8xf32>
snn.network @rate {
  %x = snn.input "x" : tensor<8xf32>
  %a = snn.encode_rate %x : tensor<8xf32>
  %b = snn.encode_rate %x {gain = 0.5 : f64, seed = 7 : i64} : tensor<8xf32>
  snn.output %a as "a" : tensor<8xf32>
  snn.output %b as "b" : tensor<8xf32>
}

// CHECK-LABEL: snn.network @latency {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2x4xf32>
// CHECK:         %[[A:.+]] = snn.encode_latency %[[X]] {window = 20 : i64} : tensor<2x4xf32>
// CHECK:         %[[B:.+]] = snn.encode_latency %[[X]] {threshold = 1.000000e-02 : f64, window = 1 : i64} : tensor<2x4xf32>
// CHECK:         snn.output %[[A]] as "a" : tensor<2x4xf32>
// CHECK:         snn.output %[[B]] as "b" : tensor<2x4xf32>
snn.network @latency {
  %x = snn.input "x" : tensor<2x4xf32>
  %a = snn.encode_latency %x {window = 20 : i64} : tensor<2x4xf32>
  %b = snn.encode_latency %x {window = 1 : i64, threshold = 0.01 : f64}
       : tensor<2x4xf32>
  snn.output %a as "a" : tensor<2x4xf32>
  snn.output %b as "b" : tensor<2x4xf32>
}

// CHECK-LABEL: snn.network @delta {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<8xf32>
// CHECK:         %[[A:.+]] = snn.encode_delta %[[X]] {threshold = 1.000000e-01 : f64} : tensor<8xf32>
// CHECK:         %[[B:.+]] = snn.encode_delta %[[X]] {off_spikes = true, threshold = 5.000000e-01 : f64} : tensor<8xf32>
// CHECK:         snn.output %[[A]] as "a" : tensor<8xf32>
// CHECK:         snn.output %[[B]] as "b" : tensor<8xf32>
snn.network @delta {
  %x = snn.input "x" : tensor<8xf32>
  %a = snn.encode_delta %x {threshold = 0.1 : f64, off_spikes = false}
       : tensor<8xf32>
  %b = snn.encode_delta %x {threshold = 0.5 : f64, off_spikes = true}
       : tensor<8xf32>
  snn.output %a as "a" : tensor<8xf32>
  snn.output %b as "b" : tensor<8xf32>
}

// An encoder in front of a population, as a converted image classifier has.

// CHECK-LABEL: snn.network @encoded_lif {
// CHECK:         %[[X:.+]] = snn.input "pixels" : tensor<4xf32>
// CHECK:         %[[E:.+]] = snn.encode_rate %[[X]] {seed = 3 : i64} : tensor<4xf32>
// CHECK:         %[[P:.+]] = snn.lif %[[E]] {{{.*}}} : tensor<4xf32>
// CHECK:         snn.output %[[P]] as "spikes" : tensor<4xf32>
snn.network @encoded_lif {
  %x = snn.input "pixels" : tensor<4xf32>
  %e = snn.encode_rate %x {seed = 3 : i64} : tensor<4xf32>
  %p = snn.lif %e {decay = 0.5 : f32, v_threshold = 1.0 : f32} : tensor<4xf32>
  snn.output %p as "spikes" : tensor<4xf32>
}
