// RUN: spikec-opt %s -split-input-file -verify-diagnostics --pass-pipeline='builtin.module(nc.graph(nc-legalize-loihi))'
// The graph names the description it was quantized for by name and content
// hash; a graph whose hash is not the description's is refused.

// expected-error @+1 {{graph was made for target 'loihi' with hash 00000000deadbeef, but 'loihi' has hash}}
nc.graph @stale target("loihi", "00000000deadbeef") {
  %x = nc.input "x" : tensor<1xi32>
  nc.output %x as "y" : tensor<1xi32>
}

// -----

// expected-error @+1 {{target 'truenorth' computes in 'truenorth' arithmetic, not loihi's}}
nc.graph @other target("truenorth", "00000000deadbeef") {
  %x = nc.input "x" : tensor<1xi32>
  nc.output %x as "y" : tensor<1xi32>
}
