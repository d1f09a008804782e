// Everything akida cannot do exactly, and every rule snn-quantize{target=akida}
// enforces, is refused naming the op and the rule.
// RUN: spikec-opt %s -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(snn.network(snn-discretize{dt=1e-3}),snn-quantize{target=akida})'

snn.network @n0 {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{lif '<unnamed>': timing pre (spike from the previous membrane) delays the output a frame; akida's activation is the frame's own}}
  %s = snn.lif %h {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 1.0 : f32, timing = #snn<timing pre>} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

snn.network @n1 {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{lif '<unnamed>': refractory = 2 steps: akida layers keep no state across frames}}
  %s = snn.lif %h {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 1.0 : f32, refractory = 2} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

snn.network @n2 {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{lif '<unnamed>': decay 0.5 (neuron 0) carries the membrane to the next step: akida layers keep no state across frames (lif is exact only with decay = 0)}}
  %s = snn.lif %h {decay = 0.5 : f32, gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

snn.network @n3 {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{if '<unnamed>': reset 'zero': an if layer runs on akida only as the rate approximation akida-rate-to-activation, which needs reset by subtraction}}
  %s = snn.if %h {gain = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

snn.network @n4 {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{if '<unnamed>': v_threshold 0 (neuron 0) is not positive: the rate of an if layer is drive / threshold}}
  %s = snn.if %h {gain = 1.0 : f32, v_threshold = 0.0 : f32, reset = #snn<reset subtract>} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

snn.network @li {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{li '<unnamed>': decay 0.5 (neuron 0) carries the membrane to the next frame: akida layers keep no state across frames (an li readout, the final layer's potential, is exact only with decay = 0)}}
  %v = snn.li %h {decay = 0.5 : f32, gain = 1.0 : f32} : tensor<2xf32>
  snn.output %v as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

// A readout (li, the final layer's potential) goes to the host only.
snn.network @li_feeds {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %v = snn.li %h {decay = 0.0 : f32, gain = 1.0 : f32} : tensor<2xf32> loc("pot")
  %h2 = snn.linear %v {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{lif '<unnamed>': its input comes from li 'pot', a readout: akida outputs a final layer's potential to the host, not to another layer}}
  %s = snn.lif %h2 {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.5 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

snn.network @conv1d {
  %x = snn.input "x" : tensor<1x4xf32>
  %c = snn.conv1d %x {dilation = array<i64: 1>, padding = array<i64: 0>, stride = array<i64: 1>, weight = dense_resource<k> : tensor<1x1x2xf32>} : tensor<1x4xf32> -> tensor<1x3xf32>
  // expected-error @+1 {{lif '<unnamed>': its input conv1d '<unnamed>' is a conv1d layer, which akida does not list (dense, conv2d, separable_conv2d, avg_pool2d)}}
  %s = snn.lif %c {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.5 : f32} : tensor<1x3xf32>
  snn.output %s as "y" : tensor<1x3xf32>
}
{-#
  dialect_resources: {
    builtin: {
      k: "0x040000000000803F0000803F"
    }
  }
#-}

// -----

snn.network @onetoone {
  %x = snn.input "x" : tensor<2xf32>
  // expected-error @+1 {{lif '<unnamed>': its input is a one-to-one connection (layer kind sparse), which akida does not list (dense, conv2d, separable_conv2d, avg_pool2d)}}
  %s = snn.lif %x {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.5 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

snn.network @recurrent {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %r = snn.linear %s {weight = dense_resource<w> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  %a = snn.add %h, %r : tensor<2xf32>
  // expected-error @+1 {{lif '<unnamed>': reads lif '<unnamed>' before it is computed: akida layers are feed-forward}}
  %s = snn.lif %a {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.5 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000003F000080BE0000803F00000000"
    }
  }
#-}

// -----

snn.network @zero {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<z> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{lif '<unnamed>': every synaptic weight is zero}}
  %s = snn.lif %h {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 0.5 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      z: "0x0400000000000000000000000000000000000000"
    }
  }
#-}

// -----

snn.network @offset {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<t> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{lif '<unnamed>': threshold offset -1e+12 of neuron 0 does not fit int32 (scale 1e-06)}}
  %s = snn.lif %h {decay = 0.0 : f32, gain = 1.0 : f32, v_threshold = 1.0e6 : f32} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      t: "0x04000000BD378635BD378635BD378635BD378635"
    }
  }
#-}

// -----

snn.network @infeasible {
  %x = snn.input "x" : tensor<2xf32>
  %h = snn.linear %x {weight = dense_resource<one> : tensor<2x2xf32>} : tensor<2xf32> -> tensor<2xf32>
  // expected-error @+1 {{if '<unnamed>': no weight width holds the rate approximation: the largest |gain w| 20 is 300 activation steps (threshold 1 / 15), more than 127 at 8 bits}}
  %s = snn.if %h {gain = 1.0 : f32, v_threshold = 1.0 : f32, reset = #snn<reset subtract>} : tensor<2xf32>
  snn.output %s as "y" : tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      one: "0x04000000000000000000A0410000A0410000A041"
    }
  }
#-}
