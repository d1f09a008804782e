// The graph of nc-graph.test.
nc.graph @one target("loihi", "0") {
  %x = nc.input "x" : tensor<1xi32>
  %a = nc.synapses %x {offsets = dense_resource<o> : tensor<2xi32>, targets = dense_resource<t> : tensor<1xi32>, weights = dense_resource<w> : tensor<1xi32>, weight_bits = 8 : i64} : tensor<1xi32> -> tensor<1xi32>
  %p = nc.population %a {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<1xi32> loc("p")
  nc.output %p as "y" : tensor<1xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x040000000000000001000000",
  t: "0x0400000000000000",
  w: "0x0400000001000000"
} } #-}
