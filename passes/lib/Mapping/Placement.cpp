//===- Placement.cpp - cores on the mesh, dimension-order routes ----------===//
//
// Placement starts from a serpentine fill in partition order (consecutive
// cores, which the strategies make the most communicating, land in the same
// or neighbouring tiles), then moves each core towards the weighted median
// tile of its partners by the best swap with a slot of that tile or its four
// neighbours, as long as a pass lowers the cost (bounded in passes and time).
//
//===----------------------------------------------------------------------===//

#include "spikec/Mapping/Placement.h"

#include <algorithm>

using namespace spikec;
using namespace spikec::mapping;

std::vector<TrafficEdge> mapping::coreTraffic(const Network &net,
                                              const std::vector<int32_t> &coreOf,
                                              uint32_t numCores) {
  std::vector<TrafficEdge> edges;
  std::vector<int64_t> seen(numCores, -1);
  for (uint32_t p = 0; p < net.numPres(); ++p) {
    if (!net.fromNeuron(p))
      continue;
    int32_t from = coreOf[net.sourceOf(p)];
    for (uint64_t e = net.rowStart[p]; e < net.rowStart[p + 1]; ++e) {
      int32_t c = coreOf[net.post[e]];
      if (c == from || seen[c] == p)
        continue;
      seen[c] = p;
      edges.push_back({uint32_t(from), uint32_t(c), net.rateOf(p)});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const auto &a, const auto &b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  // Merge equal pairs.
  size_t out = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    if (out && edges[out - 1].from == edges[i].from &&
        edges[out - 1].to == edges[i].to)
      edges[out - 1].rate += edges[i].rate;
    else
      edges[out++] = edges[i];
  }
  edges.resize(out);
  return edges;
}

namespace {

/// Slot s of the mesh: tiles in a serpentine (even rows left to right, odd
/// rows right to left; with a column-major tile order, even columns upwards
/// and odd ones downwards), cores_per_tile slots each.
CorePos slotPos(int64_t s, const target::Mesh &mesh) {
  bool byRow = mesh.tileOrder == target::TileOrder::RowMajor;
  int64_t perTile = mesh.coresPerTile;
  int64_t run = byRow ? mesh.width : mesh.height; // tiles along one line
  int64_t tile = s / perTile, line = tile / run, along = tile % run;
  int64_t at = line % 2 == 0 ? along : run - 1 - along;
  return {int32_t(byRow ? at : line), int32_t(byRow ? line : at),
          int32_t(s % perTile)};
}

int64_t slotOfPos(TilePos t, int32_t slot, const target::Mesh &mesh) {
  bool byRow = mesh.tileOrder == target::TileOrder::RowMajor;
  int64_t run = byRow ? mesh.width : mesh.height;
  int64_t line = byRow ? t.y : t.x, at = byRow ? t.x : t.y;
  int64_t along = line % 2 == 0 ? at : run - 1 - at;
  return (line * run + along) * mesh.coresPerTile + slot;
}

class Placer {
public:
  Placer(uint32_t numCores, const std::vector<TrafficEdge> &traffic,
         const target::Mesh &mesh)
      : mesh(mesh), partners(numCores), slotOf(numCores),
        coreAt(mesh.capacity(), -1) {
    for (const TrafficEdge &e : traffic) {
      partners[e.from].push_back({e.to, e.rate});
      partners[e.to].push_back({e.from, e.rate});
    }
    for (uint32_t c = 0; c < numCores; ++c) {
      slotOf[c] = c;
      coreAt[c] = int32_t(c);
    }
  }

  TilePos tileOf(uint32_t c) const { return slotPos(slotOf[c], mesh).tile(); }

  double cost() const {
    double sum = 0;
    for (uint32_t a = 0; a < partners.size(); ++a)
      for (auto [b, w] : partners[a])
        sum += w * hopsBetween(tileOf(a), tileOf(b));
    return sum / 2; // every edge is listed at both ends
  }

  /// Cost change of core a moving to tile `to`, with core `other` (or none,
  /// -1) moving to a's tile.
  double moveDelta(uint32_t a, TilePos to, int64_t other) const {
    TilePos from = tileOf(a);
    double d = 0;
    for (auto [b, w] : partners[a])
      if (int64_t(b) != other)
        d += w * (hopsBetween(to, tileOf(b)) - hopsBetween(from, tileOf(b)));
    return d;
  }

  /// The partner visits of one pass: per core, its partners once for the
  /// median and twice (both ends of a swap) for each of the slots of the
  /// five tiles it tries.
  uint64_t passWork() const {
    uint64_t visits = 0;
    for (const auto &p : partners)
      visits += p.size();
    return visits * (1 + 2 * 5 * uint64_t(mesh.coresPerTile));
  }

  /// One pass over the cores; returns the swaps made.
  uint64_t pass() {
    uint64_t swaps = 0;
    for (uint32_t a = 0; a < partners.size(); ++a) {
      if (partners[a].empty())
        continue;
      TilePos target = medianTile(a), from = tileOf(a);
      double bestD = -1e-9;
      int64_t bestSlot = -1;
      const TilePos around[] = {target,
                                {target.x + 1, target.y},
                                {target.x - 1, target.y},
                                {target.x, target.y + 1},
                                {target.x, target.y - 1}};
      for (TilePos t : around) {
        if (t.x < 0 || t.y < 0 || t.x >= mesh.width || t.y >= mesh.height ||
            t == from)
          continue;
        for (int32_t s = 0; s < mesh.coresPerTile; ++s) {
          int64_t slot = slotOfPos(t, s, mesh);
          int32_t b = coreAt[slot];
          double d = moveDelta(a, t, b);
          if (b >= 0)
            d += moveDelta(uint32_t(b), from, a);
          if (d < bestD) {
            bestD = d;
            bestSlot = slot;
          }
        }
      }
      if (bestSlot < 0)
        continue;
      int32_t b = coreAt[bestSlot];
      int64_t oldSlot = slotOf[a];
      coreAt[oldSlot] = b;
      if (b >= 0)
        slotOf[b] = oldSlot;
      coreAt[bestSlot] = int32_t(a);
      slotOf[a] = bestSlot;
      ++swaps;
    }
    return swaps;
  }

  std::vector<CorePos> positions() const {
    std::vector<CorePos> pos;
    for (int64_t s : slotOf)
      pos.push_back(slotPos(s, mesh));
    return pos;
  }

private:
  /// The traffic-weighted median of a's partners' x and y.
  TilePos medianTile(uint32_t a) const {
    auto median = [&](auto coord) {
      std::vector<std::pair<int32_t, double>> v;
      double total = 0;
      for (auto [b, w] : partners[a]) {
        v.push_back({coord(tileOf(b)), w});
        total += w;
      }
      std::sort(v.begin(), v.end());
      double run = 0;
      for (auto [x, w] : v)
        if ((run += w) >= total / 2)
          return x;
      return v.back().first;
    };
    return {median([](TilePos t) { return t.x; }),
            median([](TilePos t) { return t.y; })};
  }

  const target::Mesh &mesh;
  std::vector<std::vector<std::pair<uint32_t, double>>> partners;
  std::vector<int64_t> slotOf;
  std::vector<int32_t> coreAt;
};

} // namespace

Placement mapping::placeCores(uint32_t numCores,
                              const std::vector<TrafficEdge> &traffic,
                              const target::Mesh &mesh,
                              const PlaceOptions &options) {
  Placer placer(numCores, traffic, mesh);
  Placement result;
  result.initialCost = placer.cost();
  const uint64_t passWork = placer.passWork();
  while (result.passes < options.maxPasses &&
         (result.passes == 0 || result.work + passWork <= options.maxWork)) {
    uint64_t swaps = placer.pass();
    ++result.passes;
    result.work += passWork;
    result.swaps += swaps;
    if (!swaps)
      break;
  }
  result.cost = placer.cost();
  result.pos = placer.positions();
  return result;
}

std::vector<TilePos> mapping::routeHops(TilePos a, TilePos b,
                                        target::Routing routing) {
  std::vector<TilePos> hops;
  auto walkX = [&] {
    while (a.x != b.x) {
      a.x += a.x < b.x ? 1 : -1;
      hops.push_back(a);
    }
  };
  auto walkY = [&] {
    while (a.y != b.y) {
      a.y += a.y < b.y ? 1 : -1;
      hops.push_back(a);
    }
  };
  if (routing == target::Routing::XY) {
    walkX();
    walkY();
  } else {
    walkY();
    walkX();
  }
  return hops;
}

RouteStats mapping::routeTraffic(const std::vector<TrafficEdge> &traffic,
                                 const Placement &placement,
                                 const target::Mesh &mesh) {
  RouteStats s;
  s.linkLoad.assign(size_t(mesh.tiles()) * 4, 0);
  double total = 0;
  for (const TrafficEdge &e : traffic) {
    TilePos cur = placement.pos[e.from].tile();
    std::vector<TilePos> hops =
        routeHops(cur, placement.pos[e.to].tile(), mesh.routing);
    for (TilePos next : hops) {
      LinkDir dir = next.x > cur.x   ? LinkDir::East
                    : next.x < cur.x ? LinkDir::West
                    : next.y > cur.y ? LinkDir::North
                                     : LinkDir::South;
      double &load = s.linkLoad[linkIndex(cur, int32_t(mesh.width), dir)];
      load += e.rate;
      s.maxLinkLoad = std::max(s.maxLinkLoad, load);
      cur = next;
    }
    s.totalHopSpikes += e.rate * double(hops.size());
    total += e.rate;
    s.maxHops = std::max(s.maxHops, int32_t(hops.size()));
  }
  s.averageHops = total > 0 ? s.totalHopSpikes / total : 0;
  return s;
}
