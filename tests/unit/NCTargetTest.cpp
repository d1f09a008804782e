//===- NCTargetTest.cpp - a compile reads its target once -----------------===//
//
// The nc dialect interns target descriptions per context (NCTarget.h): the
// driver's pipeline reads the target, snn-quantize, every legalization,
// partition, place and route find it there instead of reloading it by name.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/NC/NCTarget.h"
#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Passes/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "TestContext.h"
#include "TestIR.h"

#include <doctest/doctest.h>

using namespace mlir;
using namespace spikec;

namespace {

using Context = test::DiagnosedContext<nc::NCDialect, snn::SNNDialect>;

/// A 6 -> 5 -> 4 LIF network; four weight values, so that every neuron
/// fits truenorth's four axon types.
std::string mlp() {
  std::vector<float> w1(30), w2(20);
  for (size_t i = 0; i < w1.size(); ++i)
    w1[i] = float(int(i % 4) * 2 - 3) / 4;
  for (size_t i = 0; i < w2.size(); ++i)
    w2[i] = float(int(i % 4) * 2 - 3) / 2;
  return R"(
snn.network @mlp {
  %x = snn.input "x" : tensor<6xf32>
  %a = snn.linear %x {weight = dense_resource<w1> : tensor<5x6xf32>} : tensor<6xf32> -> tensor<5xf32>
  %h = snn.lif %a {tau = 0.02 : f32, v_threshold = 1.0 : f32} : tensor<5xf32> loc("h")
  %b = snn.linear %h {weight = dense_resource<w2> : tensor<4x5xf32>} : tensor<5xf32> -> tensor<4xf32>
  %o = snn.lif %b {tau = 0.02 : f32, v_threshold = 1.0 : f32} : tensor<4xf32> loc("out")
  snn.output %o as "y" : tensor<4xf32>
}
)" + test::resourcesOf(
             std::map<std::string, std::vector<float>>{{"w1", w1}, {"w2", w2}});
}

} // namespace

TEST_CASE("TargetCache: one reading per name, shared") {
  Context c;
  nc::TargetCache &cache = nc::getTargetCache(&c.ctx);
  auto first = cache.get("loihi");
  auto second = cache.get("loihi");
  REQUIRE(std::holds_alternative<nc::SharedTarget>(first));
  REQUIRE(std::holds_alternative<nc::SharedTarget>(second));
  CHECK(std::get<nc::SharedTarget>(first) ==
        std::get<nc::SharedTarget>(second));
  CHECK(cache.numLoaded() == 1);

  // A name that does not load is an error, and is not remembered as one.
  auto missing = cache.get("/no/such/target.json");
  REQUIRE(std::holds_alternative<std::string>(missing));
  CHECK(cache.numLoaded() == 1);

  // A description registered under a name is never read from it.
  nc::SharedTarget loihi = std::get<nc::SharedTarget>(first);
  cache.add("/no/such/target.json", loihi);
  auto registered = cache.get("/no/such/target.json");
  REQUIRE(std::holds_alternative<nc::SharedTarget>(registered));
  CHECK(std::get<nc::SharedTarget>(registered) == loihi);
  CHECK(cache.numLoaded() == 1);
}

TEST_CASE("a whole compile reads its target once") {
  for (const char *target : {"loihi", "truenorth", "loihi2"}) {
    INFO("target " << std::string(target));
    Context c;
    auto m = parseSourceString<ModuleOp>(mlp(), ParserConfig(&c.ctx));
    INFO("diagnostics: " << c.diags);
    REQUIRE(m);
    const uint64_t readBefore = target::numTargetFilesRead();
    PassManager pm(&c.ctx, ModuleOp::getOperationName());
    pm.nest<snn::NetworkOp>().addPass(
        createDiscretize(DiscretizeOptions{/*dt=*/1e-3}));
    TargetPipelineOptions lower;
    lower.target = target;
    if (std::string(target) == "truenorth")
      lower.approximations = {"truenorth-linear-leak"}; // its leak is linear
    std::string why;
    REQUIRE(succeeded(buildTargetPipeline(pm, lower, why)));
    pm.nest<nc::GraphOp>().addPass(createPartition());
    pm.nest<nc::GraphOp>().addPass(createPlace());
    pm.addPass(createRoute());
    REQUIRE(succeeded(pm.run(*m)));
    CHECK(!m->getOps<nc::ChipOp>().empty());
    CHECK(nc::getTargetCache(&c.ctx).numLoaded() == 1);
    CHECK(target::numTargetFilesRead() - readBefore == 1);
  }
}
