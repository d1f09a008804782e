//===- Emulator.cpp - building the cores, the ports and the inboxes -------===//

#include "spikec/Emulator/Emulator.h"

namespace spikec::emu {

std::unique_ptr<Emulator> Emulator::create(image::Image image,
                                           std::string &error) {
  std::unique_ptr<Emulator> emu(new Emulator());
  emu->img = std::move(image);
  const image::Image &img = emu->img;

  emu->cores.resize(img.cores.size());
  for (size_t c = 0; c < img.cores.size(); ++c) {
    std::string why = emu->cores[c].init(img.cores[c]);
    if (!why.empty()) {
      error = "core " + std::to_string(c) + ": " + why;
      return nullptr;
    }
  }
  emu->inputs.resize(img.inputs.size());
  for (size_t i = 0; i < img.inputs.size(); ++i) {
    std::string why = emu->inputs[i].init(img.inputs[i]);
    if (!why.empty()) {
      error = why;
      return nullptr;
    }
  }

  // Each source sends at most one event per step to each of its
  // destinations, and a slot collects one step's arrivals: the destinations
  // naming a core bound what one of its slots holds.
  std::vector<size_t> incoming(img.cores.size(), 0);
  for (const image::Core &core : img.cores)
    for (const image::Endpoint &d : core.routes)
      ++incoming[d.core];
  for (const image::Input &in : img.inputs)
    for (const image::Endpoint &d : in.dests)
      ++incoming[d.core];
  emu->inbox.resize(img.cores.size());
  size_t total = 0;
  for (size_t c = 0; c < img.cores.size(); ++c) {
    Inbox &box = emu->inbox[c];
    box.numSlots = emu->cores[c].maxDelay() + 2;
    box.capacity = uint32_t(incoming[c]);
    box.delayed = emu->cores[c].maxDelay() > 0;
    box.count.assign(box.numSlots, 0);
    total += size_t(box.numSlots) * box.capacity;
  }
  emu->eventBuffer.reset(new AxonEvent[total]);
  for (size_t c = 0, at = 0; c < img.cores.size(); ++c) {
    Inbox &box = emu->inbox[c];
    box.events = emu->eventBuffer.get() + at;
    at += size_t(box.numSlots) * box.capacity;
  }
  emu->totals.spikesPerCore.assign(img.cores.size(), 0);
  return emu;
}

std::string Emulator::start(std::map<std::string, Rows> rows,
                            int64_t steps) {
  if (timesteps)
    return "the emulator has run already: it runs one start() only";
  if (steps <= 0)
    return "timesteps must be > 0, got " + std::to_string(steps);
  for (const auto &entry : rows) {
    bool known = false;
    for (const image::Input &in : img.inputs)
      known |= in.name == entry.first;
    if (!known)
      return "the image has no input '" + entry.first + "'";
  }
  inputRows = std::move(rows);
  for (HostInput &in : inputs) {
    auto it = inputRows.find(in.description().name);
    if (it == inputRows.end())
      return "no rows for input '" + in.description().name + "'";
    std::string why = in.bind(it->second, steps);
    if (!why.empty())
      return why;
  }
  outputs.resize(img.outputs.size());
  for (size_t o = 0; o < img.outputs.size(); ++o)
    outputs[o].assign(size_t(steps) * img.outputs[o].width, 0);
  timesteps = steps;
  t = 0;
  return "";
}

} // namespace spikec::emu
