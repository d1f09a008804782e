// An output that reads a projection's output (a current, not spikes):
// y = (x0, x1) for a 4-wide input.
snn.network @current {
  %x = snn.input "x" : tensor<4xf32>
  %y = snn.linear %x {weight = dense_resource<w> : tensor<2x4xf32>} : tensor<4xf32> -> tensor<2xf32> loc("fc")
  snn.output %y as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: {
  w: "0x040000000000803F000000000000000000000000000000000000803F0000000000000000"
} } #-}
