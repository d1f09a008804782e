// RUN: spikec-opt %s | spikec-opt | FileCheck %s

// The stateless projections, each in a network of its own.

// CHECK-LABEL: snn.network @affine {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK:         %[[Y:.+]] = snn.affine %[[X]] {bias = dense_resource<aff_b> : tensor<3xf32>, weight = dense_resource<aff_w> : tensor<3x2xf32>} : tensor<2xf32> -> tensor<3xf32>
// CHECK:         snn.output %[[Y]] as "y" : tensor<3xf32>
snn.network @affine {
  %x = snn.input "x" : tensor<2xf32>
  %y = snn.affine %x {weight = dense_resource<aff_w> : tensor<3x2xf32>,
                      bias = dense_resource<aff_b> : tensor<3xf32>}
       : tensor<2xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}

// The bias is optional.

// CHECK-LABEL: snn.network @affine_no_bias {
// CHECK:         snn.affine %{{.+}} {weight = dense_resource<aff_w> : tensor<3x2xf32>} : tensor<2xf32> -> tensor<3xf32>
snn.network @affine_no_bias {
  %x = snn.input "x" : tensor<2xf32>
  %y = snn.affine %x {weight = dense_resource<aff_w> : tensor<3x2xf32>}
       : tensor<2xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}

// CHECK-LABEL: snn.network @linear {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK:         %[[Y:.+]] = snn.linear %[[X]] {weight = dense_resource<aff_w> : tensor<3x2xf32>} : tensor<2xf32> -> tensor<3xf32>
// CHECK:         snn.output %[[Y]] as "y" : tensor<3xf32>
snn.network @linear {
  %x = snn.input "x" : tensor<2xf32>
  %y = snn.linear %x {weight = dense_resource<aff_w> : tensor<3x2xf32>}
       : tensor<2xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}

// CHECK-LABEL: snn.network @sparse {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<100xf32>
// CHECK:         %[[Y:.+]] = snn.sparse %[[X]] {post = dense_resource<sp_post> : tensor<4xi32>, pre = dense_resource<sp_pre> : tensor<4xi32>, weight = dense_resource<sp_w> : tensor<4xf32>} : tensor<100xf32> -> tensor<50xf32>
// CHECK:         snn.output %[[Y]] as "y" : tensor<50xf32>
snn.network @sparse {
  %x = snn.input "x" : tensor<100xf32>
  %y = snn.sparse %x {pre = dense_resource<sp_pre> : tensor<4xi32>,
                      post = dense_resource<sp_post> : tensor<4xi32>,
                      weight = dense_resource<sp_w> : tensor<4xf32>}
       : tensor<100xf32> -> tensor<50xf32>
  snn.output %y as "y" : tensor<50xf32>
}

// The three spellings of a parameter: scalar, dense and dense_resource.

// CHECK-LABEL: snn.network @scale {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK:         %[[A:.+]] = snn.scale %[[X]] {scale = 2.000000e+00 : f32} : tensor<4xf32> -> tensor<4xf32>
// CHECK:         %[[B:.+]] = snn.scale %[[A]] {scale = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>} : tensor<4xf32> -> tensor<4xf32>
// CHECK:         %[[C:.+]] = snn.scale %[[B]] {scale = dense_resource<sc> : tensor<4xf32>} : tensor<4xf32> -> tensor<4xf32>
// CHECK:         snn.output %[[C]] as "y" : tensor<4xf32>
snn.network @scale {
  %x = snn.input "x" : tensor<4xf32>
  %a = snn.scale %x {scale = 2.0 : f32} : tensor<4xf32> -> tensor<4xf32>
  %b = snn.scale %a {scale = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>}
       : tensor<4xf32> -> tensor<4xf32>
  %c = snn.scale %b {scale = dense_resource<sc> : tensor<4xf32>}
       : tensor<4xf32> -> tensor<4xf32>
  snn.output %c as "y" : tensor<4xf32>
}

// CHECK-LABEL: snn.network @conv1d {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2x16xf32>
// CHECK:         %[[Y:.+]] = snn.conv1d %[[X]] {dilation = array<i64: 1>, padding = array<i64: 1>, stride = array<i64: 1>, weight = dense_resource<c1_w> : tensor<4x2x3xf32>} : tensor<2x16xf32> -> tensor<4x16xf32>
// CHECK:         %[[Z:.+]] = snn.conv1d %[[Y]] {bias = dense_resource<c1_b> : tensor<4xf32>, dilation = array<i64: 2>, groups = 2 : i64, padding = array<i64: 0>, stride = array<i64: 3>, weight = dense_resource<c1_wg> : tensor<4x2x3xf32>} : tensor<4x16xf32> -> tensor<4x4xf32>
// CHECK:         snn.output %[[Z]] as "y" : tensor<4x4xf32>
snn.network @conv1d {
  %x = snn.input "x" : tensor<2x16xf32>
  %y = snn.conv1d %x {weight = dense_resource<c1_w> : tensor<4x2x3xf32>,
                      stride = array<i64: 1>, padding = array<i64: 1>,
                      dilation = array<i64: 1>, groups = 1 : i64}
       : tensor<2x16xf32> -> tensor<4x16xf32>
  // (16 - 2 * (3 - 1) - 1) / 3 + 1 = 4
  %z = snn.conv1d %y {weight = dense_resource<c1_wg> : tensor<4x2x3xf32>,
                      bias = dense_resource<c1_b> : tensor<4xf32>,
                      stride = array<i64: 3>, padding = array<i64: 0>,
                      dilation = array<i64: 2>, groups = 2 : i64}
       : tensor<4x16xf32> -> tensor<4x4xf32>
  snn.output %z as "y" : tensor<4x4xf32>
}

// CHECK-LABEL: snn.network @conv2d {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<4x8x8xf32>
// CHECK:         %[[Y:.+]] = snn.conv2d %[[X]] {bias = dense_resource<c2_b> : tensor<6xf32>, dilation = array<i64: 1, 1>, groups = 2 : i64, padding = array<i64: 1, 1>, stride = array<i64: 2, 2>, weight = dense_resource<c2_w> : tensor<6x2x3x3xf32>} : tensor<4x8x8xf32> -> tensor<6x4x4xf32>
// CHECK:         %[[Z:.+]] = snn.conv2d %[[Y]] {dilation = array<i64: 1, 2>, padding = array<i64: 0, 2>, stride = array<i64: 1, 1>, weight = dense_resource<c2_w1> : tensor<2x6x1x3xf32>} : tensor<6x4x4xf32> -> tensor<2x4x4xf32>
// CHECK:         snn.output %[[Z]] as "y" : tensor<2x4x4xf32>
snn.network @conv2d {
  %x = snn.input "x" : tensor<4x8x8xf32>
  // (8 + 2 - 2 - 1) / 2 + 1 = 4
  %y = snn.conv2d %x {weight = dense_resource<c2_w> : tensor<6x2x3x3xf32>,
                      bias = dense_resource<c2_b> : tensor<6xf32>,
                      stride = array<i64: 2, 2>, padding = array<i64: 1, 1>,
                      dilation = array<i64: 1, 1>, groups = 2 : i64}
       : tensor<4x8x8xf32> -> tensor<6x4x4xf32>
  // width: (4 + 4 - 2 * 2 - 1) / 1 + 1 = 4
  %z = snn.conv2d %y {weight = dense_resource<c2_w1> : tensor<2x6x1x3xf32>,
                      stride = array<i64: 1, 1>, padding = array<i64: 0, 2>,
                      dilation = array<i64: 1, 2>}
       : tensor<6x4x4xf32> -> tensor<2x4x4xf32>
  snn.output %z as "y" : tensor<2x4x4xf32>
}

// CHECK-LABEL: snn.network @pools {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<6x4x4xf32>
// CHECK:         %[[S:.+]] = snn.sum_pool2d %[[X]] {kernel_size = array<i64: 2, 2>, padding = array<i64: 0, 0>, stride = array<i64: 2, 2>} : tensor<6x4x4xf32> -> tensor<6x2x2xf32>
// CHECK:         %[[A:.+]] = snn.avg_pool2d %[[X]] {kernel_size = array<i64: 3, 3>, padding = array<i64: 1, 1>, stride = array<i64: 1, 1>} : tensor<6x4x4xf32> -> tensor<6x4x4xf32>
// CHECK:         %[[B:.+]] = snn.avg_pool2d %[[A]] {kernel_size = array<i64: 2, 4>, padding = array<i64: 0, 0>, stride = array<i64: 2, 1>} : tensor<6x4x4xf32> -> tensor<6x2x1xf32>
// CHECK:         snn.output %[[S]] as "sum" : tensor<6x2x2xf32>
// CHECK:         snn.output %[[B]] as "avg" : tensor<6x2x1xf32>
snn.network @pools {
  %x = snn.input "x" : tensor<6x4x4xf32>
  %s = snn.sum_pool2d %x {kernel_size = array<i64: 2, 2>,
                          stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
       : tensor<6x4x4xf32> -> tensor<6x2x2xf32>
  %a = snn.avg_pool2d %x {kernel_size = array<i64: 3, 3>,
                          stride = array<i64: 1, 1>, padding = array<i64: 1, 1>}
       : tensor<6x4x4xf32> -> tensor<6x4x4xf32>
  %b = snn.avg_pool2d %a {kernel_size = array<i64: 2, 4>,
                          stride = array<i64: 2, 1>, padding = array<i64: 0, 0>}
       : tensor<6x4x4xf32> -> tensor<6x2x1xf32>
  snn.output %s as "sum" : tensor<6x2x2xf32>
  snn.output %b as "avg" : tensor<6x2x1xf32>
}

// CHECK-LABEL: snn.network @flatten {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<6x4x4xf32>
// CHECK:         %[[A:.+]] = snn.flatten %[[X]] : tensor<6x4x4xf32> -> tensor<96xf32>
// CHECK:         %[[B:.+]] = snn.flatten %[[X]] {start_dim = 1 : i64} : tensor<6x4x4xf32> -> tensor<6x16xf32>
// CHECK:         %[[C:.+]] = snn.flatten %[[X]] {end_dim = -2 : i64, start_dim = -3 : i64} : tensor<6x4x4xf32> -> tensor<24x4xf32>
// CHECK:         snn.output %[[A]] as "a" : tensor<96xf32>
// CHECK:         snn.output %[[B]] as "b" : tensor<6x16xf32>
// CHECK:         snn.output %[[C]] as "c" : tensor<24x4xf32>
snn.network @flatten {
  %x = snn.input "x" : tensor<6x4x4xf32>
  %a = snn.flatten %x {start_dim = 0 : i64, end_dim = -1 : i64}
       : tensor<6x4x4xf32> -> tensor<96xf32>
  %b = snn.flatten %x {start_dim = 1 : i64}
       : tensor<6x4x4xf32> -> tensor<6x16xf32>
  %c = snn.flatten %x {start_dim = -3 : i64, end_dim = -2 : i64}
       : tensor<6x4x4xf32> -> tensor<24x4xf32>
  snn.output %a as "a" : tensor<96xf32>
  snn.output %b as "b" : tensor<6x16xf32>
  snn.output %c as "c" : tensor<24x4xf32>
}

// A rank-0 value flattens to one element, as in PyTorch.
// CHECK-LABEL: snn.network @flatten_scalar {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<f32>
// CHECK:         %[[A:.+]] = snn.flatten %[[X]] : tensor<f32> -> tensor<1xf32>
// CHECK:         snn.output %[[A]] as "a" : tensor<1xf32>
snn.network @flatten_scalar {
  %x = snn.input "x" : tensor<f32>
  %a = snn.flatten %x : tensor<f32> -> tensor<1xf32>
  snn.output %a as "a" : tensor<1xf32>
}

// CHECK-LABEL: snn.network @threshold {
// CHECK:         %[[X:.+]] = snn.input "x" : tensor<2x3xf32>
// CHECK:         %[[A:.+]] = snn.threshold %[[X]] {threshold = 5.000000e-01 : f32} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK:         %[[B:.+]] = snn.threshold %[[A]] {threshold = dense<[1.000000e-01, 2.000000e-01, 3.000000e-01]> : tensor<3xf32>} : tensor<2x3xf32> -> tensor<2x3xf32>
// CHECK:         snn.output %[[B]] as "z" : tensor<2x3xf32>
snn.network @threshold {
  %x = snn.input "x" : tensor<2x3xf32>
  %a = snn.threshold %x {threshold = 0.5 : f32}
       : tensor<2x3xf32> -> tensor<2x3xf32>
  %b = snn.threshold %a {threshold = dense<[0.1, 0.2, 0.3]> : tensor<3xf32>}
       : tensor<2x3xf32> -> tensor<2x3xf32>
  snn.output %b as "z" : tensor<2x3xf32>
}

// The blobs survive the round trip byte for byte.
// CHECK:      dialect_resources
// CHECK-DAG:  aff_b: "0x040000000000003F000000BF0000803E"
// CHECK-DAG:  aff_w: "0x040000000000803F0000004000004040000080400000A0400000C040"
// CHECK-DAG:  sp_post: "0x0400000000000000310000000700000007000000"
// CHECK-DAG:  sp_pre: "0x040000000000000001000000630000002A000000"
// CHECK-DAG:  sp_w: "0x040000000000803F000080BF0000003F00000040"
// CHECK-DAG:  sc: "0x040000000000003F0000003F0000004000000040"
{-#
  dialect_resources: {
    builtin: {
      aff_w: "0x040000000000803F0000004000004040000080400000A0400000C040",
      aff_b: "0x040000000000003F000000BF0000803E",
      sp_pre: "0x040000000000000001000000630000002A000000",
      sp_post: "0x0400000000000000310000000700000007000000",
      sp_w: "0x040000000000803F000080BF0000003F00000040",
      sc: "0x040000000000003F0000003F0000004000000040",
      c1_w: "0x040000000000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E0000803E",
      c1_wg: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F",
      c1_b: "0x040000000000803F000000400000404000008040",
      c2_w: "0x040000000000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E0000003E",
      c2_b: "0x04000000000000000000000000000000000000000000000000000000",
      c2_w1: "0x040000000000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F0000803F"
    }
  }
#-}
