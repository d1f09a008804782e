// Every error snn-infer-shapes reports, one per case: a shape nothing
// determines, a declared shape its operands contradict, and an inferred
// operand shape the op itself rejects.
// RUN: spikec-opt %s -split-input-file -verify-diagnostics --snn-infer-shapes

// Nothing says how large the input is.
snn.network @unknown_input {
  // expected-error @+1 {{'snn.input' op result shape cannot be inferred}}
  %x = snn.input "x" : tensor<?xf32>
  %s = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<?xf32>
  snn.output %s as "y" : tensor<?xf32>
}

// -----

// The flatten declares 5 elements, but its operand turns out to hold 6.
snn.network @conflict {
  %x = snn.input "x" : tensor<2xf32>
  %a = snn.affine %x {weight = dense_resource<w> : tensor<6x2xf32>}
       : tensor<2xf32> -> tensor<*xf32>
  // expected-error @+1 {{'snn.flatten' op declares 'tensor<5xf32>' but its operands imply 'tensor<6xf32>'}}
  %f = snn.flatten %a : tensor<*xf32> -> tensor<5xf32>
  snn.output %f as "y" : tensor<5xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F"
} } #-}

// -----

// Inference runs into a shape the op rejects.
snn.network @bad_flatten {
  %x = snn.input "x" : tensor<2xf32>
  %a = snn.affine %x {weight = dense_resource<w> : tensor<6x2xf32>}
       : tensor<2xf32> -> tensor<*xf32>
  // expected-error @+1 {{'snn.flatten' op dimensions 1..-1 do not fit a rank-1 input}}
  %f = snn.flatten %a {start_dim = 1 : i64} : tensor<*xf32> -> tensor<*xf32>
  snn.output %f as "y" : tensor<*xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F"
} } #-}

// -----

// The conv2d's input turns out to be a vector, not [C, H, W].
snn.network @conv_rank {
  %x = snn.input "x" : tensor<2xf32>
  %a = snn.affine %x {weight = dense_resource<w> : tensor<6x2xf32>}
       : tensor<2xf32> -> tensor<*xf32>
  // expected-error @+1 {{'snn.conv2d' op expects a [C, H, W] input, got 'tensor<6xf32>'}}
  %c = snn.conv2d %a {weight = dense_resource<k> : tensor<1x1x1x1xf32>,
                      stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>}
       : tensor<*xf32> -> tensor<*xf32>
  snn.output %c as "y" : tensor<*xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F0000003F",
  k: "0x040000000000803F"
} } #-}

// -----

// A pool's input, inferred through a flatten, has lost its [C, H, W].
snn.network @pool_rank {
  %x = snn.input "x" : tensor<1x2x2xf32>
  %f = snn.flatten %x : tensor<1x2x2xf32> -> tensor<*xf32>
  // expected-error @+1 {{'snn.sum_pool2d' op expects a [C, H, W] input, got 'tensor<4xf32>'}}
  %p = snn.sum_pool2d %f {kernel_size = array<i64: 2, 2>,
                          stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
       : tensor<*xf32> -> tensor<*xf32>
  snn.output %p as "y" : tensor<*xf32>
}
