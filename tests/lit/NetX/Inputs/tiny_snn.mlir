// A tiny snn network: quantized for loihi, it gives the preset's target hash.
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

