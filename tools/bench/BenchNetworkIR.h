//===- BenchNetworkIR.h - a generated network as a user's network -*- C++ -*-=//
//
// spikec-bench-compile turns a generated mapping::Network (BenchNetworks.h)
// into what a user hands spikec: populations of one neuron model the target
// can run, sparse projections with random finite weights, one input and one
// output. The same description becomes an snn.network built directly in
// C++ (the import stage of the benchmark) or a JSON network file
// (docs/network-json.md) for timing the JSON importer.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_BENCH_BENCHNETWORKIR_H
#define SPIKEC_TOOLS_BENCH_BENCHNETWORKIR_H

#include "spikec/Mapping/Mapping.h"
#include "spikec/Target/Target.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace spikec::bench {

/// One snn.sparse projection; `from` is a population or the input.
struct SparseProjection {
  std::string name, from, to;
  std::vector<int32_t> pre, post;
  std::vector<float> weight;
};

/// A network of one input, populations of one model and sparse projections.
struct NetworkSpec {
  std::string name;
  std::string input = "x";
  uint32_t inputSize = 0;
  /// The snn op name without "snn." (lif, if, cuba_lif) and its parameters.
  std::string model;
  std::vector<std::pair<std::string, float>> params;
  std::vector<std::pair<std::string, uint32_t>> populations;
  std::vector<SparseProjection> projections;
  /// The population read out.
  std::string output;
  uint64_t numSynapses() const;
};

/// The neuron model and weights `desc`'s arithmetic accepts:
/// loihi cuba_lif, truenorth if with 4 weight levels per pre (its axon
/// types), akida lif with decay 0, generic lif; weights uniform in [-1, 1)
/// (truenorth: one of -1, -0.5, 0.5, 1 per pre neuron, drawn at random).
/// `net` is consumed (its CSR freed) to keep the peak down.
NetworkSpec describeNetwork(mapping::Network &&net, const std::string &name,
                            const target::TargetDesc &desc, uint64_t seed);

/// The snn.network of `spec`, verified; the projections' arrays are freed
/// as their blobs are made. Null (with the diagnostic emitted) on failure.
mlir::OwningOpRef<mlir::ModuleOp> buildNetworkIR(mlir::MLIRContext &ctx,
                                                 NetworkSpec &spec);

/// Writes `spec` as a JSON network description; "" or why not.
std::string writeNetworkJSON(const NetworkSpec &spec, const std::string &path);

} // namespace spikec::bench

#endif // SPIKEC_TOOLS_BENCH_BENCHNETWORKIR_H
