//===- NCOps.td - the nc dialect ---------------------------*- tablegen -*-===//
//
// The network as a chip computes it: integer synapse tables and populations
// in a target's fixed-point neuron model. snn-quantize lowers a discretized
// snn.network to an nc.graph; legalization, partitioning and placement work
// on it; the quantized reference simulator, the emulator and the RTL execute
// what it describes, bit for bit alike. See DESIGN.md sections 2-5 and
// targets/MODELS.md.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_DIALECT_NC_NCOPS_TD
#define SPIKEC_DIALECT_NC_NCOPS_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

def NC_Dialect : Dialect {
  let name = "nc";
  let cppNamespace = "::spikec::nc";
  let summary = "A spiking network in a chip's integer arithmetic";
  let description = [{
    Values are one timestep's integer tensors: spikes (0/1) or activations
    out of populations and inputs, dendritic sums out of synapse tables.
    Timing is the hardware convention: every edge out of an input or a
    population delivers one step later (an output reads the step's own
    spikes), and a synapse table may add a further delay.
  }];
  let extraClassDeclaration = [{
    /// The target descriptions this context has loaded (NCTarget.h).
    TargetCache &getTargetCache() { return *targetCache; }

  private:
    std::shared_ptr<TargetCache> targetCache;
  }];
}

class NC_Op<string mnemonic, list<Trait> traits = []>
    : Op<NC_Dialect, mnemonic, traits>;

def NC_Tensor : TensorOf<[I32]>;

def NC_IndexBlob : Attr<
    CPred<"::llvm::isa<::mlir::DenseI32ResourceElementsAttr>($_self)">,
    "i32 dense_resource tensor"> {
  let storageType = "::mlir::DenseI32ResourceElementsAttr";
  let returnType = "::mlir::DenseI32ResourceElementsAttr";
  let convertFromStorage = "$_self";
}

def NC_GraphOp : NC_Op<"graph", [
    Symbol, SingleBlock, NoTerminator, IsolatedFromAbove,
    DeclareOpInterfaceMethods<RegionKindInterface>]> {
  let summary = "a network quantized for one target";
  let description = [{
    `target` names the target description and `target_hash` is its content
    hash (targets/README.md), so a later stage can refuse a graph made for
    another chip. `dt` is the timestep of the snn network it came from.

    ```mlir
    nc.graph @mlp target("loihi", "0x1234abcd") attributes {dt = 1.0e-3 : f64} {
      %x = nc.input "x" : tensor<4xi32>
      ...
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$target,
                       StrAttr:$target_hash, OptionalAttr<F64Attr>:$dt);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `target` `(` $target `,` $target_hash `)`
    attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name,
                                 "::llvm::StringRef":$target,
                                 "::llvm::StringRef":$targetHash)>];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
  }];
}

class NC_InGraphOp<string mnemonic, list<Trait> traits = []>
    : NC_Op<mnemonic, traits # [HasParent<"GraphOp">]>;

def NC_InputOp : NC_InGraphOp<"input", [Pure]> {
  let summary = "spikes (or activations) arriving from the host";
  let description = [{
    An optional `encoder` says how the host turns the float input file into
    events, with the snn encoder's attributes: `{kind = "rate", gain, seed}`,
    `{kind = "latency", window, threshold}`, `{kind = "delta", threshold,
    off_spikes}`. Without one the input file holds the events themselves.
    An optional `shape` keeps the network input's dimensions (the tensor is
    their row-major flattening), so that input files may nest each row in it.

    ```mlir
    %x = nc.input "pixels" {encoder = {kind = "rate", gain = 1.0 : f64, seed = 7 : i64}} : tensor<784xi32>
    ```
  }];
  let arguments = (ins StrAttr:$name, OptionalAttr<DictionaryAttr>:$encoder,
                       OptionalAttr<DenseI64ArrayAttr>:$shape);
  let results = (outs NC_Tensor:$out);
  let assemblyFormat = "$name attr-dict `:` type($out)";
  let hasVerifier = 1;
}

def NC_OutputOp : NC_InGraphOp<"output"> {
  let summary = "the events read out every timestep";
  let description = [{
    ```mlir
    nc.output %s as "classes" : tensor<10xi32>
    ```
  }];
  let arguments = (ins NC_Tensor:$input, StrAttr:$name);
  let assemblyFormat = "$input `as` $name attr-dict `:` type($input)";
}

def NC_SynapsesOp : NC_InGraphOp<"synapses", [Pure]> {
  let summary = "a synapse table: integer weights from pre to post neurons";
  let description = [{
    Compressed by presynaptic neuron: the synapses of pre neuron p are
    `offsets[p] .. offsets[p+1]`, each with a post neuron `targets[k]` and a
    signed `weights[k]` of `weight_bits` bits. Per step, the dendritic sum of
    post neuron j is `(sum over k with targets[k] = j of in[pre(k)] *
    weights[k])`, scaled by `2^weight_exp` as the target does it (Loihi:
    on the whole sum, a floor shift when negative), and delivered `delay`
    steps later than the edge's own timing.

    `axon_types` (TrueNorth, after nc-legalize-truenorth) gives each
    synapse the type G in [0, 3] of the axon through which it reaches its
    post neuron: the chip's crossbar is binary and a post neuron j adds its
    own weight s_j[G] (the population's `weight<G>` parameter) for an
    active axon. One presynaptic neuron may reach several neurons through
    copies of different types. The stored weights stay the numbers added,
    so the sum above is unchanged; the verifier checks that every weights[k]
    equals the `weight<G>` of its post neuron in each truenorth population
    the table feeds (directly or through nc.sum), and that weight_exp is 0.
    targets/MODELS.md, "Legalizing for truenorth", has the rules.

    ```mlir
    %a = nc.synapses %x {offsets = dense_resource<o> : tensor<5xi32>,
                         targets = dense_resource<t> : tensor<8xi32>,
                         weights = dense_resource<w> : tensor<8xi32>,
                         weight_bits = 8 : i64, weight_exp = 0 : i64}
         : tensor<4xi32> -> tensor<2xi32>
    ```
  }];
  let arguments = (ins NC_Tensor:$input, NC_IndexBlob:$offsets,
                       NC_IndexBlob:$targets, NC_IndexBlob:$weights,
                       I64Attr:$weight_bits,
                       DefaultValuedAttr<I64Attr, "0">:$weight_exp,
                       DefaultValuedAttr<ConfinedAttr<I64Attr, [IntNonNegative]>,
                                         "0">:$delay,
                       OptionalAttr<NC_IndexBlob>:$axon_types);
  let results = (outs NC_Tensor:$out);
  let assemblyFormat =
      "$input attr-dict `:` type($input) `->` type($out)";
  let hasVerifier = 1;
  // A table without axon types, as every target but truenorth makes it.
  let builders = [
    OpBuilder<(ins "::mlir::Type":$out, "::mlir::Value":$input,
                   "::mlir::DenseI32ResourceElementsAttr":$offsets,
                   "::mlir::DenseI32ResourceElementsAttr":$targets,
                   "::mlir::DenseI32ResourceElementsAttr":$weights,
                   "::mlir::IntegerAttr":$weight_bits,
                   "::mlir::IntegerAttr":$weight_exp,
                   CArg<"::mlir::IntegerAttr", "{}">:$delay), [{
      build($_builder, $_state, out, input, offsets, targets, weights,
            weight_bits, weight_exp, delay,
            ::mlir::DenseI32ResourceElementsAttr());
    }]>];
  let extraClassDeclaration = [{
    int64_t getNumSynapses() { return getTargets().getType().getNumElements(); }
  }];
}

def NC_SumOp : NC_InGraphOp<"sum", [Pure, SameOperandsAndResultType]> {
  let summary = "the dendritic sums of several synapse tables added";
  let description = [{
    ```mlir
    %s = nc.sum %ff, %rec : tensor<38xi32>
    ```
  }];
  let arguments = (ins Variadic<NC_Tensor>:$inputs);
  let results = (outs NC_Tensor:$out);
  let assemblyFormat = "$inputs attr-dict `:` type($out)";
}

def NC_PopulationOp : NC_InGraphOp<"population", [SameOperandsAndResultType]> {
  let summary = "neurons in a target's fixed-point model";
  let description = [{
    `model` names the fixed-point model of targets/MODELS.md ("loihi",
    "truenorth", "akida"); `params` holds that model's parameters by name,
    each an integer (the same for every neuron) or an i32 dense_resource
    with one value per neuron. The verifier checks every neuron against the
    model's ranges. The input is the dendritic sum, the output the spikes.

    ```mlir
    %s = nc.population %a {model = "loihi",
                           params = {du = 4095 : i64, dv = 410 : i64,
                                     vth_mant = 100 : i64, bias_mant = 0 : i64,
                                     bias_exp = 0 : i64, refractory_delay = 0 : i64}}
         : tensor<2xi32>
    ```

    An optional `state_reset = array<i64: period, phase>` zeroes the state
    of every neuron (u, v and the refractory count) at the start of each
    step t (counted from 0) with t % period == phase, before that step's
    update: lava-dl netx's reset_interval (Lava's LIFReset), which a
    network run on a stream of samples uses. Only the quantized reference
    runs it; mapping a graph with it onto cores is refused.
  }];
  let arguments = (ins NC_Tensor:$input, StrAttr:$model,
                       DictionaryAttr:$params,
                       OptionalAttr<DenseI64ArrayAttr>:$state_reset);
  let results = (outs NC_Tensor:$out);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
  // A population without a reset schedule, as every target makes it.
  let builders = [
    OpBuilder<(ins "::mlir::Type":$out, "::mlir::Value":$input,
                   "::llvm::StringRef":$model,
                   "::mlir::DictionaryAttr":$params), [{
      build($_builder, $_state, out, input, model, params,
            ::mlir::DenseI64ArrayAttr());
    }]>];
  let extraClassDeclaration = [{
    int64_t getSize() {
      return ::llvm::cast<::mlir::RankedTensorType>(getType()).getNumElements();
    }
    /// Parameter `name` of every neuron, broadcast from a scalar; nullopt
    /// when it is absent or its blob is missing.
    std::optional<std::vector<int32_t>> getParam(::llvm::StringRef name);
  }];
}

//===----------------------------------------------------------------------===//
// The chip as configured: cores, routes, ports
//===----------------------------------------------------------------------===//

def NC_I32Array : Attr<
    CPred<"::llvm::isa<::mlir::DenseI32ArrayAttr>($_self)">,
    "i32 array"> {
  let storageType = "::mlir::DenseI32ArrayAttr";
  let returnType = "::llvm::ArrayRef<int32_t>";
  let convertFromStorage = "$_self.asArrayRef()";
}

def NC_ChipOp : NC_Op<"chip", [
    Symbol, SingleBlock, NoTerminator, IsolatedFromAbove]> {
  let summary = "a network mapped onto a chip's cores, ready for the image";
  let description = [{
    What nc-route makes of a partitioned, placed nc.graph and what the
    image writer reads (DESIGN.md sections 5 and 6): `nc.core` ops (one per
    core, ids 0..N-1 in order), `nc.in` and `nc.out` ports. `mesh` is the
    target's [width, height, cores_per_tile]; `limits` holds its per-core
    limits (neurons, input_axons, output_axons, synapse_memory_bits,
    max_fan_in, max_fan_out), so the verifier checks every core against the
    chip without reading the target file.

    ```mlir
    nc.chip @mlp target("loihi", "1a2b3c4d5e6f7a8b") mesh [8, 4, 4]
        limits {neurons = 1024, input_axons = 4096, output_axons = 4096,
                synapse_memory_bits = 1048576, max_fan_in = 4096,
                max_fan_out = 4096} attributes {dt = 1.0e-3 : f64} {
      nc.core 0 at [0, 0, 0] model "loihi" neurons 2 {...}
      nc.in "x" width 4 {...}
      nc.out "y" width 2 {...}
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$target,
                       StrAttr:$target_hash, DenseI64ArrayAttr:$mesh,
                       DictionaryAttr:$limits, OptionalAttr<F64Attr>:$dt);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `target` `(` $target `,` $target_hash `)` `mesh` $mesh
    `limits` $limits attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name,
                                 "::llvm::StringRef":$target,
                                 "::llvm::StringRef":$targetHash,
                                 "::llvm::ArrayRef<int64_t>":$mesh,
                                 "::mlir::DictionaryAttr":$limits)>];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    /// limits.<name>, or nullopt when absent.
    std::optional<int64_t> getLimit(::llvm::StringRef name);
  }];
}

class NC_InChipOp<string mnemonic, list<Trait> traits = []>
    : NC_Op<mnemonic, traits # [HasParent<"ChipOp">]>;

def NC_CoreOp : NC_InChipOp<"core"> {
  let summary = "one core: its neurons, input axons, synapses and routes";
  let description = [{
    Core `id` (its index among the chip's cores) at mesh `position`
    [x, y, slot], holding `neurons` neurons of one fixed-point `model` with
    `params` as nc.population has them. Input axons belong to dendrite
    groups (one per nc.synapses table the core receives): group g has
    weights of `group_bits[g]` bits, exponent `group_exp[g]` and extra delay
    `group_delay[g]`; a neuron's dendritic sum is the sum over groups of the
    group's scaled sum, as nc.sum of nc.synapses computes it. Axon a is in
    group `axon_group[a]`; its synapses are `axon_offsets[a] ..
    axon_offsets[a+1]` into `syn_target` (neuron) and `syn_weight` (and
    `syn_axon_type` for TrueNorth). Neuron n's spikes go to the (core, axon)
    pairs `route_offsets[n] .. route_offsets[n+1]` of `route_core` and
    `route_axon`. The arrays are i32 dense_resource blobs.
  }];
  let arguments = (ins I64Attr:$id, DenseI64ArrayAttr:$position,
                       StrAttr:$model, I64Attr:$neurons,
                       DictionaryAttr:$params,
                       NC_I32Array:$group_bits, NC_I32Array:$group_exp,
                       NC_I32Array:$group_delay,
                       NC_IndexBlob:$axon_group, NC_IndexBlob:$axon_offsets,
                       NC_IndexBlob:$syn_target, NC_IndexBlob:$syn_weight,
                       OptionalAttr<NC_IndexBlob>:$syn_axon_type,
                       NC_IndexBlob:$route_offsets, NC_IndexBlob:$route_core,
                       NC_IndexBlob:$route_axon);
  let assemblyFormat = [{
    $id `at` $position `model` $model `neurons` $neurons attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    int64_t getNumAxons() {
      return getAxonGroup().getType().getNumElements();
    }
  }];
}

def NC_InOp : NC_InChipOp<"in"> {
  let summary = "a port from the host: where each input element's events go";
  let description = [{
    Element e of input `name` (with nc.input's optional `encoder`) sends its
    events to the (core, axon) pairs `offsets[e] .. offsets[e+1]` of
    `dest_core` and `dest_axon`. `shape` is nc.input's.
  }];
  let arguments = (ins StrAttr:$name, I64Attr:$width,
                       OptionalAttr<DictionaryAttr>:$encoder,
                       NC_IndexBlob:$offsets, NC_IndexBlob:$dest_core,
                       NC_IndexBlob:$dest_axon,
                       OptionalAttr<DenseI64ArrayAttr>:$shape);
  let assemblyFormat = "$name `width` $width attr-dict";
}

def NC_OutOp : NC_InChipOp<"out"> {
  let summary = "a port to the host: which neuron each output element reads";
  let description = [{
    Element e of output `name` reads, every step, the events of neuron
    `src_neuron[e]` of core `src_core[e]`.
  }];
  let arguments = (ins StrAttr:$name, I64Attr:$width, NC_IndexBlob:$src_core,
                       NC_IndexBlob:$src_neuron);
  let assemblyFormat = "$name `width` $width attr-dict";
}

#endif // SPIKEC_DIALECT_NC_NCOPS_TD
