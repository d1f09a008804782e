//===- ChipImageTest.cpp - nc.chip to the hardware image and back ---------===//
//
// The chip of tests/lit/Dialect/NC/chip.mlir (two loihi cores, an input and an
// output, an encoder) through chipToImage, the binary writer and the reader:
// every field arrives as the IR holds it.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/NC/ChipImage.h"
#include "spikec/Image/ImageIO.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Parser/Parser.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace mlir;
using namespace spikec;

namespace {

std::string chipText() {
  std::ifstream in(std::string(SPIKEC_SOURCE_DIR) +
                   "/tests/lit/Dialect/NC/chip.mlir");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("Chip image: every field of the IR reaches the file and back") {
  DialectRegistry registry;
  registry.insert<nc::NCDialect>();
  MLIRContext ctx(registry);
  std::string text = chipText();
  REQUIRE(!text.empty());
  // Give the input an encoder of every attribute type.
  size_t at = text.rfind("nc.in \"x\" width 2 {"); // not the CHECK line
  REQUIRE(at != std::string::npos);
  text.insert(at + std::string("nc.in \"x\" width 2 {").size(),
              "encoder = {kind = \"rate\", gain = 0.5 : f64, seed = 7 : i64, "
              "flag = true}, ");
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &ctx);
  REQUIRE(module);
  auto chip = *module->getOps<nc::ChipOp>().begin();

  image::Provenance prov;
  prov.toolVersion = "test";
  prov.network = "two";
  auto img = nc::chipToImage(chip, prov);
  REQUIRE(succeeded(img));
  std::vector<uint8_t> bytes;
  REQUIRE(image::writeImage(*img, bytes) == "");
  auto back = image::readImage(bytes.data(), bytes.size(),
                               {"loihi", "0123456789abcdef"});
  REQUIRE(std::holds_alternative<image::Image>(back));
  const image::Image &r = std::get<image::Image>(back);

  CHECK(r.header.target == "loihi");
  CHECK(r.header.targetHash == "0123456789abcdef");
  CHECK(r.header.dt == doctest::Approx(1e-3));
  CHECK(r.header.meshWidth == 2);
  CHECK(r.header.meshHeight == 1);
  CHECK(r.header.coresPerTile == 1);
  CHECK(r.provenance.network == "two");
  REQUIRE(r.cores.size() == 2);

  const image::Core &c0 = r.cores[0];
  CHECK(c0.x == 0);
  CHECK(c0.model == "loihi");
  CHECK(c0.numNeurons == 2);
  // The loihi model's parameters in its order, shared values stored once.
  REQUIRE(c0.params.size() == 6);
  CHECK(c0.params[0].name == "du");
  CHECK(c0.params[0].values == std::vector<int32_t>{4095});
  CHECK(c0.param("vth_mant")->values == std::vector<int32_t>{2});
  REQUIRE(c0.groups.size() == 1);
  CHECK(c0.groups[0].weightBits == 8);
  CHECK(c0.axonGroup == std::vector<uint32_t>{0, 0});
  CHECK(c0.axonOffsets == std::vector<uint32_t>{0, 2, 3});
  CHECK(c0.synTarget == std::vector<uint32_t>{0, 1, 1});
  CHECK(c0.synWeight == std::vector<int32_t>{10, -5, 3});
  CHECK(c0.synAxonType.empty());
  CHECK(c0.routeOffsets == std::vector<uint32_t>{0, 1, 1});
  REQUIRE(c0.routes.size() == 1);
  CHECK(c0.routes[0].core == 1);
  CHECK(c0.routes[0].index == 0);

  const image::Core &c1 = r.cores[1];
  CHECK(c1.x == 1);
  CHECK(c1.synWeight == std::vector<int32_t>{7});
  CHECK(c1.routes.empty());

  REQUIRE(r.inputs.size() == 1);
  CHECK(r.inputs[0].name == "x");
  CHECK(r.inputs[0].encoder.kind == "rate");
  REQUIRE(r.inputs[0].encoder.attrs.size() == 3);
  bool sawGain = false, sawSeed = false, sawFlag = false;
  for (const image::EncoderAttr &a : r.inputs[0].encoder.attrs) {
    if (a.name == "gain")
      sawGain = std::get<double>(a.value) == 0.5;
    if (a.name == "seed")
      sawSeed = std::get<int64_t>(a.value) == 7;
    if (a.name == "flag")
      sawFlag = std::get<bool>(a.value);
  }
  CHECK(sawGain);
  CHECK(sawSeed);
  CHECK(sawFlag);
  CHECK(r.inputs[0].offsets == std::vector<uint32_t>{0, 1, 2});
  REQUIRE(r.inputs[0].dests.size() == 2);
  CHECK(r.inputs[0].dests[1].index == 1);
  REQUIRE(r.outputs.size() == 1);
  CHECK(r.outputs[0].sources[0].core == 1);

  // An image for another chip is refused by the reader.
  auto other = image::readImage(bytes.data(), bytes.size(), {"truenorth", ""});
  CHECK(std::holds_alternative<std::string>(other));
}
