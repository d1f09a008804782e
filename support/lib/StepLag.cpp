//===- StepLag.cpp - Longest paths in steps, by Boost.Graph ---------------===//

#include "spikec/Support/StepLag.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dag_shortest_paths.hpp>
#include <boost/graph/exception.hpp>

#include <algorithm>
#include <limits>

namespace spikec {

std::optional<int64_t> longestStepPath(uint32_t numNodes,
                                       const std::vector<StepEdge> &edges,
                                       const std::vector<uint32_t> &sources,
                                       const std::vector<uint32_t> &sinks) {
  using Graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                            boost::no_property,
                            boost::property<boost::edge_weight_t, int64_t>>;
  // Longest paths are the shortest ones under negated weights, which a DAG
  // allows; one extra node reaches every source at no cost.
  const uint32_t root = numNodes;
  Graph g(numNodes + 1);
  for (const StepEdge &e : edges)
    boost::add_edge(e.from, e.to, -e.steps, g);
  if (sources.empty())
    for (uint32_t n = 0; n < numNodes; ++n)
      boost::add_edge(root, n, 0, g);
  for (uint32_t s : sources)
    boost::add_edge(root, s, 0, g);

  constexpr int64_t unreached = std::numeric_limits<int64_t>::max();
  std::vector<int64_t> dist(numNodes + 1);
  try {
    boost::dag_shortest_paths(
        g, root,
        boost::distance_map(dist.data())
            .distance_inf(unreached)
            .distance_zero(int64_t(0)));
  } catch (const boost::not_a_dag &) {
    return std::nullopt;
  }
  int64_t lag = 0;
  for (uint32_t s : sinks)
    if (dist[s] != unreached)
      lag = std::max(lag, -dist[s]);
  return lag;
}

} // namespace spikec
