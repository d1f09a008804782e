//===- MeshModel.h - spike packets crossing the network-on-chip -*- C++ -*-===//
//
// The cycle model's 2-D mesh (DESIGN.md section 7, targets/README.md "What
// the numbers mean"): tiles of cores_per_tile cores, one router per tile,
// dimension-order routing (x then y for "xy", y then x for "yx"). A packet
// takes one hop per tile boundary, each costing the target's hop_ew or
// hop_ns latency and energy. A link (one direction between two neighbouring
// routers) carries one packet at a time and is busy for one hop latency per
// packet; a packet that reaches a busy link waits (FIFO in order of arrival
// at the link, ties by injection order). Packets between cores of one tile
// take no hop. The host's port is the router of tile (0, 0): its packets
// enter there.
//
// Per step, packets are added with their injection time, then drain()
// simulates them hop by hop and returns when the last one arrives: every
// link serves its requests in (time, packet) order, so contention is exact
// for the FIFO links above, as one discrete-event sweep over all requests in
// that order gives (MeshModel.cpp says why links can go one at a time). No
// allocation once the buffers have grown to the busiest step.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_MESHMODEL_H
#define SPIKEC_EMULATOR_MESHMODEL_H

#include "spikec/Target/Target.h"

#include <cstdint>
#include <queue>
#include <vector>

namespace spikec::emu {

/// What the packets of one step did on the mesh.
struct MeshStepStats {
  uint64_t packets = 0;
  /// Hops along x (east-west) and y (north-south).
  uint64_t hopsEW = 0, hopsNS = 0;
  /// Total time packets spent waiting for busy links, ns.
  double queuedNs = 0;
  /// When the last packet arrived (0 without packets), ns from the step's
  /// start.
  double lastArrivalNs = 0;
  /// The largest number of hops one packet took.
  uint32_t maxHops = 0;
};

class MeshModel {
public:
  /// Directions of a link out of a router: East is x + 1, North y + 1.
  enum Dir : uint32_t { East, West, North, South };

  MeshModel(uint32_t width, uint32_t height, target::Routing routing,
            double hopNsEW, double hopNsNS);
  /// The mesh of `t`.
  explicit MeshModel(const target::TargetDesc &t);

  /// A packet from tile (sx, sy) to tile (dx, dy), entering the source
  /// router at `injectNs` (ns from the step's start).
  void add(uint32_t sx, uint32_t sy, uint32_t dx, uint32_t dy,
           double injectNs);
  /// Moves every added packet to its destination; returns the step's
  /// figures and forgets the packets (link counts accumulate over the run).
  MeshStepStats drain();

  uint32_t numLinks() const { return width * height * 4; }
  /// Link of router (x, y) towards `d`.
  uint32_t linkOf(uint32_t x, uint32_t y, Dir d) const {
    return (y * width + x) * 4 + d;
  }
  /// Packets that crossed each link over the run, and its busy time (ns).
  const std::vector<uint64_t> &linkPackets() const { return packetsOnLink; }
  const std::vector<double> &linkBusyNs() const { return busyOnLink; }
  /// Links used in the last drained step (each once), for traces.
  const std::vector<uint32_t> &linksUsedLastStep() const { return usedLinks; }

  uint32_t meshWidth() const { return width; }
  uint32_t meshHeight() const { return height; }

private:
  /// Where a packet is and where it goes (tiles; a mesh is at most 2^16
  /// wide or high, TargetRead.cpp).
  struct Where {
    uint16_t x, y, dx, dy;
  };
  struct Packet {
    Where at;
    double inject;
  };
  /// Packet `packet`, at `at`, ready at a router at `time` to take its next
  /// hop. It carries where it is, so serving it reads nothing else.
  struct Request {
    double time;
    uint32_t packet;
    Where at;
    bool operator>(const Request &o) const {
      return time != o.time ? time > o.time : packet > o.packet;
    }
  };
  /// The next link of a packet's dimension-order path, or false when it has
  /// arrived.
  bool nextHop(const Where &p, Dir &d) const;
  /// Moves `r`'s packet one hop into `next` (or ends it), adding to `s`;
  /// returns false when it arrived.
  bool hop(const Request &r, Request &next, MeshStepStats &s);
  /// Moves the packet at `at` across `link` (one of its router's), ready at
  /// `time`, the link free from `freeAt` (updated); returns when it reaches
  /// the next router.
  double cross(Where &at, uint32_t link, double time, double &freeAt,
               MeshStepStats &s);
  /// A packet arrived at its tile at `time`.
  void arrive(double time, MeshStepStats &s);
  /// The two ways drain() serves requests in (time, packet) order: link by
  /// link, or all at once by one heap.
  void drainByLinks(MeshStepStats &s);
  void drainByHeap(MeshStepStats &s);
  /// Queues `r` at `link`, from `from` (the upstream link, or -1 for an
  /// injection).
  void queue(uint32_t link, int64_t from, const Request &r);
  /// Serves `requests` (in order) on `link`, queueing each packet at its
  /// next link or ending it.
  void serveLink(uint32_t link, const std::vector<Request> &requests,
                 MeshStepStats &s);

  uint32_t width, height;
  target::Routing routing;
  double hopNs[2]; ///< [0] east-west, [1] north-south
  std::vector<Packet> packets;
  std::vector<Request> heapStorage;
  /// drainByLinks: per link, the requests of the step as runs in (time,
  /// packet) order, one per feeding link and one of injections (first),
  /// kept in chunks of a shared pool: a link's chunks go back to the pool
  /// when it is served, so the step holds what is in flight, not every
  /// request it makes.
  static constexpr uint32_t kChunkRequests = 64;
  static constexpr uint32_t kNoChunk = UINT32_MAX;
  struct Chunk {
    Request items[kChunkRequests];
    uint32_t used = 0, next = kNoChunk;
  };
  struct LinkQueue {
    std::vector<uint32_t> runStarts;
    uint32_t head = kNoChunk, tail = kNoChunk;
    uint32_t size = 0;
    int64_t from = 0;
    bool injected = false;
  };
  std::vector<Chunk> chunks;
  std::vector<uint32_t> freeChunks;
  std::vector<LinkQueue> queues;
  /// Every link after those that feed it (the routing's order).
  std::vector<uint32_t> linkOrder;
  std::vector<Request> gathered, merged, scratch;
  struct FirstUse {
    Request first;
    uint32_t link;
  };
  std::vector<FirstUse> usedOrder;
  size_t arrived = 0;           ///< packets that reached their tile this step
  std::vector<double> freeAt;   ///< per link, within the current step
  std::vector<uint8_t> touched; ///< per link: used this step
  std::vector<uint32_t> usedLinks;
  std::vector<uint64_t> packetsOnLink;
  std::vector<double> busyOnLink;
};

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_MESHMODEL_H
