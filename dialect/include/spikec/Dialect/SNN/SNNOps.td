//===- SNNOps.td - the snn dialect -------------------------*- tablegen -*-===//
//
// The network as the user trained it: populations of neurons, the projections
// between them and the graph boundary. Values are f32 tensors holding one
// timestep's spikes or currents. See DESIGN.md sections 2 and 3.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_DIALECT_SNN_SNNOPS_TD
#define SPIKEC_DIALECT_SNN_SNNOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "spikec/Dialect/SNN/SNNInterfaces.td"

//===----------------------------------------------------------------------===//
// Dialect
//===----------------------------------------------------------------------===//

def SNN_Dialect : Dialect {
  let name = "snn";
  let cppNamespace = "::spikec::snn";
  let summary = "Spiking neural networks as trained, before any target";
  let description = [{
    A `snn.network` holds a graph of populations and projections. Every value
    is one timestep's tensor; recurrent edges are ordinary SSA cycles in the
    graph region. Neuron parameters are per-neuron tensors broadcast to the
    population's shape; weights are `dense_resource` blobs so that large
    networks are not uniqued into the context.
  }];
  let useDefaultAttributePrinterParser = 1;
}

class SNN_Op<string mnemonic, list<Trait> traits = []>
    : Op<SNN_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def SNN_ResetToVReset : I32EnumAttrCase<"ToVReset", 0, "to_v_reset">;
def SNN_ResetSubtract : I32EnumAttrCase<"Subtract", 1, "subtract">;
def SNN_ResetNone : I32EnumAttrCase<"None", 2, "none">;
def SNN_ResetModeEnum : I32EnumAttr<"ResetMode",
    "what a spike does to the membrane",
    [SNN_ResetToVReset, SNN_ResetSubtract, SNN_ResetNone]> {
  let cppNamespace = "::spikec::snn";
  let genSpecializedAttr = 0;
}
def SNN_ResetModeAttr : EnumAttr<SNN_Dialect, SNN_ResetModeEnum, "reset">;

def SNN_SpikePost : I32EnumAttrCase<"Post", 0, "post">;
def SNN_SpikePre : I32EnumAttrCase<"Pre", 1, "pre">;
def SNN_SpikeTimingEnum : I32EnumAttr<"SpikeTiming",
    "whether a spike is decided on this step's membrane or the previous one",
    [SNN_SpikePost, SNN_SpikePre]> {
  let cppNamespace = "::spikec::snn";
  let genSpecializedAttr = 0;
}
def SNN_SpikeTimingAttr : EnumAttr<SNN_Dialect, SNN_SpikeTimingEnum, "timing">;

//===----------------------------------------------------------------------===//
// Attribute constraints
//===----------------------------------------------------------------------===//

def SNN_Param : Attr<CPred<"::spikec::snn::isParamAttr($_self)">,
    "f32 parameter (an f32 scalar, or a dense or dense_resource f32 tensor "
    "broadcastable to the population)"> {
  let storageType = "::mlir::Attribute";
  let returnType = "::mlir::Attribute";
  let convertFromStorage = "$_self";
}

def SNN_Weight : Attr<
    CPred<"::llvm::isa<::mlir::DenseF32ResourceElementsAttr>($_self)">,
    "f32 dense_resource tensor"> {
  let storageType = "::mlir::DenseF32ResourceElementsAttr";
  let returnType = "::mlir::DenseF32ResourceElementsAttr";
  let convertFromStorage = "$_self";
}

def SNN_IndexBlob : Attr<
    CPred<"::llvm::isa<::mlir::DenseI32ResourceElementsAttr>($_self)">,
    "i32 dense_resource tensor"> {
  let storageType = "::mlir::DenseI32ResourceElementsAttr";
  let returnType = "::mlir::DenseI32ResourceElementsAttr";
  let convertFromStorage = "$_self";
}

def SNN_Tensor : TensorOf<[F32]>;

//===----------------------------------------------------------------------===//
// Structure
//===----------------------------------------------------------------------===//

def SNN_NetworkOp : SNN_Op<"network", [
    Symbol, SingleBlock, NoTerminator, IsolatedFromAbove,
    DeclareOpInterfaceMethods<RegionKindInterface>]> {
  let summary = "a spiking network: a graph of populations and projections";
  let description = [{
    The body is a graph region: values may be used before they are defined,
    which is how recurrent connections are written. Every cycle must pass
    through an op with state (a neuron population or a delay); a cycle of
    stateless ops is an algebraic loop and is rejected. Every value must be
    used and every output must be reachable from an input.

    `dt` is set by `snn-discretize` and records the timestep, in seconds, the
    discrete parameters were computed for.

    ```mlir
    snn.network @net {
      %in = snn.input "x" : tensor<2xf32>
      %v = snn.lif %in {tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                        v_threshold = 1.0 : f32} : tensor<2xf32>
      snn.output %v as "y" : tensor<2xf32>
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, OptionalAttr<F64Attr>:$dt);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name)>];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
  }];
}

class SNN_InNetworkOp<string mnemonic, list<Trait> traits = []>
    : SNN_Op<mnemonic, traits # [HasParent<"NetworkOp">]>;

def SNN_InputOp : SNN_InNetworkOp<"input", [Pure]> {
  let summary = "a network input: one timestep's values from outside";
  let description = [{
    ```mlir
    %x = snn.input "pixels" : tensor<784xf32>
    ```
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs SNN_Tensor:$out);
  let assemblyFormat = "$name attr-dict `:` type($out)";
  let hasVerifier = 1;
}

def SNN_OutputOp : SNN_InNetworkOp<"output"> {
  let summary = "a network output: the values read out every timestep";
  let description = [{
    ```mlir
    snn.output %spikes as "classes" : tensor<10xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, StrAttr:$name);
  let assemblyFormat = "$input `as` $name attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def SNN_AddOp : SNN_InNetworkOp<"add", [Pure, SameOperandsAndResultType,
    DeclareOpInterfaceMethods<SNN_ShapeInferenceOpInterface>]> {
  let summary = "the sum of several edges into one node";
  let description = [{
    NIR sums every edge that enters a node; the importer makes that sum
    explicit with this op.

    ```mlir
    %s = snn.add %ff, %rec : tensor<40xf32>
    ```
  }];
  // SameOperandsAndResultType already rejects an add without operands.
  let arguments = (ins Variadic<SNN_Tensor>:$inputs);
  let results = (outs SNN_Tensor:$out);
  let assemblyFormat = "$inputs attr-dict `:` type($out)";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Projections (stateless)
//===----------------------------------------------------------------------===//

class SNN_ProjectionOp<string mnemonic, list<Trait> traits = []>
    : SNN_InNetworkOp<mnemonic, traits # [Pure,
        DeclareOpInterfaceMethods<SNN_ShapeInferenceOpInterface>]> {
  let results = (outs SNN_Tensor:$out);
  let assemblyFormat =
      "$input attr-dict `:` type($input) `->` type($out)";
  let hasVerifier = 1;
}

def SNN_AffineOp : SNN_ProjectionOp<"affine"> {
  let summary = "y = W x + b (NIR Affine)";
  let description = [{
    `weight` is `[out, in]` and `bias` is `[out]`.

    ```mlir
    %y = snn.affine %x {weight = dense_resource<w> : tensor<3x2xf32>,
                        bias = dense_resource<b> : tensor<3xf32>}
         : tensor<2xf32> -> tensor<3xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Weight:$weight,
                       OptionalAttr<SNN_Weight>:$bias);
  let hasCanonicalizer = 1;
}

def SNN_LinearOp : SNN_ProjectionOp<"linear"> {
  let summary = "y = W x (NIR Linear)";
  let description = [{
    ```mlir
    %y = snn.linear %x {weight = dense_resource<w> : tensor<3x2xf32>}
         : tensor<2xf32> -> tensor<3xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Weight:$weight);
}

def SNN_SparseOp : SNN_ProjectionOp<"sparse"> {
  let summary = "a projection given as a list of synapses";
  let description = [{
    Synapse k adds `weight[k] * x[pre[k]]` to `y[post[k]]` (indices into the
    flattened tensors). Written by the JSON importer for sparse projections.

    ```mlir
    %y = snn.sparse %x {pre = dense_resource<p> : tensor<4xi32>,
                        post = dense_resource<q> : tensor<4xi32>,
                        weight = dense_resource<w> : tensor<4xf32>}
         : tensor<100xf32> -> tensor<50xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_IndexBlob:$pre,
                       SNN_IndexBlob:$post, SNN_Weight:$weight);
}

def SNN_ScaleOp : SNN_ProjectionOp<"scale", [SameOperandsAndResultType]> {
  let summary = "y = s * x, elementwise (NIR Scale)";
  let description = [{
    ```mlir
    %y = snn.scale %x {scale = 2.0 : f32} : tensor<4xf32> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Param:$scale);
  let hasCanonicalizer = 1;
}

def SNN_Conv1dOp : SNN_ProjectionOp<"conv1d"> {
  let summary = "1-D convolution over [C, L] (NIR Conv1d, PyTorch semantics)";
  let description = [{
    `weight` is `[C_out, C_in / groups, K]`; `padding` is explicit and
    symmetric.

    ```mlir
    %y = snn.conv1d %x {weight = dense_resource<k> : tensor<4x2x3xf32>,
                        stride = array<i64: 1>, padding = array<i64: 1>,
                        dilation = array<i64: 1>, groups = 1 : i64}
         : tensor<2x16xf32> -> tensor<4x16xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Weight:$weight,
                       OptionalAttr<SNN_Weight>:$bias,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<I64Attr, "1">:$groups);
}

def SNN_Conv2dOp : SNN_ProjectionOp<"conv2d"> {
  let summary = "2-D convolution over [C, H, W] (NIR Conv2d, PyTorch semantics)";
  let description = [{
    `weight` is `[C_out, C_in / groups, K_h, K_w]`; `stride`, `padding` and
    `dilation` are `[h, w]` pairs.

    ```mlir
    %y = snn.conv2d %x {weight = dense_resource<k> : tensor<8x2x3x3xf32>,
                        stride = array<i64: 1, 1>, padding = array<i64: 1, 1>,
                        dilation = array<i64: 1, 1>, groups = 1 : i64}
         : tensor<2x34x34xf32> -> tensor<8x34x34xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Weight:$weight,
                       OptionalAttr<SNN_Weight>:$bias,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                       DenseI64ArrayAttr:$dilation,
                       DefaultValuedAttr<I64Attr, "1">:$groups);
}

class SNN_Pool2dOp<string mnemonic, string what> : SNN_ProjectionOp<mnemonic> {
  let summary = "2-D " # what # " pooling over [C, H, W]";
  let description = [{
    ```mlir
    %y = snn.}] # mnemonic # [{ %x {kernel_size = array<i64: 2, 2>,
                       stride = array<i64: 2, 2>, padding = array<i64: 0, 0>}
         : tensor<8x34x34xf32> -> tensor<8x17x17xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, DenseI64ArrayAttr:$kernel_size,
                       DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding);
}

def SNN_SumPool2dOp : SNN_Pool2dOp<"sum_pool2d", "sum">;
def SNN_AvgPool2dOp : SNN_Pool2dOp<"avg_pool2d", "average">;

def SNN_FlattenOp : SNN_ProjectionOp<"flatten"> {
  let summary = "merge dimensions start_dim..end_dim (NIR Flatten, no batch)";
  let description = [{
    Dimensions count from 0 over the unbatched tensor; negative ones count
    from the end.

    ```mlir
    %y = snn.flatten %x {start_dim = 0 : i64, end_dim = -1 : i64}
         : tensor<8x4x4xf32> -> tensor<128xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input,
                       DefaultValuedAttr<I64Attr, "0">:$start_dim,
                       DefaultValuedAttr<I64Attr, "-1">:$end_dim);
  let hasFolder = 1;
}

def SNN_ThresholdOp : SNN_ProjectionOp<"threshold", [SameOperandsAndResultType]> {
  let summary = "z = 1 where x > threshold, else 0 (NIR Threshold)";
  let description = [{
    ```mlir
    %z = snn.threshold %x {threshold = 0.5 : f32} : tensor<4xf32> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Param:$threshold);
}

//===----------------------------------------------------------------------===//
// Populations (stateful)
//===----------------------------------------------------------------------===//

class SNN_StatefulOp<string mnemonic, list<Trait> traits = []>
    : SNN_InNetworkOp<mnemonic, traits # [SameOperandsAndResultType,
        DeclareOpInterfaceMethods<SNN_ShapeInferenceOpInterface>,
        DeclareOpInterfaceMethods<SNN_NeuronOpInterface>]> {
  let results = (outs SNN_Tensor:$out);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
}

defvar LIContinuous = (ins OptionalAttr<SNN_Param>:$tau,
                           OptionalAttr<SNN_Param>:$r,
                           OptionalAttr<SNN_Param>:$v_leak);
defvar LIDiscrete = (ins OptionalAttr<SNN_Param>:$decay,
                         OptionalAttr<SNN_Param>:$gain,
                         OptionalAttr<SNN_Param>:$bias);
defvar SynContinuous = (ins OptionalAttr<SNN_Param>:$tau_syn,
                            OptionalAttr<SNN_Param>:$w_in);
defvar SynDiscrete = (ins OptionalAttr<SNN_Param>:$syn_decay,
                          OptionalAttr<SNN_Param>:$syn_gain);
defvar SpikeParams = (ins SNN_Param:$v_threshold,
    OptionalAttr<SNN_Param>:$v_reset,
    DefaultValuedAttr<SNN_ResetModeAttr, "::spikec::snn::ResetMode::ToVReset">:$reset,
    DefaultValuedAttr<SNN_SpikeTimingAttr, "::spikec::snn::SpikeTiming::Post">:$timing,
    DefaultValuedAttr<ConfinedAttr<I64Attr, [IntNonNegative]>, "0">:$refractory);

defvar SpikeDoc = [{
    Spiking: with `timing = post` (the default, NIR's rule) a neuron spikes
    when this step's updated membrane exceeds `v_threshold`; with
    `timing = pre` the spike is decided on the previous step's membrane
    before the update, as snnTorch does. A spike resets the membrane to
    `v_reset` (default 0), subtracts `v_threshold`, or does nothing (`reset`).
    For `refractory` steps after a spike the membrane is held at its
    post-reset value and does not integrate; a synaptic current (cuba_lif)
    and an adaptation variable (alif) go on evolving, as on Loihi.

    Absent parameters take these values: continuous `r` 1, `v_leak` 0,
    `w_in` 1; per-step `gain` 1, `bias` 0, `syn_gain` 1.
}];

def SNN_IntegratorOp : SNN_StatefulOp<"integrator"> {
  let summary = "a perfect integrator, no spikes (NIR I)";
  let description = [{
    Continuous: `dv/dt = r x`. Discrete: `v' = v + gain x`, `gain = dt r`.
    The output is v.

    ```mlir
    %v = snn.integrator %x {r = 1.0 : f32} : tensor<4xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, OptionalAttr<SNN_Param>:$r,
                       OptionalAttr<SNN_Param>:$gain);
}

def SNN_LIOp : SNN_StatefulOp<"li"> {
  let summary = "a leaky integrator, no spikes (NIR LI)";
  let description = [{
    Continuous: `tau dv/dt = (v_leak - v) + r x`. Discrete:
    `v' = decay v + gain x + bias` with `decay = 1 - dt/tau`,
    `gain = dt r / tau`, `bias = dt v_leak / tau`. The output is v.

    ```mlir
    %v = snn.li %x {tau = 2.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32}
         : tensor<10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input), LIContinuous, LIDiscrete);
}

def SNN_LIFOp : SNN_StatefulOp<"lif"> {
  let summary = "leaky integrate-and-fire neurons (NIR LIF and its variants)";
  let description = [{
    Membrane as `snn.li`, then a spike decision and reset; the output is the
    spikes (0 or 1).
  }] # SpikeDoc # [{
    snnTorch's Leaky (`mem = beta mem + w x - spk thr`) is the discrete form
    with `decay = beta`, `gain = 1`, `reset = subtract`, `timing = pre`.

    ```mlir
    %s = snn.lif %x {tau = 1.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                     v_threshold = 1.0 : f32, reset = #snn<reset subtract>}
         : tensor<10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input), LIContinuous, LIDiscrete,
                       SpikeParams);
}

def SNN_IFOp : SNN_StatefulOp<"if"> {
  let summary = "integrate-and-fire neurons (NIR IF)";
  let description = [{
    Continuous: `dv/dt = r x`; discrete: `v' = v + gain x`, `gain = dt r`.
  }] # SpikeDoc # [{
    ```mlir
    %s = snn.if %x {r = 1.0 : f32, v_threshold = 1.0 : f32} : tensor<10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input, OptionalAttr<SNN_Param>:$r,
                            OptionalAttr<SNN_Param>:$gain), SpikeParams);
}

def SNN_CubaLIOp : SNN_StatefulOp<"cuba_li"> {
  let summary = "current-based leaky integrator, no spikes (NIR CubaLI)";
  let description = [{
    Continuous: `tau_syn dI/dt = -I + w_in x`,
    `tau_mem dv/dt = (v_leak - v) + r I`. Discrete, with the membrane driven
    by the previous step's current:
    `I' = syn_decay I + syn_gain x`, `v' = decay v + gain I + bias`, where
    `syn_decay = 1 - dt/tau_syn`, `syn_gain = dt w_in / tau_syn` and the
    membrane factors are those of `snn.li` with `tau = tau_mem`.

    ```mlir
    %v = snn.cuba_li %x {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32,
                         r = 1.0 : f32, v_leak = 0.0 : f32, w_in = 1.0 : f32}
         : tensor<10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input), SynContinuous, LIContinuous,
                       SynDiscrete, LIDiscrete);
}

def SNN_CubaLIFOp : SNN_StatefulOp<"cuba_lif"> {
  let summary = "current-based LIF neurons (NIR CubaLIF; Loihi's compartment)";
  let description = [{
    The synaptic current and membrane of `snn.cuba_li`, then spike and reset.
  }] # SpikeDoc # [{
    ```mlir
    %s = snn.cuba_lif %x {tau_syn = 5.0e-3 : f32, tau = 1.0e-2 : f32,
                          r = 1.0 : f32, v_leak = 0.0 : f32, w_in = 1.0 : f32,
                          v_threshold = 1.0 : f32} : tensor<10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input), SynContinuous, LIContinuous,
                       SynDiscrete, LIDiscrete, SpikeParams);
}

def SNN_AdaptiveLIFOp : SNN_StatefulOp<"alif"> {
  let summary = "adaptive-threshold LIF neurons (Bellec et al.'s ALIF)";
  let description = [{
    The membrane of `snn.lif` plus an adaptation variable a with
    `tau_adapt da/dt = -a` that jumps by 1 at each spike; the effective
    threshold is `v_threshold + adapt a`, using the previous step's a.
    Discrete: `a' = adapt_decay a + s`, `adapt_decay = 1 - dt/tau_adapt`.
    Subtract-reset subtracts the effective threshold.
  }] # SpikeDoc # [{
    ```mlir
    %s = snn.alif %x {tau = 2.0e-2 : f32, r = 1.0 : f32, v_leak = 0.0 : f32,
                      tau_adapt = 2.0e-1 : f32, adapt = 0.2 : f32,
                      v_threshold = 1.0 : f32} : tensor<10xf32>
    ```
  }];
  let arguments = !con((ins SNN_Tensor:$input), LIContinuous, LIDiscrete,
                       (ins OptionalAttr<SNN_Param>:$tau_adapt,
                            OptionalAttr<SNN_Param>:$adapt_decay,
                            SNN_Param:$adapt),
                       SpikeParams);
}

def SNN_IzhikevichOp : SNN_StatefulOp<"izhikevich"> {
  let summary = "Izhikevich neurons";
  let description = [{
    With time measured in units of `time_scale` seconds (1 ms by default):
    `dv/dt = 0.04 v^2 + 5 v + 140 - u + r x`, `du/dt = a (b v - u)`; when
    v reaches `v_peak` it spikes, `v = c`, `u = u + d`. The state starts at
    `v = c`, `u = b c`. Discretization only records the step
    `h = dt / time_scale`; both updates use the previous v and u.

    ```mlir
    %s = snn.izhikevich %x {a = 0.02 : f32, b = 0.2 : f32, c = -65.0 : f32,
                            d = 8.0 : f32} : tensor<10xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, SNN_Param:$a, SNN_Param:$b,
                       SNN_Param:$c, SNN_Param:$d, OptionalAttr<SNN_Param>:$r,
                       DefaultValuedAttr<F64Attr, "30.0">:$v_peak,
                       DefaultValuedAttr<F64Attr, "1.0e-3">:$time_scale,
                       OptionalAttr<F64Attr>:$h);
}

def SNN_DelayOp : SNN_StatefulOp<"delay"> {
  let summary = "y(t) = x(t - delay) (NIR Delay)";
  let description = [{
    `delay` is in seconds, per element; the discrete form holds whole
    `steps` (rounded to the nearest step).

    ```mlir
    %y = snn.delay %x {delay = 3.0e-3 : f32} : tensor<4xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, OptionalAttr<SNN_Param>:$delay,
                       OptionalAttr<DenseI64ArrayAttr>:$steps);
}

//===----------------------------------------------------------------------===//
// Input encoders
//===----------------------------------------------------------------------===//

def SNN_EncodeDirectOp : SNN_StatefulOp<"encode_direct"> {
  let summary = "present the input as a current (gain x)";
  let description = [{
    ```mlir
    %c = snn.encode_direct %x {gain = 1.0 : f64} : tensor<784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input,
                       DefaultValuedAttr<F64Attr, "1.0">:$gain);
}

def SNN_EncodeRateOp : SNN_StatefulOp<"encode_rate"> {
  let summary = "Bernoulli rate coding: spike with probability gain x";
  let description = [{
    Element i spikes at step t when `u(seed, t, i) < clamp(gain x, 0, 1)`,
    where u is a counter-based uniform random number (splitmix64 of the seed,
    step and index), so every run and every tool draws the same spikes.

    ```mlir
    %s = snn.encode_rate %x {gain = 1.0 : f64, seed = 7 : i64} : tensor<784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input,
                       DefaultValuedAttr<F64Attr, "1.0">:$gain,
                       DefaultValuedAttr<I64Attr, "0">:$seed);
}

def SNN_EncodeLatencyOp : SNN_StatefulOp<"encode_latency"> {
  let summary = "time-to-first-spike coding: larger values spike earlier";
  let description = [{
    Time is cut into windows of `window` steps. In each window element i
    spikes once, at offset `round((1 - clamp(x, 0, 1)) (window - 1))` (half
    away from zero), where x is its value at the window's first step, when
    that `x > threshold`; otherwise it stays silent for the window.

    ```mlir
    %s = snn.encode_latency %x {window = 20 : i64, threshold = 0.01 : f64}
         : tensor<784xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input,
                       ConfinedAttr<I64Attr, [IntPositive]>:$window,
                       DefaultValuedAttr<F64Attr, "0.0">:$threshold);
}

def SNN_EncodeDeltaOp : SNN_StatefulOp<"encode_delta"> {
  let summary = "delta modulation: spike when the input moved by a threshold";
  let description = [{
    Each element keeps a reference r (initially 0). When `x - r >= threshold`
    it emits +1 and sets r = x; when `off_spikes` is set and
    `r - x >= threshold` it emits -1 and sets r = x; otherwise 0.

    ```mlir
    %s = snn.encode_delta %x {threshold = 0.1 : f64, off_spikes = true}
         : tensor<64xf32>
    ```
  }];
  let arguments = (ins SNN_Tensor:$input, F64Attr:$threshold,
                       DefaultValuedAttr<BoolAttr, "false">:$off_spikes);
}

#endif // SPIKEC_DIALECT_SNN_SNNOPS_TD
