// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=%S/Inputs/small-loihi.json})' 2>/dev/null | FileCheck %s
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=%S/Inputs/small-loihi.json})' 2>&1 >/dev/null | FileCheck %s --check-prefix=ERR
// RUN: not spikec-opt %s --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),spikec-lower-to-target{target=loihi approx=truenorth-linear-leak})' 2>&1 | FileCheck %s --check-prefix=APPROX
//
// nc-legalize-loihi against Inputs/small-loihi.json: targets/loihi.json with
// core.max_fan_in = 3 and 16 bits of synapse memory (two 8-bit synapses).
// APPROX: error: unknown approximation 'truenorth-linear-leak' (loihi knows: loihi-current-bias-to-membrane)

// Two synapses into each neuron: 16 bits, legal, and left as it was.
// CHECK-LABEL: nc.graph @fits target("small-loihi"
// CHECK: nc.synapses
// CHECK: nc.population
snn.network @fits {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w2> : tensor<1x2xf32>} : tensor<2xf32> -> tensor<1xf32>
  %s = snn.lif %h {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("two")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: { w2: "0x040000000000803F0000003F" } } #-}

// -----

// Three synapses fit max_fan_in = 3 but need 24 bits.
// ERR: error: {{.*}}population 'three': neuron 0's 3 synapses need 24 bits, more than small-loihi's 16 bits of synapse memory per core
snn.network @memory {
  %x = snn.input "x" : tensor<3xf32>
  %h = snn.linear %x {weight = dense_resource<w3> : tensor<1x3xf32>} : tensor<3xf32> -> tensor<1xf32>
  %s = snn.lif %h {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("three")
  snn.output %s as "y" : tensor<1xf32>
}
{-# dialect_resources: { builtin: { w3: "0x040000000000803F0000003F0000803E" } } #-}

// -----

// Four synapses into neuron 1 (neuron 0 has one).
// ERR: error: {{.*}}population 'four': fan-in 4 (neuron 1) exceeds small-loihi's 3 synapses per neuron (core.max_fan_in); a dendritic sum split across cores is not exact
snn.network @fanin {
  %x = snn.input "x" : tensor<4xf32>
  %h = snn.linear %x {weight = dense_resource<w4> : tensor<2x4xf32>} : tensor<4xf32> -> tensor<2xf32>
  %s = snn.lif %h {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("four")
  snn.output %s as "y" : tensor<2xf32>
}
{-# dialect_resources: { builtin: { w4: "0x040000000000803F000000000000000000000000000080BE0000003F0000803E0000803F" } } #-}
