//===- Emulator.cpp - building the cores, the ports and the fan-out -------===//

#include "spikec/Emulator/Emulator.h"

#include <algorithm>

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

  // A fan-out record holds a route's group below its delay, and its core
  // below the kSingle mark.
  if (img.cores.size() >= Fanout::kSingle) {
    error = std::to_string(img.cores.size()) +
            " cores; the emulator runs 2^31 at most";
    return nullptr;
  }
  for (size_t c = 0; c < img.cores.size(); ++c)
    if (img.cores[c].groups.size() > size_t(Fanout::kGroupMask) + 1) {
      error = "core " + std::to_string(c) + ": " +
              std::to_string(img.cores[c].groups.size()) +
              " dendrite groups; the emulator runs 2^" +
              std::to_string(Fanout::kDelayShift) + " at most";
      return nullptr;
    }
  uint64_t sumBytes = 0;
  for (const CoreModel &core : emu->cores) {
    emu->inlets.push_back(core.inlet());
    sumBytes += uint64_t(emu->inlets.back().slotWords) * 8 * core.slots();
    emu->dueMask = std::max(emu->dueMask, core.slots() - 1);
  }
  // About an L2 cache: below it the adds hit and batching only adds work.
  constexpr uint64_t kCachedSums = uint64_t(1) << 20;
  emu->batchAdds = sumBytes > kCachedSums;
  emu->setThreads(1);
  for (uint32_t o = 0; o < img.outputs.size(); ++o) {
    const image::Output &port = img.outputs[o];
    for (uint32_t e = 0; e < port.width; ++e) {
      const image::Endpoint &src = port.sources[e];
      OutputRun *last =
          emu->outputRuns.empty() ? nullptr : &emu->outputRuns.back();
      if (last && last->port == o && last->core == src.core &&
          last->first + last->count == src.index)
        ++last->count;
      else
        emu->outputRuns.push_back({o, e, src.core, src.index, 1});
    }
  }
  std::stable_sort(
      emu->outputRuns.begin(), emu->outputRuns.end(),
      [](const OutputRun &a, const OutputRun &b) { return a.core < b.core; });
  emu->runsOf.assign(img.cores.size() + 1, 0);
  for (const OutputRun &run : emu->outputRuns)
    ++emu->runsOf[run.core + 1];
  for (size_t c = 0; c < img.cores.size(); ++c)
    emu->runsOf[c + 1] += emu->runsOf[c];
  emu->synapticWork.resize(img.cores.size());
  emu->neuronWork.resize(img.cores.size());
  emu->totals.spikesPerCore.assign(img.cores.size(), 0);
  return emu;
}

void Emulator::buildFanout(llvm::ArrayRef<uint32_t> offsets,
                           llvm::ArrayRef<image::Endpoint> dests,
                           Fanout &fan) const {
  // Each route gets a copy of its axon's synapses: as many as the image's
  // when every axon has one sender, as a compiled image's do.
  size_t words = 0;
  for (const image::Endpoint &d : dests) {
    const image::Core &core = img.cores[d.core];
    size_t synapses = core.axonOffsets[d.index + 1] - core.axonOffsets[d.index];
    words += (synapses == 1 ? 2 : 3) + 2 * synapses;
  }
  const unsigned parts = numThreads;
  fan = Fanout();
  fan.words.reserve(words);
  fan.start.reserve((offsets.size() - 1) * parts + 1);
  for (size_t e = 0; e + 1 < offsets.size(); ++e) {
    llvm::ArrayRef<image::Endpoint> routes =
        dests.slice(offsets[e], offsets[e + 1] - offsets[e]);
    for (unsigned part = 0; part < parts; ++part) {
      fan.start.push_back(fan.words.size());
      for (const image::Endpoint &d : routes) {
        if (d.core < firstCore[part] || d.core >= firstCore[part + 1])
          continue;
        const image::Core &core = img.cores[d.core];
        uint32_t group = core.axonGroup[d.index];
        uint32_t begin = core.axonOffsets[d.index];
        uint32_t end = core.axonOffsets[d.index + 1];
        // create() and CoreModel::init checked that all three fit.
        fan.words.push_back(d.core | (end - begin == 1 ? Fanout::kSingle : 0));
        fan.words.push_back(group | core.groups[group].delay
                                        << Fanout::kDelayShift);
        if (end - begin != 1)
          fan.words.push_back(end - begin);
        for (uint32_t k = begin; k < end; ++k) {
          fan.words.push_back(core.synTarget[k]);
          fan.words.push_back(uint32_t(core.synWeight[k]));
        }
      }
    }
  }
  fan.start.push_back(fan.words.size());
}

void Emulator::setThreads(unsigned n) {
  numThreads =
      std::max(1u, std::min<unsigned>(n, std::max<size_t>(cores.size(), 1)));
  // The caller's thread takes part 0.
  team.reset();
  team = std::make_unique<StepTeam>(numThreads);
  // Ranges of cores with about equal delivery work: a core's axons and
  // synapses (each read once per event on an axon of one sender, as a
  // compiled image's are), from the core's own arrays rather than a walk
  // of every route.
  auto incoming = [&](uint32_t c) {
    const image::Core &core = img.cores[c];
    return uint64_t(core.axonGroup.size() + core.synTarget.size());
  };
  uint64_t total = 0;
  for (uint32_t c = 0; c < cores.size(); ++c)
    total += incoming(c);
  firstCore.assign(1, 0);
  uint64_t sum = 0;
  for (uint32_t c = 0; c < cores.size(); ++c) {
    sum += incoming(c);
    if (firstCore.size() < numThreads &&
        sum * numThreads >= total * firstCore.size())
      firstCore.push_back(c + 1);
  }
  while (firstCore.size() < numThreads)
    firstCore.push_back(uint32_t(cores.size()));
  firstCore.push_back(uint32_t(cores.size()));
  sendings.resize(numThreads);
  firedBy.resize(numThreads);
  for (unsigned part = 0; part < numThreads; ++part) {
    uint64_t neurons = 0;
    for (uint32_t c = firstCore[part]; c < firstCore[part + 1]; ++c)
      neurons += cores[c].numNeurons();
    firedBy[part].reserve(neurons);
  }
  uint64_t sent = 0;
  for (const PacketCount &p : packetsSent)
    sent += p.count;
  packetsSent.assign(numThreads, PacketCount());
  packetsSent[0].count = sent;

  // Each thread's ring of synapses due, what is pending kept (in part 0).
  std::vector<uint64_t> pending(dueMask + 1, 0);
  for (size_t from = 0; from < opsDue.size(); from += dueStride)
    for (uint32_t s = 0; s <= dueMask; ++s)
      pending[s] += opsDue[from + s];
  dueStride = dueMask + 1 + 64 / sizeof(uint64_t);
  opsDue.assign(dueStride * numThreads, 0);
  std::copy(pending.begin(), pending.end(), opsDue.begin());

  // A run under way needs its records split anew; else start() does it.
  if (timesteps)
    buildFanouts();
}

void Emulator::buildFanouts() {
  // Each sender's records, split by the thread that delivers them; the
  // senders' tables are independent, so the threads build them.
  coreFanout.resize(img.cores.size());
  inputFanout.resize(img.inputs.size());
  onThreads([&](unsigned part) {
    for (size_t c = part; c < img.cores.size(); c += numThreads)
      buildFanout(img.cores[c].routeOffsets, img.cores[c].routes,
                  coreFanout[c]);
    for (size_t i = part; i < img.inputs.size(); i += numThreads)
      buildFanout(img.inputs[i].offsets, img.inputs[i].dests, inputFanout[i]);
  });
}

Emulator::~Emulator() = default;

void Emulator::onThreads(llvm::function_ref<void(unsigned)> fn) {
  team->run(fn);
}

void Emulator::stepCores(bool allGroups, bool countActivity) {
  onThreads([&](unsigned part) {
    std::vector<Fired> &fired = firedBy[part];
    fired.clear();
    for (uint32_t c = firstCore[part]; c < firstCore[part + 1]; ++c) {
      if (c + 2 < firstCore[part + 1])
        cores[c + 2].prefetchKernel();
      if (c + 1 < firstCore[part + 1])
        cores[c + 1].prefetch(t);
      synapticWork[c] = cores[c].synapticPhase(t, allGroups);
      neuronWork[c] = cores[c].neuronPhase(countActivity);
      for (uint32_t r = runsOf[c]; r < runsOf[c + 1]; ++r) {
        const OutputRun &run = outputRuns[r];
        std::copy_n(cores[c].outputs() + run.first, run.count,
                    outputs[run.port].data() +
                        size_t(t) * img.outputs[run.port].width + run.at);
      }
      const int32_t *out = cores[c].outputs();
      for (uint32_t neuron : cores[c].fired())
        fired.push_back({c, neuron, out[neuron]});
    }
  });
}

void Emulator::deliverFired(bool tallied) {
  auto send = [&](auto talliedTag, unsigned part) {
    // Where each event's records are, found first: those loads miss and
    // overlap when nothing waits on them; then the records are read each
    // with the next ones' first lines on their way.
    std::vector<Sending> &list = sendings[part];
    list.clear();
    for (const std::vector<Fired> &fired : firedBy)
      for (const Fired &f : fired)
        list.push_back(
            {coreFanout[f.core].records(f.neuron, numThreads, part), f.value});
    constexpr size_t kAhead = 2;
    for (size_t k = 0; k < list.size(); ++k) {
      if (k + kAhead < list.size()) {
        const Fanout::Span &ahead = list[k + kAhead].span;
        ref::prefetchBytes(ahead.begin,
                           std::min<size_t>(256, (ahead.end - ahead.begin) *
                                                     sizeof(uint32_t)));
      }
      deliver<decltype(talliedTag)::value>(list[k].span, part, list[k].value);
    }
  };
  onThreads([&](unsigned part) {
    if (tallied)
      send(std::true_type(), part);
    else
      send(std::false_type(), part);
  });
}

uint64_t Emulator::takePacketsSent() {
  uint64_t sent = 0;
  for (PacketCount &p : packetsSent) {
    sent += p.count;
    p.count = 0;
  }
  return sent;
}

uint64_t Emulator::takeOpsDue(int64_t step) {
  uint64_t ops = 0;
  for (unsigned part = 0; part < numThreads; ++part) {
    uint64_t &due = opsDue[part * dueStride + (uint64_t(step) & dueMask)];
    ops += due;
    due = 0;
  }
  return ops;
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
  buildFanouts();
  return "";
}

} // namespace spikec::emu
