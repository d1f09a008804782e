//===- SpikeFiles.cpp - spike files for MLIR tools ------------------------===//

#include "spikec/IO/SpikeFiles.h"

#include "mlir/IR/Diagnostics.h"

using namespace mlir;
using namespace spikec;
using namespace spikec::io;

namespace {
/// A SpikeFileIO.h result as MLIR's: its value, or failure.
template <typename T> FailureOr<T> orFailure(std::optional<T> result) {
  if (!result)
    return failure();
  return std::move(*result);
}
} // namespace

std::function<void(const FileDiagnostic &)>
spikec::io::diagnoseTo(MLIRContext *ctx) {
  return [ctx](const FileDiagnostic &d) {
    Location loc =
        d.file ? Location(FileLineColLoc::get(ctx, *d.file, d.line, d.column))
               : Location(UnknownLoc::get(ctx));
    emitError(loc) << d.message;
  };
}

std::vector<InputSpec> spikec::io::getInputSpecs(snn::NetworkOp net) {
  std::vector<InputSpec> specs;
  for (auto in : net.getBodyBlock().getOps<snn::InputOp>()) {
    InputSpec spec;
    spec.name = in.getName().str();
    if (auto type = llvm::dyn_cast<RankedTensorType>(in.getType()))
      spec.shape.assign(type.getShape().begin(), type.getShape().end());
    specs.push_back(std::move(spec));
  }
  return specs;
}

std::vector<InputSpec> spikec::io::getInputSpecs(nc::GraphOp graph) {
  std::vector<InputSpec> specs;
  for (auto in : graph.getBodyBlock().getOps<nc::InputOp>()) {
    InputSpec spec;
    spec.name = in.getName().str();
    auto type = llvm::cast<RankedTensorType>(in.getType());
    if (auto shape = in.getShape())
      spec.shape.assign(shape->begin(), shape->end());
    else
      spec.shape.assign(type.getShape().begin(), type.getShape().end());
    specs.push_back(std::move(spec));
  }
  return specs;
}

FailureOr<ref::InputRows> spikec::io::readInputFile(llvm::StringRef path,
                                                    ArrayRef<InputSpec> inputs,
                                                    MLIRContext *ctx) {
  return orFailure(readInputFile(path, inputs, diagnoseTo(ctx)));
}

FailureOr<ref::InputRows>
spikec::io::readInputArgs(ArrayRef<std::string> args,
                          ArrayRef<InputSpec> inputs, MLIRContext *ctx,
                          std::map<std::string, std::string> *fileOf) {
  return orFailure(readInputArgs(args, inputs, diagnoseTo(ctx), fileOf));
}

FailureOr<ref::Rows> spikec::io::readInputRows(llvm::StringRef path,
                                               const InputSpec &input,
                                               MLIRContext *ctx) {
  return orFailure(readInputRows(path, input, diagnoseTo(ctx)));
}

FailureOr<ref::InputRows> spikec::io::parseInputJSON(llvm::StringRef text,
                                                     llvm::StringRef path,
                                                     ArrayRef<InputSpec> inputs,
                                                     MLIRContext *ctx) {
  return orFailure(parseInputJSON(text, path, inputs, diagnoseTo(ctx)));
}

FailureOr<NpyArray> spikec::io::readNpyArray(llvm::StringRef path,
                                             MLIRContext *ctx) {
  return orFailure(readNpyArray(path, diagnoseTo(ctx)));
}

FailureOr<ref::Rows> spikec::io::parseNpy(llvm::StringRef bytes,
                                          llvm::StringRef path,
                                          const InputSpec &input,
                                          MLIRContext *ctx) {
  return orFailure(parseNpy(bytes, path, input, diagnoseTo(ctx)));
}

LogicalResult spikec::io::writeTrace(llvm::StringRef path,
                                     const ref::Trace &trace,
                                     MLIRContext *ctx) {
  return success(writeTrace(path, trace, diagnoseTo(ctx)));
}
