//===- loihi_compartment.sv - one CUBA LIF compartment step ---------------===//
//
// Combinational: one compartment's step, bit for bit as
// targets/include/spikec/Target/LoihiModel.h (detail::stepCompartment) and
// targets/MODELS.md section "loihi" define it:
//
//   a  = wrap16(input)
//   u' = wrapLava24(trunc0(u * (4096 - du - 1) / 4096) + a * 2^6)
//   if refractory: v' = v, count -= 1
//   else:          v' = clip(trunc0(v * (4096 - dv) / 4096) + u' + bias,
//                            -(2^23 - 1), 2^23 - 1)
//   bias = bias_mant * 2^bias_exp
//   spike = v' > vth_mant * 2^6; on a spike v' = 0, count = refractory delay
//
// With `readout` set (a loihi_readout core, LoihiModel.h stepReadout) the
// compartment has no threshold: it never spikes and v' is its output.
// (The loader writes vth_mant and the refractory delay as 0 then.)
//
// u lies in (-2^23, 2^23] (Lava's one-correction wrap), one value more than a
// 24-bit register holds; it is stored in 24 bits with +2^23 encoded as the
// bit pattern of -2^23, which the wrap never produces.
//
// `active` is the emulator's NeuronWork::active for this neuron: input, a
// spike, or a nonzero u or v before or after the step (CoreModel.cpp).
//
//===----------------------------------------------------------------------===//

module loihi_compartment (
    input  logic        [11:0] du,
    input  logic        [11:0] dv,
    input  logic        [16:0] vth_mant,
    input  logic signed [12:0] bias_mant,
    input  logic        [ 2:0] bias_exp,
    input  logic        [ 7:0] refr_delay,
    input  logic               readout,
    input  logic        [23:0] u_in,      // encoded: 24'h800000 is +2^23
    input  logic signed [23:0] v_in,
    input  logic        [ 7:0] refr_in,
    input  logic signed [31:0] dendrite,  // the dendritic sum, before wrap16
    output logic        [23:0] u_out,     // encoded as u_in
    output logic signed [23:0] v_out,
    output logic        [ 7:0] refr_out,
    output logic               spike,
    output logic               active,
    // Decoded u before and after, for the state read port's users.
    output logic signed [24:0] u_prev,
    output logic signed [24:0] u_next
);
  localparam logic signed [25:0] MaxUV = 26'sd8388608;  // 2^23
  localparam logic signed [25:0] TwoMaxUV = 26'sd16777216;  // 2^24
  localparam logic signed [26:0] MaxV = 27'sd8388607;  // 2^23 - 1

  /// trunc0(x / 4096): floor((x + 4095) / 4096) for negative x.
  function automatic logic signed [37:0] trunc0_4096(input logic signed [37:0] x);
    trunc0_4096 = (x + (x[37] ? 38'sd4095 : 38'sd0)) >>> 12;
  endfunction

  // The current: decay by (4095 - du) / 4096, add the input << 6, wrap.
  logic signed [15:0] a;
  logic signed [37:0] u_prod;
  logic signed [24:0] u_decayed;
  logic signed [25:0] u_sum;
  assign a = dendrite[15:0];
  assign u_prev = (u_in == 24'h800000) ? 25'sd8388608 : 25'(signed'(u_in));
  assign u_prod = 38'(u_prev) * 38'(signed'({1'b0, 12'd4095 - du}));
  assign u_decayed = 25'(trunc0_4096(u_prod));
  assign u_sum = 26'(u_decayed) + 26'(a) * 26'sd64;
  assign u_next = 25'((u_sum > MaxUV) ? u_sum - TwoMaxUV :
                      (u_sum <= -MaxUV) ? u_sum + TwoMaxUV : u_sum);

  // The voltage: decay by (4096 - dv) / 4096, add u' and the bias, clip.
  logic signed [37:0] v_prod;
  logic signed [23:0] v_decayed;
  logic signed [19:0] bias;
  logic signed [26:0] v_sum;
  logic signed [23:0] v_clipped;
  assign v_prod = 38'(v_in) * 38'(signed'({1'b0, 13'd4096 - 13'(dv)}));
`ifdef SPIKEC_RTL_BUG
  // Test-only defect (tests/lit/Cosim): the decay floors instead of rounding
  // toward zero, so a negative v decays one LSB too far.
  assign v_decayed = 24'(v_prod >>> 12);
`else
  assign v_decayed = 24'(trunc0_4096(v_prod));
`endif
  assign bias = 20'(bias_mant) <<< bias_exp;
  assign v_sum = 27'(v_decayed) + 27'(u_next) + 27'(bias);
  assign v_clipped = 24'((v_sum > MaxV) ? MaxV : (v_sum < -MaxV) ? -MaxV : v_sum);

  logic signed [23:0] v_updated;
  logic [7:0] refr_updated;
  always_comb begin
    if (refr_in != 8'd0) begin
      v_updated = v_in;
      refr_updated = refr_in - 8'd1;
    end else begin
      v_updated = v_clipped;
      refr_updated = refr_in;
    end
  end

  // Threshold vth_mant << 6, at most 2^23 - 64: compared as signed 25 bits.
  assign spike = !readout && (25'(v_updated) > signed'({2'b00, vth_mant, 6'd0}));
  assign v_out = spike ? 24'sd0 : v_updated;
  assign refr_out = spike ? refr_delay : refr_updated;
  assign u_out = u_next[23:0];
  assign active = (u_prev != 25'sd0) || (v_in != 24'sd0) || (dendrite != 32'sd0) ||
                  spike || (u_next != 25'sd0) || (v_out != 24'sd0);
endmodule
