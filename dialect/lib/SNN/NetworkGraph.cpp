//===- NetworkGraph.cpp - the dataflow graph of an snn.network ------------===//

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Support/StepLag.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSwitch.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>

using namespace mlir;

namespace spikec::snn {
namespace {

struct EdgeInfo {
  unsigned operand = 0;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS,
                                    boost::bidirectionalS, boost::no_property,
                                    EdgeInfo>;
using Vertex = Graph::vertex_descriptor;
using Edge = Graph::edge_descriptor;

/// The ops of a network as graph vertices. Inputs come first so that a
/// depth-first search starting at vertex 0 walks from the inputs, which is
/// what makes "back edge" mean "recurrent edge".
struct OpGraph {
  std::vector<Operation *> ops;
  llvm::DenseMap<Operation *, Vertex> index;
  Graph graph;

  explicit OpGraph(NetworkOp net) {
    Block &body = net.getBodyBlock();
    for (Operation &op : body)
      if (isa<InputOp>(op))
        ops.push_back(&op);
    for (Operation &op : body)
      if (!isa<InputOp>(op))
        ops.push_back(&op);
    graph = Graph(ops.size());
    for (auto [i, op] : llvm::enumerate(ops))
      index[op] = i;
    for (auto [i, op] : llvm::enumerate(ops))
      for (OpOperand &use : op->getOpOperands()) {
        Operation *def = use.get().getDefiningOp();
        if (!def || !index.count(def))
          continue;
        boost::add_edge(index[def], i, EdgeInfo{use.getOperandNumber()},
                        graph);
      }
  }

  Operation *source(Edge e) const { return ops[boost::source(e, graph)]; }
  Operation *target(Edge e) const { return ops[boost::target(e, graph)]; }
};

bool isPopulation(Operation *op) {
  return isa<NeuronOpInterface>(op) && !isEncoder(op) && !isa<DelayOp>(op);
}

/// Whether the edge `from -> to` delivers one step late in hardware timing.
/// Outputs read a population's spikes in the step it makes them, so a chain
/// of L populations answers L steps after its input.
bool isHardwareDelayed(Operation *from, Operation *to) {
  if (isEncoder(to) || isa<OutputOp>(to))
    return false;
  return isa<InputOp>(from) || isEncoder(from) || isPopulation(from);
}

/// Collects the back edges of a depth-first search from the inputs.
struct BackEdgeRecorder : boost::default_dfs_visitor {
  std::vector<Edge> *back;
  explicit BackEdgeRecorder(std::vector<Edge> *back) : back(back) {}
  void back_edge(Edge e, const Graph &) { back->push_back(e); }
};

} // namespace

bool isEncoder(Operation *op) {
  return isa<EncodeDirectOp, EncodeRateOp, EncodeLatencyOp, EncodeDeltaOp>(op);
}

int64_t hardwareLag(NetworkOp net) {
  // The ops are the nodes; an edge into an op takes a step when delayed
  // (isHardwareDelayed), plus a delay op's own steps.
  auto stepsOf = [](Operation *op) -> int64_t {
    auto delay = dyn_cast<DelayOp>(op);
    if (!delay || !delay.getSteps())
      return 0;
    int64_t most = 0;
    // Held: ranging over *temporary() would read a destroyed optional.
    std::optional<ArrayRef<int64_t>> steps = delay.getSteps();
    for (int64_t s : *steps)
      most = std::max(most, s);
    return most;
  };
  llvm::DenseMap<Operation *, uint32_t> id;
  for (Operation &op : net.getBodyBlock())
    id.try_emplace(&op, uint32_t(id.size()));
  std::vector<StepEdge> edges;
  std::vector<uint32_t> outputs;
  for (Operation &to : net.getBodyBlock()) {
    for (Value in : to.getOperands())
      if (Operation *from = in.getDefiningOp(); from && id.count(from))
        edges.push_back({id[from], id[&to],
                         (isHardwareDelayed(from, &to) ? 1 : 0) + stepsOf(&to)});
    if (isa<OutputOp>(to))
      outputs.push_back(id[&to]);
  }
  std::optional<int64_t> lag =
      longestStepPath(uint32_t(id.size()), edges, {}, outputs);
  return lag ? *lag : -1;
}

std::optional<Sync> parseSync(StringRef text) {
  return llvm::StringSwitch<std::optional<Sync>>(text)
      .Case("layer", Sync::Layer)
      .Case("hardware", Sync::Hardware)
      .Default(std::nullopt);
}

bool breaksLoops(Operation *op) {
  if (auto delay = dyn_cast<DelayOp>(op)) {
    if (auto steps = delay.getSteps())
      return !steps->empty() && *llvm::min_element(*steps) >= 1;
    if (auto d = delay.getDelay()) {
      auto values = getParamValues(*d);
      return values && !values->empty() &&
             *std::min_element(values->begin(), values->end()) > 0;
    }
    return false;
  }
  return isPopulation(op);
}

std::vector<Operation *> findAlgebraicLoop(NetworkOp net) {
  OpGraph g(net);
  // Drop edges out of ops with state, then any remaining cycle is stateless.
  Graph cut(g.ops.size());
  for (auto e : llvm::make_range(boost::edges(g.graph)))
    if (!breaksLoops(g.source(e)))
      boost::add_edge(boost::source(e, g.graph), boost::target(e, g.graph),
                      cut);
  std::vector<int> component(g.ops.size());
  int count = boost::strong_components(
      cut, boost::make_iterator_property_map(
               component.begin(), boost::get(boost::vertex_index, cut)));
  std::vector<int> size(count, 0);
  for (int c : component)
    ++size[c];
  for (Vertex v = 0; v < g.ops.size(); ++v) {
    bool selfLoop = boost::edge(v, v, cut).second;
    if (size[component[v]] < 2 && !selfLoop)
      continue;
    // Walk the component from v, following edges that stay inside it,
    // until we return to v: that walk is one offending cycle.
    std::vector<Operation *> cycle{g.ops[v]};
    Vertex at = v;
    llvm::DenseSet<Vertex> seen{v};
    while (true) {
      Vertex next = at;
      for (auto e : llvm::make_range(boost::out_edges(at, cut))) {
        Vertex t = boost::target(e, cut);
        if (component[t] != component[v])
          continue;
        next = t;
        if (t == v || !seen.count(t))
          break;
      }
      if (next == v || seen.count(next))
        break;
      seen.insert(next);
      cycle.push_back(g.ops[next]);
      at = next;
    }
    return cycle;
  }
  return {};
}

FailureOr<Schedule> computeSchedule(NetworkOp net, Sync sync) {
  if (auto loop = findAlgebraicLoop(net); !loop.empty())
    return loop.front()->emitError("algebraic loop: a cycle with no state");
  OpGraph g(net);
  Schedule schedule;
  auto markDelayed = [&](Edge e) {
    schedule.delayed.insert({g.target(e), g.graph[e].operand});
  };
  // Edges out of delays of one step or more always deliver late: the delay
  // op then holds one step less (see the reference simulator).
  for (auto e : llvm::make_range(boost::edges(g.graph))) {
    Operation *from = g.source(e);
    if (isa<DelayOp>(from) && breaksLoops(from))
      markDelayed(e);
    else if (sync == Sync::Hardware && isHardwareDelayed(from, g.target(e)))
      markDelayed(e);
  }
  // What is left of the graph; in layer timing, cycles in it are recurrent
  // connections and their back edges deliver late.
  auto remaining = [&]() {
    Graph rest(g.ops.size());
    for (auto e : llvm::make_range(boost::edges(g.graph)))
      if (!schedule.isDelayed(g.target(e), g.graph[e].operand))
        boost::add_edge(boost::source(e, g.graph), boost::target(e, g.graph),
                        g.graph[e], rest);
    return rest;
  };
  Graph rest = remaining();
  if (sync == Sync::Layer) {
    std::vector<Edge> back;
    boost::depth_first_search(rest, boost::visitor(BackEdgeRecorder(&back)));
    for (Edge e : back)
      schedule.delayed.insert(
          {g.ops[boost::target(e, rest)], rest[e].operand});
    rest = remaining();
  }
  std::vector<Vertex> reversed;
  try {
    boost::topological_sort(rest, std::back_inserter(reversed));
  } catch (const boost::not_a_dag &) {
    // Hardware timing leaves a cycle only when it has no population in it,
    // which findAlgebraicLoop already rejected; keep the guard all the same.
    return net.emitError("cannot order the network: a cycle remains");
  }
  for (auto it = reversed.rbegin(); it != reversed.rend(); ++it)
    schedule.order.push_back(g.ops[*it]);
  return schedule;
}

} // namespace spikec::snn
