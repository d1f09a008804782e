//===- BenchNetworkIR.cpp - a generated network as a user's network -------===//

#include "BenchNetworkIR.h"
#include "BenchNetworks.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Dialect/SNN/SNNParams.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"

#include <cstdio>
#include <memory>

using namespace mlir;

namespace spikec::bench {

uint64_t NetworkSpec::numSynapses() const {
  uint64_t n = 0;
  for (const SparseProjection &p : projections)
    n += p.pre.size();
  return n;
}

namespace {

/// Releases a vector's memory (clear() keeps it).
template <typename T> void release(std::vector<T> &v) {
  std::vector<T>().swap(v);
}

} // namespace

NetworkSpec describeNetwork(mapping::Network &&net, const std::string &name,
                            const target::TargetDesc &desc, uint64_t seed) {
  NetworkSpec spec;
  spec.name = name;
  spec.inputSize = net.numInputs;
  // A neuron each preset runs exactly; any other arithmetic gets a leaky
  // lif.
  bool truenorth = desc.arithmetic == "truenorth";
  if (desc.arithmetic == "loihi") {
    spec.model = "cuba_lif";
    spec.params = {{"tau_syn", 5e-3f}, {"tau", 1e-2f}, {"v_threshold", 1.0f}};
  } else if (truenorth) {
    spec.model = "if";
    spec.params = {{"r", 1.0f}, {"v_threshold", 1.0f}};
  } else if (desc.arithmetic == "akida") {
    spec.model = "lif";
    spec.params = {{"decay", 0.0f}, {"v_threshold", 1.0f}};
  } else {
    spec.model = "lif";
    spec.params = {{"tau", 1e-2f}, {"v_threshold", 1.0f}};
  }
  // Sources: the populations, then the input (index numPops).
  uint32_t numPops = net.populations.size();
  for (const mapping::Population &p : net.populations)
    spec.populations.push_back({p.name, p.count});
  spec.output = net.populations.back().name;
  std::vector<uint32_t> popOf = net.populationOfNeurons();
  auto sourceOf = [&](uint32_t pre) {
    return pre < net.numNeurons ? popOf[pre] : numPops;
  };
  auto localOf = [&](uint32_t pre) {
    return pre < net.numNeurons ? pre - net.populations[popOf[pre]].first
                                : pre - net.numNeurons;
  };
  // One projection per (source, target population), sized by a first pass.
  std::vector<uint64_t> count(size_t(numPops + 1) * numPops, 0);
  uint32_t numPres = net.numSources();
  for (uint32_t pre = 0; pre < numPres; ++pre)
    for (uint64_t k = net.rowStart[pre]; k < net.rowStart[pre + 1]; ++k)
      ++count[size_t(sourceOf(pre)) * numPops + popOf[net.post[k]]];
  std::vector<int32_t> slot(count.size(), -1);
  for (size_t i = 0; i < count.size(); ++i) {
    if (!count[i])
      continue;
    uint32_t src = i / numPops, dst = i % numPops;
    SparseProjection p;
    p.from = src == numPops ? spec.input : spec.populations[src].first;
    p.to = spec.populations[dst].first;
    p.name = p.from + "_to_" + p.to;
    p.pre.reserve(count[i]);
    p.post.reserve(count[i]);
    p.weight.reserve(count[i]);
    slot[i] = spec.projections.size();
    spec.projections.push_back(std::move(p));
  }
  Rng rng{seed ^ 0x5eedull};
  static const float levels[4] = {-1.0f, -0.5f, 0.5f, 1.0f};
  for (uint32_t pre = 0; pre < numPres; ++pre) {
    uint32_t src = sourceOf(pre);
    int32_t local = int32_t(localOf(pre));
    float level = levels[Rng{seed * 0x9e37ull + pre}.next() % 4];
    for (uint64_t k = net.rowStart[pre]; k < net.rowStart[pre + 1]; ++k) {
      uint32_t post = net.post[k], dst = popOf[post];
      SparseProjection &p =
          spec.projections[slot[size_t(src) * numPops + dst]];
      p.pre.push_back(local);
      p.post.push_back(int32_t(post - net.populations[dst].first));
      p.weight.push_back(truenorth ? level : rng.uniform(-1.0f, 1.0f));
    }
  }
  release(net.post);
  release(net.rowStart);
  return spec;
}

OwningOpRef<ModuleOp> buildNetworkIR(MLIRContext &ctx, NetworkSpec &spec) {
  OpBuilder b(&ctx);
  auto loc = [&](const std::string &n) -> Location {
    return NameLoc::get(b.getStringAttr(n));
  };
  auto tensor = [&](uint32_t n) {
    return RankedTensorType::get({int64_t(n)}, b.getF32Type());
  };
  OwningOpRef<ModuleOp> module = ModuleOp::create(loc(spec.name));
  b.setInsertionPointToEnd(module->getBody());
  auto net = b.create<snn::NetworkOp>(loc(spec.name), spec.name);
  b.setInsertionPointToEnd(&net.getBodyBlock());
  Value input = b.create<snn::InputOp>(loc(spec.input),
                                       tensor(spec.inputSize),
                                       b.getStringAttr(spec.input));
  llvm::StringMap<Value> values;
  llvm::StringMap<uint32_t> sizes;
  llvm::StringMap<Operation *> populations;
  values[spec.input] = input;
  for (const auto &[name, size] : spec.populations) {
    // The input is a placeholder operand until the projections exist.
    OperationState state(loc(name), "snn." + spec.model);
    state.addOperands(input);
    state.addTypes(tensor(size));
    for (const auto &[key, value] : spec.params)
      state.addAttribute(key, b.getF32FloatAttr(value));
    Operation *op = b.create(state);
    values[name] = op->getResult(0);
    sizes[name] = size;
    populations[name] = op;
  }
  llvm::StringMap<SmallVector<Value>> incoming;
  for (SparseProjection &p : spec.projections) {
    Value v = b.create<snn::SparseOp>(
        loc(p.name), tensor(sizes[p.to]), values[p.from],
        snn::makeIndexBlob(&ctx, p.name + ".pre", p.pre),
        snn::makeIndexBlob(&ctx, p.name + ".post", p.post),
        snn::makeWeight(&ctx, p.name + ".weight",
                        {int64_t(p.weight.size())}, p.weight));
    incoming[p.to].push_back(v);
    release(p.pre);
    release(p.post);
    release(p.weight);
  }
  for (const auto &[name, size] : spec.populations) {
    Operation *op = populations[name];
    SmallVector<Value> &in = incoming[name];
    if (in.empty()) {
      emitError(op->getLoc()) << "population '" << name
                              << "' receives no projection";
      return nullptr;
    }
    Value sum = in.front();
    if (in.size() > 1) {
      b.setInsertionPoint(op);
      sum = b.create<snn::AddOp>(loc(name + "/sum"), tensor(size), in);
    }
    op->setOperand(0, sum);
  }
  b.setInsertionPointToEnd(&net.getBodyBlock());
  b.create<snn::OutputOp>(loc("y"), values[spec.output],
                          b.getStringAttr("y"));
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

std::string writeNetworkJSON(const NetworkSpec &spec, const std::string &path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE *)> f(
      std::fopen(path.c_str(), "w"), &std::fclose);
  if (!f)
    return "cannot write '" + path + "'";
  std::FILE *o = f.get();
  std::fprintf(o, "{\"name\": \"%s\",\n \"inputs\": [{\"name\": \"%s\", "
                  "\"size\": %u}],\n \"populations\": [",
               spec.name.c_str(), spec.input.c_str(), spec.inputSize);
  const char *sep = "";
  for (const auto &[name, size] : spec.populations) {
    std::fprintf(o, "%s\n  {\"name\": \"%s\", \"model\": \"%s\", \"size\": %u, "
                    "\"params\": {",
                 sep, name.c_str(), spec.model.c_str(), size);
    const char *psep = "";
    for (const auto &[key, value] : spec.params) {
      std::fprintf(o, "%s\"%s\": %.9g", psep, key.c_str(), double(value));
      psep = ", ";
    }
    std::fputs("}}", o);
    sep = ",";
  }
  std::fputs("],\n \"projections\": [", o);
  sep = "";
  for (const SparseProjection &p : spec.projections) {
    std::fprintf(o, "%s\n  {\"name\": \"%s\", \"from\": \"%s\", \"to\": \"%s\", "
                    "\"kind\": \"sparse\", \"synapses\": [",
                 sep, p.name.c_str(), p.from.c_str(), p.to.c_str());
    for (size_t k = 0; k < p.pre.size(); ++k)
      std::fprintf(o, "%s[%d,%d,%.9g]", k ? "," : "", p.pre[k], p.post[k],
                   double(p.weight[k]));
    std::fputs("]}", o);
    sep = ",";
  }
  std::fprintf(o, "],\n \"outputs\": [{\"name\": \"y\", \"from\": \"%s\"}]}\n",
               spec.output.c_str());
  if (std::ferror(o))
    return "cannot write '" + path + "'";
  return "";
}

} // namespace spikec::bench
