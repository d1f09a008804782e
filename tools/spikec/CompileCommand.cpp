//===- CompileCommand.cpp - spikec compile: a network to a hardware image -===//
//
// `spikec compile NET -o net.simg [--emit=image-json]`. The image is written
// from an nc.chip (a network quantized, partitioned, placed and routed); the
// stages that make an nc.chip from an snn.network (snn-partition,
// snn-place, snn-route) are issue 5's next step, so today NET must already
// be an nc.chip (.mlir) and anything else is refused with that reason.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "spikec/Dialect/NC/ChipImage.h"
#include "spikec/Image/ImageIO.h"

#include "mlir/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <fstream>

using namespace mlir;
namespace cl = llvm::cl;

namespace spikec::driver {

extern cl::opt<std::string> networkPath;

static cl::opt<std::string> compileOutput("o", cl::desc("Output file"),
                                          cl::value_desc("file"), cl::init(""),
                                          cl::sub(compileCommand));
static cl::opt<std::string> compileEmit(
    "emit", cl::desc("What to write: image (default, binary) or image-json"),
    cl::value_desc("image|image-json"), cl::init("image"),
    cl::sub(compileCommand));

int runCompile(MLIRContext &ctx) {
  if (compileEmit != "image" && compileEmit != "image-json")
    return usageError("--emit=" + compileEmit +
                      ": expected image or image-json");
  if (compileOutput.empty())
    return usageError("give the output file with -o");
  OwningOpRef<ModuleOp> module = loadNetwork(ctx);
  if (!module)
    return 1;
  auto chips = module->getBody()->getOps<nc::ChipOp>();
  if (chips.empty())
    return usageError("the network is not mapped onto cores yet: spikec "
                      "compile writes the image of an nc.chip; mapping an "
                      "snn.network or nc.graph (snn-partition, snn-place, "
                      "snn-route) is not available yet");
  nc::ChipOp chip = *chips.begin();
  if (failed(verify(chip)))
    return 1;
  image::Provenance prov;
  prov.toolVersion = "spikec (MLIR 19)";
  prov.network = chip.getSymName().str();
  prov.options.push_back({"input", networkPath});
  auto img = nc::chipToImage(chip, prov);
  if (failed(img))
    return 1;
  if (compileEmit == "image-json") {
    std::string invalid = image::validate(*img);
    if (!invalid.empty())
      return usageError("the image would be invalid: " + invalid);
    std::string text = image::toJSON(*img).dump(2) + "\n";
    if (compileOutput == "-") {
      llvm::outs() << text;
      return 0;
    }
    std::ofstream out(compileOutput, std::ios::binary);
    out << text;
    if (!out)
      return usageError("cannot write '" + compileOutput + "'");
    return 0;
  }
  if (compileOutput == "-")
    return usageError("the image is binary: give a file name with -o");
  std::string why = image::writeImageFile(*img, compileOutput);
  if (!why.empty())
    return usageError(why);
  return 0;
}

} // namespace spikec::driver
