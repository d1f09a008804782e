//===- loihi_core.sv - a loihi neuron core: synapses, dendrites, CUBA LIF -===//
//
// One core of the `loihi` target as a hardware image describes it
// (docs/image-format.md): per-neuron CUBA LIF parameters and state, the input
// axons (synapse offsets and dendrite group), the synapses (target neuron,
// weight) and the groups' weight exponents, all written through the
// configuration port. Per timestep (DESIGN.md section 7):
//
//   ingress   while idle, each axon event {axon, value} looks up its axon's
//             synapse range and group and is queued (an axon without
//             synapses is dropped): the router's delivery, not the step's;
//   start     the step begins on the cycle that samples `start`;
//   synaptic  for each queued event, for each of its synapses:
//               acc[group][target] += value * weight         (int64)
//             CYC_SYN cycles per synapse: read the synapse, read the
//             accumulator, write it back; the cycles beyond those three are
//             wait states, there so that a synaptic op lasts what the
//             target's latency_ns.synaptic_op says;
//   neuron    for each neuron n in order: read its parameters, state and
//             group accumulators, form the dendritic sum (loihi_dendrite),
//             step the compartment (loihi_compartment), write the state
//             back, clear the accumulators, signal a spike; CYC_ACTIVE
//             cycles for an active neuron, CYC_IDLE for an idle one
//             (neuron_update_active / _idle); the cycles beyond the two the
//             pipeline needs (read, compute and write) are wait states.
//   done      `busy` falls; spikes are routed by the router, not the core.
//
// So a step is busy for exactly ceil(ops / SYN_PER_CYCLE) * CYC_SYN +
// active * CYC_ACTIVE + idle * CYC_IDLE cycles, the emulator's coreCycles()
// (emulator/include/spikec/Emulator/CycleModel.h), which the co-simulation
// (rtl/tb) checks step by step. One synapse is read at a time, so
// SYN_PER_CYCLE must be 1.
//
// Configuration port (cfg_sel, then cfg_addr's meaning; cfg_data holds the
// value, two's complement, in its low bits):
//   CfgNeurons  -             number of neurons the step updates
//   CfgDu .. CfgRefrDelay     neuron n: du, dv, vth_mant, bias_mant,
//                             bias_exp, refractory delay
//   CfgU, CfgV, CfgRefr       neuron n's state (u as an int32, +2^23 allowed)
//   CfgAxonBegin, CfgAxonEnd  axon a's synapses: [begin, end) (the image's
//                             offsets[a] and offsets[a + 1])
//   CfgAxonGroup              axon a's dendrite group
//   CfgSynTarget, CfgSynWeight  synapse s's target neuron and weight
//   CfgGroupExp               group g's weight exponent
//   CfgAccClear               neuron n's accumulators, every group, to 0
//                             (once after reset; a step leaves them at 0)
//   CfgReadout  -             1: the core's neurons are readouts (the image
//                             model loihi_readout): no threshold, they never
//                             spike and their v is the output; 0 (after
//                             reset): CUBA LIF compartments
// rtl/tb/CoreCosim.cpp is the loader; the codes are repeated there.
//
//===----------------------------------------------------------------------===//

module loihi_core #(
    parameter int NEURONS       = 1024,
    parameter int AXONS         = 4096,
    parameter int SYNAPSES      = 65536,
    parameter int GROUPS        = 4,
    parameter int EVENTS        = 4096,  // events one step may queue
    parameter int WEIGHT_W      = 16,    // signed weight bits
    parameter int VALUE_W       = 32,    // signed event value bits
    parameter int EXP_W         = 6,     // signed weight exponent bits
    parameter int CYC_SYN       = 4,     // cycles per synaptic op, >= 3
    parameter int CYC_ACTIVE    = 9,     // cycles per active neuron, >= 2
    parameter int CYC_IDLE      = 6,     // cycles per idle neuron, >= 2
    parameter int SYN_PER_CYCLE = 1,
    // Index widths (an array of N entries is indexed with clog2(N) bits).
    localparam int NeuronW = NEURONS > 1 ? $clog2(NEURONS) : 1,
    localparam int AxonW = AXONS > 1 ? $clog2(AXONS) : 1
) (
    input logic clk,
    input logic rst_n,

    input logic        cfg_we,
    input logic [ 4:0] cfg_sel,
    input logic [31:0] cfg_addr,
    input logic [31:0] cfg_data,

    input  logic                      ev_valid,  // while idle
    input  logic        [  AxonW-1:0] ev_axon,
    input  logic signed [VALUE_W-1:0] ev_value,
    output logic                      ev_lost,   // sticky: an event found the
                                                 // queue full or the core busy

    input  logic start,
    output logic busy,

    output logic               spike_valid,
    output logic [NeuronW-1:0] spike_neuron,

    input  logic        [NeuronW-1:0] rd_neuron,  // state read port, while idle
    output logic signed [       24:0] rd_u,       // one cycle later
    output logic signed [       23:0] rd_v
);
  localparam logic [4:0] CfgNeurons = 5'd0, CfgDu = 5'd1, CfgDv = 5'd2, CfgVth = 5'd3,
      CfgBiasMant = 5'd4, CfgBiasExp = 5'd5, CfgRefrDelay = 5'd6, CfgU = 5'd7, CfgV = 5'd8,
      CfgRefr = 5'd9, CfgAxonBegin = 5'd10, CfgAxonEnd = 5'd11, CfgAxonGroup = 5'd12,
      CfgSynTarget = 5'd13, CfgSynWeight = 5'd14, CfgGroupExp = 5'd15, CfgAccClear = 5'd16,
      CfgReadout = 5'd17;
  localparam int NCountW = $clog2(NEURONS + 1);
  localparam int SynIdxW = SYNAPSES > 1 ? $clog2(SYNAPSES) : 1;
  localparam int SynW = $clog2(SYNAPSES + 1);
  localparam int GroupW = GROUPS > 1 ? $clog2(GROUPS) : 1;
  localparam int EvIdxW = EVENTS > 1 ? $clog2(EVENTS) : 1;
  localparam int EvW = $clog2(EVENTS + 1);
  localparam int SubW = $clog2((CYC_SYN > CYC_ACTIVE ? CYC_SYN : CYC_ACTIVE) + 1);
  localparam int ProdW = VALUE_W + WEIGHT_W;

  if (SYN_PER_CYCLE != 1) begin : g_bad_spc
    $error("loihi_core reads one synapse at a time: SYN_PER_CYCLE must be 1");
  end
  if (CYC_SYN < 3 || CYC_ACTIVE < 2 || CYC_IDLE < 2) begin : g_bad_cycles
    $error("loihi_core needs CYC_SYN >= 3, CYC_ACTIVE >= 2 and CYC_IDLE >= 2");
  end

  // The configuration port's address and data as each memory uses them.
  logic [NeuronW-1:0] cfg_neuron;
  logic [AxonW-1:0] cfg_axon;
  logic [SynIdxW-1:0] cfg_syn;
  logic [GroupW-1:0] cfg_group;
  assign cfg_neuron = cfg_addr[NeuronW-1:0];
  assign cfg_axon = cfg_addr[AxonW-1:0];
  assign cfg_syn = cfg_addr[SynIdxW-1:0];
  assign cfg_group = cfg_addr[GroupW-1:0];
  logic unused_cfg_bits;  // the high bits the loader leaves at 0
  assign unused_cfg_bits = ^{cfg_addr, cfg_data};

  //===--------------------------------------------------------------------===//
  // Memories
  //===--------------------------------------------------------------------===//

  logic        [        11:0] du_mem     [0:NEURONS-1];
  logic        [        11:0] dv_mem     [0:NEURONS-1];
  logic        [        16:0] vth_mem    [0:NEURONS-1];
  logic signed [        12:0] bmant_mem  [0:NEURONS-1];
  logic        [         2:0] bexp_mem   [0:NEURONS-1];
  logic        [         7:0] rdelay_mem [0:NEURONS-1];
  logic        [        23:0] u_mem      [0:NEURONS-1];  // +2^23 stored as -2^23
  logic signed [        23:0] v_mem      [0:NEURONS-1];
  logic        [         7:0] refr_mem   [0:NEURONS-1];
  logic        [        SynW-1:0] begin_mem  [0:AXONS-1];
  logic        [        SynW-1:0] end_mem    [0:AXONS-1];
  logic        [      GroupW-1:0] grp_mem    [0:AXONS-1];
  logic        [     NeuronW-1:0] tgt_mem    [0:SYNAPSES-1];
  logic signed [    WEIGHT_W-1:0] w_mem      [0:SYNAPSES-1];
  logic        [GROUPS*EXP_W-1:0] gexp;
  logic        [     NCountW-1:0] num_neurons;
  logic                           readout;

  // The event queue: per event its synapses [begin, end), group and value.
  logic [SynW-1:0] q_begin[0:EVENTS-1];
  logic [SynW-1:0] q_end[0:EVENTS-1];
  logic [GroupW-1:0] q_group[0:EVENTS-1];
  logic signed [VALUE_W-1:0] q_value[0:EVENTS-1];
  logic [EvW-1:0] q_wr, q_rd;
  logic q_empty;
  assign q_empty = q_rd == q_wr;

  //===--------------------------------------------------------------------===//
  // The step's FSM
  //===--------------------------------------------------------------------===//

  typedef enum logic [1:0] {
    Idle,
    Synaptic,
    Neuron
  } phase_e;
  phase_e phase;
  logic [SubW-1:0] sub, last_sub;  // the cycle within the op or the neuron
  logic [SynW-1:0] syn, syn_end;  // the synapse read and its event's end
  logic [GroupW-1:0] grp;
  logic signed [VALUE_W-1:0] value;
  logic [NeuronW-1:0] neuron;
  assign busy = phase != Idle;

  // Registered reads: the synapse, the group accumulators, the neuron.
  logic [NeuronW-1:0] tgt_q;
  logic signed [WEIGHT_W-1:0] w_q;
  logic [GROUPS*64-1:0] acc_q;
  logic [11:0] du_q, dv_q;
  logic [16:0] vth_q;
  logic signed [12:0] bmant_q;
  logic [2:0] bexp_q;
  logic [7:0] rdelay_q, refr_q;
  logic [23:0] u_q;
  logic signed [23:0] v_q;

  logic signed [31:0] dendrite;
  loihi_dendrite #(
      .GROUPS(GROUPS),
      .EXP_W (EXP_W)
  ) u_dendrite (
      .acc (acc_q),
      .exps(gexp),
      .sum (dendrite)
  );

  logic [23:0] u_new;
  logic signed [23:0] v_new;
  logic [7:0] refr_new;
  logic spike, active;
  logic signed [24:0] unused_u_prev, unused_u_next;
  loihi_compartment u_compartment (
      .du(du_q),
      .dv(dv_q),
      .vth_mant(vth_q),
      .bias_mant(bmant_q),
      .bias_exp(bexp_q),
      .refr_delay(rdelay_q),
      .readout(readout),
      .u_in(u_q),
      .v_in(v_q),
      .refr_in(refr_q),
      .dendrite(dendrite),
      .u_out(u_new),
      .v_out(v_new),
      .refr_out(refr_new),
      .spike(spike),
      .active(active),
      .u_prev(unused_u_prev),
      .u_next(unused_u_next)
  );

  // A synaptic op ends on its last cycle; the synaptic phase with the last
  // op of the last event. A neuron ends on the cycle its cost says, known
  // from its compute cycle (sub 1) on.
  logic syn_last, syn_phase_done, neuron_compute, neuron_last;
  logic [SubW-1:0] cost_last;
  assign syn_last = phase == Synaptic && sub == SubW'(CYC_SYN - 1);
  assign syn_phase_done = syn_last && syn + SynW'(1) == syn_end && q_empty;
  assign neuron_compute = phase == Neuron && sub == SubW'(1);
  assign cost_last = active ? SubW'(CYC_ACTIVE - 1) : SubW'(CYC_IDLE - 1);
  assign neuron_last = phase == Neuron &&
      (neuron_compute ? cost_last == SubW'(1) : (sub > SubW'(1) && sub == last_sub));

  assign spike_valid = neuron_compute && spike;
  assign spike_neuron = neuron;

  // The queue's head.
  logic [EvIdxW-1:0] head;
  assign head = q_rd[EvIdxW-1:0];

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      phase <= Idle;
      sub <= '0;
      last_sub <= '0;
      syn <= '0;
      syn_end <= '0;
      grp <= '0;
      value <= '0;
      neuron <= '0;
      q_rd <= '0;
    end else begin
      // Each branch that takes the next event loads the queue's head.
      case (phase)
        Idle: begin
          sub <= '0;
          neuron <= '0;
          if (start) phase <= q_empty ? Neuron : Synaptic;
          if (start && !q_empty) begin
            syn <= q_begin[head];
            syn_end <= q_end[head];
            grp <= q_group[head];
            value <= q_value[head];
            q_rd <= q_rd + EvW'(1);
          end
        end
        Synaptic: begin
          sub <= syn_last ? '0 : sub + SubW'(1);
          if (syn_last && syn + SynW'(1) != syn_end) begin
            syn <= syn + SynW'(1);
          end else if (syn_last && !q_empty) begin
            syn <= q_begin[head];
            syn_end <= q_end[head];
            grp <= q_group[head];
            value <= q_value[head];
            q_rd <= q_rd + EvW'(1);
          end else if (syn_last) begin
            phase <= Neuron;
            q_rd  <= '0;
          end
        end
        Neuron: begin
          sub <= neuron_last ? '0 : sub + SubW'(1);
`ifdef SPIKEC_RTL_BUG_CYCLES
          // Test-only defect (tests/lit/Cosim): the phase's last neuron ends
          // one cycle early.
          if (neuron_compute)
            last_sub <= cost_last - SubW'(NCountW'(neuron) + NCountW'(1) == num_neurons);
`else
          if (neuron_compute) last_sub <= cost_last;
`endif
          if (neuron_last && NCountW'(neuron) + NCountW'(1) == num_neurons) phase <= Idle;
          else if (neuron_last) neuron <= neuron + NeuronW'(1);
        end
        default: phase <= Idle;
      endcase
    end
  end

  //===--------------------------------------------------------------------===//
  // Ingress: the axon's synapse range and group (one cycle), then the queue
  //===--------------------------------------------------------------------===//

  logic ing_v, ing_push;
  logic [SynW-1:0] ing_begin, ing_end;
  logic [GroupW-1:0] ing_group;
  logic signed [VALUE_W-1:0] ing_value;
  assign ing_push = ing_v && ing_begin != ing_end && q_wr != EvW'(EVENTS);
  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      ing_v <= 1'b0;
      q_wr <= '0;
      ev_lost <= 1'b0;
    end else begin
      ing_v <= ev_valid && phase == Idle;
      if ((ev_valid && phase != Idle) || (ing_v && ing_begin != ing_end && !ing_push))
        ev_lost <= 1'b1;
      if (syn_phase_done) q_wr <= '0;
      else if (ing_push) q_wr <= q_wr + EvW'(1);
    end
  end
  always_ff @(posedge clk) begin
    if (ev_valid) begin
      ing_begin <= begin_mem[ev_axon];
      ing_end   <= end_mem[ev_axon];
      ing_group <= grp_mem[ev_axon];
      ing_value <= ev_value;
    end
    if (ing_push) begin
      q_begin[q_wr[EvIdxW-1:0]] <= ing_begin;
      q_end[q_wr[EvIdxW-1:0]]   <= ing_end;
      q_group[q_wr[EvIdxW-1:0]] <= ing_group;
      q_value[q_wr[EvIdxW-1:0]] <= ing_value;
    end
  end

  //===--------------------------------------------------------------------===//
  // Memory ports
  //===--------------------------------------------------------------------===//

  // The neuron phase reads neuron `neuron`; while idle the state read port
  // reads `rd_neuron`.
  logic [NeuronW-1:0] n_addr;
  assign n_addr = phase == Neuron ? neuron : rd_neuron;

  always_ff @(posedge clk) begin
    // A synaptic op reads its synapse on sub 0.
    if (phase == Synaptic && sub == SubW'(0)) begin
      tgt_q <= tgt_mem[syn[SynIdxW-1:0]];
      w_q   <= w_mem[syn[SynIdxW-1:0]];
    end
    // A neuron is read on sub 0 and written back on sub 1.
    if (phase != Neuron || sub == SubW'(0)) begin
      du_q <= du_mem[n_addr];
      dv_q <= dv_mem[n_addr];
      vth_q <= vth_mem[n_addr];
      bmant_q <= bmant_mem[n_addr];
      bexp_q <= bexp_mem[n_addr];
      rdelay_q <= rdelay_mem[n_addr];
      u_q <= u_mem[n_addr];
      v_q <= v_mem[n_addr];
      refr_q <= refr_mem[n_addr];
    end
    if (neuron_compute) begin
      u_mem[neuron] <= u_new;
      v_mem[neuron] <= v_new;
      refr_mem[neuron] <= refr_new;
    end else if (cfg_we) begin
      case (cfg_sel)
        CfgU: u_mem[cfg_neuron] <= cfg_data[23:0];
        CfgV: v_mem[cfg_neuron] <= cfg_data[23:0];
        CfgRefr: refr_mem[cfg_neuron] <= cfg_data[7:0];
        default: ;
      endcase
    end
    if (cfg_we) begin
      case (cfg_sel)
        CfgDu: du_mem[cfg_neuron] <= cfg_data[11:0];
        CfgDv: dv_mem[cfg_neuron] <= cfg_data[11:0];
        CfgVth: vth_mem[cfg_neuron] <= cfg_data[16:0];
        CfgBiasMant: bmant_mem[cfg_neuron] <= cfg_data[12:0];
        CfgBiasExp: bexp_mem[cfg_neuron] <= cfg_data[2:0];
        CfgRefrDelay: rdelay_mem[cfg_neuron] <= cfg_data[7:0];
        CfgAxonBegin: begin_mem[cfg_axon] <= cfg_data[SynW-1:0];
        CfgAxonEnd: end_mem[cfg_axon] <= cfg_data[SynW-1:0];
        CfgAxonGroup: grp_mem[cfg_axon] <= cfg_data[GroupW-1:0];
        CfgSynTarget: tgt_mem[cfg_syn] <= cfg_data[NeuronW-1:0];
        CfgSynWeight: w_mem[cfg_syn] <= cfg_data[WEIGHT_W-1:0];
        default: ;
      endcase
    end
  end

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      num_neurons <= '0;
      gexp <= '0;
      readout <= 1'b0;
    end else if (cfg_we && cfg_sel == CfgNeurons) begin
      num_neurons <= cfg_data[NCountW-1:0];
    end else if (cfg_we && cfg_sel == CfgReadout) begin
      readout <= cfg_data[0];
    end else if (cfg_we && cfg_sel == CfgGroupExp) begin
      gexp[cfg_group*EXP_W+:EXP_W] <= cfg_data[EXP_W-1:0];
    end
  end

  // One accumulator bank per group. A synaptic op reads bank `grp` at its
  // target on sub 1 and writes the sum back on sub 2; a neuron reads every
  // bank on sub 0 and clears them on sub 1, so they are 0 between steps.
  logic signed [ProdW-1:0] product;
  logic signed [63:0] acc_grp;
  assign product = ProdW'(value) * ProdW'(w_q);
  assign acc_grp = acc_q[64*grp+:64];
  for (genvar g = 0; g < GROUPS; g++) begin : g_bank
    logic signed [63:0] bank[0:NEURONS-1];
    always_ff @(posedge clk) begin
      if (phase == Synaptic && sub == SubW'(1) && grp == GroupW'(g))
        acc_q[64*g+:64] <= bank[tgt_q];
      else if (phase == Neuron && sub == SubW'(0)) acc_q[64*g+:64] <= bank[neuron];
      if (phase == Synaptic && sub == SubW'(2) && grp == GroupW'(g))
        bank[tgt_q] <= acc_grp + 64'(product);
      else if (neuron_compute) bank[neuron] <= '0;
      else if (cfg_we && cfg_sel == CfgAccClear) bank[cfg_neuron] <= '0;
    end
  end

  // The state read port: u decoded.
  assign rd_u = (u_q == 24'h800000) ? 25'sd8388608 : 25'(signed'(u_q));
  assign rd_v = v_q;
endmodule
