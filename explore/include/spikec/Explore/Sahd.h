//===- Sahd.h - the training-free SAHD score of a spiking network -*- C++
//-*-===//
//
// Kim et al. (ECCV 2022, "Neural Architecture Search for Spiking Neural
// Networks") rank untrained candidates by how differently their spiking
// layers respond to different inputs: per layer and step, the batch's
// binary spike codes x (B samples x N neurons) give
//   K_ij = N - 0.5 / (r_i (1 - r_j) + (1 - r_i) r_j + 1e-3) * H(x_i, x_j)
// with r_i the fraction of neurons sample i fires and H the Hamming
// distance; K is averaged over every layer and step observed, and the
// score is log|det K|. This is the computation of the authors' code
// (model_snn.py, computing_K_eachtime and logdet); the paper's text puts N
// inside the rescaling, the code does not, and the code is followed. The
// caller averages the scores of its batches (the authors: two of 256).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EXPLORE_SAHD_H
#define SPIKEC_EXPLORE_SAHD_H

#include <Eigen/Dense>

#include <cstdint>
#include <string>

namespace spikec::explore {

class SahdKernel {
public:
  /// A kernel over a batch of `batch` samples.
  explicit SahdKernel(uint32_t batch);

  /// Adds one layer's spikes at one step: spikes(i, n) nonzero when neuron
  /// n fired for sample i. "" or why not (a batch of another size, a layer
  /// of no neurons).
  std::string observe(const Eigen::MatrixXd &spikes);

  /// The layer-steps observed.
  uint32_t observations() const { return count; }
  /// The mean kernel over the observations.
  Eigen::MatrixXd kernel() const;
  /// log |det K| of the mean kernel: -infinity when two samples were
  /// indistinguishable everywhere (K singular). Needs an observation.
  double score() const;

private:
  Eigen::MatrixXd sum;
  uint32_t count = 0;
};

} // namespace spikec::explore

#endif // SPIKEC_EXPLORE_SAHD_H
