//===- Import.h - networks from files into the snn dialect ------*- C++ -*-===//
#ifndef SPIKEC_IMPORT_IMPORT_H
#define SPIKEC_IMPORT_IMPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <nlohmann/json_fwd.hpp>

namespace spikec {

/// Options shared by every importer.
struct ImportOptions {
  /// NIR: the export used the "discrete" convention (parameters are per-step
  /// factors already, dt folded in) rather than continuous time.
  bool nirDiscrete = false;
  /// The timestep the discrete convention's per-step constants are scaled by,
  /// and against which time constants are checked for plausibility.
  double dt = 1.0e-4;
  /// NIR stores no reset mode: the populations reset by subtraction instead
  /// of to v_reset (snnTorch's and Sinabs' default).
  bool nirSubtractReset = false;
  /// CPU seconds the HDF5 reader may take before the file is called corrupt;
  /// 0: by the file's size (readHDF5Tree).
  unsigned hdf5CpuSeconds = 0;
  /// lava-dl netx: an .npy file with the per-neuron bias mantissas of the
  /// input layer, in Lava's (x, y, channel) order (what a Lava user assigns
  /// to `net.in_layer.neuron.bias_mant`). Empty: the input layer has none.
  std::string netxInputBias;
  /// lava-dl netx: reset_interval of Lava's hdf5.Network (0: no reset) and
  /// its reset_offset; neuron layer k (counted from 0, the input layer
  /// included) zeroes its state at every step t (counted from 1) with
  /// t % interval == (offset + 1 + k) % interval.
  int64_t netxResetInterval = 0;
  int64_t netxResetOffset = 0;
};

/// Reads a network from a .json description (docs/network-json.md), a .nir
/// HDF5 file, .mlir text or a lava-dl netx .net file, choosing by the file's
/// extension. The result is a verified module holding one snn.network (a
/// .net file: one nc.graph for loihi). Errors are reported through
/// the context's diagnostic handler with the file and the place in it.
mlir::OwningOpRef<mlir::ModuleOp> importNetwork(llvm::StringRef path,
                                                mlir::MLIRContext *ctx,
                                                const ImportOptions &options);

/// The JSON importer on a buffer already read; `path` names it in errors.
mlir::OwningOpRef<mlir::ModuleOp> importJSON(llvm::StringRef text,
                                             llvm::StringRef path,
                                             mlir::MLIRContext *ctx);

/// The NIR importer.
mlir::OwningOpRef<mlir::ModuleOp> importNIR(llvm::StringRef path,
                                            mlir::MLIRContext *ctx,
                                            const ImportOptions &options);

/// The lava-dl netx importer (.net HDF5): the result holds one nc.graph for
/// the loihi target, not an snn.network (netx's CUBA neurons are Loihi
/// compartments in Loihi's integers already).
mlir::OwningOpRef<mlir::ModuleOp> importNetX(llvm::StringRef path,
                                             mlir::MLIRContext *ctx,
                                             const ImportOptions &options);

/// The NIR and netx importers on a tree readHDF5Tree (HDF5Tree.h) has
/// already read; `path` names it in errors. The fuzz harnesses feed them
/// trees directly.
mlir::OwningOpRef<mlir::ModuleOp> importNIRTree(const nlohmann::json &tree,
                                                llvm::StringRef path,
                                                mlir::MLIRContext *ctx,
                                                const ImportOptions &options);
mlir::OwningOpRef<mlir::ModuleOp> importNetXTree(const nlohmann::json &tree,
                                                 llvm::StringRef path,
                                                 mlir::MLIRContext *ctx,
                                                 const ImportOptions &options);

} // namespace spikec

#endif // SPIKEC_IMPORT_IMPORT_H
