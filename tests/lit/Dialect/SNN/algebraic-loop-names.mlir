// RUN: not spikec-opt %s 2>&1 | FileCheck %s

// The algebraic-loop error names every op on the cycle, with its node name
// when it has one. (Ops located only by a name have no line for
// -verify-diagnostics to match, hence this separate test.)

// CHECK: error: loc("sum"): 'snn.add' op is on an algebraic loop (a cycle with no state): snn.add 'sum' snn.scale snn.affine 'fb'
snn.network @algebraic_loop {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.add %x, %f : tensor<2xf32> loc("sum")
  %g = snn.scale %s {scale = 0.5 : f32} : tensor<2xf32> -> tensor<2xf32>
  %f = snn.affine %g {weight = dense_resource<w> : tensor<2x2xf32>}
       : tensor<2xf32> -> tensor<2xf32> loc("fb")
  snn.output %s as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F000000000000000000000000"
} } #-}
