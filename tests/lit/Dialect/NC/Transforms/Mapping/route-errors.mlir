// Every error nc-route reports, one per case, on Inputs/tiny-loihi.json: a
// graph that is not placed, positions that disagree with the partition, and
// an output that reads no neurons.
// RUN: sed "s/HASH/$(spikec target %S/Inputs/tiny-loihi.json --hash)/" %s | spikec-opt -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc-route{target=%S/Inputs/tiny-loihi.json})'

// Partitioned but not placed.
// expected-error @+1 {{has no core_positions: run nc-place first}}
nc.graph @unplaced target("tiny-loihi", "HASH") {
  %x = nc.input "x" : tensor<2xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, cores = dense_resource<c> : tensor<2xi32>} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000",
  c: "0x040000000000000000000000"
} } #-}

// -----

// Positions for one core, a partition into two.
// expected-error @+1 {{core_positions has 1 cores, the partition 2}}
nc.graph @positions_mismatch target("tiny-loihi", "HASH") attributes {core_positions = dense_resource<pos> : tensor<3xi32>} {
  %x = nc.input "x" : tensor<2xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, cores = dense_resource<c> : tensor<2xi32>} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000",
  c: "0x040000000000000001000000",
  pos: "0x04000000000000000000000000000000"
} } #-}

// -----

// An output straight from an input: no core holds it.
nc.graph @output_of_input target("tiny-loihi", "HASH") attributes {core_positions = dense_resource<pos> : tensor<3xi32>} {
  %x = nc.input "x" : tensor<2xi32>
  %s = nc.synapses %x {offsets = dense_resource<o> : tensor<3xi32>, targets = dense_resource<t> : tensor<2xi32>, weights = dense_resource<w> : tensor<2xi32>, weight_bits = 8 : i64} : tensor<2xi32> -> tensor<2xi32>
  %p = nc.population %s {model = "loihi", params = {du = 4095 : i64, dv = 0 : i64, vth_mant = 1 : i64, bias_mant = 0 : i64, bias_exp = 0 : i64, refractory_delay = 0 : i64}, cores = dense_resource<c> : tensor<2xi32>} : tensor<2xi32>
  nc.output %p as "y" : tensor<2xi32>
  // expected-error @+1 {{output 'z' reads no population; only neurons are mapped onto cores}}
  nc.output %x as "z" : tensor<2xi32>
}
{-# dialect_resources: { builtin: {
  o: "0x04000000000000000100000002000000",
  t: "0x040000000000000001000000",
  w: "0x040000000100000001000000",
  c: "0x040000000000000000000000",
  pos: "0x04000000000000000000000000000000"
} } #-}
