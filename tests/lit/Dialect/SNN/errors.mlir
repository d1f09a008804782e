// RUN: spikec-opt %s -split-input-file -verify-diagnostics

// One case per verifier message of the snn dialect (SNNOps.cpp), plus some
// messages of the ODS-generated traits and attribute constraints. Each case
// is a minimal network.

//===----------------------------------------------------------------------===//
// Network structure
//===----------------------------------------------------------------------===//

// Every value is used (the delay closes the cycle), but nothing is read out.
// expected-error @+1 {{'snn.network' op has no snn.output}}
snn.network @no_output {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.add %x, %d : tensor<2xf32>
  %d = snn.delay %s {steps = array<i64: 1>} : tensor<2xf32>
}

// -----

snn.network @dangling {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op result is never used (a dangling value)}}
  %v = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %x as "y" : tensor<2xf32>
}

// -----

// The population and its recurrent projection feed each other but no input
// reaches them.
snn.network @unreachable {
  %x = snn.input "x" : tensor<2xf32>
  %v = snn.lif %r {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  %r = snn.scale %v {scale = 0.5 : f32} : tensor<2xf32> -> tensor<2xf32>
  snn.output %x as "y" : tensor<2xf32>
  // expected-error @+1 {{'snn.output' op 'z' is not reachable from any input}}
  snn.output %v as "z" : tensor<2xf32>
}

// -----

snn.network @duplicate_input {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.input' op duplicates input name 'x'}}
  %y = snn.input "x" : tensor<2xf32>
  %s = snn.add %x, %y : tensor<2xf32>
  snn.output %s as "s" : tensor<2xf32>
}

// -----

snn.network @duplicate_output {
  %x = snn.input "x" : tensor<2xf32>
  snn.output %x as "y" : tensor<2xf32>
  // expected-error @+1 {{'snn.output' op duplicates output name 'y'}}
  snn.output %x as "y" : tensor<2xf32>
}

// -----

snn.network @empty_input_name {
  // expected-error @+1 {{'snn.input' op needs a non-empty name}}
  %x = snn.input "" : tensor<2xf32>
  snn.output %x as "y" : tensor<2xf32>
}

// -----

snn.network @empty_output_name {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.output' op needs a non-empty name}}
  snn.output %x as "" : tensor<2xf32>
}

// -----

// affine -> add -> affine with no state on the way round.
snn.network @algebraic_loop {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.add' op is on an algebraic loop (a cycle with no state): snn.add snn.affine}}
  %s = snn.add %x, %f : tensor<2xf32>
  %f = snn.affine %s {weight = dense_resource<w> : tensor<2x2xf32>}
       : tensor<2xf32> -> tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F000000000000000000000000"
} } #-}

// -----

// A delay of zero steps holds no state either.
snn.network @zero_delay_loop {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.add' op is on an algebraic loop (a cycle with no state): snn.add snn.delay}}
  %s = snn.add %x, %d : tensor<2xf32>
  %d = snn.delay %s {steps = array<i64: 0>} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// -----

snn.network @foreign_op {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'builtin.module' op is not allowed in an snn.network}}
  builtin.module {}
  snn.output %x as "y" : tensor<2xf32>
}

// -----

// expected-error @+1 {{'snn.network' op dt must be a positive number of seconds, got 0}}
snn.network @zero_dt attributes {dt = 0.0 : f64} {
  %x = snn.input "x" : tensor<2xf32>
  snn.output %x as "y" : tensor<2xf32>
}

// -----

// expected-error @+1 {{'snn.network' op dt must be a positive number of seconds, got -1}}
snn.network @negative_dt attributes {dt = -1.0e-3 : f64} {
  %x = snn.input "x" : tensor<2xf32>
  snn.output %x as "y" : tensor<2xf32>
}

// -----

// expected-error @+1 {{'snn.input' op expects parent op 'snn.network'}}
%x = snn.input "x" : tensor<2xf32>

// -----

snn.network @add_without_operands {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.add' op expected 1 or more operands, but found 0}}
  %s = snn.add : tensor<2xf32>
  snn.output %x as "y" : tensor<2xf32>
  snn.output %s as "z" : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// Weights
//===----------------------------------------------------------------------===//

// -----

snn.network @missing_blob {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.affine' op 'weight' has no data (missing resource blob)}}
  %y = snn.affine %x {weight = dense_resource<nowhere> : tensor<3x2xf32>}
       : tensor<2xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}

// -----

snn.network @nan_weight {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.linear' op 'weight' holds a non-finite value at element 1}}
  %y = snn.linear %x {weight = dense_resource<w> : tensor<1x2xf32>}
       : tensor<2xf32> -> tensor<1xf32>
  snn.output %y as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F0000C07F"
} } #-}

// -----

snn.network @inf_bias {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.affine' op 'bias' holds a non-finite value at element 0}}
  %y = snn.affine %x {weight = dense_resource<w> : tensor<1x2xf32>,
                      bias = dense_resource<b> : tensor<1xf32>}
       : tensor<2xf32> -> tensor<1xf32>
  snn.output %y as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F0000803F",
  b: "0x040000000000807F"
} } #-}

// -----

// Readers index a blob by its type's shape: a short blob is an error, not an
// out-of-bounds read.
snn.network @short_weight_blob {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.linear' op 'weight' holds 1 values, its type has 6 elements}}
  %y = snn.linear %x {weight = dense_resource<w> : tensor<3x2xf32>}
       : tensor<2xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F"
} } #-}

// -----

snn.network @long_param_blob {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.li' op parameter 'tau' holds 3 values, its type has 2 elements}}
  %v = snn.li %x {tau = dense_resource<t> : tensor<2xf32>} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: {
  t: "0x040000000AD7233C0AD7233C0AD7233C"
} } #-}

// -----

snn.network @short_index_blob {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.sparse' op 'post' holds 1 values, its type has 2 elements}}
  %y = snn.sparse %x {pre = dense_resource<p> : tensor<2xi32>,
                      post = dense_resource<q> : tensor<2xi32>,
                      weight = dense_resource<w> : tensor<2xf32>}
       : tensor<4xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}
{-# dialect_resources: { builtin: {
  p: "0x040000000000000001000000",
  q: "0x0400000000000000",
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @weight_rank {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.affine' op 'weight' must have rank 2, got 'tensor<2xf32>'}}
  %y = snn.affine %x {weight = dense_resource<w> : tensor<2xf32>}
       : tensor<2xf32> -> tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @weight_not_a_blob {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.linear' op attribute 'weight' failed to satisfy constraint: f32 dense_resource tensor}}
  %y = snn.linear %x {weight = dense<1.0> : tensor<1x2xf32>}
       : tensor<2xf32> -> tensor<1xf32>
  snn.output %y as "y" : tensor<1xf32>
}

//===----------------------------------------------------------------------===//
// Affine, linear and sparse
//===----------------------------------------------------------------------===//

// -----

snn.network @affine_input_mismatch {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.affine' op expects a vector of 2 inputs, got 'tensor<4xf32>'}}
  %y = snn.affine %x {weight = dense_resource<w> : tensor<1x2xf32>}
       : tensor<4xf32> -> tensor<1xf32>
  snn.output %y as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @affine_result_mismatch {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.affine' op result type 'tensor<4xf32>' does not match the inferred 'tensor<1xf32>'}}
  %y = snn.affine %x {weight = dense_resource<w> : tensor<1x2xf32>}
       : tensor<2xf32> -> tensor<4xf32>
  snn.output %y as "y" : tensor<4xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @bias_length {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.affine' op bias has 2 elements for 1 outputs}}
  %y = snn.affine %x {weight = dense_resource<w> : tensor<1x2xf32>,
                      bias = dense_resource<b> : tensor<2xf32>}
       : tensor<2xf32> -> tensor<1xf32>
  snn.output %y as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F0000803F",
  b: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @sparse_missing_indices {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.sparse' op synapse indices have no data (missing resource blob)}}
  %y = snn.sparse %x {pre = dense_resource<nowhere> : tensor<2xi32>,
                      post = dense_resource<q> : tensor<2xi32>,
                      weight = dense_resource<w> : tensor<2xf32>}
       : tensor<4xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}
{-# dialect_resources: { builtin: {
  q: "0x040000000000000001000000",
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @sparse_count_mismatch {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.sparse' op needs as many pre and post indices as weights (2), got 3 and 2}}
  %y = snn.sparse %x {pre = dense_resource<p> : tensor<3xi32>,
                      post = dense_resource<q> : tensor<2xi32>,
                      weight = dense_resource<w> : tensor<2xf32>}
       : tensor<4xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}
{-# dialect_resources: { builtin: {
  p: "0x04000000000000000100000002000000",
  q: "0x040000000000000001000000",
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @sparse_pre_out_of_range {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.sparse' op synapse 1 has pre index 4 outside [0, 4)}}
  %y = snn.sparse %x {pre = dense_resource<p> : tensor<2xi32>,
                      post = dense_resource<q> : tensor<2xi32>,
                      weight = dense_resource<w> : tensor<2xf32>}
       : tensor<4xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}
{-# dialect_resources: { builtin: {
  p: "0x040000000000000004000000",
  q: "0x040000000000000001000000",
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @sparse_post_out_of_range {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.sparse' op synapse 0 has post index -1 outside [0, 3)}}
  %y = snn.sparse %x {pre = dense_resource<p> : tensor<2xi32>,
                      post = dense_resource<q> : tensor<2xi32>,
                      weight = dense_resource<w> : tensor<2xf32>}
       : tensor<4xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}
{-# dialect_resources: { builtin: {
  p: "0x040000000000000001000000",
  q: "0x04000000FFFFFFFF01000000",
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @sparse_dynamic_result {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.sparse' op needs a static result type}}
  %y = snn.sparse %x {pre = dense_resource<p> : tensor<2xi32>,
                      post = dense_resource<q> : tensor<2xi32>,
                      weight = dense_resource<w> : tensor<2xf32>}
       : tensor<4xf32> -> tensor<?xf32>
  snn.output %y as "y" : tensor<?xf32>
}
{-# dialect_resources: { builtin: {
  p: "0x040000000000000001000000",
  q: "0x040000000000000001000000",
  w: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @sparse_index_not_a_blob {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.sparse' op attribute 'pre' failed to satisfy constraint: i32 dense_resource tensor}}
  %y = snn.sparse %x {pre = dense<0> : tensor<2xi32>,
                      post = dense_resource<q> : tensor<2xi32>,
                      weight = dense_resource<w> : tensor<2xf32>}
       : tensor<4xf32> -> tensor<3xf32>
  snn.output %y as "y" : tensor<3xf32>
}
{-# dialect_resources: { builtin: {
  q: "0x040000000000000001000000",
  w: "0x040000000000803F0000803F"
} } #-}

//===----------------------------------------------------------------------===//
// Convolutions and pooling
//===----------------------------------------------------------------------===//

// -----

snn.network @conv_groups_do_not_divide {
  %x = snn.input "x" : tensor<3x8xf32>
  // expected-error @+1 {{'snn.conv1d' op groups = 3 must divide the 4 output channels}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<4x1x1xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>, groups = 3 : i64}
       : tensor<3x8xf32> -> tensor<4x8xf32>
  snn.output %y as "y" : tensor<4x8xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F0000803F0000803F0000803F"
} } #-}

// -----

snn.network @conv_zero_groups {
  %x = snn.input "x" : tensor<1x8xf32>
  // expected-error @+1 {{'snn.conv1d' op groups = 0 must divide the 1 output channels}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x1xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>, groups = 0 : i64}
       : tensor<1x8xf32> -> tensor<1x8xf32>
  snn.output %y as "y" : tensor<1x8xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}

// -----

snn.network @conv_channel_mismatch {
  %x = snn.input "x" : tensor<3x8x8xf32>
  // expected-error @+1 {{'snn.conv2d' op input has 3 channels, the weight expects 2}}
  %y = snn.conv2d %x {weight = dense_resource<k> : tensor<1x2x1x1xf32>,
                      stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>}
       : tensor<3x8x8xf32> -> tensor<1x8x8xf32>
  snn.output %y as "y" : tensor<1x8x8xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @conv_grouped_channel_mismatch {
  %x = snn.input "x" : tensor<3x8x8xf32>
  // expected-error @+1 {{'snn.conv2d' op input has 3 channels, the weight expects 4}}
  %y = snn.conv2d %x {weight = dense_resource<k> : tensor<2x2x1x1xf32>,
                      stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>, groups = 2 : i64}
       : tensor<3x8x8xf32> -> tensor<2x8x8xf32>
  snn.output %y as "y" : tensor<2x8x8xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F0000803F0000803F0000803F"
} } #-}

// -----

snn.network @conv_kernel_too_large {
  %x = snn.input "x" : tensor<1x4x2xf32>
  // expected-error @+1 {{'snn.conv2d' op kernel does not fit the input along dimension 2}}
  %y = snn.conv2d %x {weight = dense_resource<k> : tensor<1x1x1x3xf32>,
                      stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>}
       : tensor<1x4x2xf32> -> tensor<1x4x1xf32>
  snn.output %y as "y" : tensor<1x4x1xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F0000803F0000803F"
} } #-}

// -----

// With stride 2 the span (2 - 3) / 2 must not round up to an output of 1.
snn.network @conv_kernel_too_large_strided {
  %x = snn.input "x" : tensor<1x2xf32>
  // expected-error @+1 {{'snn.conv1d' op kernel does not fit the input along dimension 1}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x3xf32>,
                      stride = array<i64: 2>, padding = array<i64: 0>,
                      dilation = array<i64: 1>}
       : tensor<1x2xf32> -> tensor<1x1xf32>
  snn.output %y as "y" : tensor<1x1xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F0000803F0000803F"
} } #-}

// -----

snn.network @conv_dilated_kernel_too_large {
  %x = snn.input "x" : tensor<1x4xf32>
  // expected-error @+1 {{'snn.conv1d' op kernel does not fit the input along dimension 1}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x3xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 2>}
       : tensor<1x4xf32> -> tensor<1x1xf32>
  snn.output %y as "y" : tensor<1x1xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F0000803F0000803F"
} } #-}

// -----

snn.network @conv_stride_length {
  %x = snn.input "x" : tensor<1x4x4xf32>
  // expected-error @+1 {{'snn.conv2d' op 'stride' needs 2 values, got 1}}
  %y = snn.conv2d %x {weight = dense_resource<k> : tensor<1x1x1x1xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>}
       : tensor<1x4x4xf32> -> tensor<1x4x4xf32>
  snn.output %y as "y" : tensor<1x4x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}

// -----

snn.network @conv_zero_stride {
  %x = snn.input "x" : tensor<1x4x4xf32>
  // expected-error @+1 {{'snn.conv2d' op 'stride' must be >= 1, got 0}}
  %y = snn.conv2d %x {weight = dense_resource<k> : tensor<1x1x1x1xf32>,
                      stride = array<i64: 1, 0>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>}
       : tensor<1x4x4xf32> -> tensor<1x4x4xf32>
  snn.output %y as "y" : tensor<1x4x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}

// -----

snn.network @conv_negative_padding {
  %x = snn.input "x" : tensor<1x4xf32>
  // expected-error @+1 {{'snn.conv1d' op 'padding' must be >= 0, got -1}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x1xf32>,
                      stride = array<i64: 1>, padding = array<i64: -1>,
                      dilation = array<i64: 1>}
       : tensor<1x4xf32> -> tensor<1x2xf32>
  snn.output %y as "y" : tensor<1x2xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}

// -----

snn.network @conv_zero_dilation {
  %x = snn.input "x" : tensor<1x4xf32>
  // expected-error @+1 {{'snn.conv1d' op 'dilation' must be >= 1, got 0}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x1xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 0>}
       : tensor<1x4xf32> -> tensor<1x4xf32>
  snn.output %y as "y" : tensor<1x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}

// -----

snn.network @conv_weight_rank {
  %x = snn.input "x" : tensor<1x4xf32>
  // expected-error @+1 {{'snn.conv1d' op 'weight' must have rank 3, got 'tensor<1x1xf32>'}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>}
       : tensor<1x4xf32> -> tensor<1x4xf32>
  snn.output %y as "y" : tensor<1x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}

// -----

snn.network @conv_input_rank {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.conv1d' op expects a [C, L] input, got 'tensor<4xf32>'}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x1xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>}
       : tensor<4xf32> -> tensor<1x4xf32>
  snn.output %y as "y" : tensor<1x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}

// -----

snn.network @conv2d_input_rank {
  %x = snn.input "x" : tensor<1x4xf32>
  // expected-error @+1 {{'snn.conv2d' op expects a [C, H, W] input, got 'tensor<1x4xf32>'}}
  %y = snn.conv2d %x {weight = dense_resource<k> : tensor<1x1x1x1xf32>,
                      stride = array<i64: 1, 1>, padding = array<i64: 0, 0>,
                      dilation = array<i64: 1, 1>}
       : tensor<1x4xf32> -> tensor<1x1x4xf32>
  snn.output %y as "y" : tensor<1x1x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}

// -----

snn.network @conv_bias_length {
  %x = snn.input "x" : tensor<1x4xf32>
  // expected-error @+1 {{'snn.conv1d' op bias has 2 elements for 1 output channels}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x1xf32>,
                      bias = dense_resource<b> : tensor<2xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>}
       : tensor<1x4xf32> -> tensor<1x4xf32>
  snn.output %y as "y" : tensor<1x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F",
  b: "0x040000000000803F0000803F"
} } #-}

// -----

snn.network @conv_result_mismatch {
  %x = snn.input "x" : tensor<1x4xf32>
  // expected-error @+1 {{'snn.conv1d' op result type 'tensor<1x4xf32>' does not match the inferred 'tensor<1x2xf32>'}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x3xf32>,
                      stride = array<i64: 1>, padding = array<i64: 0>,
                      dilation = array<i64: 1>}
       : tensor<1x4xf32> -> tensor<1x4xf32>
  snn.output %y as "y" : tensor<1x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F0000803F0000803F"
} } #-}

// -----

snn.network @pool_input_rank {
  %x = snn.input "x" : tensor<4x4xf32>
  // expected-error @+1 {{'snn.sum_pool2d' op expects a [C, H, W] input, got 'tensor<4x4xf32>'}}
  %y = snn.sum_pool2d %x {kernel_size = array<i64: 2, 2>,
                          stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
       : tensor<4x4xf32> -> tensor<2x2xf32>
  snn.output %y as "y" : tensor<2x2xf32>
}

// -----

snn.network @pool_window_too_large {
  %x = snn.input "x" : tensor<1x4x2xf32>
  // expected-error @+1 {{'snn.avg_pool2d' op window does not fit the input along dimension 2}}
  %y = snn.avg_pool2d %x {kernel_size = array<i64: 2, 3>,
                          stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
       : tensor<1x4x2xf32> -> tensor<1x2x1xf32>
  snn.output %y as "y" : tensor<1x2x1xf32>
}

// -----

snn.network @pool_zero_kernel {
  %x = snn.input "x" : tensor<1x4x4xf32>
  // expected-error @+1 {{'snn.sum_pool2d' op 'kernel_size' must be >= 1, got 0}}
  %y = snn.sum_pool2d %x {kernel_size = array<i64: 0, 2>,
                          stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
       : tensor<1x4x4xf32> -> tensor<1x2x2xf32>
  snn.output %y as "y" : tensor<1x2x2xf32>
}

// -----

snn.network @pool_padding_length {
  %x = snn.input "x" : tensor<1x4x4xf32>
  // expected-error @+1 {{'snn.avg_pool2d' op 'padding' needs 2 values, got 3}}
  %y = snn.avg_pool2d %x {kernel_size = array<i64: 2, 2>,
                          stride = array<i64: 2, 2>, padding = array<i64: 0, 0, 0>}
       : tensor<1x4x4xf32> -> tensor<1x2x2xf32>
  snn.output %y as "y" : tensor<1x2x2xf32>
}

// -----

snn.network @pool_result_mismatch {
  %x = snn.input "x" : tensor<1x4x4xf32>
  // expected-error @+1 {{'snn.sum_pool2d' op result type 'tensor<1x4x4xf32>' does not match the inferred 'tensor<1x2x2xf32>'}}
  %y = snn.sum_pool2d %x {kernel_size = array<i64: 2, 2>,
                          stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
       : tensor<1x4x4xf32> -> tensor<1x4x4xf32>
  snn.output %y as "y" : tensor<1x4x4xf32>
}

// -----

snn.network @flatten_dims {
  %x = snn.input "x" : tensor<2x3xf32>
  // expected-error @+1 {{'snn.flatten' op dimensions 2..-1 do not fit a rank-2 input}}
  %y = snn.flatten %x {start_dim = 2 : i64} : tensor<2x3xf32> -> tensor<6xf32>
  snn.output %y as "y" : tensor<6xf32>
}

// -----

snn.network @flatten_reversed_dims {
  %x = snn.input "x" : tensor<2x3x4xf32>
  // expected-error @+1 {{'snn.flatten' op dimensions -1..1 do not fit a rank-3 input}}
  %y = snn.flatten %x {start_dim = -1 : i64, end_dim = 1 : i64}
       : tensor<2x3x4xf32> -> tensor<24xf32>
  snn.output %y as "y" : tensor<24xf32>
}

// -----

snn.network @flatten_result_mismatch {
  %x = snn.input "x" : tensor<2x3xf32>
  // expected-error @+1 {{'snn.flatten' op result type 'tensor<5xf32>' does not match the inferred 'tensor<6xf32>'}}
  %y = snn.flatten %x : tensor<2x3xf32> -> tensor<5xf32>
  snn.output %y as "y" : tensor<5xf32>
}

// -----

snn.network @scale_broadcast {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.scale' op parameter 'scale' of shape [3] does not broadcast to the population}}
  %y = snn.scale %x {scale = dense<[1.0, 2.0, 3.0]> : tensor<3xf32>}
       : tensor<4xf32> -> tensor<4xf32>
  snn.output %y as "y" : tensor<4xf32>
}

// -----

snn.network @threshold_nan {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.threshold' op parameter 'threshold' must be finite, got nan at element 0}}
  %y = snn.threshold %x {threshold = 0x7FC00000 : f32}
       : tensor<4xf32> -> tensor<4xf32>
  snn.output %y as "y" : tensor<4xf32>
}

//===----------------------------------------------------------------------===//
// Neuron parameters
//===----------------------------------------------------------------------===//

// -----

snn.network @mixed_forms {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op mixes continuous-time (tau, r, v_leak) and per-step (decay, gain, bias) parameters}}
  %v = snn.lif %x {tau = 1.0e-2 : f32, gain = 1.0 : f32, v_threshold = 1.0 : f32}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @mixed_forms_cuba {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.cuba_lif' op mixes continuous-time (tau_syn, tau, w_in, r, v_leak) and per-step (syn_decay, decay, syn_gain, gain, bias) parameters}}
  %v = snn.cuba_lif %x {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32,
                        syn_decay = 0.8 : f32, v_threshold = 1.0 : f32}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @no_parameters {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.li' op needs its continuous-time (tau) or per-step (decay) parameters}}
  %v = snn.li %x : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @no_parameters_integrator {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.integrator' op needs its continuous-time (r) or per-step (gain) parameters}}
  %v = snn.integrator %x : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @no_parameters_alif {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.alif' op needs its continuous-time (tau, tau_adapt) or per-step (decay, adapt_decay) parameters}}
  %v = snn.alif %x {adapt = 0.1 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @missing_tau {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op is missing parameter 'tau'}}
  %v = snn.lif %x {r = 2.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @missing_tau_cuba {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.cuba_li' op is missing parameter 'tau'}}
  %v = snn.cuba_li %x {tau_syn = 5.0e-3 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @missing_syn_decay {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.cuba_lif' op is missing parameter 'syn_decay'}}
  %v = snn.cuba_lif %x {decay = 0.9 : f32, v_threshold = 1.0 : f32}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @missing_tau_adapt {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.alif' op is missing parameter 'tau_adapt'}}
  %v = snn.alif %x {tau = 2.0e-2 : f32, adapt = 0.1 : f32, v_threshold = 1.0 : f32}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @missing_threshold {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.if' op requires attribute 'v_threshold'}}
  %v = snn.if %x {r = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @negative_tau {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op parameter 'tau' must be > 0, got -1.000000e-02 at element 0}}
  %v = snn.lif %x {tau = -1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @zero_tau_element {
  %x = snn.input "x" : tensor<3xf32>
  // expected-error @+1 {{'snn.li' op parameter 'tau' must be > 0, got 0.000000e+00 at element 2}}
  %v = snn.li %x {tau = dense<[1.0e-2, 2.0e-2, 0.0]> : tensor<3xf32>}
       : tensor<3xf32>
  snn.output %v as "y" : tensor<3xf32>
}

// -----

snn.network @negative_tau_syn {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.cuba_li' op parameter 'tau_syn' must be > 0, got -5.000000e-03 at element 0}}
  %v = snn.cuba_li %x {tau_syn = -5.0e-3 : f32, tau = 1.0e-2 : f32}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @decay_above_one {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op parameter 'decay' must be in [0, 1], got 1.500000e+00 at element 0}}
  %v = snn.lif %x {decay = 1.5 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @syn_decay_below_zero {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.cuba_li' op parameter 'syn_decay' must be in [0, 1], got -1.000000e-01 at element 1}}
  %v = snn.cuba_li %x {syn_decay = dense<[0.5, -0.1]> : tensor<2xf32>,
                       decay = 0.9 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @adapt_decay_above_one {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.alif' op parameter 'adapt_decay' must be in [0, 1], got 2.000000e+00 at element 0}}
  %v = snn.alif %x {decay = 0.9 : f32, adapt_decay = 2.0 : f32, adapt = 0.1 : f32,
                    v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @negative_adapt {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.alif' op parameter 'adapt' must be >= 0, got -2.000000e-01 at element 0}}
  %v = snn.alif %x {tau = 2.0e-2 : f32, tau_adapt = 0.2 : f32, adapt = -0.2 : f32,
                    v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @nan_threshold {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op parameter 'v_threshold' must be finite, got nan at element 0}}
  %v = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 0x7FC00000 : f32}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @inf_v_reset {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.if' op parameter 'v_reset' must be finite, got -INF at element 1}}
  %v = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32,
                  v_reset = dense<[0.0, 0xFF800000]> : tensor<2xf32>}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @inf_gain_in_blob {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.integrator' op parameter 'gain' must be finite, got INF at element 1}}
  %v = snn.integrator %x {gain = dense_resource<g> : tensor<2xf32>}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: {
  g: "0x040000000000803F0000807F"
} } #-}

// -----

snn.network @param_missing_blob {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.li' op parameter 'tau' has no data (missing resource blob)}}
  %v = snn.li %x {tau = dense_resource<nowhere> : tensor<2xf32>}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @param_broadcast {
  %x = snn.input "x" : tensor<2x3xf32>
  // expected-error @+1 {{'snn.cuba_lif' op parameter 'w_in' of shape [2] does not broadcast to the population}}
  %v = snn.cuba_lif %x {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32,
                        w_in = dense<[1.0, 2.0]> : tensor<2xf32>,
                        v_threshold = 1.0 : f32} : tensor<2x3xf32>
  snn.output %v as "y" : tensor<2x3xf32>
}

// -----

snn.network @param_wrong_type {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op attribute 'tau' failed to satisfy constraint: f32 parameter (an f32 scalar, or a dense or dense_resource f32 tensor broadcastable to the population)}}
  %v = snn.lif %x {tau = 1.0e-2 : f64, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @negative_refractory {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.lif' op attribute 'refractory' failed to satisfy constraint: 64-bit signless integer attribute whose value is non-negative}}
  %v = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32, refractory = -1}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @bad_reset {
  %x = snn.input "x" : tensor<2xf32>
  %v = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32, reset = #snn<reset zero>} : tensor<2xf32>
  // expected-error @-1 {{expected ::spikec::snn::ResetMode to be one of: to_v_reset, subtract, none}}
  // expected-error @-2 {{failed to parse SNN_ResetModeAttr parameter 'value'}}
  snn.output %v as "y" : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// Izhikevich
//===----------------------------------------------------------------------===//

// -----

snn.network @izhikevich_time_scale {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.izhikevich' op time_scale must be > 0}}
  %v = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32,
                          d = 8.0 : f32, time_scale = 0.0} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @izhikevich_step {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.izhikevich' op step h must be > 0, got -1}}
  %v = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32,
                          d = 8.0 : f32, h = -1.0} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @izhikevich_v_peak {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.izhikevich' op v_peak must be finite}}
  %v = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32,
                          d = 8.0 : f32, v_peak = 0x7FF0000000000000 : f64}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @izhikevich_nan_param {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.izhikevich' op parameter 'd' must be finite, got nan at element 0}}
  %v = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32,
                          d = 0x7FC00000 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @izhikevich_broadcast {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.izhikevich' op parameter 'a' of shape [3] does not broadcast to the population}}
  %v = snn.izhikevich %x {a = dense<0.02> : tensor<3xf32>, b = 0.2 : f32,
                          c = -65.0 : f32, d = 8.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

// -----

snn.network @izhikevich_missing_d {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.izhikevich' op requires attribute 'd'}}
  %v = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32}
       : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// Delay
//===----------------------------------------------------------------------===//

// -----

snn.network @delay_both_forms {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.delay' op needs exactly one of 'delay' (seconds) or 'steps'}}
  %y = snn.delay %x {delay = 1.0e-3 : f32, steps = array<i64: 1>} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

snn.network @delay_no_form {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.delay' op needs exactly one of 'delay' (seconds) or 'steps'}}
  %y = snn.delay %x : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

snn.network @delay_step_count {
  %x = snn.input "x" : tensor<4xf32>
  // expected-error @+1 {{'snn.delay' op has 3 step counts for a population of 4}}
  %y = snn.delay %x {steps = array<i64: 1, 2, 3>} : tensor<4xf32>
  snn.output %y as "y" : tensor<4xf32>
}

// -----

snn.network @delay_negative_steps {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.delay' op steps must be >= 0, got -1}}
  %y = snn.delay %x {steps = array<i64: 2, -1>} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

snn.network @delay_negative_seconds {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.delay' op parameter 'delay' must be >= 0, got -1.000000e-03 at element 0}}
  %y = snn.delay %x {delay = -1.0e-3 : f32} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

//===----------------------------------------------------------------------===//
// Encoders
//===----------------------------------------------------------------------===//

// -----

snn.network @encode_direct_gain {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.encode_direct' op gain must be finite}}
  %y = snn.encode_direct %x {gain = 0x7FF8000000000000 : f64} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

snn.network @encode_rate_gain {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.encode_rate' op gain must be finite and >= 0, got -1}}
  %y = snn.encode_rate %x {gain = -1.0} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

snn.network @encode_latency_threshold {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.encode_latency' op threshold must be finite}}
  %y = snn.encode_latency %x {window = 10 : i64, threshold = 0x7FF0000000000000 : f64}
       : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

snn.network @encode_latency_window {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.encode_latency' op attribute 'window' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = snn.encode_latency %x {window = 0 : i64} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

snn.network @encode_delta_threshold {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{'snn.encode_delta' op threshold must be finite and > 0, got 0}}
  %y = snn.encode_delta %x {threshold = 0.0} : tensor<2xf32>
  snn.output %y as "y" : tensor<2xf32>
}

// -----

// The output length (4 + 2 * 2^62 - 1) / 1 + 1 is beyond int64: an error,
// not a wrapped length.
snn.network @conv_output_length_overflow {
  %x = snn.input "x" : tensor<1x4xf32>
  // expected-error @+1 {{'snn.conv1d' op output length beyond 2^63 along dimension 1}}
  %y = snn.conv1d %x {weight = dense_resource<k> : tensor<1x1x1xf32>,
                      stride = array<i64: 1>, padding = array<i64: 4611686018427387904>,
                      dilation = array<i64: 1>}
       : tensor<1x4xf32> -> tensor<1x4xf32>
  snn.output %y as "y" : tensor<1x4xf32>
}
{-# dialect_resources: { builtin: {
  k: "0x040000000000803F"
} } #-}
