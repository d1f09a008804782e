//===- MeshModel.cpp - spike packets crossing the network-on-chip ---------===//

#include "spikec/Emulator/MeshModel.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <climits>
#include <cmath>
#include <functional>
#include <iterator>

using namespace spikec;
using namespace spikec::emu;

MeshModel::MeshModel(uint32_t width, uint32_t height, target::Routing routing,
                     double hopNsEW, double hopNsNS)
    : width(width), height(height), routing(routing), hopNs{hopNsEW, hopNsNS},
      freeAt(size_t(width) * height * 4, 0.0),
      touched(size_t(width) * height * 4, 0),
      queues(size_t(width) * height * 4),
      packetsOnLink(size_t(width) * height * 4, 0),
      busyOnLink(size_t(width) * height * 4, 0.0) {
  // An order in which every link comes after the links that feed it: with
  // x then y, east links by rising x, west links by falling x, then north
  // links by rising y and south links by falling y (the first dimension's
  // links feed the second's, never the reverse); y then x the other way.
  auto along = [&](Dir d) {
    bool horizontal = d == East || d == West;
    bool rising = d == East || d == North;
    uint32_t n = horizontal ? width : height, m = horizontal ? height : width;
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t at = rising ? i : n - 1 - i;
      for (uint32_t j = 0; j < m; ++j)
        linkOrder.push_back(horizontal ? linkOf(at, j, d) : linkOf(j, at, d));
    }
  };
  bool xFirst = routing == target::Routing::XY;
  for (Dir d : xFirst ? std::array<Dir, 4>{East, West, North, South}
                      : std::array<Dir, 4>{North, South, East, West})
    along(d);
}

/// A latency as whole cycles of t's clock, in ns (CycleModel.h).
static double wholeCycles(const target::TargetDesc &t, double ns) {
  return double(t.cyclesFor(ns)) * t.cycleNs();
}

MeshModel::MeshModel(const target::TargetDesc &t)
    : MeshModel(uint32_t(t.mesh.width.value), uint32_t(t.mesh.height.value),
                t.mesh.routing,
                wholeCycles(t, t.latencyNsOf(target::EventKind::HopEastWest)),
                wholeCycles(t,
                            t.latencyNsOf(target::EventKind::HopNorthSouth))) {}

void MeshModel::add(uint32_t sx, uint32_t sy, uint32_t dx, uint32_t dy,
                    double injectNs) {
  packets.push_back({sx, sy, dx, dy, injectNs, injectNs, 0});
}

bool MeshModel::nextHop(const Packet &p, Dir &d) const {
  bool xFirst = routing == target::Routing::XY;
  for (int pass = 0; pass < 2; ++pass) {
    if (xFirst == (pass == 0)) {
      if (p.x != p.dx) {
        d = p.x < p.dx ? East : West;
        return true;
      }
    } else if (p.y != p.dy) {
      d = p.y < p.dy ? North : South;
      return true;
    }
  }
  return false;
}

double MeshModel::cross(Packet &p, uint32_t link, double time, double &freeAt,
                        MeshStepStats &s) {
  Dir d = Dir(link & 3);
  bool ns = d == North || d == South;
  double start = std::max(time, freeAt);
  s.queuedNs += start - time;
  freeAt = start + hopNs[ns];
  busyOnLink[link] += hopNs[ns];
  ++packetsOnLink[link];
  (ns ? s.hopsNS : s.hopsEW) += 1;
  ++p.hops;
  switch (d) {
  case East:
    ++p.x;
    break;
  case West:
    --p.x;
    break;
  case North:
    ++p.y;
    break;
  case South:
    --p.y;
    break;
  }
  return freeAt;
}

void MeshModel::arrive(Packet &p, double time, MeshStepStats &s) {
  p.arrival = time;
  ++arrived;
  s.lastArrivalNs = std::max(s.lastArrivalNs, time);
  s.maxHops = std::max(s.maxHops, p.hops);
}

double MeshModel::hop(const Request &r, MeshStepStats &s) {
  Packet &p = packets[r.packet];
  Dir d;
  if (!nextHop(p, d)) {
    arrive(p, r.time, s);
    return -1;
  }
  uint32_t link = linkOf(p.x, p.y, d);
  if (!touched[link]) {
    touched[link] = 1;
    usedLinks.push_back(link);
  }
  return cross(p, link, r.time, freeAt[link], s);
}

MeshStepStats MeshModel::drain() {
  MeshStepStats s;
  s.packets = packets.size();
  for (uint32_t l : usedLinks) {
    freeAt[l] = 0;
    touched[l] = 0;
  }
  usedLinks.clear();
  arrived = 0;
  // Each link serves its requests in order of arrival (a FIFO link), ties
  // by packet: (time, packet) order. With hop latencies above zero a link's
  // departures leave in that order too, and dimension-order routing never
  // sends a packet back to a link it depends on, so the links can be served
  // one after another, each merging the ordered runs its upstream links and
  // injections left it (drainByLinks). A zero latency can tie departures
  // out of packet order: then one heap over all requests.
  double shortest = std::min(hopNs[0], hopNs[1]);
  if (shortest > 0 && std::isfinite(shortest))
    drainByLinks(s);
  else
    drainByHeap(s);
  packets.clear();
  return s;
}

void MeshModel::drainByHeap(MeshStepStats &s) {
  std::greater<Request> later;
  heapStorage.clear();
  for (uint32_t i = 0; i < packets.size(); ++i)
    heapStorage.push_back({packets[i].inject, i});
  std::make_heap(heapStorage.begin(), heapStorage.end(), later);
  while (!heapStorage.empty()) {
    std::pop_heap(heapStorage.begin(), heapStorage.end(), later);
    Request r = heapStorage.back();
    heapStorage.pop_back();
    if (double next = hop(r, s); next >= 0) {
      heapStorage.push_back({next, r.packet});
      std::push_heap(heapStorage.begin(), heapStorage.end(), later);
    }
  }
}

void MeshModel::queue(uint32_t link, int64_t from, const Request &r) {
  LinkQueue &q = queues[link];
  if (q.requests.empty() || q.from != from) {
    q.runStarts.push_back(uint32_t(q.requests.size()));
    q.from = from;
    q.injected |= from < 0;
  }
  q.requests.push_back(r);
}

void MeshModel::drainByLinks(MeshStepStats &s) {
  std::greater<Request> later;
  auto earlier = [&](const Request &a, const Request &b) {
    return later(b, a);
  };
  // Injections: one run per first link, sorted (packets are added core by
  // core, not in time order).
  constexpr int64_t kInjected = -1;
  for (uint32_t i = 0; i < packets.size(); ++i) {
    Packet &p = packets[i];
    Dir d;
    if (!nextHop(p, d)) {
      arrive(p, p.inject, s);
      continue;
    }
    queue(linkOf(p.x, p.y, d), kInjected, {p.inject, i});
  }
  usedOrder.clear();
  for (uint32_t link : linkOrder) {
    LinkQueue &q = queues[link];
    if (q.requests.empty())
      continue;
    // The injected run comes first (queued before any upstream link ran).
    uint32_t injectedEnd =
        q.runStarts.size() > 1 ? q.runStarts[1] : uint32_t(q.requests.size());
    if (q.injected)
      std::sort(q.requests.begin(), q.requests.begin() + injectedEnd, earlier);
    // Merge the runs into `merged`.
    std::vector<Request> *serve = &q.requests;
    if (q.runStarts.size() > 1) {
      merged.clear();
      merged.insert(merged.end(), q.requests.begin(),
                    q.requests.begin() + q.runStarts[1]);
      for (size_t r = 1; r < q.runStarts.size(); ++r) {
        auto begin = q.requests.begin() + q.runStarts[r];
        auto end = r + 1 < q.runStarts.size()
                       ? q.requests.begin() + q.runStarts[r + 1]
                       : q.requests.end();
        scratch.clear();
        std::merge(merged.begin(), merged.end(), begin, end,
                   std::back_inserter(scratch), earlier);
        merged.swap(scratch);
      }
      serve = &merged;
    }
    usedOrder.push_back({serve->front(), link});
    serveLink(link, *serve, s);
    q.requests.clear();
    q.runStarts.clear();
    q.injected = false;
  }
  // A link queued after its turn would hold packets back: linkOrder is
  // wrong.
  if (arrived != packets.size())
    llvm::report_fatal_error("mesh: a packet was left on the way");
  // Links in order of first use, as one (time, packet) sweep uses them.
  std::sort(usedOrder.begin(), usedOrder.end(),
            [&](const FirstUse &a, const FirstUse &b) {
              return earlier(a.first, b.first);
            });
  for (const FirstUse &u : usedOrder)
    usedLinks.push_back(u.link);
}

void MeshModel::serveLink(uint32_t link, const std::vector<Request> &requests,
                          MeshStepStats &s) {
  double freeAt = 0;
  for (const Request &r : requests) {
    Packet &p = packets[r.packet];
    double departure = cross(p, link, r.time, freeAt, s);
    Dir d;
    if (nextHop(p, d))
      queue(linkOf(p.x, p.y, d), link, {departure, r.packet});
    else
      arrive(p, departure, s);
  }
}
