module {
  snn.network @pair {
    %0 = snn.input "x" : tensor<4xf32> loc(#loc1)
    %1 = snn.linear %0 {weight = dense_resource<w.weight> : tensor<2x4xf32>} : tensor<4xf32> -> tensor<2xf32> loc(#loc2)
    %2 = snn.if %1 {gain = 1.000000e+00 : f32, v_reset = 0.000000e+00 : f32, v_threshold = 5.000000e-01 : f32} : tensor<2xf32> loc(#loc3)
    snn.output %2 as "y" : tensor<2xf32> loc(#loc4)
  } loc(#loc)
} loc(#loc)
#loc = loc(unknown)
#loc1 = loc("x")
#loc2 = loc("w")
#loc3 = loc("n")
#loc4 = loc("y")

{-#
  dialect_resources: {
    builtin: {
      w.weight: "0x040000000000803F000000000000000000000000000000000000803F0000000000000000"
    }
  }
#-}
