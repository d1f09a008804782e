//===- JSONModels.h - neuron models of the JSON network format --*- C++ -*-===//
//
// Which neuron models a JSON network's populations may name, the snn op each
// becomes and the parameters each takes (their form and range). Private to
// the JSON importer.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_IMPORT_JSONMODELS_H
#define SPIKEC_IMPORT_JSONMODELS_H

#include "JSONReading.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace spikec::jsonimport {

/// Which form of a model's parameters a parameter belongs to: continuous
/// time (tau, r, ...), per step (decay, gain, ...) or both.
enum class Form { Neutral, Continuous, Discrete };

struct ParamSpec {
  llvm::StringRef name; // the op's attribute name
  Form form;
  Range range;
};

struct ModelSpec {
  llvm::StringRef model;  // JSON name
  llvm::StringRef opName; // snn op
  bool spiking;
  /// Every parameter the model takes.
  llvm::SmallVector<ParamSpec> params;
  /// Key parameters of each form (one of the two sets must be complete).
  llvm::SmallVector<llvm::StringRef> continuousKeys, discreteKeys;
  /// Required whatever the form.
  llvm::SmallVector<llvm::StringRef> required;
};

/// The models, in the order error messages list them.
const std::vector<ModelSpec> &modelSpecs();

/// Other names accepted in "params" for the same parameter.
llvm::StringRef canonicalParam(llvm::StringRef name);

} // namespace spikec::jsonimport

#endif // SPIKEC_IMPORT_JSONMODELS_H
