//===- MappingTestUtil.h - small targets for the mapping tests --*- C++ -*-===//
//
// A target with hand-chosen core limits and mesh: the loihi preset with its
// structural numbers replaced, so each test states exactly the limits it
// exercises.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_TESTS_UNIT_MAPPINGTESTUTIL_H
#define SPIKEC_TESTS_UNIT_MAPPINGTESTUTIL_H

#include "spikec/Target/Target.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <variant>

namespace mappingtest {

struct Limits {
  int64_t neurons = 1024, inputAxons = 4096, outputAxons = 4096;
  int64_t memoryBits = 1 << 20, maxFanIn = 4096, maxFanOut = 4096;
  int64_t cores = 16, width = 4, height = 4, coresPerTile = 1;
  spikec::target::Routing routing = spikec::target::Routing::XY;
};

inline spikec::target::TargetDesc makeTarget(const Limits &l) {
  auto r = spikec::target::loadTarget("loihi");
  REQUIRE(std::holds_alternative<spikec::target::TargetDesc>(r));
  auto t = std::get<spikec::target::TargetDesc>(r);
  t.name = "testchip";
  t.core.neurons.value = l.neurons;
  t.core.inputAxons.value = l.inputAxons;
  t.core.outputAxons.value = l.outputAxons;
  t.core.synapseMemoryBits.value = l.memoryBits;
  t.core.maxFanIn.value = l.maxFanIn;
  t.core.maxFanOut.value = l.maxFanOut;
  t.mesh.cores.value = l.cores;
  t.mesh.width.value = l.width;
  t.mesh.height.value = l.height;
  t.mesh.coresPerTile.value = l.coresPerTile;
  t.mesh.routing = l.routing;
  return t;
}

} // namespace mappingtest

#endif // SPIKEC_TESTS_UNIT_MAPPINGTESTUTIL_H
