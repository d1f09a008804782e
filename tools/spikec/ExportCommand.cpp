//===- ExportCommand.cpp - spikec export: snn IR back to an exchange format ===//

#include "Driver.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Import/Export.h"

using namespace mlir;
namespace cl = llvm::cl;

namespace spikec::driver {

static cl::opt<bool> exportNIRFormat("nir", cl::desc("Write NIR (HDF5)"),
                                     cl::init(false), cl::sub(exportCommand));
static cl::opt<std::string> exportOutput("o", cl::desc("Output file"),
                                         cl::value_desc("file"), cl::Required,
                                         cl::sub(exportCommand));

int runExport(MLIRContext &ctx) {
  if (!exportNIRFormat)
    return usageError("say which format to write: --nir");
  if (exportOutput == "-")
    return usageError("NIR is an HDF5 file: give a file name with -o");
  OwningOpRef<ModuleOp> module = loadNetwork(ctx);
  if (!module)
    return 1;
  auto nets = module->getOps<snn::NetworkOp>();
  if (std::distance(nets.begin(), nets.end()) != 1)
    return usageError("the input must hold exactly one snn.network");
  return failed(exportNIR(*nets.begin(), exportOutput)) ? 1 : 0;
}

} // namespace spikec::driver
