module {
  nc.graph @loop target("loihi", "2ea17076d6d31231") attributes {dt = 1.000000e-03 : f64, partition = {binding = "neurons", cores = 1 : i64, input_spikes = 2.000000e+00 : f64, inter_core_spikes = 0.000000e+00 : f64, lower_bound = 1 : i64, rates = "uniform", strategy = "clusters"}} {
    %0 = nc.input "x" : tensor<4xi32> loc(#loc1)
    %1 = nc.synapses %0 {offsets = dense_resource<n.in0.offsets> : tensor<5xi32>, targets = dense_resource<n.in0.targets> : tensor<2xi32>, weight_bits = 8 : i64, weight_exp = 7 : i64, weights = dense_resource<n.in0.weights> : tensor<2xi32>} : tensor<4xi32> -> tensor<2xi32> loc(#loc4)
    %2 = nc.synapses %4 {offsets = dense_resource<n.in1.offsets> : tensor<3xi32>, targets = dense_resource<n.in1.targets> : tensor<2xi32>, weight_bits = 8 : i64, weight_exp = 7 : i64, weights = dense_resource<n.in1.weights> : tensor<2xi32>} : tensor<2xi32> -> tensor<2xi32> loc(#loc5)
    %3 = nc.sum %1, %2 : tensor<2xi32> loc(#loc6)
    %4 = nc.population %3 {cores = dense_resource<n.cores> : tensor<2xi32>, model = "loihi", params = {bias_exp = 0 : i64, bias_mant = 0 : i64, du = 4095 : i64, dv = 0 : i64, refractory_delay = 0 : i64, vth_mant = 8128 : i64}} : tensor<2xi32> loc(#loc2)
    nc.output %4 as "y" : tensor<2xi32> loc(#loc3)
  } loc(#loc)
} loc(#loc)
#loc = loc(unknown)
#loc1 = loc("x")
#loc2 = loc("n")
#loc3 = loc("y")
#loc4 = loc("n/in0"(#loc2))
#loc5 = loc("n/in1"(#loc2))
#loc6 = loc("n/sum"(#loc2))

{-#
  dialect_resources: {
    builtin: {
      n.in0.offsets: "0x040000000000000001000000020000000200000002000000",
      n.in0.targets: "0x040000000000000001000000",
      n.in0.weights: "0x040000007F0000007F000000",
      n.in1.offsets: "0x04000000000000000100000002000000",
      n.in1.targets: "0x040000000100000000000000",
      n.in1.weights: "0x0400000081FFFFFF81FFFFFF",
      n.cores: "0x040000000000000000000000"
    }
  }
#-}
