//===- Chip.h - the chip arithmetics and their registry ---------*- C++ -*-===//
//
// A chip arithmetic (a description's "arithmetic": loihi, truenorth, ...) is
// one folder, targets/<chip>/, and one entry in the SPIKEC_CHIPS list of
// targets/CMakeLists.txt (docs/chips.md). This is what its MLIR-free part
// provides: its name, the nc models its cores run (each with its parameters,
// validation and population kernel) and the description fields it needs.
// The compiler's part (quantize backend, legalization) registers the same way
// in the passes layer (passes/lib/ChipCompiler.h).
//
// The registry is a table expanded from the generated Chips.def, one line per
// chip, not static initializers: a static library's unreferenced registrar
// would be dropped by the linker.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TARGET_CHIP_H
#define SPIKEC_TARGET_CHIP_H

#include "spikec/Target/ModelTable.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace spikec::target {
struct TargetDesc;

/// One chip arithmetic, below MLIR.
struct Chip {
  /// The description's "arithmetic" value.
  llvm::StringRef name;
  /// The nc.population models its cores run; a chip built on another may
  /// list that chip's model (loihi2 runs loihi's readout).
  llvm::ArrayRef<const nc::NCModel *> models;
  /// The description fields (JSON pointers) this arithmetic reads that the
  /// generic schema leaves optional and `desc` lacks; null when none.
  std::vector<std::string> (*missingFields)(const TargetDesc &desc) = nullptr;
};

// get<Name>Chip() of each chip, defined in its folder.
#define SPIKEC_CHIP(Name) const Chip &get##Name##Chip();
#include "spikec/Target/Chips.def"

/// Every registered chip, in the order of SPIKEC_CHIPS.
llvm::ArrayRef<const Chip *> allChips();
/// The chip whose arithmetic is `name`, or null.
const Chip *lookupChip(llvm::StringRef name);
/// The chips' names, in registry order.
std::vector<std::string> chipNames();

} // namespace spikec::target

#endif // SPIKEC_TARGET_CHIP_H
