//===- MappingPlaceTest.cpp - placement on the mesh and routes by hand ----===//

#include "MappingTestUtil.h"

#include "spikec/Mapping/Placement.h"

#include <doctest/doctest.h>

using namespace spikec;
using namespace spikec::mapping;
using mappingtest::Limits;
using mappingtest::makeTarget;

TEST_CASE("placement: the serpentine start on a 2 x 2 mesh") {
  // Tiles in order (0,0) (1,0), then row 1 right to left: (1,1) (0,1).
  Limits l;
  l.width = 2;
  l.height = 2;
  l.cores = 4;
  Placement p = placeCores(4, {}, makeTarget(l).mesh);
  REQUIRE(p.pos.size() == 4);
  CHECK(p.pos[0].tile() == TilePos{0, 0});
  CHECK(p.pos[1].tile() == TilePos{1, 0});
  CHECK(p.pos[2].tile() == TilePos{1, 1});
  CHECK(p.pos[3].tile() == TilePos{0, 1});
  CHECK(p.cost == 0);
}

TEST_CASE("placement: two heavily-communicating cores end up adjacent") {
  // 4 cores on a 4 x 1 mesh: the serpentine puts core c at x = c. Traffic
  // 0 <-> 3 at 100 and a chain 0 - 1 - 2 at 1: initial cost 3 x 100 + 1 + 1
  // = 302. Any order with 0 next to 3 costs at most 100 + 1 + 2 = 103.
  Limits l;
  l.width = 4;
  l.height = 1;
  l.cores = 4;
  std::vector<TrafficEdge> traffic = {
      {0, 1, 1}, {1, 2, 1}, {0, 3, 60}, {3, 0, 40}};
  Placement p = placeCores(4, traffic, makeTarget(l).mesh);
  CHECK(p.initialCost == 302);
  CHECK(hopsBetween(p.pos[0].tile(), p.pos[3].tile()) == 1);
  CHECK(p.cost <= 103);
  CHECK(p.swaps > 0);

  // Two cores per tile: the pair shares a router (0 hops).
  l.width = 2;
  l.coresPerTile = 2;
  Placement q = placeCores(4, traffic, makeTarget(l).mesh);
  CHECK(q.pos[0].tile() == q.pos[3].tile());
  CHECK(q.pos[0].slot != q.pos[3].slot);

  // The budget is work, not time: each of the 4 traffic edges is a partner
  // at both its ends, 8 in all, visited 1 + 2 x 5 tiles x 2 slots = 21
  // times a pass. With room for one pass after the first, two run at most,
  // whatever the machine does meanwhile.
  Placement r = placeCores(4, traffic, makeTarget(l).mesh, {20, 8 * 21 * 2});
  CHECK(r.passes <= 2);
  CHECK(r.work == uint64_t(r.passes) * 8 * 21);
  Placement once = placeCores(4, traffic, makeTarget(l).mesh, {20, 0});
  CHECK(once.passes == 1);
  CHECK(once.work == 8 * 21);
}

TEST_CASE("routing: xy and yx hop lists and link loads by hand") {
  // From tile (0,0) to (2,1): xy goes east twice then north; yx north then
  // east twice. Both take |2| + |1| = 3 hops.
  std::vector<TilePos> xy = routeHops({0, 0}, {2, 1}, target::Routing::XY);
  std::vector<TilePos> yx = routeHops({0, 0}, {2, 1}, target::Routing::YX);
  CHECK(xy == std::vector<TilePos>{{1, 0}, {2, 0}, {2, 1}});
  CHECK(yx == std::vector<TilePos>{{0, 1}, {1, 1}, {2, 1}});
  CHECK(routeHops({3, 2}, {1, 2}, target::Routing::XY) ==
        std::vector<TilePos>{{2, 2}, {1, 2}});
  CHECK(routeHops({1, 1}, {1, 1}, target::Routing::YX).empty());

  // Core 0 at (0,0), core 1 at (2,1) on a 3 x 2 mesh; 2 spikes 0 -> 1 and 1
  // spike 1 -> 0. xy: 0 -> 1 loads east links of (0,0), (1,0) and the north
  // link of (2,0) with 2; 1 -> 0 goes west from (2,1), (1,1) then south from
  // (0,1) with 1. Average hops (2 x 3 + 1 x 3) / 3 = 3.
  Limits l;
  l.width = 3;
  l.height = 2;
  l.cores = 6;
  target::Mesh mesh = makeTarget(l).mesh;
  Placement p;
  p.pos = {{0, 0, 0}, {2, 1, 0}};
  std::vector<TrafficEdge> traffic = {{0, 1, 2}, {1, 0, 1}};
  RouteStats s = routeTraffic(traffic, p, mesh);
  CHECK(s.linkLoad[linkIndex({0, 0}, 3, LinkDir::East)] == 2);
  CHECK(s.linkLoad[linkIndex({1, 0}, 3, LinkDir::East)] == 2);
  CHECK(s.linkLoad[linkIndex({2, 0}, 3, LinkDir::North)] == 2);
  CHECK(s.linkLoad[linkIndex({2, 1}, 3, LinkDir::West)] == 1);
  CHECK(s.linkLoad[linkIndex({0, 1}, 3, LinkDir::South)] == 1);
  CHECK(s.linkLoad[linkIndex({0, 0}, 3, LinkDir::North)] == 0);
  CHECK(s.averageHops == 3);
  CHECK(s.maxHops == 3);
  CHECK(s.maxLinkLoad == 2);
  // yx: 0 -> 1 goes north first out of (0,0).
  mesh.routing = target::Routing::YX;
  s = routeTraffic(traffic, p, mesh);
  CHECK(s.linkLoad[linkIndex({0, 0}, 3, LinkDir::North)] == 2);
  CHECK(s.linkLoad[linkIndex({0, 0}, 3, LinkDir::East)] == 0);
  CHECK(s.linkLoad[linkIndex({2, 1}, 3, LinkDir::South)] == 1);
}

TEST_CASE("placement: traffic of a partition") {
  // Neurons 0, 1 in core 0, neuron 2 in core 1; 0 -> 1, 0 -> 2, 1 -> 2,
  // 2 -> 0, rates 1, 2, 3: core 0 -> 1 carries 1 + 2 (neurons 0 and 1
  // each reach core 1 once), core 1 -> 0 carries 3.
  Network net;
  net.addPopulation("p", "lif", 3);
  net.setSynapses({{0, 1}, {0, 2}, {1, 2}, {2, 0}});
  net.rate = {1, 2, 3};
  std::vector<TrafficEdge> t = coreTraffic(net, {0, 0, 1}, 2);
  REQUIRE(t.size() == 2);
  CHECK(t[0].from == 0);
  CHECK(t[0].to == 1);
  CHECK(t[0].rate == 3);
  CHECK(t[1].from == 1);
  CHECK(t[1].rate == 3);
}
