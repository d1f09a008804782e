//===- Import.cpp - choose an importer by the file's extension ------------===//

#include "spikec/Import/Import.h"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Import/HDF5Tree.h"
#include "spikec/Support/NodeLocations.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace mlir;

/// Reads a .mlir file; it must hold exactly one snn.network, nc.graph (a
/// network already quantized for a target) or nc.chip (mapped onto cores).
static OwningOpRef<ModuleOp> importMLIR(llvm::StringRef path,
                                        MLIRContext *ctx) {
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(path, ctx);
  if (!module)
    return nullptr;
  spikec::anchorLocations(*module, path);
  auto nets = module->getBody()->getOps<spikec::snn::NetworkOp>();
  auto graphs = module->getBody()->getOps<spikec::nc::GraphOp>();
  auto chips = module->getBody()->getOps<spikec::nc::ChipOp>();
  size_t count = std::distance(nets.begin(), nets.end());
  size_t graphCount = std::distance(graphs.begin(), graphs.end());
  size_t chipCount = std::distance(chips.begin(), chips.end());
  if (count + graphCount + chipCount == 1)
    return module;
  if (count != 1 || graphCount != 0 || chipCount != 0) {
    emitError(FileLineColLoc::get(ctx, path, 0, 0))
        << "expected exactly one snn.network (or one nc.graph or nc.chip), "
           "found "
        << count << " networks, " << graphCount << " graphs and "
        << chipCount << " chips";
    return nullptr;
  }
  return module;
}

/// An HDF5 format (NIR, netx): the file's tree, read in a child process,
/// then the format's importer on it.
template <typename ImportTree>
static OwningOpRef<ModuleOp> importHDF5(llvm::StringRef path, MLIRContext *ctx,
                                        const spikec::ImportOptions &options,
                                        ImportTree importTree) {
  auto read = spikec::readHDF5Tree(path.str(), options.hdf5CpuSeconds);
  if (auto *error = std::get_if<std::string>(&read)) {
    emitError(FileLineColLoc::get(ctx, path, 0, 0)) << *error;
    return nullptr;
  }
  return importTree(std::get<nlohmann::json>(read), path, ctx, options);
}

OwningOpRef<ModuleOp> spikec::importNIR(llvm::StringRef path, MLIRContext *ctx,
                                        const ImportOptions &options) {
  return importHDF5(path, ctx, options, importNIRTree);
}

OwningOpRef<ModuleOp> spikec::importNetX(llvm::StringRef path,
                                         MLIRContext *ctx,
                                         const ImportOptions &options) {
  return importHDF5(path, ctx, options, importNetXTree);
}

OwningOpRef<ModuleOp> spikec::importNetwork(llvm::StringRef path,
                                            MLIRContext *ctx,
                                            const ImportOptions &options) {
  ctx->loadDialect<snn::SNNDialect, nc::NCDialect>();
  Location fileLoc = FileLineColLoc::get(ctx, path, 0, 0);
  std::string ext = llvm::sys::path::extension(path).lower();
  if (ext != ".json" && ext != ".nir" && ext != ".mlir" &&
      ext != ".net") {
    emitError(fileLoc) << "unknown network format "
                       << (ext.empty() ? "(no extension)" : "'" + ext + "'")
                       << ": expected a .json, .nir, .mlir or .net (lava-dl netx) file";
    return nullptr;
  }
  if (!llvm::sys::fs::exists(path)) {
    emitError(fileLoc) << "no such file";
    return nullptr;
  }
  if (ext != ".net" &&
      (!options.netxInputBias.empty() || options.netxResetInterval)) {
    emitError(fileLoc) << "--netx-input-bias and --netx-reset-interval apply "
                          "to lava-dl netx (.net) files only";
    return nullptr;
  }
  if (ext == ".nir")
    return importNIR(path, ctx, options);
  if (ext == ".mlir")
    return importMLIR(path, ctx);
  if (ext == ".net")
    return importNetX(path, ctx, options);

  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    emitError(fileLoc) << "cannot read the file: "
                       << buffer.getError().message();
    return nullptr;
  }
  return importJSON((*buffer)->getBuffer(), path, ctx);
}
