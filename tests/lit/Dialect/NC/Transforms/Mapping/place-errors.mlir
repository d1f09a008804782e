// Every error nc-place reports, one per case, on Inputs/tiny-loihi.json (a
// 2 x 2 mesh of 4 cores): a graph that is not partitioned, or partitioned
// into more cores than the mesh has.
// RUN: sed "s/HASH/$(spikec target %S/Inputs/tiny-loihi.json --hash)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc.graph(nc-place{target=%S/Inputs/tiny-loihi.json}))'

// No partition yet.
nc.graph @unpartitioned target("tiny-loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{has no 'cores' for every neuron: run nc-partition first}}
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000"
} } #-}

// -----

// A neuron the partition left without a core.
nc.graph @unassigned target("tiny-loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  // expected-error @+1 {{neuron 1 has no core}}
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, cores = dense_resource<c> : tensor<2xi32>} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000",
  c: "0x0400000000000000FFFFFFFF"
} } #-}

// -----

// A partition into more cores than the mesh has.
// expected-error @+1 {{5 cores do not fit tiny-loihi's 4}}
nc.graph @too_many_cores target("tiny-loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, cores = dense_resource<c> : tensor<2xi32>} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000",
  c: "0x040000000000000004000000"
} } #-}
