//===- SNNInterfaces.td - snn op interfaces ----------------*- tablegen -*-===//
//
// Interfaces shared by the ops of the snn dialect.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_DIALECT_SNN_SNNINTERFACES_TD
#define SPIKEC_DIALECT_SNN_SNNINTERFACES_TD

include "mlir/IR/OpBase.td"

def SNN_ShapeInferenceOpInterface : OpInterface<"ShapeInferenceOpInterface"> {
  let description = [{
    An op whose result shape follows from its operand shapes and attributes.
    `snn-infer-shapes` calls `inferResultType` until no type changes.
  }];
  let cppNamespace = "::spikec::snn";
  let methods = [
    InterfaceMethod<[{
        Returns the result type implied by the operands, or a null type when
        an operand shape is not known yet. Emits an error and fails when the
        operands cannot be combined.
      }],
      "::mlir::FailureOr<::mlir::Type>", "inferResultType">,
  ];
}

def SNN_NeuronOpInterface : OpInterface<"NeuronOpInterface"> {
  let description = [{
    A neuron population: an op with state carried from one timestep to the
    next. Its parameters come in a continuous-time form (time constants in
    seconds, as NIR stores them) or in a discrete form (per-step factors);
    `snn-discretize` turns the first into the second for a given dt.
  }];
  let cppNamespace = "::spikec::snn";
  let methods = [
    InterfaceMethod<"Whether the parameters are in per-timestep form.",
      "bool", "isDiscrete">,
    InterfaceMethod<[{
        Rewrites continuous-time parameters into per-timestep factors by the
        forward-Euler rule of DESIGN.md section 3. A no-op when already
        discrete.
      }],
      "::mlir::LogicalResult", "discretize", (ins "double":$dt)>,
    InterfaceMethod<"Names of the state variables a probe can read.",
      "::llvm::SmallVector<::llvm::StringRef>", "getStateNames">,
    InterfaceMethod<"Whether the population emits spikes (0/1 outputs).",
      "bool", "isSpiking">,
  ];
}

#endif // SPIKEC_DIALECT_SNN_SNNINTERFACES_TD
