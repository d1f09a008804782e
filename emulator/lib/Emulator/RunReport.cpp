//===- RunReport.cpp - what an emulated run did and cost ------------------===//

#include "spikec/Emulator/RunReport.h"

#include <algorithm>
#include <cstdio>
#include <string>

using nlohmann::json;

namespace spikec::emu {

namespace {

const char *dirName(uint32_t d) {
  static const char *names[] = {"east", "west", "north", "south"};
  return names[d % 4];
}

json energyJSON(const Energy &e) {
  json j = json::object();
  for (size_t k = 0; k < Energy::kNumKinds; ++k)
    j[Energy::name(Energy::Kind(k))] = e.pj[k];
  j["total"] = e.total();
  return j;
}

json cycleJSON(const Emulator &emulator, const CycleModel &cycle) {
  const StepCost &sum = cycle.total();
  const std::vector<StepCost> &steps = cycle.steps();
  size_t T = steps.size();
  double maxNs = 0;
  uint64_t maxCycles = 0;
  for (const StepCost &s : steps) {
    maxNs = std::max(maxNs, s.ns);
    maxCycles = std::max(maxCycles, s.cycles);
  }
  json j;
  j["latency"] = {
      {"total_s", sum.ns * 1e-9},
      {"total_cycles", sum.cycles},
      {"mean_step_s", T ? sum.ns * 1e-9 / double(T) : 0.0},
      {"mean_step_cycles", T ? double(sum.cycles) / double(T) : 0.0},
      {"max_step_s", maxNs * 1e-9},
      {"max_step_cycles", maxCycles},
      {"barrier_s", cycle.barrierNs() * 1e-9},
      {"tiles_in_use", cycle.tilesInUse()}};
  j["energy_pj"] = energyJSON(sum.energy);
  j["energy_per_step_pj"] = T ? sum.energy.total() / double(T) : 0.0;
  j["neuron_updates"] = {{"active", sum.activeNeurons},
                         {"idle", sum.idleNeurons}};

  // Cores: the busiest, and utilization as busy time over the run's time.
  const std::vector<double> &busy = cycle.coreBusyNs();
  double busySum = 0;
  for (double b : busy)
    busySum += b;
  json cores = json::object();
  if (!busy.empty() && sum.ns > 0) {
    size_t c = std::max_element(busy.begin(), busy.end()) - busy.begin();
    const image::Core &core = emulator.image().cores[c];
    cores["busiest"] = {{"core", c},
                        {"x", core.x},
                        {"y", core.y},
                        {"busy_s", busy[c] * 1e-9},
                        {"utilization", busy[c] / sum.ns}};
    cores["mean_utilization"] = busySum / double(busy.size()) / sum.ns;
  }
  j["cores"] = cores;

  // The mesh: hops, queueing, the link that carried most.
  const MeshModel &mesh = cycle.mesh();
  const std::vector<uint64_t> &lp = mesh.linkPackets();
  json m = {{"packets", sum.mesh.packets},
            {"hops_ew", sum.mesh.hopsEW},
            {"hops_ns", sum.mesh.hopsNS},
            {"mean_hops", sum.mesh.packets
                              ? double(sum.mesh.hopsEW + sum.mesh.hopsNS) /
                                    double(sum.mesh.packets)
                              : 0.0},
            {"max_hops", sum.mesh.maxHops},
            {"queued_s", sum.mesh.queuedNs * 1e-9}};
  auto link = std::max_element(lp.begin(), lp.end());
  if (link != lp.end() && *link > 0) {
    uint32_t l = uint32_t(link - lp.begin()), tile = l / 4;
    m["busiest_link"] = {{"x", tile % mesh.meshWidth()},
                         {"y", tile / mesh.meshWidth()},
                         {"direction", dirName(l % 4)},
                         {"packets", *link},
                         {"busy_s", mesh.linkBusyNs()[l] * 1e-9},
                         {"utilization",
                          sum.ns > 0 ? mesh.linkBusyNs()[l] / sum.ns : 0.0}};
  }
  j["mesh"] = m;

  json per = json::array();
  for (size_t t = 0; t < T; ++t) {
    const StepCost &s = steps[t];
    per.push_back({{"t", t},
                   {"s", s.ns * 1e-9},
                   {"cycles", s.cycles},
                   {"energy_pj", s.energy.total()},
                   {"synaptic_ops", s.synapticOps},
                   {"packets", s.packets},
                   {"hops", s.mesh.hopsEW + s.mesh.hopsNS},
                   {"busiest_core", s.busiestCore}});
  }
  j["steps"] = per;
  return j;
}

} // namespace

json makeRunReport(const Emulator &emulator, const CycleModel *cycle,
                   double wallSeconds) {
  const image::Image &img = emulator.image();
  const RunStats &s = emulator.stats();
  int64_t T = emulator.timestep();
  uint64_t neurons = 0, synapses = 0, synapseBits = 0, routes = 0;
  json cores = json::array();
  for (size_t c = 0; c < img.cores.size(); ++c) {
    const image::Core &core = img.cores[c];
    neurons += core.numNeurons;
    synapses += core.numSynapses();
    routes += core.routes.size();
    for (uint32_t a = 0; a < core.numAxons(); ++a)
      synapseBits += uint64_t(core.axonOffsets[a + 1] - core.axonOffsets[a]) *
                     image::synapseMemoryBits(
                         core.groups[core.axonGroup[a]].weightBits,
                         !core.synAxonType.empty());
    double dt = img.header.dt;
    cores.push_back(
        {{"core", c},
         {"model", core.model},
         {"neurons", core.numNeurons},
         {"spikes", s.spikesPerCore[c]},
         {"rate_hz", dt > 0 && T > 0 && core.numNeurons
                         ? double(s.spikesPerCore[c]) /
                               (double(core.numNeurons) * double(T) * dt)
                         : 0.0}});
  }
  // Per output, its nonzero values: spikes, or, for an output that reads
  // readout cores (graded membranes), nonzero membrane values.
  json outputs = json::object();
  json graded = json::array();
  for (size_t o = 0; o < img.outputs.size(); ++o) {
    uint64_t n = 0;
    for (int32_t v : emulator.outputRows(o))
      n += v != 0;
    outputs[img.outputs[o].name] = n;
    for (const image::Endpoint &e : img.outputs[o].sources)
      if (!emulator.core(e.core).emitsEvents()) {
        graded.push_back(img.outputs[o].name);
        break;
      }
  }
  double steps = double(std::max<int64_t>(T, 1));
  // Sparsity counts the neurons' outputs, not the host's input events.
  uint64_t neuronSpikes = 0;
  for (uint64_t n : s.spikesPerCore)
    neuronSpikes += n;
  // The rate encoders draw from a counter-based generator: their seeds
  // reproduce the run's input events.
  json seeds = json::object();
  for (const HostInput &in : emulator.hostInputs())
    if (in.eventEncoder().encoding == ref::Encoding::Rate)
      seeds[in.description().name] = in.eventEncoder().seed;
  json r;
  r["run"] = {{"network", img.provenance.network},
              {"target", img.header.target},
              {"target_hash", img.header.targetHash},
              {"mode", cycle ? "cycle" : "functional"},
              {"timesteps", T},
              {"dt_s", img.header.dt},
              {"wall_s", wallSeconds},
              {"threads", emulator.threads()},
              {"synaptic_events_per_s",
               wallSeconds > 0 ? double(s.synapticEvents) / wallSeconds : 0.0},
              {"rate_encoder_seeds", seeds}};
  r["activity"] = {{"spikes", s.spikes},
                   {"synaptic_events", s.synapticEvents},
                   {"neuron_updates", s.neuronUpdates},
                   {"packets", s.packets},
                   {"outputs", outputs},
                   {"graded_outputs", graded},
                   {"per_core", cores}};
  r["neurobench"] = {
      {"synaptic_operations", s.synapticEvents},
      {"synaptic_operations_per_step", double(s.synapticEvents) / steps},
      {"activation_sparsity",
       neurons ? 1.0 - double(neuronSpikes) / (double(neurons) * steps)
               : 1.0},
      {"footprint",
       {{"cores", img.cores.size()},
        {"neurons", neurons},
        {"synapses", synapses},
        {"synapse_memory_bits", synapseBits},
        {"routes", routes}}}};
  if (cycle)
    r["cycle"] = cycleJSON(emulator, *cycle);
  return r;
}

namespace {

std::string fmt(const char *f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

/// Seconds with a unit that keeps 3-4 significant digits.
std::string seconds(double s) {
  if (s >= 1)
    return fmt("%.4g s", s);
  if (s >= 1e-3)
    return fmt("%.4g ms", s * 1e3);
  if (s >= 1e-6)
    return fmt("%.4g us", s * 1e6);
  return fmt("%.4g ns", s * 1e9);
}

/// Energy from pJ with a unit that keeps 3-4 significant digits.
std::string energy(double pj) {
  if (pj >= 1e9)
    return fmt("%.4g mJ", pj * 1e-9);
  if (pj >= 1e6)
    return fmt("%.4g uJ", pj * 1e-6);
  if (pj >= 1e3)
    return fmt("%.4g nJ", pj * 1e-3);
  return fmt("%.4g pJ", pj);
}

} // namespace

void printRunReport(const json &r, std::ostream &os) {
  const json &run = r["run"], &act = r["activity"], &nb = r["neurobench"];
  int64_t T = run["timesteps"].get<int64_t>();
  double dt = run["dt_s"].get<double>();
  os << "image     '" << run["network"].get<std::string>() << "' for "
     << run["target"].get<std::string>() << ": "
     << nb["footprint"]["cores"].get<uint64_t>()
     << (nb["footprint"]["cores"].get<uint64_t>() == 1 ? " core, " : " cores, ")
     << nb["footprint"]["neurons"].get<uint64_t>() << " neurons\n";
  os << "run       " << T << " steps of dt = " << fmt("%g", dt) << " s ("
     << fmt("%g", double(T) * dt * 1e3) << " ms of model time), "
     << run["mode"].get<std::string>() << " mode\n";
  os << "core   model               neurons     spikes    rate (Hz)\n";
  const json &cores = act["per_core"];
  constexpr size_t kShown = 16;
  for (size_t i = 0; i < cores.size() && i < kShown; ++i) {
    const json &c = cores[i];
    char line[128];
    std::snprintf(line, sizeof line, "%-6llu %-16s %10llu %10llu %12.1f\n",
                  (unsigned long long)c["core"].get<uint64_t>(),
                  c["model"].get<std::string>().c_str(),
                  (unsigned long long)c["neurons"].get<uint64_t>(),
                  (unsigned long long)c["spikes"].get<uint64_t>(),
                  c["rate_hz"].get<double>());
    os << line;
  }
  if (cores.size() > kShown)
    os << "... " << cores.size() - kShown << " more cores (see --report)\n";
  // The line `spikec simulate --summary` prints, so the two compare.
  os << "synaptic events " << act["synaptic_events"].get<uint64_t>()
     << ", neuron updates " << act["neuron_updates"].get<uint64_t>()
     << ", spikes " << act["spikes"].get<uint64_t>() << "\n";
  os << "packets " << act["packets"].get<uint64_t>() << "; outputs:";
  for (auto &[name, n] : act["outputs"].items()) {
    bool isGraded = false;
    for (const json &g : act["graded_outputs"])
      isGraded |= g.get<std::string>() == name;
    os << " " << name << " " << n.get<uint64_t>()
       << (isGraded ? " nonzero membrane values" : " spikes");
  }
  os << "\n";
  os << "neurobench: synaptic ops " << nb["synaptic_operations"].get<uint64_t>()
     << " (" << fmt("%.4g", nb["synaptic_operations_per_step"].get<double>())
     << " per step), activation sparsity "
     << fmt("%.4f", nb["activation_sparsity"].get<double>()) << ", footprint "
     << nb["footprint"]["synapses"].get<uint64_t>() << " synapses in "
     << nb["footprint"]["synapse_memory_bits"].get<uint64_t>() << " bits\n";
  os << "wall time " << fmt("%.3f", run["wall_s"].get<double>()) << " s: "
     << fmt("%.3g", run["synaptic_events_per_s"].get<double>())
     << " synaptic events/s\n";
  if (!r.contains("cycle"))
    return;
  const json &c = r["cycle"], &lat = c["latency"], &e = c["energy_pj"];
  T = std::max<int64_t>(T, 1);
  os << "latency   " << seconds(lat["total_s"].get<double>()) << " ("
     << lat["total_cycles"].get<uint64_t>() << " cycles); per step mean "
     << seconds(lat["mean_step_s"].get<double>()) << " ("
     << fmt("%.1f", lat["mean_step_cycles"].get<double>())
     << " cycles), max " << seconds(lat["max_step_s"].get<double>())
     << "; barrier " << seconds(lat["barrier_s"].get<double>()) << " for "
     << lat["tiles_in_use"].get<uint64_t>() << " tiles\n";
  os << "energy    " << energy(e["total"].get<double>()) << " ("
     << energy(e["total"].get<double>() / double(T)) << " per step)\n";
  for (size_t k = 0; k < Energy::kNumKinds; ++k) {
    const char *name = Energy::name(Energy::Kind(k));
    double pj = e[name].get<double>();
    // Kinds that only some targets price apart show when they cost.
    if (pj == 0 && (k == Energy::SomaSpikes || k == Energy::HostPackets))
      continue;
    double share = e["total"].get<double>() > 0
                       ? 100.0 * pj / e["total"].get<double>()
                       : 0.0;
    os << "  " << name << std::string(16 - std::string(name).size(), ' ')
       << energy(pj) << fmt(" (%.1f%%)", share) << "\n";
  }
  if (c["cores"].contains("busiest")) {
    const json &b = c["cores"]["busiest"];
    os << "cores     busiest " << b["core"].get<uint64_t>() << " at ("
       << b["x"].get<uint64_t>() << ", " << b["y"].get<uint64_t>() << "): "
       << fmt("%.1f%%", 100 * b["utilization"].get<double>())
       << " busy; mean utilization "
       << fmt("%.1f%%", 100 * c["cores"]["mean_utilization"].get<double>())
       << "\n";
  }
  const json &m = c["mesh"];
  os << "mesh      " << m["packets"].get<uint64_t>() << " packets, "
     << (m["hops_ew"].get<uint64_t>() + m["hops_ns"].get<uint64_t>())
     << " hops (mean " << fmt("%.3g", m["mean_hops"].get<double>())
     << ", max " << m["max_hops"].get<uint64_t>() << "), queued "
     << seconds(m["queued_s"].get<double>());
  if (m.contains("busiest_link")) {
    const json &l = m["busiest_link"];
    os << "; busiest link (" << l["x"].get<uint64_t>() << ", "
       << l["y"].get<uint64_t>() << ") " << l["direction"].get<std::string>()
       << ": " << l["packets"].get<uint64_t>() << " packets, "
       << fmt("%.1f%%", 100 * l["utilization"].get<double>()) << " busy";
  }
  os << "\n";
}

} // namespace spikec::emu
