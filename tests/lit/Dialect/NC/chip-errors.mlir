// RUN: spikec-opt %s -split-input-file -verify-diagnostics
// Every nc.chip / nc.core / nc.in / nc.out verifier error, each on the valid
// chip of chip.mlir with one thing broken.

// expected-error @+1 {{limits need a positive integer 'max_fan_out'}}
nc.chip @limits target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64} {
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @ids target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  // expected-error @+1 {{has id 2, expected 1 (cores are numbered in order)}}
  nc.core 2 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @mesh target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  // expected-error @+1 {{position must be [x, y, slot] inside the 2 x 1 x 1 mesh}}
  nc.core 1 at [2, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @shared target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  // expected-error @+1 {{shares position [0, 0, 0] with another core}}
  nc.core 1 at [0, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @routecore target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{route 0 names core 5 of 2}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000005000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @routeaxon target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{route 0 names axon 3 of core 1, which has 1}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000003000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @inaxon target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  // expected-error @+1 {{destination 1 names axon 2 of core 0, which has 2}}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000002000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @outneuron target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  // expected-error @+1 {{element 0 reads neuron 1 of core 1, which does not exist}}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000001000000"
} } #-}

// -----

nc.chip @target target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{axon 1: synapse 2 targets neuron 2 outside [0, 2)}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000002000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @weight target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{axon 0: synapse 1 has weight -129, outside group 0's 8-bit range}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A0000007FFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @csr target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{'axon_offsets' decreases at row 1}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000300000002000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @csrend target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{'axon_offsets' ends at 2, expected 3}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000002000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @fanin target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 1 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{neuron 1 has fan-in 2 exceeds max_fan_in 1}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @memory target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 16 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{needs synapse bits: 24 exceeds synapse_memory_bits 16}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @neurons target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 1 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{holds neurons: 2 exceeds neurons 1}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @fanout target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 1 : i64} {
  // expected-error @+1 {{neuron 0 has destinations 2 exceeds max_fan_out 1}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<2xi32>, route_axon = dense_resource<ra0> : tensor<2xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000200000002000000",
  rc0: "0x040000000100000001000000",
  ra0: "0x040000000000000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @param target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{is missing parameter 'du'}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}

// -----

nc.chip @bits target("loihi", "0123456789abcdef") mesh [2, 1, 1] limits {neurons = 4 : i64, input_axons = 4 : i64, output_axons = 4 : i64, synapse_memory_bits = 64 : i64, max_fan_in = 4 : i64, max_fan_out = 2 : i64} {
  // expected-error @+1 {{group 0 has 0-bit weights, outside [1, 32]}}
  nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 0>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g0> : tensor<2xi32>, axon_offsets = dense_resource<o0> : tensor<3xi32>, syn_target = dense_resource<t0> : tensor<3xi32>, syn_weight = dense_resource<w0> : tensor<3xi32>, route_offsets = dense_resource<ro0> : tensor<3xi32>, route_core = dense_resource<rc0> : tensor<1xi32>, route_axon = dense_resource<ra0> : tensor<1xi32>}
  nc.core 1 at [1, 0, 0] model "loihi" neurons 1 {params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 2 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, group_bits = array<i32: 8>, group_exp = array<i32: 0>, group_delay = array<i32: 0>, axon_group = dense_resource<g1> : tensor<1xi32>, axon_offsets = dense_resource<o1> : tensor<2xi32>, syn_target = dense_resource<t1> : tensor<1xi32>, syn_weight = dense_resource<w1> : tensor<1xi32>, route_offsets = dense_resource<ro1> : tensor<2xi32>, route_core = dense_resource<none> : tensor<0xi32>, route_axon = dense_resource<none> : tensor<0xi32>}
  nc.in "x" width 2 {dest_axon = dense_resource<ida> : tensor<2xi32>, dest_core = dense_resource<idc> : tensor<2xi32>, offsets = dense_resource<io> : tensor<3xi32>}
  nc.out "y" width 1 {src_core = dense_resource<osc> : tensor<1xi32>, src_neuron = dense_resource<osn> : tensor<1xi32>}
}
{-# dialect_resources: { builtin: {
  g0: "0x040000000000000000000000",
  o0: "0x04000000000000000200000003000000",
  t0: "0x04000000000000000100000001000000",
  w0: "0x040000000A000000FBFFFFFF03000000",
  ro0: "0x04000000000000000100000001000000",
  rc0: "0x0400000001000000",
  ra0: "0x0400000000000000",
  g1: "0x0400000000000000",
  o1: "0x040000000000000001000000",
  t1: "0x0400000000000000",
  w1: "0x0400000007000000",
  ro1: "0x040000000000000000000000",
  none: "0x04000000",
  io: "0x04000000000000000100000002000000",
  idc: "0x040000000000000000000000",
  ida: "0x040000000000000001000000",
  osc: "0x0400000001000000",
  osn: "0x0400000000000000"
} } #-}
