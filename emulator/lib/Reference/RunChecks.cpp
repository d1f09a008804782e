//===- RunChecks.cpp - what every simulator checks before a run -----------===//

#include "spikec/Reference/RunChecks.h"

#include "llvm/ADT/StringSet.h"

#include <algorithm>

using namespace mlir;

namespace spikec::ref {

LogicalResult checkInputRows(Operation *at, ArrayRef<InputDecl> declared,
                             const InputRows &inputs, int64_t timesteps,
                             StringRef declaredAs) {
  llvm::StringSet<> names;
  for (const InputDecl &in : declared) {
    names.insert(in.name);
    auto it = inputs.find(in.name);
    if (it == inputs.end())
      return at->emitError() << "input '" << in.name << "' is missing";
    const Rows &rows = it->second;
    if (static_cast<int64_t>(rows.size()) < timesteps)
      return at->emitError() << "input '" << in.name << "' has " << rows.size()
                             << " rows, fewer than the " << timesteps
                             << " timesteps";
    for (auto [r, row] : llvm::enumerate(rows))
      if (static_cast<int64_t>(row.size()) != in.width)
        return at->emitError() << "input '" << in.name << "': row " << r
                               << " has " << row.size() << " values, expected "
                               << in.width;
  }
  for (const auto &[name, rows] : inputs)
    if (!names.contains(name))
      return at->emitError() << "input '" << name << "' names no "
                             << declaredAs;
  return success();
}

FailureOr<ProbeTarget>
resolveProbe(Operation *at, Block &body, const std::string &spec,
             llvm::function_ref<std::string(Operation *)> nameOf,
             llvm::function_ref<std::string(Operation *)> varsOf) {
  size_t colon = spec.rfind(':');
  if (colon == std::string::npos)
    return at->emitError() << "probe '" << spec
                           << "' is not of the form '<node>:<var>'";
  std::string node = spec.substr(0, colon);
  for (Operation &op : body)
    if (nameOf(&op) == node)
      return ProbeTarget{&op, spec.substr(colon + 1)};
  // A wrong name is usually a typo or a name the importer changed: list what
  // can be probed, the nodes with state first (what one usually probes),
  // capped so a huge network does not flood the terminal.
  constexpr size_t kMaxListed = 40;
  std::vector<std::pair<std::string, std::string>> nodes;
  llvm::StringSet<> seen;
  for (Operation &op : body) {
    std::string name = nameOf(&op);
    if (!name.empty() && seen.insert(name).second)
      nodes.push_back({name, varsOf(&op)});
  }
  std::stable_partition(nodes.begin(), nodes.end(),
                        [](const auto &n) { return n.second != "out"; });
  std::string known;
  for (size_t i = 0; i < nodes.size() && i < kMaxListed; ++i)
    known += (i ? ", " : "") + nodes[i].first + " (" + nodes[i].second + ")";
  if (nodes.size() > kMaxListed)
    known += ", and " + std::to_string(nodes.size() - kMaxListed) + " more";
  InFlightDiagnostic diag = at->emitError()
                            << "probe '" << spec << "' names no node '" << node
                            << "'; ";
  if (nodes.empty())
    diag << "the network has no named node to probe";
  else
    diag << "the nodes that can be probed (and their variables) are: " << known;
  return diag;
}

} // namespace spikec::ref
