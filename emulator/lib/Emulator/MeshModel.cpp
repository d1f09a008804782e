//===- MeshModel.cpp - spike packets crossing the network-on-chip ---------===//

#include "spikec/Emulator/MeshModel.h"

#include <algorithm>
#include <cmath>
#include <functional>

using namespace spikec;
using namespace spikec::emu;

MeshModel::MeshModel(uint32_t width, uint32_t height, target::Routing routing,
                     double hopNsEW, double hopNsNS)
    : width(width), height(height), routing(routing),
      hopNs{hopNsEW, hopNsNS}, freeAt(size_t(width) * height * 4, 0.0),
      touched(size_t(width) * height * 4, 0),
      packetsOnLink(size_t(width) * height * 4, 0),
      busyOnLink(size_t(width) * height * 4, 0.0) {}

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

MeshStepStats MeshModel::drain() {
  MeshStepStats s;
  s.packets = packets.size();
  std::greater<Request> later;
  heapStorage.clear();
  for (uint32_t i = 0; i < packets.size(); ++i)
    heapStorage.push_back({packets[i].inject, i});
  std::make_heap(heapStorage.begin(), heapStorage.end(), later);
  for (uint32_t l : usedLinks) {
    freeAt[l] = 0;
    touched[l] = 0;
  }
  usedLinks.clear();
  // Requests leave the heap in time order, so each link serves them in
  // order of arrival: a FIFO link.
  while (!heapStorage.empty()) {
    std::pop_heap(heapStorage.begin(), heapStorage.end(), later);
    Request r = heapStorage.back();
    heapStorage.pop_back();
    Packet &p = packets[r.packet];
    Dir d;
    if (!nextHop(p, d)) {
      p.arrival = r.time;
      s.lastArrivalNs = std::max(s.lastArrivalNs, r.time);
      s.maxHops = std::max(s.maxHops, p.hops);
      continue;
    }
    uint32_t link = linkOf(p.x, p.y, d);
    bool ns = d == North || d == South;
    double start = std::max(r.time, freeAt[link]);
    s.queuedNs += start - r.time;
    freeAt[link] = start + hopNs[ns];
    busyOnLink[link] += hopNs[ns];
    ++packetsOnLink[link];
    if (!touched[link]) {
      touched[link] = 1;
      usedLinks.push_back(link);
    }
    (ns ? s.hopsNS : s.hopsEW) += 1;
    ++p.hops;
    switch (d) {
    case East: ++p.x; break;
    case West: --p.x; break;
    case North: ++p.y; break;
    case South: --p.y; break;
    }
    heapStorage.push_back({start + hopNs[ns], r.packet});
    std::push_heap(heapStorage.begin(), heapStorage.end(), later);
  }
  packets.clear();
  return s;
}
