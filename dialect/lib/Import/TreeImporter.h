//===- TreeImporter.h - What the NIR and netx importers share ---*- C++ -*-===//
//
// Both read the tree of an HDF5 file (HDF5Tree.h): the file is read in a
// child process, the tree checked whole, then walked by the format's
// importer, whose complaints (HDF5TreeError, a JSON type error) become one
// diagnostic at the file.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_IMPORT_TREEIMPORTER_H
#define SPIKEC_IMPORT_TREEIMPORTER_H

#include "spikec/Import/HDF5Tree.h"
#include "spikec/Import/Import.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

namespace spikec {

/// Runs `build` (returning the module) on `tree` once it is checked;
/// `format` names the format in the message for a malformed structure.
template <typename Build>
mlir::OwningOpRef<mlir::ModuleOp>
runTreeImporter(const nlohmann::json &tree, llvm::StringRef path,
                mlir::MLIRContext *ctx, llvm::StringRef format, Build build) {
  mlir::Location file = mlir::FileLineColLoc::get(ctx, path, 0, 0);
  if (std::string why = checkTree(tree); !why.empty()) {
    mlir::emitError(file) << why;
    return nullptr;
  }
  try {
    return build();
  } catch (const HDF5TreeError &e) {
    mlir::emitError(file) << e.message;
  } catch (const nlohmann::json::exception &e) {
    mlir::emitError(file) << "malformed " << format
                          << " structure: " << e.what();
  }
  return nullptr;
}

} // namespace spikec

#endif // SPIKEC_IMPORT_TREEIMPORTER_H
