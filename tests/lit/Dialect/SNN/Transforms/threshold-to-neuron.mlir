// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-threshold-to-neuron))' | FileCheck %s

// A threshold becomes the memoryless lif that computes it exactly.
// CHECK-LABEL: snn.network @net
// CHECK: %[[W:.*]] = snn.affine
// CHECK-NEXT: %[[Z:.*]] = snn.lif %[[W]] {decay = 0.000000e+00 : f32, gain = 1.000000e+00 : f32, v_reset = 0.000000e+00 : f32, v_threshold = 5.000000e-01 : f32} : tensor<2xf32>
// CHECK-NOT: snn.threshold
// CHECK: snn.output %[[Z]] as "z"
snn.network @net {
  %x = snn.input "x" : tensor<3xf32>
  %w = snn.affine %x {weight = dense_resource<w> : tensor<2x3xf32>} : tensor<3xf32> -> tensor<2xf32>
  %z = snn.threshold %w {threshold = 5.000000e-01 : f32} : tensor<2xf32> -> tensor<2xf32>
  snn.output %z as "z" : tensor<2xf32>
}

{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F0000803F0000803F0000803F0000803F0000803F"
    }
  }
#-}
