//===- JSONImporter.h - the JSON network importer's state -------*- C++ -*-===//
//
// The importer that builds one snn.network from a JSON network description
// (docs/network-json.md): the nodes read so far and the names in use. Its
// members are defined in JSONImport.cpp (the network, inputs, populations
// and outputs) and JSONProjections.cpp (the projections' ops). Private to
// the importer.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_IMPORT_JSONIMPORTER_H
#define SPIKEC_IMPORT_JSONIMPORTER_H

#include "JSONReading.h"

#include "spikec/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringMap.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace spikec::jsonimport {

class JSONImporter {
public:
  JSONImporter(mlir::MLIRContext *ctx, llvm::StringRef path)
      : ctx(ctx), path(path), builder(ctx),
        fileLoc(mlir::FileLineColLoc::get(ctx, path, 0, 0)) {}

  mlir::OwningOpRef<mlir::ModuleOp> run(const json &root);

private:
  /// Something projections read from and outputs show: an input (through
  /// its encoder, if any) or a population.
  struct Node {
    std::string pointer;
    mlir::Value value;
    llvm::SmallVector<int64_t> shape;
    mlir::Operation *population = nullptr; // null for inputs
    bool used = false;
    llvm::SmallVector<mlir::Value> incoming;
  };

  mlir::Location nodeLoc(llvm::StringRef name) {
    return mlir::NameLoc::get(mlir::StringAttr::get(ctx, name), fileLoc);
  }
  mlir::RankedTensorType tensorType(llvm::ArrayRef<int64_t> shape) {
    return mlir::RankedTensorType::get(shape, mlir::Float32Type::get(ctx));
  }
  /// Resource blob keys must be identifiers: keep [A-Za-z0-9_.].
  std::string blobName(llvm::StringRef owner, llvm::StringRef field);
  void claimName(const std::string &name, const std::string &ptr);
  Node &lookup(const json &obj, const std::string &ptr, llvm::StringRef key,
               bool populationOnly);

  void importInput(const json &obj, const std::string &ptr);
  void importPopulation(const json &obj, const std::string &ptr);
  void importProjection(const json &obj, const std::string &ptr);
  void importOutput(const json &obj, const std::string &ptr);
  mlir::Value buildProjection(const json &obj, const std::string &ptr,
                              const std::string &name, llvm::StringRef kind,
                              Node &from, Node &to);

  mlir::Attribute readParam(const json &j, const std::string &ptr,
                            llvm::ArrayRef<int64_t> shape, Range range,
                            llvm::StringRef owner, llvm::StringRef field);

  /// Legal, but a neuron that resets above its threshold fires on every
  /// step after its first spike: usually swapped fields. A warning, as the
  /// NIR importer gives, at the first such neuron.
  void warnResetAboveThreshold(
      const std::map<std::string, std::pair<const json *, std::string>> &given,
      llvm::ArrayRef<int64_t> shape, const std::string &ptr);

  mlir::MLIRContext *ctx;
  std::string path;
  mlir::OpBuilder builder;
  mlir::Location fileLoc;
  snn::NetworkOp net;
  mlir::Value placeholder;
  /// Every name in use, with the pointer of its definition.
  llvm::StringMap<std::string> names;
  /// Names written later in the file (outputs), which default projection
  /// names must not take.
  std::set<std::string> reserved;
  /// Inputs and populations, in definition order.
  std::map<std::string, Node> nodes;
  std::vector<std::string> populationOrder;
};

} // namespace spikec::jsonimport

#endif // SPIKEC_IMPORT_JSONIMPORTER_H
