//===- MeshModel.cpp - spike packets crossing the network-on-chip ---------===//

#include "spikec/Emulator/MeshModel.h"

#include "llvm/Support/ErrorHandling.h"

#include <algorithm>
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
  // An order in which every link comes after the links that feed it, and
  // soon after them (a queue lives briefly and stays cached). With x then
  // y: row by row upwards, its east links by rising x, its west links by
  // falling x, then its north links (fed by the row's turns and the north
  // links below); then the south links row by row downwards (fed by turns,
  // made already, and the south links above). y then x the same with
  // columns for rows.
  bool xFirst = routing == target::Routing::XY;
  uint32_t lines = xFirst ? height : width, along = xFirst ? width : height;
  auto link = [&](uint32_t line, uint32_t i, Dir d) {
    return xFirst ? linkOf(i, line, d) : linkOf(line, i, d);
  };
  Dir up = xFirst ? East : North, down = xFirst ? West : South;
  Dir rise = xFirst ? North : East, fall = xFirst ? South : West;
  for (uint32_t line = 0; line < lines; ++line) {
    for (uint32_t i = 0; i < along; ++i)
      linkOrder.push_back(link(line, i, up));
    for (uint32_t i = along; i-- > 0;)
      linkOrder.push_back(link(line, i, down));
    for (uint32_t i = 0; i < along; ++i)
      linkOrder.push_back(link(line, i, rise));
  }
  for (uint32_t line = lines; line-- > 0;)
    for (uint32_t i = 0; i < along; ++i)
      linkOrder.push_back(link(line, i, fall));
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
  packets.push_back(
      {{uint16_t(sx), uint16_t(sy), uint16_t(dx), uint16_t(dy)}, injectNs});
}

bool MeshModel::nextHop(const Where &p, Dir &d) const {
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

double MeshModel::cross(Where &p, uint32_t link, double time, double &freeAt,
                        MeshStepStats &s) {
  Dir d = Dir(link & 3);
  bool ns = d == North || d == South;
  double start = std::max(time, freeAt);
  s.queuedNs += start - time;
  freeAt = start + hopNs[ns];
  busyOnLink[link] += hopNs[ns];
  ++packetsOnLink[link];
  (ns ? s.hopsNS : s.hopsEW) += 1;
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

void MeshModel::arrive(double time, MeshStepStats &s) {
  ++arrived;
  s.lastArrivalNs = std::max(s.lastArrivalNs, time);
}

bool MeshModel::hop(const Request &r, Request &next, MeshStepStats &s) {
  Dir d;
  if (!nextHop(r.at, d)) {
    arrive(r.time, s);
    return false;
  }
  uint32_t link = linkOf(r.at.x, r.at.y, d);
  if (!touched[link]) {
    touched[link] = 1;
    usedLinks.push_back(link);
  }
  next = r;
  next.time = cross(next.at, link, r.time, freeAt[link], s);
  return true;
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
  // Dimension-order paths are shortest: a packet's hops are its distance.
  for (const Packet &p : packets) {
    uint32_t hops = uint32_t(std::abs(int(p.at.x) - int(p.at.dx)) +
                             std::abs(int(p.at.y) - int(p.at.dy)));
    s.maxHops = std::max(s.maxHops, hops);
  }
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
    heapStorage.push_back({packets[i].inject, i, packets[i].at});
  std::make_heap(heapStorage.begin(), heapStorage.end(), later);
  while (!heapStorage.empty()) {
    std::pop_heap(heapStorage.begin(), heapStorage.end(), later);
    Request r = heapStorage.back();
    heapStorage.pop_back();
    Request next;
    if (hop(r, next, s)) {
      heapStorage.push_back(next);
      std::push_heap(heapStorage.begin(), heapStorage.end(), later);
    }
  }
}

void MeshModel::queue(uint32_t link, int64_t from, const Request &r) {
  LinkQueue &q = queues[link];
  if (q.size == 0 || q.from != from) {
    q.runStarts.push_back(q.size);
    q.from = from;
    q.injected |= from < 0;
  }
  if (q.tail == kNoChunk || chunks[q.tail].used == kChunkRequests) {
    // A chunk a served link gave back was written recently: still cached.
    uint32_t c;
    if (!freeChunks.empty()) {
      c = freeChunks.back();
      freeChunks.pop_back();
    } else {
      c = uint32_t(chunks.size());
      chunks.emplace_back();
    }
    chunks[c].used = 0;
    chunks[c].next = kNoChunk;
    (q.tail == kNoChunk ? q.head : chunks[q.tail].next) = c;
    q.tail = c;
  }
  Chunk &chunk = chunks[q.tail];
  chunk.items[chunk.used++] = r;
  ++q.size;
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
    const Packet &p = packets[i];
    Dir d;
    if (!nextHop(p.at, d)) {
      arrive(p.inject, s);
      continue;
    }
    queue(linkOf(p.at.x, p.at.y, d), kInjected, {p.inject, i, p.at});
  }
  usedOrder.clear();
  for (uint32_t link : linkOrder) {
    LinkQueue &q = queues[link];
    if (q.size == 0)
      continue;
    // The link's requests in one array, its chunks given back.
    gathered.clear();
    for (uint32_t c = q.head; c != kNoChunk; c = chunks[c].next) {
      gathered.insert(gathered.end(), chunks[c].items,
                      chunks[c].items + chunks[c].used);
      freeChunks.push_back(c);
    }
    // The injected run comes first (queued before any upstream link ran).
    uint32_t injectedEnd =
        q.runStarts.size() > 1 ? q.runStarts[1] : uint32_t(gathered.size());
    if (q.injected)
      std::sort(gathered.begin(), gathered.begin() + injectedEnd, earlier);
    // Merge the runs into `merged`.
    std::vector<Request> *serve = &gathered;
    if (q.runStarts.size() > 1) {
      merged.clear();
      merged.insert(merged.end(), gathered.begin(),
                    gathered.begin() + q.runStarts[1]);
      for (size_t r = 1; r < q.runStarts.size(); ++r) {
        auto begin = gathered.begin() + q.runStarts[r];
        auto end = r + 1 < q.runStarts.size()
                       ? gathered.begin() + q.runStarts[r + 1]
                       : gathered.end();
        scratch.clear();
        std::merge(merged.begin(), merged.end(), begin, end,
                   std::back_inserter(scratch), earlier);
        merged.swap(scratch);
      }
      serve = &merged;
    }
    q.runStarts.clear();
    q.head = q.tail = kNoChunk;
    q.size = 0;
    q.injected = false;
    usedOrder.push_back({serve->front(), link});
    serveLink(link, *serve, s);
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
  for (Request r : requests) {
    r.time = cross(r.at, link, r.time, freeAt, s);
    Dir d;
    if (nextHop(r.at, d))
      queue(linkOf(r.at.x, r.at.y, d), link, r);
    else
      arrive(r.time, s);
  }
}
