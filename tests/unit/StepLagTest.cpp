//===- StepLagTest.cpp - longestStepPath by hand --------------------------===//

#include "spikec/Support/StepLag.h"

#include <doctest/doctest.h>

using spikec::longestStepPath;

TEST_CASE("step lag: the longest of two paths, delays counted") {
  // 0 -> 1 -> 3 takes 1 + 1; 0 -> 2 -> 3 takes 1 + 4 (a delay of 3).
  std::vector<spikec::StepEdge> edges = {
      {0, 1, 1}, {1, 3, 1}, {0, 2, 1}, {2, 3, 4}};
  CHECK(longestStepPath(4, edges, {0}, {3}) == 5);
  CHECK(longestStepPath(4, edges, {1}, {3}) == 1);
  // A sink no source reaches adds nothing.
  CHECK(longestStepPath(4, edges, {3}, {1}) == 0);
}

TEST_CASE("step lag: a cycle counts only when the sources reach it") {
  // 1 <-> 2 is a loop; only 0 -> 3 leaves the sources {0}.
  std::vector<spikec::StepEdge> edges = {{0, 3, 2}, {1, 2, 1}, {2, 1, 1}};
  CHECK(longestStepPath(4, edges, {0}, {3}) == 2);
  CHECK(longestStepPath(4, edges, {1}, {3}) == std::nullopt);
  // No sources given: every node is one, so the loop is reached.
  CHECK(longestStepPath(4, edges, {}, {3}) == std::nullopt);
}
