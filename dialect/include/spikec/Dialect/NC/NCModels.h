//===- NCModels.h - the fixed-point models of nc.population -----*- C++ -*-===//
//
// The model table (spikec/Target/ModelTable.h) read from nc attributes: a
// population's (or core's) parameter values from its params dictionary, and
// the check the nc verifier runs on them.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_DIALECT_NC_NCMODELS_H
#define SPIKEC_DIALECT_NC_NCMODELS_H

#include "spikec/Target/ModelTable.h"

#include "mlir/IR/BuiltinAttributes.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace spikec::nc {

/// Parameter `name` of n neurons from an nc params dictionary: an integer
/// (the same for all) or an i32 dense_resource of n values; nullopt when it
/// is absent, of another kind, or its blob is missing or of another size.
std::optional<std::vector<int32_t>> readModelParam(mlir::DictionaryAttr params,
                                                   llvm::StringRef name,
                                                   int64_t n);
/// Checks the params dictionary of n neurons of `model` (nc.population,
/// nc.core): every parameter present, known, of n values and in the
/// model's ranges. "" or the problem.
std::string checkModelParams(llvm::StringRef model, mlir::DictionaryAttr params,
                             int64_t n);

} // namespace spikec::nc

#endif // SPIKEC_DIALECT_NC_NCMODELS_H
