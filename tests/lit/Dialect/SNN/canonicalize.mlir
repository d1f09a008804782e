// RUN: spikec-opt %s --canonicalize | FileCheck %s
// RUN: spikec-opt %s --canonicalize | spikec-opt | FileCheck %s

// Chains of stateless linear ops collapse into one matrix; the folded
// weights are written to new blobs named after the surviving node. Weights
// are row-major [out, in]; blob bytes are little-endian f32 after the
// 04000000 alignment word.

// scale(s = [2, 3]) then affine(W = [[1, 2], [3, 4], [5, 6]], b): the scale
// multiplies W's columns, W' = [[2, 6], [6, 12], [10, 18]]; b is unchanged.
// CHECK-LABEL: snn.network @scale_then_affine {
// CHECK-NEXT:    %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK-NEXT:    %[[Y:.+]] = snn.affine %[[X]] {bias = dense_resource<[[SA_B:fc.bias[_0-9]*]]> : tensor<3xf32>, weight = dense_resource<[[SA_W:fc.weight[_0-9]*]]> : tensor<3x2xf32>} : tensor<2xf32> -> tensor<3xf32>
// CHECK-NEXT:    snn.output %[[Y]] as "y" : tensor<3xf32>
// CHECK-NEXT:  }
snn.network @scale_then_affine {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.scale %x {scale = dense<[2.0, 3.0]> : tensor<2xf32>}
       : tensor<2xf32> -> tensor<2xf32>
  %y = snn.affine %s {weight = dense_resource<w_sa> : tensor<3x2xf32>,
                      bias = dense_resource<b_sa> : tensor<3xf32>}
       : tensor<2xf32> -> tensor<3xf32> loc("fc")
  snn.output %y as "y" : tensor<3xf32>
}

// A scalar scale before a linear: every column times 0.5,
// [[1, 2], [3, 4], [5, 6]] -> [[0.5, 1], [1.5, 2], [2.5, 3]]; no bias, so the
// result stays a linear.
// CHECK-LABEL: snn.network @scale_then_linear {
// CHECK-NEXT:    %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK-NEXT:    %[[Y:.+]] = snn.linear %[[X]] {weight = dense_resource<[[SL_W:lin.weight[_0-9]*]]> : tensor<3x2xf32>} : tensor<2xf32> -> tensor<3xf32>
// CHECK-NEXT:    snn.output %[[Y]] as "y" : tensor<3xf32>
snn.network @scale_then_linear {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.scale %x {scale = 0.5 : f32} : tensor<2xf32> -> tensor<2xf32>
  %y = snn.linear %s {weight = dense_resource<w_sa> : tensor<3x2xf32>}
       : tensor<2xf32> -> tensor<3xf32> loc("lin")
  snn.output %y as "y" : tensor<3xf32>
}

// affine(W = [[1, 2], [3, 4]], b = [1, -1]) then scale(s = [0.5, -2]): the
// scale multiplies rows and bias, W' = [[0.5, 1], [-6, -8]], b' = [0.5, 2].
// The result takes the scale's name.
// CHECK-LABEL: snn.network @affine_then_scale {
// CHECK-NEXT:    %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK-NEXT:    %[[Y:.+]] = snn.affine %[[X]] {bias = dense_resource<[[AS_B:sc.bias[_0-9]*]]> : tensor<2xf32>, weight = dense_resource<[[AS_W:sc.weight[_0-9]*]]> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:    snn.output %[[Y]] as "y" : tensor<2xf32>
snn.network @affine_then_scale {
  %x = snn.input "x" : tensor<2xf32>
  %a = snn.affine %x {weight = dense_resource<w_as> : tensor<2x2xf32>,
                      bias = dense_resource<b_as> : tensor<2xf32>}
       : tensor<2xf32> -> tensor<2xf32> loc("fc_as")
  %y = snn.scale %a {scale = dense<[0.5, -2.0]> : tensor<2xf32>}
       : tensor<2xf32> -> tensor<2xf32> loc("sc")
  snn.output %y as "y" : tensor<2xf32>
}

// linear(W2 = [[1, 2, 3], [0, 1, -1]]) after linear(W1 = [[1, 0], [0, 1],
// [1, 1]]): W2 W1 = [[4, 5], [-1, 0]] (4 weights <= 6 + 6).
// CHECK-LABEL: snn.network @linear_linear {
// CHECK-NEXT:    %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK-NEXT:    %[[Y:.+]] = snn.linear %[[X]] {weight = dense_resource<[[LL_W:outer.weight[_0-9]*]]> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:    snn.output %[[Y]] as "y" : tensor<2xf32>
snn.network @linear_linear {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w1> : tensor<3x2xf32>}
       : tensor<2xf32> -> tensor<3xf32> loc("inner")
  %y = snn.linear %h {weight = dense_resource<w2> : tensor<2x3xf32>}
       : tensor<3xf32> -> tensor<2xf32> loc("outer")
  snn.output %y as "y" : tensor<2xf32>
}

// The same with biases b1 = [1, 2, 3] and b2 = [1, 1]:
// b = b2 + W2 b1 = [1 + 14, 1 - 1] = [15, 0].
// CHECK-LABEL: snn.network @affine_affine {
// CHECK-NEXT:    %[[X:.+]] = snn.input "x" : tensor<2xf32>
// CHECK-NEXT:    %[[Y:.+]] = snn.affine %[[X]] {bias = dense_resource<[[AA_B:outer2.bias[_0-9]*]]> : tensor<2xf32>, weight = dense_resource<[[AA_W:outer2.weight[_0-9]*]]> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
// CHECK-NEXT:    snn.output %[[Y]] as "y" : tensor<2xf32>
snn.network @affine_affine {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.affine %x {weight = dense_resource<w1> : tensor<3x2xf32>,
                      bias = dense_resource<b1> : tensor<3xf32>}
       : tensor<2xf32> -> tensor<3xf32>
  %y = snn.affine %h {weight = dense_resource<w2> : tensor<2x3xf32>,
                      bias = dense_resource<b2> : tensor<2xf32>}
       : tensor<3xf32> -> tensor<2xf32> loc("outer2")
  snn.output %y as "y" : tensor<2xf32>
}

// A 4 -> 1 -> 4 bottleneck would compose into 16
// weights for 4 + 4: the two matrices stay.
// CHECK-LABEL: snn.network @bottleneck {
// CHECK:         snn.linear %{{.+}} {weight = dense_resource<w_down> : tensor<1x4xf32>} : tensor<4xf32> -> tensor<1xf32>
// CHECK:         snn.linear %{{.+}} {weight = dense_resource<w_up> : tensor<4x1xf32>} : tensor<1xf32> -> tensor<4xf32>
snn.network @bottleneck {
  %x = snn.input "x" : tensor<4xf32>
  %h = snn.linear %x {weight = dense_resource<w_down> : tensor<1x4xf32>}
       : tensor<4xf32> -> tensor<1xf32>
  %y = snn.linear %h {weight = dense_resource<w_up> : tensor<4x1xf32>}
       : tensor<1xf32> -> tensor<4xf32>
  snn.output %y as "y" : tensor<4xf32>
}

// A scale with another user stays, and so does the matrix after it.
// CHECK-LABEL: snn.network @shared {
// CHECK:         snn.scale
// CHECK:         snn.linear
snn.network @shared {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.scale %x {scale = 2.0 : f32} : tensor<2xf32> -> tensor<2xf32>
  %y = snn.linear %s {weight = dense_resource<w_sa> : tensor<3x2xf32>}
       : tensor<2xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
  snn.output %s as "s" : tensor<2xf32>
}

// An add of one operand is that operand; an identity flatten is its input.
// A flatten that changes the shape stays.
// CHECK-LABEL: snn.network @trivial {
// CHECK-NEXT:    %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK-NEXT:    %[[V:.+]] = snn.lif %[[X]] {{{.*}}} : tensor<4xf32>
// CHECK-NEXT:    %[[U:.+]] = snn.input "u" : tensor<2x2xf32>
// CHECK-NEXT:    %[[F:.+]] = snn.flatten %[[U]] : tensor<2x2xf32> -> tensor<4xf32>
// CHECK-NEXT:    snn.output %[[V]] as "y" : tensor<4xf32>
// CHECK-NEXT:    snn.output %[[F]] as "z" : tensor<4xf32>
// CHECK-NEXT:  }
snn.network @trivial {
  %x = snn.input "x" : tensor<4xf32>
  %s = snn.add %x : tensor<4xf32>
  %f = snn.flatten %s : tensor<4xf32> -> tensor<4xf32>
  %v = snn.lif %f {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<4xf32>
  %u = snn.input "u" : tensor<2x2xf32>
  %g = snn.flatten %u : tensor<2x2xf32> -> tensor<4xf32>
  snn.output %v as "y" : tensor<4xf32>
  snn.output %g as "z" : tensor<4xf32>
}

// 2 = 0x40000000, 6 = 0x40C00000, 12 = 0x41400000, 10 = 0x41200000,
// 18 = 0x41900000, 0.5 = 0x3F000000, -0.5 = 0xBF000000, 0.25 = 0x3E800000,
// 1 = 0x3F800000, 1.5 = 0x3FC00000, 2.5 = 0x40200000, 3 = 0x40400000,
// -6 = 0xC0C00000, -8 = 0xC1000000, 4 = 0x40800000, 5 = 0x40A00000,
// -1 = 0xBF800000, 15 = 0x41700000.
// CHECK:      dialect_resources
// CHECK-DAG:  [[SA_W]]: "0x04000000000000400000C0400000C040000040410000204100009041"
// CHECK-DAG:  [[SA_B]]: "0x040000000000003F000000BF0000803E"
// CHECK-DAG:  [[SL_W]]: "0x040000000000003F0000803F0000C03F000000400000204000004040"
// CHECK-DAG:  [[AS_W]]: "0x040000000000003F0000803F0000C0C0000000C1"
// CHECK-DAG:  [[AS_B]]: "0x040000000000003F00000040"
// CHECK-DAG:  [[LL_W]]: "0x04000000000080400000A040000080BF00000000"
// CHECK-DAG:  [[AA_W]]: "0x04000000000080400000A040000080BF00000000"
// CHECK-DAG:  [[AA_B]]: "0x040000000000704100000000"
{-#
  dialect_resources: {
    builtin: {
      w_sa: "0x040000000000803F0000004000004040000080400000A0400000C040",
      b_sa: "0x040000000000003F000000BF0000803E",
      w_as: "0x040000000000803F000000400000404000008040",
      b_as: "0x040000000000803F000080BF",
      w1: "0x040000000000803F00000000000000000000803F0000803F0000803F",
      w2: "0x040000000000803F0000004000004040000000000000803F000080BF",
      b1: "0x040000000000803F0000004000004040",
      b2: "0x040000000000803F0000803F",
      w_down: "0x040000000000803F0000803F0000803F0000803F",
      w_up: "0x040000000000803F0000803F0000803F0000803F"
    }
  }
#-}
