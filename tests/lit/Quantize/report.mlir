// RUN: spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=loihi report=%t.json})' -o /dev/null
// RUN: FileCheck %s < %t.json
// The @tiny network of quantize.mlir: weights 51.2 -> 51, 102.4 -> 102,
// -25.6 -> -26; the worst relative error is 0.4/25.6 = 1.56%.
// CHECK: "target": "loihi"
// CHECK: "name": "tiny"
// CHECK: "dt": 0.001
// CHECK: "name": "h1"
// CHECK: "kind": "lif"
// CHECK: "model": "loihi"
// CHECK: "neurons": 2
// CHECK: "S": 8388544
// CHECK: "S_bound": "threshold: v_threshold 1 in 17 bits"
// CHECK: "threshold_rel_error": 0
// CHECK: "source": "x"
// CHECK: "synapses": 3
// CHECK: "weight_bits": 8
// CHECK: "weight_exp": 7
// CHECK: "weight_bits_used": 8
// CHECK: "max_rel_weight_error": 0.0156
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
