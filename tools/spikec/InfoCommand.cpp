//===- InfoCommand.cpp - spikec info: what a hardware image holds ---------===//
//
// `spikec info net.simg` reads an image (checking its magic, version,
// checksum and every index, as the emulator will) and prints a summary:
// header, cores, inputs, outputs; `--json` prints all of it as JSON;
// `--target=T` also refuses an image made for another target.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

#include "spikec/Image/ImageIO.h"
#include "spikec/Target/Target.h"

#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

namespace cl = llvm::cl;

namespace spikec::driver {

llvm::cl::SubCommand infoCommand("info", "Check a hardware image and print "
                                         "what it holds");

static cl::opt<std::string> imagePath(cl::Positional, cl::desc("<net.simg>"),
                                      cl::init(""), cl::sub(infoCommand));
static cl::opt<bool> infoJSON("json", cl::desc("Print the whole image as JSON"),
                              cl::init(false), cl::sub(infoCommand));
static cl::opt<std::string> infoTarget(
    "target",
    cl::desc("Refuse an image made for another target (a preset name or a "
             "description .json: its name and content hash must match)"),
    cl::value_desc("name|file.json"), cl::init(""), cl::sub(infoCommand));

int runInfo() {
  if (imagePath.empty())
    return usageError("say which image: spikec info net.simg");
  image::TargetCheck expect;
  if (!infoTarget.empty()) {
    auto loaded = target::loadTarget(infoTarget);
    if (auto *msg = std::get_if<std::string>(&loaded)) {
      llvm::errs() << *msg << "\n";
      return 1;
    }
    const auto &desc = std::get<target::TargetDesc>(loaded);
    expect.target = desc.name;
    expect.targetHash = desc.contentHashHex();
  }
  auto read = image::readImageFile(imagePath, expect);
  if (auto *msg = std::get_if<std::string>(&read)) {
    llvm::errs() << "error: " << *msg << "\n";
    return 1;
  }
  const image::Image &img = std::get<image::Image>(read);
  if (infoJSON)
    llvm::outs() << image::toJSON(img).dump(2) << "\n";
  else
    llvm::outs() << image::summarize(img);
  return 0;
}

} // namespace spikec::driver
