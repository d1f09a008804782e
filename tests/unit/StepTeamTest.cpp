//===- StepTeamTest.cpp - the emulator's team of threads ------------------===//
//
// Every part runs every phase exactly once and the caller sees all of a
// phase's writes when run() returns, whether the workers were spinning
// (phases back to back) or asleep (a pause between phases), and a team
// whose workers sleep stops cleanly.
//
//===----------------------------------------------------------------------===//

#include "spikec/Emulator/StepTeam.h"

#include <doctest/doctest.h>

#include <chrono>
#include <thread>
#include <vector>

using spikec::emu::StepTeam;

TEST_CASE("step team: every part runs every phase once, back to back or "
          "after a sleep") {
  for (unsigned parts : {1u, 2u, 3u}) {
    CAPTURE(parts);
    StepTeam team(parts);
    CHECK(team.size() == parts);
    // Plain ints: run() must order each part's writes before its return.
    std::vector<int> ran(parts, 0);
    std::vector<int> lastPhase(parts, -1);
    for (int phase = 0; phase < 2000; ++phase) {
      team.run([&](unsigned part) {
        ++ran[part];
        lastPhase[part] = phase;
      });
      for (unsigned part = 0; part < parts; ++part)
        REQUIRE(lastPhase[part] == phase);
      // Now and then long enough for the workers to fall asleep.
      if (phase % 500 == 499)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(ran == std::vector<int>(parts, 2000));
  }
}

TEST_CASE("step team: stops with its workers asleep") {
  StepTeam team(3);
  int calls = 0;
  team.run([&](unsigned part) {
    if (part == 0)
      ++calls;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(calls == 1);
}
