// nc-legalize-akida after snn-quantize{target=akida} (the target pipeline):
// a direct input becomes the 8-bit first-layer input (encoder bits = 8), an
// exact layer passes as it is, and the if layer's rate approximation is
// refused unless allowed by name, then reported with its numbers. The
// parameters are those of Quantize/akida.mlir, computed by hand there:
// h: 4-bit weights [4, 7, -2], step 1, threshold_offset -4 (8-bit input
// events leave the integers as they are: the direct gain is 1); q: 4-bit
// activations, step 2, threshold_offset [2, -3].
//
// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=akida approx=akida-rate-to-activation})' 2>&1 | FileCheck %s
// CHECK: remark: {{.*}}population 'q': approximated (akida-rate-to-activation): 4-bit activation, step 2, threshold_offset -3 .. 2
// CHECK: nc.input "x" {encoder = {bits = 8 : i64, gain = 1.000000e+00 : f64, kind = "direct"}} : tensor<2xi32>
// CHECK: nc.population {{.*}}{model = "akida", params = {output_bits = 1 : i64, step = 1 : i64, threshold_offset = -4 : i64}}
// CHECK: nc.population {{.*}}{approximation = "akida-rate-to-activation", model = "akida", params = {output_bits = 4 : i64, step = 2 : i64, threshold_offset = dense_resource<q.threshold_offset> : tensor<2xi32>}}
// CHECK: h.in0.weights: "0x040000000400000007000000FEFFFFFF"
// CHECK: q.threshold_offset: "0x0400000002000000FDFFFFFF"
//
// Without the flag the if layer is an error naming it and the rule:
// RUN: not spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=akida})' 2>&1 | FileCheck %s --check-prefix=NOAPPROX
// NOAPPROX: error: {{.*}}population 'q': an if layer is not exact on akida (no state across frames); its mapping as a rate-coded activation is an approximation: allow it with --approx=akida-rate-to-activation
//
// An approximation akida does not know:
// RUN: not spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=akida approx=relu})' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// UNKNOWN: error: unknown approximation 'relu' (akida knows: akida-rate-to-activation)
//
// A description that does not list the akida model is refused by snn-quantize
// already (Quantize/akida-errors.mlir); the graph's content hash then keeps
// another description from being used to legalize it (akida-errors.mlir).
snn.network @net {
  %x = snn.input "x" : tensor<2xf32>
  %d = snn.encode_direct %x {gain = 1.0 : f64} : tensor<2xf32>
  %h1 = snn.linear %d {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32> loc("fc")
  %h = snn.lif %h1 {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.6 : f32} : tensor<2xf32> loc("h")
  snn.output %h as "y" : tensor<2xf32>
  %r = snn.input "r" : tensor<3xf32>
  %e = snn.encode_rate %r {gain = 1.0 : f64, seed = 3 : i64} : tensor<3xf32>
  %a = snn.affine %e {weight = dense_resource<w3> : tensor<2x3xf32>, bias = dense_resource<b> : tensor<2xf32>} : tensor<3xf32> -> tensor<2xf32>
  %q = snn.if %a {gain = 1.0 : f32, v_threshold = 2.0 : f32, reset = #snn<reset subtract>} : tensor<2xf32> loc("q")
  snn.output %q as "z" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000",
      w3: "0x040000000000803E0000003E000080BE0000803D000000000000C03E",
      b: "0x040000000000003E000080BE"
    }
  }
#-}
