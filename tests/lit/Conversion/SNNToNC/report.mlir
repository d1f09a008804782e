// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=loihi report=%t.json})' -o /dev/null
// RUN: FileCheck %s < %t.json
// The @tiny network of quantize.mlir: S = 5201919, weights 126.99998 ->
// 127, 63.49999 -> 63, -31.74999 -> -32; the worst relative error is
// 0.49999/63.49999 = 0.25001/31.74999 = 0.787%. The threshold mantissa
// 81280 stands for 81280*64 = 5201920 = S + 1: relative error 1/S = 1.92e-7.
// CHECK: "target": "loihi"
// CHECK: "name": "tiny"
// CHECK: "dt": 0.001
// CHECK: "name": "h1"
// CHECK: "kind": "lif"
// CHECK: "model": "loihi"
// CHECK: "neurons": 2
// CHECK: "S": 5201919
// CHECK: "S_bound": "threshold: v_threshold 1 in 17 bits"
// CHECK: "threshold_rel_error": 1.92{{[0-9]*}}e-07
// CHECK: "source": "x"
// CHECK: "synapses": 3
// CHECK: "weight_bits": 8
// CHECK: "weight_exp": 6
// CHECK: "weight_bits_used": 8
// CHECK: "max_rel_weight_error": 0.00787
snn.network @tiny {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32> loc("fc")
  %s = snn.lif %h {tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h1")
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}
