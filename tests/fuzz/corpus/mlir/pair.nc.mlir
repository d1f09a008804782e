module {
  nc.chip @pair target("loihi", "2ea17076d6d31231") mesh [8, 4, 4] limits {input_axons = 4096 : i64, max_fan_in = 4096 : i64, max_fan_out = 4096 : i64, neurons = 1024 : i64, output_axons = 4096 : i64, synapse_memory_bits = 1048576 : i64} attributes {dt = 1.000000e-03 : f64, partition = {binding = "neurons", cores = 1 : i64, input_spikes = 2.000000e+00 : f64, inter_core_spikes = 0.000000e+00 : f64, lower_bound = 1 : i64, rates = "uniform", strategy = "sequential"}, placement = {average_hops = 0.000000e+00 : f64, cost = 0.000000e+00 : f64, initial_cost = 0.000000e+00 : f64, max_hops = 0 : i64}} {
    nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {axon_group = dense_resource<pair.c0.axon_group> : tensor<2xi32>, axon_offsets = dense_resource<pair.c0.axon_offsets> : tensor<3xi32>, group_bits = array<i32: 8>, group_delay = array<i32: 0>, group_exp = array<i32: 7>, params = {bias_exp = 0 : i64, bias_mant = 0 : i64, du = 4095 : i64, dv = 0 : i64, refractory_delay = 0 : i64, vth_mant = 8128 : i64}, route_axon = dense_resource<pair.c0.route_axon> : tensor<0xi32>, route_core = dense_resource<pair.c0.route_core> : tensor<0xi32>, route_offsets = dense_resource<pair.c0.route_offsets> : tensor<3xi32>, syn_target = dense_resource<pair.c0.syn_target> : tensor<2xi32>, syn_weight = dense_resource<pair.c0.syn_weight> : tensor<2xi32>} loc(#loc)
    nc.in "x" width 4 {dest_axon = dense_resource<pair.in.x.dest_axon> : tensor<2xi32>, dest_core = dense_resource<pair.in.x.dest_core> : tensor<2xi32>, offsets = dense_resource<pair.in.x.offsets> : tensor<5xi32>} loc(#loc1)
    nc.out "y" width 2 {src_core = dense_resource<pair.out.y.src_core> : tensor<2xi32>, src_neuron = dense_resource<pair.out.y.src_neuron> : tensor<2xi32>} loc(#loc2)
  } loc(#loc)
} loc(#loc)
#loc = loc(unknown)
#loc1 = loc("x")
#loc2 = loc("y")

{-#
  dialect_resources: {
    builtin: {
      pair.c0.axon_group: "0x040000000000000000000000",
      pair.c0.axon_offsets: "0x04000000000000000100000002000000",
      pair.c0.route_axon: "0x04000000",
      pair.c0.route_core: "0x04000000",
      pair.c0.route_offsets: "0x04000000000000000000000000000000",
      pair.c0.syn_target: "0x040000000000000001000000",
      pair.c0.syn_weight: "0x040000007F0000007F000000",
      pair.in.x.dest_axon: "0x040000000000000001000000",
      pair.in.x.dest_core: "0x040000000000000000000000",
      pair.in.x.offsets: "0x040000000000000001000000020000000200000002000000",
      pair.out.y.src_core: "0x040000000000000000000000",
      pair.out.y.src_neuron: "0x040000000000000001000000"
    }
  }
#-}
