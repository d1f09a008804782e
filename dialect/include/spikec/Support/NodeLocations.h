//===- NodeLocations.h - node names through printed IR ----------*- C++ -*-===//
//
// The node names live in NameLocs, so printed IR keeps them only with its
// locations. Printed, a name stands alone (`loc("lif1")`): the file it was
// first read from says nothing about the .mlir, and an absolute path would
// make the text depend on where it was written. Read back, the names are
// anchored to the .mlir, so diagnostics name that file.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_SUPPORT_NODELOCATIONS_H
#define SPIKEC_SUPPORT_NODELOCATIONS_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace spikec {

/// `loc` with every file position replaced by `file` (UnknownLoc to drop
/// them), names kept.
inline mlir::Location replaceFileLocations(mlir::Location loc,
                                           mlir::Location file) {
  if (auto name = llvm::dyn_cast<mlir::NameLoc>(loc))
    return mlir::NameLoc::get(name.getName(),
                              replaceFileLocations(name.getChildLoc(), file));
  if (auto fused = llvm::dyn_cast<mlir::FusedLoc>(loc)) {
    llvm::SmallVector<mlir::Location> inner;
    for (mlir::Location l : fused.getLocations())
      inner.push_back(replaceFileLocations(l, file));
    return mlir::FusedLoc::get(loc.getContext(), inner, fused.getMetadata());
  }
  if (llvm::isa<mlir::FileLineColLoc, mlir::UnknownLoc>(loc))
    return file;
  return loc;
}

/// Whether `loc` holds a file position anywhere.
inline bool hasFilePosition(mlir::Location loc) {
  if (auto name = llvm::dyn_cast<mlir::NameLoc>(loc))
    return hasFilePosition(name.getChildLoc());
  if (auto fused = llvm::dyn_cast<mlir::FusedLoc>(loc))
    return llvm::any_of(fused.getLocations(), hasFilePosition);
  return llvm::isa<mlir::FileLineColLoc>(loc);
}

/// Before printing: every location of `root` and the ops in it reduced to
/// its names (`loc("lif1")`, `loc(unknown)` where there is none).
inline void dropFileLocations(mlir::Operation *root) {
  mlir::Location unknown = mlir::UnknownLoc::get(root->getContext());
  root->walk([&](mlir::Operation *op) {
    op->setLoc(replaceFileLocations(op->getLoc(), unknown));
  });
}

/// After parsing `path`: the locations that dropFileLocations left without
/// a file point at `path` (line 0: the whole file), as the importers'
/// locations point at theirs. Positions the parser gave are kept.
inline void anchorLocations(mlir::Operation *root, llvm::StringRef path) {
  mlir::MLIRContext *ctx = root->getContext();
  mlir::Location file = mlir::FileLineColLoc::get(ctx, path, 0, 0);
  // A location with a position (the parser's, or one in another file that
  // IR printed with its provenance) stays as it is.
  root->walk([&](mlir::Operation *op) {
    if (!hasFilePosition(op->getLoc()))
      op->setLoc(replaceFileLocations(op->getLoc(), file));
  });
}

} // namespace spikec

#endif // SPIKEC_SUPPORT_NODELOCATIONS_H
