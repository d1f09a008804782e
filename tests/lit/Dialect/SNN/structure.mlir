// RUN: spikec-opt %s | spikec-opt | FileCheck %s

// Network, input, output and add; names and types survive the round trip.

// CHECK-LABEL: snn.network @feedforward {
// CHECK-NEXT:    %[[X:.+]] = snn.input "x" : tensor<4xf32>
// CHECK-NEXT:    %[[Y:.+]] = snn.input "y" : tensor<4xf32>
// CHECK-NEXT:    %[[S:.+]] = snn.add %[[X]], %[[Y]] : tensor<4xf32>
// CHECK-NEXT:    %[[T:.+]] = snn.add %[[S]], %[[X]], %[[Y]] : tensor<4xf32>
// CHECK-NEXT:    snn.output %[[S]] as "sum" : tensor<4xf32>
// CHECK-NEXT:    snn.output %[[T]] as "sum3" : tensor<4xf32>
// CHECK-NEXT:  }
snn.network @feedforward {
  %x = snn.input "x" : tensor<4xf32>
  %y = snn.input "y" : tensor<4xf32>
  %s = snn.add %x, %y : tensor<4xf32>
  %t = snn.add %s, %x, %y : tensor<4xf32>
  snn.output %s as "sum" : tensor<4xf32>
  snn.output %t as "sum3" : tensor<4xf32>
}

// A recurrent cycle through a population: %rec is used before it is
// defined, which the graph region allows.

// CHECK-LABEL: snn.network @recurrent {
// CHECK-NEXT:    %[[IN:.+]] = snn.input "x" : tensor<2xf32>
// CHECK-NEXT:    %[[FF:.+]] = snn.linear %[[IN]] {weight = dense_resource<w_in> : tensor<3x2xf32>} : tensor<2xf32> -> tensor<3xf32>
// CHECK-NEXT:    %[[SUM:.+]] = snn.add %[[FF]], %[[REC:[0-9a-z_]+]] : tensor<3xf32>
// CHECK-NEXT:    %[[POP:.+]] = snn.lif %[[SUM]] {tau = {{.*}} : f32, v_threshold = 1.000000e+00 : f32} : tensor<3xf32>
// CHECK-NEXT:    %[[REC]] = snn.linear %[[POP]] {weight = dense_resource<w_rec> : tensor<3x3xf32>} : tensor<3xf32> -> tensor<3xf32>
// CHECK-NEXT:    snn.output %[[POP]] as "spikes" : tensor<3xf32>
// CHECK-NEXT:  }
snn.network @recurrent {
  %x = snn.input "x" : tensor<2xf32>
  %ff = snn.linear %x {weight = dense_resource<w_in> : tensor<3x2xf32>}
      : tensor<2xf32> -> tensor<3xf32>
  %sum = snn.add %ff, %rec : tensor<3xf32>
  %pop = snn.lif %sum {tau = 1.0e-2 : f32, v_threshold = 1.0 : f32}
      : tensor<3xf32>
  %rec = snn.linear %pop {weight = dense_resource<w_rec> : tensor<3x3xf32>}
      : tensor<3xf32> -> tensor<3xf32>
  snn.output %pop as "spikes" : tensor<3xf32>
}

// A network that was discretized keeps its dt; named ops keep their names.

// CHECK-LABEL: snn.network @with_dt attributes {dt = 1.000000e-03 : f64} {
// CHECK:         snn.input "in"
// CHECK:         snn.lif {{.*}}decay = 5.000000e-01 : f32
// CHECK:         snn.output {{.*}} as "out"
snn.network @with_dt attributes {dt = 1.0e-3 : f64} {
  %x = snn.input "in" : tensor<1xf32>
  %v = snn.lif %x {decay = 0.5 : f32, v_threshold = 1.0 : f32} : tensor<1xf32>
  snn.output %v as "out" : tensor<1xf32>
}

// CHECK:      dialect_resources
// CHECK-DAG:  w_in: "0x040000000000803F00000000000000000000803F0000803F0000803F"
// CHECK-DAG:  w_rec: "0x04000000000000000000003F0000000000000000000000000000003F0000003F0000000000000000"
{-#
  dialect_resources: {
    builtin: {
      w_in: "0x040000000000803F00000000000000000000803F0000803F0000803F",
      w_rec: "0x04000000000000000000003F0000000000000000000000000000003F0000003F0000000000000000"
    }
  }
#-}
