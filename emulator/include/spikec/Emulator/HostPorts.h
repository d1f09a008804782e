//===- HostPorts.h - the host's side of the chip's input ports --*- C++ -*-===//
//
// An image's input port as the host drives it: each step, the row of the
// input file becomes events through the port's encoder, the quantized
// reference's own (EventEncoder.h), with the same attributes and seeds, so
// both draw the same input spikes.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_HOSTPORTS_H
#define SPIKEC_EMULATOR_HOSTPORTS_H

#include "spikec/Image/Image.h"
#include "spikec/Kernels/EventEncoder.h"

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace spikec::emu {

/// T rows, each one step's values of an input (ref::Rows).
using Rows = std::vector<std::vector<double>>;

class HostInput {
public:
  /// Sets the port up from `in`, which must outlive this object. "" or why
  /// its encoder cannot run ("input 'x': encoder 'latency' needs an integer
  /// attribute 'window' > 0").
  std::string init(const image::Input &in);
  /// Binds the port's rows (which must outlive the run) for a run of
  /// `timesteps`. "" or what is wrong: fewer rows, a row of another width, a
  /// value that is not finite or, without an encoder, not an int32.
  std::string bind(const Rows &rows, int64_t timesteps);

  /// Encodes step t's row (steps in order from 0) and lists the elements
  /// with an event. Allocates nothing.
  void encode(int64_t t);
  /// The elements with an event this step, ascending.
  llvm::ArrayRef<uint32_t> active() const { return activeList; }
  /// Every element's value this step (0: no event).
  const int32_t *values() const { return value.data(); }
  /// Element e's destinations (core, axon).
  llvm::ArrayRef<image::Endpoint> destinationsOf(uint32_t e) const {
    return llvm::ArrayRef<image::Endpoint>(port->dests)
        .slice(port->offsets[e], port->offsets[e + 1] - port->offsets[e]);
  }
  /// Whether the events count as spikes (rate, latency and delta encoders,
  /// as the quantized reference counts them).
  bool spiking() const { return encoder.emitsSpikes(); }
  const image::Input &description() const { return *port; }
  /// The encoder as the port runs it (its seed among the rest).
  const ref::EventEncoder &eventEncoder() const { return encoder; }

private:
  const image::Input *port = nullptr;
  const Rows *rows = nullptr;
  ref::EventEncoder encoder;
  std::vector<int32_t> value;
  std::vector<uint32_t> activeList;
};

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_HOSTPORTS_H
