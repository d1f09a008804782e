// Everything loihi cannot do exactly is refused, naming the op and the rule.
// RUN: not spikec-opt %s -split-input-file --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=loihi})' 2>&1 | FileCheck %s

// CHECK: error: {{.*}}lif 'h1': reset by subtraction is not exact on loihi (it resets to 0)
snn.network @subtract {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32, reset = #snn<reset subtract>} : tensor<2xf32> loc("h1")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}lif 'h2': v_reset = -0.5 (neuron 0) is not exact on loihi (it resets to 0)
snn.network @vreset {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32, v_reset = -0.5 : f32} : tensor<2xf32> loc("h2")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}if 'h3': timing pre (spike from the previous membrane) is not exact on loihi (it spikes on the updated membrane)
snn.network @pre {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32, timing = #snn<timing pre>} : tensor<2xf32> loc("h3")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// li runs as a readout compartment, which sends no events: nothing may
// take its membrane as input.
// CHECK: error: {{.*}}lif 'after': its input comes from li 'out', whose output is a membrane value; on loihi li runs as a readout compartment, which sends no events (a readout may only feed network outputs)
snn.network @li {
  %x = snn.input "x" : tensor<2xf32>
  %v = snn.li %x {tau = 1.0e-2 : f32} : tensor<2xf32> loc("out")
  %s = snn.lif %v {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("after")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// A projection bias into cuba_li passes through its synaptic current too.
// CHECK: error: {{.*}}cuba_li 'cr': a projection bias enters cuba_li through its synaptic current; loihi's bias enters the membrane, so it is not exact
snn.network @cuba_li_bias {
  %x = snn.input "x" : tensor<1xf32>
  %h = snn.affine %x {weight = dense_resource<w1> : tensor<1x1xf32>, bias = dense_resource<w1b> : tensor<1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %v = snn.cuba_li %h {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32} : tensor<1xf32> loc("cr")
  snn.output %v as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    w1: "0x040000000000803F",
    w1b: "0x040000000000803F"
  } }
#-}

// -----

// Delays: whole steps of dt only (1.5 ms at dt = 1 ms is refused by
// snn-discretize, never rounded).
// CHECK: error: {{.*}}'snn.delay' op delay 0.0015 s (element 0) is 1.5 steps of dt 0.001: not a whole number of steps (choose a dt that divides it)
snn.network @delay_fraction {
  %x = snn.input "x" : tensor<2xf32>
  %d = snn.delay %x {delay = 1.5e-3 : f32} : tensor<2xf32>
  %s = snn.lif %d {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// A delay beyond loihi's range (62 steps beyond the hardware timing's one).
// CHECK: error: {{.*}}lif 'late': its input from 'd63' is delayed 63 steps, beyond loihi's 62 (core.max_synaptic_delay)
snn.network @delay_range {
  %x = snn.input "x" : tensor<2xf32>
  %d = snn.delay %x {steps = array<i64: 63>} : tensor<2xf32> loc("d63")
  %s = snn.lif %d {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("late")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// cuba_lif's own one-step table delay counts toward the range.
// CHECK: error: {{.*}}cuba_lif 'cl': its input from 'd62' is delayed 63 steps (62 by delays, 1 by the mapping), beyond loihi's 62 (core.max_synaptic_delay)
snn.network @delay_range_cuba {
  %x = snn.input "x" : tensor<2xf32>
  %d = snn.delay %x {steps = array<i64: 62>} : tensor<2xf32> loc("d62")
  %s = snn.cuba_lif %d {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("cl")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// Per-element delays split the table by delay; each part must fit.
// CHECK: error: {{.*}}lif 'pe': its input from 'dd' (element 1) is delayed 63 steps, beyond loihi's 62 (core.max_synaptic_delay)
snn.network @delay_per_element {
  %x = snn.input "x" : tensor<2xf32>
  %d = snn.delay %x {steps = array<i64: 1, 63>} : tensor<2xf32> loc("dd")
  %s = snn.lif %d {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("pe")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}delay 'dc': delays linear '<unnamed>', which is not spikes; loihi delays events between neurons only (put the delay before the projection)
snn.network @delay_current {
  %x = snn.input "x" : tensor<1xf32>
  %h = snn.linear %x {weight = dense_resource<w2> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %d = snn.delay %h {steps = array<i64: 2>} : tensor<1xf32> loc("dc")
  %s = snn.lif %d {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32>
  snn.output %s as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    w2: "0x040000000000803F"
  } }
#-}

// -----

// CHECK: error: {{.*}}output 'yd': reads delay 'do'; loihi's delays belong to the synapse groups between neurons, and an output reads a neuron directly
snn.network @delay_output {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.lif %x {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  %d = snn.delay %s {steps = array<i64: 2>} : tensor<2xf32> loc("do")
  snn.output %d as "yd" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}izhikevich 'iz': loihi cannot run izhikevich
snn.network @izh {
  %x = snn.input "x" : tensor<2xf32>
  %s = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32, d = 8.0 : f32} : tensor<2xf32> loc("iz")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// CHECK: error: {{.*}}encode_direct 'enc': loihi inputs are events; a direct (current) encoder has no exact integer form
snn.network @direct {
  %x = snn.input "x" : tensor<2xf32>
  %c = snn.encode_direct %x {gain = 1.0 : f64} : tensor<2xf32> loc("enc")
  %s = snn.lif %c {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<2xf32> loc("h")
  snn.output %s as "y" : tensor<2xf32>
}

// -----

// A projection bias into cuba_lif passes through the synaptic current.
// CHECK: error: {{.*}}cuba_lif 'c1': a projection bias enters cuba_lif through its synaptic current; loihi's bias enters the membrane, so it is not exact
snn.network @cubabias {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.affine %x {weight = dense_resource<w1> : tensor<1x1xf32>, bias = dense_resource<w1b> : tensor<1xf32>} : tensor<1xf32> -> tensor<1xf32>
  %s = snn.cuba_lif %a {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("c1")
  snn.output %s as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    w1: "0x040000000000803F",
    w1b: "0x040000000000803F"
  } }
#-}

// -----

// An output must read spikes.
// CHECK: error: {{.*}}output 'v': reads linear '<unnamed>', which is not a population or an input; loihi outputs read those
snn.network @outproj {
  %x = snn.input "x" : tensor<1xf32>
  %a = snn.linear %x {weight = dense_resource<w2> : tensor<1x1xf32>} : tensor<1xf32> -> tensor<1xf32>
  snn.output %a as "v" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    w2: "0x040000000000803F"
  } }
#-}

// -----

// The 16-bit dendritic sum: four synapses of weight 1e7 into one neuron,
// gain 0.1: worst case sum |gain w| = 4e6 float units per step; the sum
// allows 32767 x 64 = 2097088 state units, so S <= 2097088 / 4e6 = 0.524
// (the weights alone would allow 127 * 2^13 / 1e6 = 1.04).
// CHECK: error: {{.*}}lif 'big': no integer scale fits loihi: dendritic sum: neuron 0 has worst-case input sum(|gain w|) = 4e+06, limit 32767 x 64 state units allows S <= 0.524272 < 1
snn.network @wrap {
  %x = snn.input "x" : tensor<4xf32>
  %a = snn.linear %x {weight = dense_resource<w3> : tensor<1x4xf32>} : tensor<4xf32> -> tensor<1xf32>
  %s = snn.lif %a {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32} : tensor<1xf32> loc("big")
  snn.output %s as "y" : tensor<1xf32>
}
{-#
  dialect_resources: { builtin: {
    w3: "0x040000008096184B8096184B8096184B8096184B"
  } }
#-}
