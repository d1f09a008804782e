//===- Traces.cpp - waveforms and timelines of an emulated run ------------===//

#include "spikec/Emulator/Traces.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cmath>

using nlohmann::json;

namespace spikec::emu {

std::string parseNeuronRefs(const std::string &spec, const image::Image &image,
                            std::vector<NeuronRef> &out) {
  llvm::SmallVector<llvm::StringRef> items;
  llvm::StringRef(spec).split(items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef item : items) {
    item = item.trim();
    auto [coreText, rest] = item.split(':');
    uint32_t core;
    if (rest.empty() || coreText.getAsInteger(10, core)) {
      // An output port's name: its elements, in order.
      auto port = std::find_if(
          image.outputs.begin(), image.outputs.end(),
          [&](const image::Output &o) { return o.name == item; });
      if (port == image.outputs.end())
        return "'" + item.str() +
               "' is neither CORE:NEURON[-LAST] nor an output of the image";
      for (const image::Endpoint &e : port->sources)
        out.push_back({e.core, e.index});
      continue;
    }
    auto [firstText, lastText] = rest.split('-');
    uint32_t first, last;
    if (firstText.getAsInteger(10, first) ||
        (lastText.empty() ? (last = first, false)
                          : lastText.getAsInteger(10, last)) ||
        last < first)
      return "'" + item.str() + "': expected CORE:NEURON or CORE:FIRST-LAST";
    if (core >= image.cores.size())
      return "'" + item.str() + "': the image has " +
             std::to_string(image.cores.size()) + " cores";
    if (last >= image.cores[core].numNeurons)
      return "'" + item.str() + "': core " + std::to_string(core) + " has " +
             std::to_string(image.cores[core].numNeurons) + " neurons";
    for (uint32_t n = first; n <= last; ++n)
      out.push_back({core, n});
  }
  if (out.empty())
    return "no neurons to trace in '" + spec + "'";
  return "";
}

namespace {

/// VCD identifiers: printable ASCII '!'..'~', base 94.
std::string vcdId(size_t i) {
  std::string id;
  do {
    id.push_back(char('!' + i % 94));
    i /= 94;
  } while (i);
  return id;
}

void writeBinary(llvm::raw_ostream &os, int64_t v) {
  uint32_t u = uint32_t(int32_t(v));
  os << 'b';
  bool started = false;
  for (int b = 31; b >= 0; --b) {
    bool bit = (u >> b) & 1;
    started |= bit;
    if (started || b == 0)
      os << (bit ? '1' : '0');
  }
}

} // namespace

std::string VcdTrace::open(const std::string &file, const Emulator &emulator,
                           std::vector<NeuronRef> neurons) {
  path = file;
  if (std::string why = out.open(file); !why.empty())
    return why;
  llvm::raw_ostream &os = out.os();
  const image::Image &img = emulator.image();
  double dt = img.header.dt;
  // Time in ns when dt is known, else one unit (1 ms, nominal) per step.
  stepUnits = dt > 0 ? dt * 1e9 : 1;
  os << "$comment spikec emulate: " << img.provenance.network << " on "
      << img.header.target << (dt > 0 ? "" : "; dt unknown, 1 ms per step")
      << " $end\n";
  os << "$timescale " << (dt > 0 ? "1 ns" : "1 ms") << " $end\n";
  static const char *vars[] = {"v", "u", "i", "a"};
  os << "$scope module chip $end\n";
  uint32_t open = UINT32_MAX;
  for (const NeuronRef &n : neurons) {
    if (n.core != open) {
      if (open != UINT32_MAX)
        os << "$upscope $end\n";
      os << "$scope module core" << n.core << " $end\n";
      open = n.core;
    }
    std::string name = "n" + std::to_string(n.neuron);
    signals.push_back({n, nullptr, vcdId(signals.size())});
    os << "$var wire 1 " << signals.back().id << " " << name
        << "_spike $end\n";
    for (const char *v : vars)
      if (emulator.core(n.core).state(v)) {
        signals.push_back({n, v, vcdId(signals.size())});
        os << "$var integer 32 " << signals.back().id << " " << name << "_"
            << v << " $end\n";
      }
  }
  if (open != UINT32_MAX)
    os << "$upscope $end\n";
  os << "$upscope $end\n$enddefinitions $end\n";
  return "";
}

void VcdTrace::sample(const Emulator &emulator) {
  int64_t t = emulator.timestep() - 1;
  bool stamped = false;
  for (Signal &s : signals) {
    const CoreModel &core = emulator.core(s.at.core);
    int64_t v =
        s.var ? core.state(s.var)[s.at.neuron]
              : int64_t(core.emitsEvents() && core.outputs()[s.at.neuron] != 0);
    if (v == s.last)
      continue;
    if (!stamped) {
      out.os() << '#' << int64_t(std::llround(double(t) * stepUnits)) << '\n';
      stamped = true;
    }
    if (s.var) {
      writeBinary(out.os(), v);
      out.os() << ' ' << s.id << '\n';
    } else {
      out.os() << v << s.id << '\n';
    }
    s.last = v;
  }
}

std::string VcdTrace::close() {
  return out.commit();
}

json timelineJSON(const CycleModel &cycle, const image::Image &image) {
  json events = json::array();
  const std::vector<StepCost> &steps = cycle.steps();
  const std::vector<CorePhases> &phases = cycle.phases();
  size_t numCores = image.cores.size();
  const MeshModel &mesh = cycle.mesh();
  auto meta = [&](int pid, int64_t tid, const std::string &name) {
    json e = {{"name", tid < 0 ? "process_name" : "thread_name"},
              {"ph", "M"},
              {"pid", pid},
              {"args", {{"name", name}}}};
    if (tid >= 0)
      e["tid"] = tid;
    events.push_back(e);
  };
  meta(0, -1, "cores");
  meta(1, -1, "mesh links");
  meta(2, -1, "timesteps");
  for (size_t c = 0; c < numCores; ++c)
    meta(0, int64_t(c),
         "core " + std::to_string(c) + " (" + std::to_string(image.cores[c].x) +
             ", " + std::to_string(image.cores[c].y) + ")");
  // Microseconds, as the format wants.
  auto phase = [&](const char *name, int pid, int64_t tid, double startNs,
                   double durNs, json args) {
    events.push_back({{"name", name},
                      {"ph", "X"},
                      {"pid", pid},
                      {"tid", tid},
                      {"ts", startNs * 1e-3},
                      {"dur", durNs * 1e-3},
                      {"args", std::move(args)}});
  };
  std::vector<double> startOf(steps.size() + 1, 0);
  for (size_t t = 0; t < steps.size(); ++t) {
    startOf[t + 1] = startOf[t] + steps[t].ns;
    phase("step", 2, 0, startOf[t], steps[t].ns,
          {{"t", t},
           {"cycles", steps[t].cycles},
           {"energy_pj", steps[t].energy.total()}});
    for (size_t c = 0; c < numCores && (t + 1) * numCores <= phases.size();
         ++c) {
      const CorePhases &p = phases[t * numCores + c];
      if (p.synapticEnd > 0)
        phase("synaptic", 0, c, startOf[t], p.synapticEnd, {{"t", t}});
      if (p.neuronEnd > p.synapticEnd)
        phase("neuron", 0, c, startOf[t] + p.synapticEnd,
              p.neuronEnd - p.synapticEnd, {{"t", t}});
      if (p.spikesEnd > p.neuronEnd)
        phase("spikes out", 0, c, startOf[t] + p.neuronEnd,
              p.spikesEnd - p.neuronEnd, {{"t", t}});
    }
  }
  static const char *dirs[] = {"E", "W", "N", "S"};
  std::vector<uint8_t> named(mesh.numLinks(), 0);
  for (const LinkUse &u : cycle.linkUses()) {
    if (!named[u.link]) {
      named[u.link] = 1;
      uint32_t tile = u.link / 4;
      meta(1, u.link,
           "(" + std::to_string(tile % mesh.meshWidth()) + ", " +
               std::to_string(tile / mesh.meshWidth()) + ") " +
               dirs[u.link % 4]);
    }
    phase("busy", 1, u.link, startOf[u.step], u.busyNs,
          {{"t", u.step}, {"packets", u.packets}});
  }
  return {{"traceEvents", std::move(events)}, {"displayTimeUnit", "ns"}};
}

} // namespace spikec::emu
