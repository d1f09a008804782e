//===- loihi_dendrite.sv - a neuron's dendritic sum from its groups -------===//
//
// Combinational: the dendritic sum of one neuron from its dendrite groups'
// int64 accumulators, as emulator/include/spikec/Kernels/NeuronKernels.h
// (namespace dendrite) and docs/image-format.md define it:
//   scaled_g = sat32(acc_g * 2^exp_g)   exp_g < 0: a floor shift right
//                                       (loihi::scaleDendriticSum)
//   sum      = sat32(sum_g scaled_g)    (nc.sum)
// The shift is taken in 64 + 2^(EXP_W-1) bits, so a left shift saturates
// instead of wrapping (the C++ computes it in int64; they differ only for a
// shifted sum beyond 2^63, which no 16-bit dendrite comes near).
//
//===----------------------------------------------------------------------===//

module loihi_dendrite #(
    parameter int GROUPS = 4,
    parameter int EXP_W  = 6
) (
    input  logic [GROUPS*64-1:0]    acc,   // group g at [64g +: 64], signed
    input  logic [GROUPS*EXP_W-1:0] exps,  // group g at [EXP_W g +: EXP_W], signed
    output logic signed [31:0]      sum
);
  localparam int ShiftW = 64 + 2 ** (EXP_W - 1);
  localparam int SumW = 33 + $clog2(GROUPS + 1);

  function automatic logic signed [31:0] sat32_wide(input logic signed [ShiftW-1:0] x);
    if (x > ShiftW'(64'sh7fffffff)) sat32_wide = 32'sh7fffffff;
    else if (x < -ShiftW'(64'sh80000000)) sat32_wide = 32'sh80000000;
    else sat32_wide = x[31:0];
  endfunction

  logic signed [SumW-1:0] total;
  always_comb begin
    total = '0;
    for (int g = 0; g < GROUPS; g++) begin
      logic signed [ShiftW-1:0] wide;
      logic signed [EXP_W-1:0] e;
      e = exps[g*EXP_W+:EXP_W];
      wide = ShiftW'(signed'(acc[g*64+:64]));
      if (e[EXP_W-1]) wide = wide >>> unsigned'(-e);
      else wide = wide <<< unsigned'(e);
      total = total + SumW'(sat32_wide(wide));
    end
    if (total > SumW'(64'sh7fffffff)) sum = 32'sh7fffffff;
    else if (total < -SumW'(64'sh80000000)) sum = 32'sh80000000;
    else sum = total[31:0];
  end
endmodule
