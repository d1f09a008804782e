//===- EvalLag.h - spikec eval: hardware timing's lag -----------*- C++ -*-===//
//
// Under hardware timing an output reads its input's effect some steps late
// (StepLag.h's rule); eval drains that many steps of zeros after each
// sample, so that every execution scores the same inference.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_SPIKEC_EVALLAG_H
#define SPIKEC_TOOLS_SPIKEC_EVALLAG_H

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Image/Image.h"

#include <cstdint>

namespace spikec::driver {

/// The steps an nc.graph's outputs lag its inputs by: an edge out of an
/// input or a population takes a step (not into the output that reads it), a
/// synapse group adds its delay; -1 when the graph is recurrent.
int64_t graphLag(nc::GraphOp graph);

/// The same for an image, from its neurons: nodes are the host, every
/// core's axons and neurons; an axon is reached one step plus its group's
/// delay after the event is sent, a neuron in the step its axons are. -1
/// when a cycle is reachable from the inputs.
int64_t imageLag(const image::Image &img);

} // namespace spikec::driver

#endif // SPIKEC_TOOLS_SPIKEC_EVALLAG_H
