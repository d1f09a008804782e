//===- StepLag.h - How many steps a network's outputs lag its inputs -*- C++ -*-===//
//
// In hardware timing a spike crosses one synapse per step: every edge out of
// an input or a neuron takes one step, a synaptic delay adds its steps, and
// an output reads its neurons in the step they fire. The outputs then lag
// the inputs by the longest such path. That one rule is applied at three
// levels (the snn network, the nc graph, the image's neurons), each of
// which builds the graph of its edges with their steps and asks here.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_SUPPORT_STEPLAG_H
#define SPIKEC_SUPPORT_STEPLAG_H

#include <cstdint>
#include <optional>
#include <vector>

namespace spikec {

/// An edge that takes `steps` (>= 0) steps.
struct StepEdge {
  uint32_t from, to;
  int64_t steps;
};

/// The most steps any path from a node of `sources` (every node when empty)
/// to a node of `sinks` takes, 0 when none reaches a sink; nullopt when a
/// cycle is reachable from the sources (a recurrent network has no lag).
std::optional<int64_t> longestStepPath(uint32_t numNodes,
                                       const std::vector<StepEdge> &edges,
                                       const std::vector<uint32_t> &sources,
                                       const std::vector<uint32_t> &sinks);

} // namespace spikec

#endif // SPIKEC_SUPPORT_STEPLAG_H
