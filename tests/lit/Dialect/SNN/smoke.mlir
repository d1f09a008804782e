// RUN: spikec-opt %s | spikec-opt | FileCheck %s

// CHECK-LABEL: snn.network @smoke
// CHECK: %[[IN:.*]] = snn.input "x" : tensor<2xf32>
// CHECK: snn.lif %[[IN]]
snn.network @smoke {
  %in = snn.input "x" : tensor<2xf32>
  %v = snn.lif %in {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}
