//===- MeshModelTest.cpp - packets on the mesh, against hand figures ------===//
//
// The cycle model's mesh (MeshModel.h) on cases worked out by hand: hop
// counts and latency of dimension-order paths, a link shared by two packets
// (the second waits one hop), and routing order changing who contends.
//
//===----------------------------------------------------------------------===//

#include "spikec/Emulator/MeshModel.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <random>
#include <set>
#include <vector>

using namespace spikec;
using namespace spikec::emu;

TEST_CASE("mesh: one packet across k hops costs k hop latencies") {
  // 4 x 3 mesh, 4.1 ns per x hop, 6.5 ns per y hop (loihi's figures).
  // (0, 0) -> (3, 2) by x then y: 3 x hops + 2 y hops, arriving at
  // 10 + 3 x 4.1 + 2 x 6.5 = 35.3 ns after an injection at 10 ns.
  MeshModel mesh(4, 3, target::Routing::XY, 4.1, 6.5);
  mesh.add(0, 0, 3, 2, 10.0);
  MeshStepStats s = mesh.drain();
  CHECK(s.packets == 1);
  CHECK(s.hopsEW == 3);
  CHECK(s.hopsNS == 2);
  CHECK(s.maxHops == 5);
  CHECK(s.queuedNs == 0);
  CHECK(s.lastArrivalNs == doctest::Approx(35.3));
  // The path: east along y = 0 from x = 0, 1, 2, then north at x = 3.
  CHECK(mesh.linkPackets()[mesh.linkOf(0, 0, MeshModel::East)] == 1);
  CHECK(mesh.linkPackets()[mesh.linkOf(2, 0, MeshModel::East)] == 1);
  CHECK(mesh.linkPackets()[mesh.linkOf(3, 0, MeshModel::North)] == 1);
  CHECK(mesh.linkPackets()[mesh.linkOf(3, 1, MeshModel::North)] == 1);
  CHECK(mesh.linkPackets()[mesh.linkOf(0, 0, MeshModel::North)] == 0);
  CHECK(mesh.linksUsedLastStep().size() == 5);

  // A packet within one tile takes no hop and arrives when it is sent.
  mesh.add(2, 1, 2, 1, 7.0);
  s = mesh.drain();
  CHECK(s.hopsEW + s.hopsNS == 0);
  CHECK(s.lastArrivalNs == doctest::Approx(7.0));
}

TEST_CASE("mesh: two packets contending for one link queue") {
  // Both (0, 0) -> (2, 0) at t = 0 with 5 ns hops: the first holds link
  // (0,0)E over [0, 5] and (1,0)E over [5, 10]; the second waits 5 ns for
  // (0,0)E, takes it over [5, 10], then (1,0)E over [10, 15].
  MeshModel mesh(3, 1, target::Routing::XY, 5.0, 5.0);
  mesh.add(0, 0, 2, 0, 0.0);
  mesh.add(0, 0, 2, 0, 0.0);
  MeshStepStats s = mesh.drain();
  CHECK(s.queuedNs == doctest::Approx(5.0));
  CHECK(s.lastArrivalNs == doctest::Approx(15.0));
  CHECK(mesh.linkBusyNs()[mesh.linkOf(0, 0, MeshModel::East)] ==
        doctest::Approx(10.0));

  // Injected 5 ns apart they never meet: the last arrives at 5 + 10 = 15
  // without waiting. Steps start afresh: links are free again.
  mesh.add(0, 0, 2, 0, 0.0);
  mesh.add(0, 0, 2, 0, 5.0);
  s = mesh.drain();
  CHECK(s.queuedNs == 0);
  CHECK(s.lastArrivalNs == doctest::Approx(15.0));
  CHECK(mesh.linkPackets()[mesh.linkOf(0, 0, MeshModel::East)] == 4);
}

TEST_CASE("mesh: the routing order decides which packets share a link") {
  // A: (0, 0) -> (1, 1); B: (1, 0) -> (1, 1); both at t = 0, 4 ns x hops,
  // 6 ns y hops. x then y: A reaches (1, 0) at 4 and needs link (1,0)N,
  // which B holds over [0, 6]: A waits 2 ns and arrives at 6 + 6 = 12.
  // y then x: A goes north first, (0,0)N then (0,1)E, never B's link:
  // it arrives at 6 + 4 = 10 without waiting.
  MeshModel xy(2, 2, target::Routing::XY, 4.0, 6.0);
  xy.add(0, 0, 1, 1, 0.0);
  xy.add(1, 0, 1, 1, 0.0);
  MeshStepStats s = xy.drain();
  CHECK(s.queuedNs == doctest::Approx(2.0));
  CHECK(s.lastArrivalNs == doctest::Approx(12.0));

  MeshModel yx(2, 2, target::Routing::YX, 4.0, 6.0);
  yx.add(0, 0, 1, 1, 0.0);
  yx.add(1, 0, 1, 1, 0.0);
  s = yx.drain();
  CHECK(s.queuedNs == 0);
  CHECK(s.lastArrivalNs == doctest::Approx(10.0));
  CHECK(yx.linkPackets()[yx.linkOf(0, 1, MeshModel::East)] == 1);
}

namespace {
/// The mesh's rule written out plainly, as the oracle of the test below:
/// every request (packet ready at a router) is served in (time, packet)
/// order; a link is busy for one hop latency after it starts a hop, and a
/// request waits for it. Returns (queued ns, last arrival, per-link packets).
struct OracleResult {
  double queued = 0, last = 0;
  std::vector<uint64_t> onLink;
};
OracleResult oracle(uint32_t w, uint32_t h, double ew, double ns, bool xFirst,
                    const std::vector<std::array<double, 5>> &packets) {
  OracleResult r;
  r.onLink.assign(size_t(w) * h * 4, 0);
  std::vector<double> freeAt(r.onLink.size(), 0.0);
  struct P {
    uint32_t x, y, dx, dy;
  };
  std::vector<P> ps;
  std::set<std::pair<double, uint32_t>> ready;
  for (uint32_t i = 0; i < packets.size(); ++i) {
    const auto &p = packets[i];
    ps.push_back(
        {uint32_t(p[0]), uint32_t(p[1]), uint32_t(p[2]), uint32_t(p[3])});
    ready.insert({p[4], i});
  }
  while (!ready.empty()) {
    auto [time, i] = *ready.begin();
    ready.erase(ready.begin());
    P &p = ps[i];
    if (p.x == p.dx && p.y == p.dy) {
      r.last = std::max(r.last, time);
      continue;
    }
    uint32_t d = (xFirst ? p.x != p.dx : p.y == p.dy) ? (p.x < p.dx ? 0 : 1)
                                                      : (p.y < p.dy ? 2 : 3);
    uint32_t link = (p.y * w + p.x) * 4 + d;
    double lat = d < 2 ? ew : ns;
    double start = std::max(time, freeAt[link]);
    r.queued += start - time;
    freeAt[link] = start + lat;
    ++r.onLink[link];
    p.x += d == 0 ? 1 : d == 1 ? -1 : 0;
    p.y += d == 2 ? 1 : d == 3 ? -1 : 0;
    ready.insert({start + lat, i});
  }
  return r;
}
} // namespace

TEST_CASE("mesh: heavy contention served in (time, packet) order, step after "
          "step") {
  // Random packets on a 6 x 5 mesh, bursts on a few hot destinations so
  // that queues run far beyond a hop and links merge many runs: every
  // figure equals the oracle's, over ten steps.
  // Both routing orders (the mesh serves links in an order each defines).
  for (bool xFirst : {true, false}) {
    CAPTURE(xFirst);
    std::mt19937 rng(7);
    const uint32_t w = 6, h = 5;
    const double ew = 3.0, ns = 4.5; // whole cycles of 1.5 ns
    MeshModel mesh(w, h, xFirst ? target::Routing::XY : target::Routing::YX, ew,
                   ns);
    std::vector<uint64_t> expected(size_t(w) * h * 4, 0);
    for (int step = 0; step < 10; ++step) {
      std::vector<std::array<double, 5>> packets;
      int n = 50 + int(rng() % 400);
      for (int k = 0; k < n; ++k) {
        bool hot = rng() % 3 == 0;
        packets.push_back(
            {double(rng() % w), double(rng() % h), double(hot ? 0 : rng() % w),
             double(hot ? 0 : rng() % h), 1.5 * double(rng() % 40)});
      }
      for (const auto &p : packets)
        mesh.add(uint32_t(p[0]), uint32_t(p[1]), uint32_t(p[2]), uint32_t(p[3]),
                 p[4]);
      MeshStepStats s = mesh.drain();
      OracleResult o = oracle(w, h, ew, ns, xFirst, packets);
      CHECK(s.packets == packets.size());
      CHECK(s.queuedNs == doctest::Approx(o.queued).epsilon(1e-12));
      CHECK(s.lastArrivalNs == o.last);
      for (size_t l = 0; l < expected.size(); ++l)
        expected[l] += o.onLink[l];
      CHECK(mesh.linkPackets() == expected);
    }
  }
}
