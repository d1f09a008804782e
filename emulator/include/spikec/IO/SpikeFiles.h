//===- SpikeFiles.h - spike files for MLIR tools ----------------*- C++ -*-===//
//
// The spike files of SpikeFileIO.h with their errors reported through an
// MLIR context's diagnostic handler (located at the file, and line and
// column for JSON syntax errors), and the inputs of snn networks and nc
// graphs. The adaptor above the dialects; the emulator and spikec-cosim use
// SpikeFileIO.h alone.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_IO_SPIKEFILES_H
#define SPIKEC_IO_SPIKEFILES_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/IO/SpikeFileIO.h"

#include "mlir/IR/MLIRContext.h"

#include <functional>

namespace spikec::io {

/// The inputs of `net`, in the order of their snn.input ops.
std::vector<InputSpec> getInputSpecs(snn::NetworkOp net);
/// The inputs of a quantized graph, in the order of their nc.input ops.
std::vector<InputSpec> getInputSpecs(nc::GraphOp graph);

/// A handler that emits each problem as an error on `ctx`: at the file
/// (FileLineColLoc), or unknown for the arguments as a whole.
std::function<void(const FileDiagnostic &)> diagnoseTo(mlir::MLIRContext *ctx);

// SpikeFileIO.h's readers and writer, errors on `ctx`.
mlir::FailureOr<ref::InputRows> readInputFile(llvm::StringRef path,
                                              llvm::ArrayRef<InputSpec> inputs,
                                              mlir::MLIRContext *ctx);
mlir::FailureOr<ref::InputRows>
readInputArgs(llvm::ArrayRef<std::string> args,
              llvm::ArrayRef<InputSpec> inputs, mlir::MLIRContext *ctx,
              std::map<std::string, std::string> *fileOf = nullptr);
mlir::FailureOr<ref::Rows> readInputRows(llvm::StringRef path,
                                         const InputSpec &input,
                                         mlir::MLIRContext *ctx);
mlir::FailureOr<ref::InputRows> parseInputJSON(llvm::StringRef text,
                                               llvm::StringRef path,
                                               llvm::ArrayRef<InputSpec> inputs,
                                               mlir::MLIRContext *ctx);
mlir::FailureOr<NpyArray> readNpyArray(llvm::StringRef path,
                                       mlir::MLIRContext *ctx);
mlir::FailureOr<ref::Rows> parseNpy(llvm::StringRef bytes, llvm::StringRef path,
                                    const InputSpec &input,
                                    mlir::MLIRContext *ctx);
mlir::LogicalResult writeTrace(llvm::StringRef path, const ref::Trace &trace,
                               mlir::MLIRContext *ctx);

} // namespace spikec::io

#endif // SPIKEC_IO_SPIKEFILES_H
