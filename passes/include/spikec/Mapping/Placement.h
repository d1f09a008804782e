//===- Placement.h - cores to mesh positions, dimension-order routes -*- C++ -*-===//
//
// The core of nc-place and nc-route (DESIGN.md section 5). Placement puts
// the cores of a partition on the target's mesh (x, y and a slot in the tile,
// cores_per_tile cores sharing a router) minimizing the sum over core pairs
// of traffic x Manhattan hops between their tiles: a serpentine fill in
// partition order, then pairwise swaps (with occupied or free slots) that
// lower the cost, bounded in passes and time. Routing is dimension order
// ("xy": x first, "yx": y first); routeTraffic gives per-link loads and the
// traffic-weighted average and the maximum hop count.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_MAPPING_PLACEMENT_H
#define SPIKEC_MAPPING_PLACEMENT_H

#include "spikec/Mapping/Mapping.h"

#include <cstdint>
#include <vector>

namespace spikec::mapping {

/// Expected spikes per timestep from one core to another.
struct TrafficEdge {
  uint32_t from = 0, to = 0;
  double rate = 0;
};

/// The traffic between distinct cores of an assignment: a pre neuron sends
/// rate spikes to each distinct other core it reaches. Inputs are off-chip
/// and left out. Sorted by (from, to).
std::vector<TrafficEdge> coreTraffic(const Network &net,
                                     const std::vector<int32_t> &coreOf,
                                     uint32_t numCores);

struct TilePos {
  int32_t x = 0, y = 0;
  bool operator==(const TilePos &o) const { return x == o.x && y == o.y; }
};

struct CorePos {
  int32_t x = 0, y = 0, slot = 0; ///< tile and the core's slot in it
  TilePos tile() const { return {x, y}; }
};

/// Router hops between two tiles.
inline int32_t hopsBetween(TilePos a, TilePos b) {
  return (a.x > b.x ? a.x - b.x : b.x - a.x) +
         (a.y > b.y ? a.y - b.y : b.y - a.y);
}

struct PlaceOptions {
  unsigned maxPasses = 20;
  /// The work the passes after the first may do, in partner visits (a pass
  /// visits each core's traffic partners once per candidate slot): a bound
  /// on time that gives the same placement on every machine and every run,
  /// unlike a wall clock. 1e9 visits took about 5 s on the 2-core machine
  /// it was set on (Brian2's random 100k-neuron network, whose cores each
  /// talk to thousands of others).
  uint64_t maxWork = 1'000'000'000;
};

struct Placement {
  std::vector<CorePos> pos; ///< per core
  double initialCost = 0;   ///< sum of traffic x hops after the serpentine
  double cost = 0;          ///< the same after the swaps
  uint64_t swaps = 0;
  unsigned passes = 0;
  uint64_t work = 0; ///< partner visits (PlaceOptions::maxWork)
};

/// Places numCores cores (<= the mesh's capacity) on the mesh.
Placement placeCores(uint32_t numCores, const std::vector<TrafficEdge> &traffic,
                     const target::Mesh &mesh,
                     const PlaceOptions &options = {});

/// The tiles a spike visits from `a` to `b` after leaving `a`, ending with
/// `b`: empty when they share a tile.
std::vector<TilePos> routeHops(TilePos a, TilePos b, target::Routing routing);

struct RouteStats {
  /// Traffic per directed link, indexed linkIndex(tile, direction).
  std::vector<double> linkLoad;
  double maxLinkLoad = 0;
  double averageHops = 0; ///< weighted by traffic
  int32_t maxHops = 0;    ///< over core pairs with traffic
  double totalHopSpikes = 0;
};

enum class LinkDir { East, West, North, South };
/// A directed link: out of tile (x, y) towards `dir` (north is y + 1).
inline size_t linkIndex(TilePos t, int32_t meshWidth, LinkDir dir) {
  return (size_t(t.y) * meshWidth + t.x) * 4 + size_t(dir);
}

RouteStats routeTraffic(const std::vector<TrafficEdge> &traffic,
                        const Placement &placement, const target::Mesh &mesh);

} // namespace spikec::mapping

#endif // SPIKEC_MAPPING_PLACEMENT_H
