//===- MeshModel.cpp - spike packets crossing the network-on-chip ---------===//

#include "spikec/Emulator/MeshModel.h"

#include <algorithm>
#include <cassert>
#include <climits>
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

double MeshModel::hop(const Request &r, MeshStepStats &s) {
  Packet &p = packets[r.packet];
  Dir d;
  if (!nextHop(p, d)) {
    p.arrival = r.time;
    s.lastArrivalNs = std::max(s.lastArrivalNs, r.time);
    s.maxHops = std::max(s.maxHops, p.hops);
    return -1;
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
  return start + hopNs[ns];
}

MeshStepStats MeshModel::drain() {
  MeshStepStats s;
  s.packets = packets.size();
  for (uint32_t l : usedLinks) {
    freeAt[l] = 0;
    touched[l] = 0;
  }
  usedLinks.clear();
  // Each link serves its requests in order of arrival (a FIFO link): all
  // requests are served in (time, packet) order. With hop latencies above
  // zero, buckets of half the shorter latency give that order without a
  // heap: a served request's next one lands at least two buckets later, so
  // a bucket is complete when its turn comes and only it needs sorting.
  double shortest = std::min(hopNs[0], hopNs[1]);
  if (shortest > 0 && std::isfinite(shortest))
    drainByBuckets(s, shortest / 2);
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

void MeshModel::drainByBuckets(MeshStepStats &s, double bucketNs) {
  auto keyOf = [&](double time) {
    return int64_t(std::floor(time / bucketNs));
  };
  std::greater<Request> later;
  auto earlier = [&](const Request &a, const Request &b) {
    return later(b, a);
  };
  // Three sources of requests, merged by key: the injections (sorted), the
  // ring of the next `span` keys, and a heap of those further out (behind
  // a queue at a busy link).
  std::vector<Request> &injections = heapStorage;
  injections.clear();
  for (uint32_t i = 0; i < packets.size(); ++i)
    injections.push_back({packets[i].inject, i});
  std::sort(injections.begin(), injections.end(), earlier);
  const size_t span = std::max<size_t>(
      4096, size_t(std::ceil(std::max(hopNs[0], hopNs[1]) / bucketNs)) + 3);
  if (ring.size() < span)
    ring.resize(span);
  far.clear();
  size_t inRing = 0, nextInjection = 0;
  int64_t key = 0;
  auto slotOf = [&](int64_t k) -> std::vector<Request> & {
    return ring[size_t(k % int64_t(span))];
  };
  while (inRing > 0 || !far.empty() || nextInjection < injections.size()) {
    int64_t next = INT64_MAX;
    if (inRing > 0) {
      int64_t k = key;
      while (slotOf(k).empty())
        ++k;
      next = k;
    }
    if (!far.empty())
      next = std::min(next, keyOf(far.front().time));
    if (nextInjection < injections.size())
      next = std::min(next, keyOf(injections[nextInjection].time));
    key = next;
    bucket.swap(slotOf(key));
    inRing -= bucket.size();
    while (nextInjection < injections.size() &&
           keyOf(injections[nextInjection].time) == key)
      bucket.push_back(injections[nextInjection++]);
    while (!far.empty() && keyOf(far.front().time) == key) {
      std::pop_heap(far.begin(), far.end(), later);
      bucket.push_back(far.back());
      far.pop_back();
    }
    std::sort(bucket.begin(), bucket.end(), earlier);
    for (const Request &r : bucket) {
      double time = hop(r, s);
      if (time < 0)
        continue;
      int64_t k = keyOf(time);
      assert(k > key && "a hop shorter than two buckets");
      if (k - key < int64_t(span)) {
        slotOf(k).push_back({time, r.packet});
        ++inRing;
      } else {
        far.push_back({time, r.packet});
        std::push_heap(far.begin(), far.end(), later);
      }
    }
    bucket.clear();
  }
}
