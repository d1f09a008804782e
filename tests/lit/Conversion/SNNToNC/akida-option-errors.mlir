// snn-quantize{target=akida}'s width options, refused when akida cannot
// take them, naming the op, the rule and the numbers.
// RUN: not spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida weight-bits=3})' 2>&1 | FileCheck %s --check-prefix=W3
// W3: error: {{.*}}lif 'h': weight-bits=3 is not among akida's weight widths (1, 2, 4, 8)
// RUN: not spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida weight-bits=1})' 2>&1 | FileCheck %s --check-prefix=W1
// W1: error: {{.*}}lif 'h': 1-bit weights ({-1, +1}) are not supported: nc.synapses stores two's-complement widths, whose 1-bit range is [-1, 0]
// RUN: not spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida weight-bits=8})' 2>&1 | FileCheck %s --check-prefix=W8
// W8: error: {{.*}}lif 'o': 8-bit weights are for the input layer only (fed by the host); this layer reads other layers
// RUN: not spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida activation-bits=8})' 2>&1 | FileCheck %s --check-prefix=A8
// A8: error: {{.*}}if 'r': 8-bit activations are not among akida's activation widths (1, 2, 4)
snn.network @opts {
  %x = snn.input "x" : tensor<2xf32>
  %a = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %h = snn.lif %a {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.6 : f32} : tensor<2xf32> loc("h")
  %b = snn.linear %h {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %o = snn.lif %b {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.6 : f32} : tensor<2xf32> loc("o")
  %c = snn.linear %x {weight = dense_resource<s> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %r = snn.if %c {gain = 1.0 : f32, v_threshold = 1.0 : f32, reset = #snn<reset subtract>} : tensor<2xf32> loc("r")
  snn.output %o as "y" : tensor<2xf32>
  snn.output %r as "z" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000",
      s: "0x040000000000803E0000803E0000803E0000803E"
    }
  }
#-}
