//===- NCModels.cpp - the fixed-point models of nc.population -------------===//

#include "spikec/Dialect/NC/NCModels.h"

#include "llvm/ADT/STLExtras.h"

using namespace spikec;
using namespace spikec::nc;

std::optional<std::vector<int32_t>>
spikec::nc::readModelParam(mlir::DictionaryAttr params, llvm::StringRef name,
                           int64_t n) {
  mlir::Attribute attr = params.get(name);
  if (auto i = llvm::dyn_cast_or_null<mlir::IntegerAttr>(attr))
    return std::vector<int32_t>(n, int32_t(i.getInt()));
  if (auto blob =
          llvm::dyn_cast_or_null<mlir::DenseI32ResourceElementsAttr>(attr)) {
    auto data = blob.tryGetAsArrayRef();
    if (!data || int64_t(data->size()) != n)
      return std::nullopt;
    return std::vector<int32_t>(data->begin(), data->end());
  }
  return std::nullopt;
}

std::string spikec::nc::checkModelParams(llvm::StringRef modelName,
                                         mlir::DictionaryAttr params,
                                         int64_t n) {
  const NCModel *model = lookupNCModel(modelName);
  if (!model)
    return "model '" + modelName.str() + "' has no nc form (known: " +
           knownNCModels() + ")";
  llvm::ArrayRef<llvm::StringRef> names = model->params;
  for (mlir::NamedAttribute entry : params)
    if (!llvm::is_contained(names, entry.getName().getValue()))
      return "model '" + modelName.str() + "' has no parameter '" +
             entry.getName().getValue().str() + "'";
  std::vector<std::vector<int32_t>> values;
  for (llvm::StringRef name : names) {
    mlir::Attribute attr = params.get(name);
    if (!attr)
      return "is missing parameter '" + name.str() + "'";
    if (!llvm::isa<mlir::IntegerAttr, mlir::DenseI32ResourceElementsAttr>(attr))
      return "parameter '" + name.str() +
             "' must be an integer or an i32 dense_resource";
    auto v = readModelParam(params, name, n);
    if (!v)
      return "parameter '" + name.str() + "' needs " + std::to_string(n) +
             " values (one per neuron)";
    values.push_back(std::move(*v));
  }
  std::vector<int64_t> neuron(names.size());
  for (int64_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < names.size(); ++k)
      neuron[k] = values[k][i];
    std::string why = model->validate(neuron);
    if (!why.empty())
      return "neuron " + std::to_string(i) + ": " + why;
  }
  return "";
}
