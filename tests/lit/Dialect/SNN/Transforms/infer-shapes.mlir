// RUN: spikec-opt %s -split-input-file -verify-diagnostics --snn-infer-shapes | FileCheck %s

// Unknown result types (unranked or dynamic, as an importer leaves them)
// are refined from the operands and attributes.

// conv2d [2, 8, 8] with 4x2x3x3, stride 2, padding 1 -> [4, 4, 4];
// sum_pool2d 2x2 stride 2 -> [4, 2, 2]; flatten -> [16]; affine 3x16 -> [3];
// the population keeps its operand's shape.
// CHECK-LABEL: snn.network @feedforward {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2x8x8xf32>
// CHECK:         %[[C:.+]] = snn.conv2d %[[X]] {{{.*}}} : tensor<2x8x8xf32> -> tensor<4x4x4xf32>
// CHECK:         %[[P:.+]] = snn.sum_pool2d %[[C]] {{{.*}}} : tensor<4x4x4xf32> -> tensor<4x2x2xf32>
// CHECK:         %[[F:.+]] = snn.flatten %[[P]] : tensor<4x2x2xf32> -> tensor<16xf32>
// CHECK:         %[[A:.+]] = snn.affine %[[F]] {{{.*}}} : tensor<16xf32> -> tensor<3xf32>
// CHECK:         %[[S:.+]] = snn.lif %[[A]] {{{.*}}} : tensor<3xf32>
// CHECK:         snn.output %[[S]] as "y" : tensor<3xf32>
snn.network @feedforward {
  %x = snn.input "x" : tensor<2x8x8xf32>
  %c = snn.conv2d %x {weight = dense_resource<k> : tensor<4x2x3x3xf32>,
                      stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
                      dilation = array<i64: 1, 1>}
       : tensor<2x8x8xf32> -> tensor<*xf32>
  %p = snn.sum_pool2d %c {kernel_size = array<i64: 2, 2>,
                          stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
       : tensor<*xf32> -> tensor<?x?x?xf32>
  %f = snn.flatten %p : tensor<?x?x?xf32> -> tensor<?xf32>
  %a = snn.affine %f {weight = dense_resource<w> : tensor<3x16xf32>}
       : tensor<?xf32> -> tensor<*xf32>
  %s = snn.lif %a {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<*xf32>
  snn.output %s as "y" : tensor<*xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F",
  w: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F"
} } #-}

// -----

// conv1d [1, 10] with 2x1x4, dilation 2 -> [2, 4]; avg_pool2d needs rank 3,
// so flatten and pool live on another branch.
// CHECK-LABEL: snn.network @conv1d_avg_pool {
// CHECK:         snn.conv1d %{{.+}} {{{.*}}} : tensor<1x10xf32> -> tensor<2x4xf32>
// CHECK:         snn.avg_pool2d %{{.+}} {{{.*}}} : tensor<3x5x5xf32> -> tensor<3x3x3xf32>
// CHECK:         snn.flatten %{{.+}} {start_dim = 1 : i64} : tensor<3x3x3xf32> -> tensor<3x9xf32>
// CHECK:         snn.output %{{.+}} as "y" : tensor<2x4xf32>
// CHECK:         snn.output %{{.+}} as "z" : tensor<3x9xf32>
snn.network @conv1d_avg_pool {
  %x = snn.input "x" : tensor<1x10xf32>
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<2x1x4xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 2>}
       : tensor<1x10xf32> -> tensor<*xf32>
  %u = snn.input "u" : tensor<3x5x5xf32>
  %v = snn.avg_pool2d %u {kernel_size = array<i64: 3, 3>,
                          stride = array<i64: 1, 1>, padding = array<i64: 0, 0>}
       : tensor<3x5x5xf32> -> tensor<*xf32>
  %z = snn.flatten %v {start_dim = 1 : i64} : tensor<*xf32> -> tensor<*xf32>
  snn.output %y as "y" : tensor<*xf32>
  snn.output %z as "z" : tensor<*xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F"
} } #-}

// -----

// A recurrent cycle written with the back edge first: the population is
// listed before the sum that feeds it, so the pass needs more than one sweep.
// CHECK-LABEL: snn.network @recurrent {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK:         %[[R:.+]] = snn.linear %[[S:.+]] {{{.*}}} : tensor<3xf32> -> tensor<3xf32>
// CHECK:         %[[S]] = snn.cuba_lif %[[SUM:.+]] {{{.*}}} : tensor<3xf32>
// CHECK:         %[[SUM]] = snn.add %[[FF:.+]], %[[R]] : tensor<3xf32>
// CHECK:         %[[FF]] = snn.scale %[[A:.+]] {{{.*}}} : tensor<3xf32> -> tensor<3xf32>
// CHECK:         %[[A]] = snn.affine %[[X]] {{{.*}}} : tensor<2xf32> -> tensor<3xf32>
// CHECK:         snn.output %[[S]] as "y" : tensor<3xf32>
snn.network @recurrent {
  %x = snn.input "x" : tensor<2xf32>
  %r = snn.linear %s {weight = dense_resource<wr> : tensor<3x3xf32>}
       : tensor<*xf32> -> tensor<*xf32>
  %s = snn.cuba_lif %sum {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32,
                          v_threshold = 1.0 : f32} : tensor<*xf32>
  %sum = snn.add %ff, %r : tensor<*xf32>
  %ff = snn.scale %a {scale = 2.0 : f32} : tensor<*xf32> -> tensor<*xf32>
  %a = snn.affine %x {weight = dense_resource<wi> : tensor<3x2xf32>}
       : tensor<2xf32> -> tensor<*xf32>
  snn.output %s as "y" : tensor<*xf32>
}
{-# dialect_resources: { builtin: {
  wr: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F",
  wi: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F"
} } #-}

// -----

// Shapes already known are left as they are.
// CHECK-LABEL: snn.network @known {
// CHECK:         snn.delay %{{.+}} {steps = array<i64: 1>} : tensor<2x2xf32>
// CHECK:         snn.threshold %{{.+}} {{{.*}}} : tensor<2x2xf32> -> tensor<2x2xf32>
snn.network @known {
  %x = snn.input "x" : tensor<2x2xf32>
  %d = snn.delay %x {steps = array<i64: 1>} : tensor<2x2xf32>
  %t = snn.threshold %d {threshold = 0.5 : f32} : tensor<2x2xf32> -> tensor<2x2xf32>
  snn.output %t as "y" : tensor<2x2xf32>
}
