//===- compile_e2e_bench.cpp - spikec-bench-compile: network to image -----===//
//
// The whole compile at scale, stage by stage, as `spikec compile` runs it:
// for each size, kind (BenchNetworks.h: ff, rec, tn) and target, a generated
// network with ~100 synapses per neuron becomes an snn.network (sparse
// projections holding dense_resource blobs, built in C++: the import
// stage), then snn-infer-shapes, snn-discretize, snn-quantize,
// nc-legalize-<arithmetic>, nc-partition, nc-place, nc-route, the
// nc.chip's verifier, chipToImage and the image file. Each stage prints its
// wall time and resident memory (VmRSS before and after, VmHWM during), and
// the total is set against the goal: 1M neurons / 100M synapses to an image
// in under 60 s and 8 GB on two cores. After partitioning, the sequential
// fill of the same legalized graph is run (outside the total) for the
// mapping quality: cores and inter-core spikes of the chosen strategy
// against it. With --json-import-max, the JSON importer is timed on the
// same networks written as JSON files (what a user reading a file pays).
//
// Every case runs in its own child process, so its memory is its own. A
// chip too small for the network is replaced by the same cores on a larger
// mesh (a modified copy of the target's description), and the output says
// so; a network a target cannot legalize prints the compiler's error.
//
//   spikec-bench-compile [--targets=loihi,truenorth,akida]
//       [--sizes=10000,100000,1000000] [--kinds=ff,rec,tn] [--seed=1]
//       [--json-import-max=100000] [--keep=DIR]
//
//===----------------------------------------------------------------------===//

#include "BenchMemory.h"
#include "BenchNetworkIR.h"
#include "BenchNetworks.h"
#include "MapNetwork.h"

#include "spikec/Dialect/NC/ChipImage.h"
#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Image/ImageIO.h"
#include "spikec/Import/Import.h"
#include "spikec/Passes/Passes.h"
#include "spikec/Passes/Pipelines.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Pass/PassInstrumentation.h"
#include "mlir/Pass/PassManager.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mlir;
using namespace spikec;
using namespace spikec::bench;

namespace {

constexpr double kGoalSeconds = 60.0;
/// 8 GB (10^9 bytes) in MiB.
constexpr double kGoalMiB = 8e9 / (1024.0 * 1024.0);

struct Config {
  std::vector<std::string> targets{"loihi", "truenorth", "akida"};
  std::vector<uint32_t> sizes{10000, 100000, 1000000};
  std::vector<std::string> kinds{"ff", "rec", "tn"};
  uint64_t seed = 1;
  uint32_t jsonImportMax = 100000;
  std::string keep; ///< directory for the images, or "" to delete them
};

/// Times every pass a PassManager runs (pass managers nest: the adaptors
/// that carry nested pipelines have no argument and are skipped).
struct PassClock : PassInstrumentation {
  explicit PassClock(StageClock &clock) : clock(clock) {}
  void runBeforePass(Pass *pass, Operation *) override {
    if (!pass->getArgument().empty())
      clock.begin();
  }
  void runAfterPass(Pass *pass, Operation *) override {
    if (!pass->getArgument().empty())
      clock.end(pass->getArgument().str());
  }
  void runAfterPassFailed(Pass *pass, Operation *) override {
    if (!pass->getArgument().empty())
      clock.end(pass->getArgument().str() + " (failed)");
  }
  StageClock &clock;
};

void printStages(const StageClock &clock) {
  std::printf("  %-30s %9s %8s %12s %10s %11s\n", "stage", "time(s)",
              "cpu(s)", "rss before", "peak", "rss after");
  for (const StageRecord &r : clock.records)
    std::printf("  %-30s %9.2f %8.2f %8.0f MiB %6.0f MiB %7.0f MiB\n",
                (r.name + (r.compile ? "" : " *")).c_str(), r.seconds, r.cpu,
                r.rssBefore, r.peak, r.rssAfter);
}

/// The description's text with a mesh `s` times wider and higher (the same
/// cores), renamed, written to a temporary file; its path, or "".
std::string enlargedTarget(const std::string &target, int64_t s,
                           std::string &newName) {
  std::string path = target;
  if (target.find('/') == std::string::npos &&
      !llvm::StringRef(target).ends_with(".json"))
    path = target::presetsDir() + "/" + target + ".json";
  std::ifstream in(path);
  nlohmann::ordered_json j =
      nlohmann::ordered_json::parse(in, nullptr, false, true);
  if (j.is_discarded())
    return "";
  auto value = [](nlohmann::ordered_json &v) -> nlohmann::ordered_json & {
    return v.is_object() ? v["value"] : v;
  };
  nlohmann::ordered_json &mesh = j["mesh"];
  int64_t w = value(mesh["width"]).get<int64_t>() * s,
          h = value(mesh["height"]).get<int64_t>() * s,
          perTile = value(mesh["cores_per_tile"]).get<int64_t>();
  // Structural numbers may be plain: the provenance of the real chip's mesh
  // does not apply to the enlarged one.
  mesh["width"] = w;
  mesh["height"] = h;
  mesh["cores"] = w * h * perTile;
  newName = j["name"].get<std::string>() + "-x" + std::to_string(s * s);
  j["name"] = newName;
  std::string out = "/tmp/spikec-bench-" + std::to_string(getpid()) + "-" +
                    newName + ".json";
  std::ofstream o(out);
  o << j.dump(2) << "\n";
  return o ? out : "";
}

/// One line for the parent's summary table.
struct Summary {
  std::string target, kind, status = "crashed";
  uint32_t neurons = 0;
  uint64_t synapses = 0;
  double seconds = 0, peakMiB = 0;
  std::string strategy;
  long cores = -1, seqCores = -1;
  double spikes = -1, seqSpikes = -1;

  std::string serialize() const {
    std::ostringstream o;
    o << target << ' ' << kind << ' ' << status << ' ' << neurons << ' '
      << synapses << ' ' << seconds << ' ' << peakMiB << ' '
      << (strategy.empty() ? "-" : strategy) << ' ' << cores << ' '
      << seqCores << ' ' << spikes << ' ' << seqSpikes;
    return o.str();
  }
  static Summary parse(const std::string &line) {
    Summary s;
    std::istringstream in(line);
    in >> s.target >> s.kind >> s.status >> s.neurons >> s.synapses >>
        s.seconds >> s.peakMiB >> s.strategy >> s.cores >> s.seqCores >>
        s.spikes >> s.seqSpikes;
    return s;
  }
};

/// The sequential fill of the partitioned graph's own mapping problem and
/// the chosen strategy's figures from its `partition` attribute.
void compareWithSequential(ModuleOp module, const std::string &targetArg,
                           StageClock &clock, Summary &sum) {
  auto graphs = module.getBody()->getOps<nc::GraphOp>();
  if (graphs.empty())
    return;
  nc::GraphOp graph = *graphs.begin();
  if (auto part = graph->getAttrOfType<DictionaryAttr>("partition")) {
    if (auto s = part.getAs<StringAttr>("strategy"))
      sum.strategy = s.str();
    if (auto c = part.getAs<IntegerAttr>("cores"))
      sum.cores = c.getInt();
    if (auto x = part.getAs<FloatAttr>("inter_core_spikes"))
      sum.spikes = x.getValueAsDouble();
  }
  clock.begin();
  auto loaded = mapnet::loadProblem(graph, targetArg);
  if (failed(loaded))
    return;
  mapping::PartitionOptions seqOnly;
  seqOnly.layers = seqOnly.metis = seqOnly.clusters = false;
  // The fill may need more cores than the chip has (that is the point of
  // the comparison): give it a mesh with a core per 4 neurons at least.
  target::TargetDesc roomy = *loaded->desc;
  int64_t s = meshScaleFor(roomy.mesh, loaded->problem.net.numNeurons / 16 + 1);
  roomy.mesh.width.value *= s;
  roomy.mesh.height.value *= s;
  roomy.mesh.cores.value = roomy.mesh.capacity();
  auto r = mapping::partitionNetwork(loaded->problem.net, roomy, seqOnly);
  clock.end("sequential fill", false);
  if (auto *p = std::get_if<mapping::Partition>(&r)) {
    sum.seqCores = p->stats.numCores;
    // Between cores, as the partition attribute counts them.
    sum.seqSpikes = p->stats.interCoreSpikes - p->stats.inputSpikes;
  } else {
    std::printf("  sequential fill: %s\n",
                std::get<std::string>(r).substr(0, 200).c_str());
  }
  std::printf("  mapping: %s %ld cores, %.0f inter-core spikes/step; "
              "sequential fill %ld cores%s, %.0f",
              sum.strategy.c_str(), sum.cores, sum.spikes, sum.seqCores,
              sum.seqCores > loaded->desc->mesh.cores.value
                  ? " (more than the chip has)"
                  : "",
              sum.seqSpikes);
  if (sum.seqCores > 0 && sum.seqSpikes > 0)
    std::printf(" (cores %.2fx, inter-core spikes %.2fx)",
                double(sum.cores) / sum.seqCores, sum.spikes / sum.seqSpikes);
  std::printf("\n");
}

/// The kind's network described for `desc`, timed as the stage "generate"
/// (not part of the compile); sets sum's sizes and *lb (the lower bound on
/// the chip's cores) when given.
NetworkSpec generateFor(const Config &cfg, const std::string &kind,
                        uint32_t n, const target::TargetDesc &desc,
                        StageClock &clock, Summary &sum,
                        mapping::LowerBound *lb) {
  clock.begin();
  mapping::Network net;
  generate(kind, n, cfg.seed, net);
  sum.neurons = net.numNeurons;
  sum.synapses = net.numSynapses();
  if (lb)
    *lb = mapping::lowerBoundOnCores(net, desc.core);
  NetworkSpec spec = describeNetwork(std::move(net), kind + std::to_string(n),
                                     desc, cfg.seed);
  clock.end("generate", false);
  return spec;
}

/// Compiles one generated network for one target, printing every stage.
Summary runCompile(const Config &cfg, const std::string &targetName,
                   const std::string &kind, uint32_t n) {
  Summary sum;
  sum.target = targetName;
  sum.kind = kind;
  sum.status = "error";
  target::TargetOrError tr = target::loadTarget(targetName);
  if (auto *err = std::get_if<std::string>(&tr)) {
    std::printf("  cannot load target: %s\n", err->c_str());
    return sum;
  }
  const target::TargetDesc &chip = std::get<target::TargetDesc>(tr);
  StageClock clock;
  mapping::LowerBound lb;
  NetworkSpec spec = generateFor(cfg, kind, n, chip, clock, sum, &lb);
  const std::string &name = spec.name;
  std::printf("  %u neurons (%s), %u inputs, %llu synapses in %zu sparse "
              "projections\n",
              sum.neurons, spec.model.c_str(), spec.inputSize,
              (unsigned long long)spec.numSynapses(),
              spec.projections.size());

  std::string targetArg = targetName;
  if (int64_t s = meshScaleFor(chip.mesh, lb.cores); s > 1) {
    std::string bigName;
    targetArg = enlargedTarget(targetName, s, bigName);
    if (targetArg.empty()) {
      std::printf("  cannot write an enlarged copy of %s\n",
                  targetName.c_str());
      return sum;
    }
    std::printf("  %s does not hold it (lower bound %u cores by %s > %lld); "
                "using %s: the same cores on a %lld x %lld mesh\n",
                chip.name.c_str(), lb.cores, lb.binding.c_str(),
                (long long)chip.mesh.cores.value, bigName.c_str(),
                (long long)chip.mesh.width.value * s,
                (long long)chip.mesh.height.value * s);
  }

  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, nc::NCDialect>();
  std::string firstError;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    if (d.getSeverity() == DiagnosticSeverity::Error && firstError.empty())
      firstError = d.str();
    return success();
  });
  auto failedAt = [&](const char *what) {
    printStages(clock);
    std::printf("  %s failed: %s\n", what, firstError.substr(0, 400).c_str());
    return sum;
  };

  clock.begin();
  OwningOpRef<ModuleOp> module = buildNetworkIR(ctx, spec);
  clock.end("import (snn IR built in C++)");
  if (!module)
    return failedAt("import");

  auto run = [&](const char *what, auto build) {
    PassManager pm(&ctx, ModuleOp::getOperationName());
    pm.addInstrumentation(std::make_unique<PassClock>(clock));
    build(pm);
    return succeeded(pm.run(*module));
  };
  if (!run("discretize", [&](PassManager &pm) {
        OpPassManager &netPM = pm.nest<snn::NetworkOp>();
        netPM.addPass(createInferShapes());
        netPM.addPass(createDiscretize(DiscretizeOptions{}));
      }))
    return failedAt("discretize");
  TargetPipelineOptions lower;
  lower.target = targetArg;
  std::string why;
  {
    PassManager check(&ctx, ModuleOp::getOperationName());
    if (failed(buildTargetPipeline(check, lower, why))) {
      firstError = why;
      return failedAt("target pipeline");
    }
  }
  if (!run("quantize+legalize", [&](PassManager &pm) {
        (void)buildTargetPipeline(pm, lower, why);
      }))
    return failedAt("quantize+legalize");
  if (!run("partition", [&](PassManager &pm) {
        spikec::PartitionOptions o;
        o.target = targetArg;
        pm.nest<nc::GraphOp>().addPass(createPartition(o));
      }))
    return failedAt("partition");
  compareWithSequential(*module, targetArg, clock, sum);
  if (!run("place", [&](PassManager &pm) {
        PlaceOptions o;
        o.target = targetArg;
        pm.nest<nc::GraphOp>().addPass(createPlace(o));
      }))
    return failedAt("place");
  if (!run("route", [&](PassManager &pm) {
        RouteOptions o;
        o.target = targetArg;
        pm.addPass(createRoute(o));
      }))
    return failedAt("route");

  auto chips = module->getBody()->getOps<nc::ChipOp>();
  if (chips.empty()) {
    firstError = "the network gave no nc.chip";
    return failedAt("route");
  }
  nc::ChipOp chipOp = *chips.begin();
  clock.begin();
  bool verified = succeeded(verify(chipOp));
  clock.end("verify nc.chip");
  if (!verified)
    return failedAt("verify");
  clock.begin();
  image::Provenance prov;
  prov.toolVersion = "spikec-bench-compile";
  prov.network = name;
  FailureOr<image::Image> img = nc::chipToImage(chipOp, prov);
  clock.end("chipToImage");
  if (failed(img))
    return failedAt("chipToImage");
  std::string dir = cfg.keep.empty() ? "/tmp" : cfg.keep;
  std::string path = dir + "/" + name + "-" + targetName + "-" +
                     std::to_string(getpid()) + ".simg";
  clock.begin();
  std::string wrote = image::writeImageFile(*img, path);
  StageRecord &write = clock.end("image write");
  if (!wrote.empty()) {
    firstError = wrote;
    return failedAt("image write");
  }
  struct stat st {};
  if (stat(path.c_str(), &st) == 0)
    write.name += " (" + std::to_string(st.st_size >> 20) + " MiB)";
  if (cfg.keep.empty())
    std::remove(path.c_str());

  printStages(clock);
  double baseline = 0, cpu = 0;
  for (const StageRecord &r : clock.records) {
    if (!r.compile)
      continue;
    if (sum.seconds == 0)
      baseline = r.rssBefore;
    sum.seconds += r.seconds;
    cpu += r.cpu;
    sum.peakMiB = std::max(sum.peakMiB, r.peak);
  }
  bool met = sum.seconds < kGoalSeconds && sum.peakMiB < kGoalMiB;
  sum.status = met ? "ok" : "over-goal";
  std::printf("  compile total %.2f s (cpu %.2f s), peak %.0f MiB (%.0f MiB "
              "above the generated network's %.0f MiB); goal %.0f s and 8 GB "
              "(%.0f MiB): %s; %zu cores in the image\n",
              sum.seconds, cpu, sum.peakMiB, sum.peakMiB - baseline, baseline,
              kGoalSeconds, kGoalMiB, met ? "met" : "missed",
              img->cores.size());
  if (!clock.peakIsLocal)
    std::printf("  (peaks are the process's, /proc/self/clear_refs was "
                "refused)\n");
  return sum;
}

/// The JSON importer on the network written as a file.
Summary runJsonImport(const Config &cfg, const std::string &kind, uint32_t n) {
  Summary sum;
  sum.target = "json-import";
  sum.kind = kind;
  sum.status = "error";
  target::TargetOrError tr = target::loadTarget("loihi");
  if (std::holds_alternative<std::string>(tr))
    return sum;
  StageClock clock;
  NetworkSpec spec = generateFor(cfg, kind, n, std::get<target::TargetDesc>(tr),
                                 clock, sum, nullptr);
  std::string name = spec.name;
  std::string path = "/tmp/spikec-bench-" + std::to_string(getpid()) + "-" +
                     name + ".json";
  clock.begin();
  std::string why = writeNetworkJSON(spec, path);
  StageRecord &write = clock.end("write JSON", false);
  spec = NetworkSpec();
  struct stat st {};
  if (why.empty() && stat(path.c_str(), &st) == 0)
    write.name += " (" + std::to_string(st.st_size >> 20) + " MiB)";
  MLIRContext ctx;
  ctx.loadDialect<snn::SNNDialect, nc::NCDialect>();
  clock.begin();
  OwningOpRef<ModuleOp> module =
      why.empty() ? importNetwork(path, &ctx, ImportOptions{}) : nullptr;
  StageRecord &imported = clock.end("importNetwork (JSON)");
  std::remove(path.c_str());
  printStages(clock);
  if (!module) {
    std::printf("  the JSON import failed %s\n", why.c_str());
    return sum;
  }
  sum.status = "ok";
  sum.seconds = imported.seconds;
  sum.peakMiB = imported.peak;
  return sum;
}

/// Runs `body` in a child process; its Summary comes back through a pipe.
template <typename Body> Summary inChild(Body body, Summary crashed) {
  std::fflush(stdout);
  int fds[2];
  if (pipe(fds) != 0)
    return crashed;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::string line = body().serialize() + "\n";
    std::fflush(stdout);
    ssize_t ignored = write(fds[1], line.data(), line.size());
    (void)ignored;
    _exit(0);
  }
  close(fds[1]);
  std::string line;
  char buf[512];
  for (ssize_t got; (got = read(fds[0], buf, sizeof buf)) > 0;)
    line.append(buf, size_t(got));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (line.empty()) {
    std::printf("  the child process died (%s %d)\n",
                WIFSIGNALED(status) ? "signal" : "exit status",
                WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    return crashed;
  }
  return Summary::parse(line);
}

void printSummary(const std::vector<Summary> &all) {
  std::printf("\n== summary (compile = import to image file; goal 1M "
              "neurons in < %.0f s and < 8 GB)\n",
              kGoalSeconds);
  std::printf("%-12s %-4s %8s %10s %-10s %8s %9s %-9s %6s %6s %11s %11s\n",
              "target", "kind", "neurons", "synapses", "status", "time(s)",
              "peak(MiB)", "strategy", "cores", "seq", "inter-core",
              "seq inter");
  for (const Summary &s : all)
    std::printf("%-12s %-4s %8u %10llu %-10s %8.2f %9.0f %-9s %6ld %6ld "
                "%11.0f %11.0f\n",
                s.target.c_str(), s.kind.c_str(), s.neurons,
                (unsigned long long)s.synapses, s.status.c_str(), s.seconds,
                s.peakMiB, s.strategy.c_str(), s.cores, s.seqCores, s.spikes,
                s.seqSpikes);
}

} // namespace

int main(int argc, char **argv) {
  Config cfg;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char *flag) -> const char * {
      size_t len = std::strlen(flag);
      return a.compare(0, len, flag) == 0 ? argv[i] + len : nullptr;
    };
    if (const char *v = value("--targets=")) {
      cfg.targets = splitList(v);
    } else if (const char *v = value("--sizes=")) {
      cfg.sizes.clear();
      for (const std::string &s : splitList(v))
        cfg.sizes.push_back(uint32_t(std::strtoul(s.c_str(), nullptr, 10)));
    } else if (const char *v = value("--kinds=")) {
      cfg.kinds = splitList(v);
    } else if (const char *v = value("--seed=")) {
      cfg.seed = std::strtoull(v, nullptr, 10);
    } else if (const char *v = value("--json-import-max=")) {
      cfg.jsonImportMax = uint32_t(std::strtoul(v, nullptr, 10));
    } else if (const char *v = value("--keep=")) {
      cfg.keep = v;
    } else {
      std::fprintf(stderr,
                   "usage: spikec-bench-compile [--targets=T,...] "
                   "[--sizes=N,...] [--kinds=ff,rec,tn] [--seed=S] "
                   "[--json-import-max=N] [--keep=DIR]\n");
      return 2;
    }
  }
  for (const std::string &kind : cfg.kinds)
    if (kind != "ff" && kind != "rec" && kind != "tn") {
      std::fprintf(stderr,
                   "spikec-bench-compile: unknown kind '%s' (expected ff, rec "
                   "or tn)\n",
                   kind.c_str());
      return 2;
    }
  std::printf("spikec-bench-compile: %zu target(s), seed %llu; stages marked "
              "* are not part of the compile total\n",
              cfg.targets.size(), (unsigned long long)cfg.seed);
  std::vector<Summary> all;
  for (uint32_t n : cfg.sizes)
    for (const std::string &kind : cfg.kinds) {
      if (n <= cfg.jsonImportMax) {
        std::printf("\n== json-import, %s, %u neurons\n", kind.c_str(), n);
        Summary crashed;
        crashed.target = "json-import";
        crashed.kind = kind;
        all.push_back(inChild([&] { return runJsonImport(cfg, kind, n); },
                              crashed));
      }
      for (const std::string &t : cfg.targets) {
        std::printf("\n== %s, %s, %u neurons\n", t.c_str(), kind.c_str(), n);
        Summary crashed;
        crashed.target = t;
        crashed.kind = kind;
        all.push_back(
            inChild([&] { return runCompile(cfg, t, kind, n); }, crashed));
      }
    }
  printSummary(all);
  for (const Summary &s : all)
    if (s.status == "crashed")
      return 1;
  return 0;
}
