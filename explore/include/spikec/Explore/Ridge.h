//===- Ridge.h - a readout solved in one shot -------------------*- C++ -*-===//
//
// The readout of a network whose hidden layers are fixed (random, imported
// or learned on chip) is solved, not trained: with H the hidden activity
// (samples x features, a constant 1 appended for the bias) and Y the
// one-hot labels, W = (H^T H + lambda I)^-1 H^T Y, regularized ridge
// regression (the pseudo-inverse NG-SNN grows its classifiers with). The
// regularization is chosen as the one of a grid that classifies a
// validation set best (ties to the larger, the smoother readout).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EXPLORE_RIDGE_H
#define SPIKEC_EXPLORE_RIDGE_H

#include <Eigen/Dense>

#include <cstdint>
#include <string>
#include <vector>

namespace spikec::explore {

struct Readout {
  /// (features + 1) x classes: the last row is the bias.
  Eigen::MatrixXd weights;
  double lambda = 0;
  /// The fraction of the validation set classified right (fitReadout).
  double validationAccuracy = 0;

  /// Scores per sample and class of activity h (samples x features).
  Eigen::MatrixXd scores(const Eigen::MatrixXd &h) const;
  /// The class of each sample: its highest score, the lowest class on ties.
  std::vector<uint32_t> classify(const Eigen::MatrixXd &h) const;
};

/// W for one lambda; labels in [0, classes).
Readout solveRidge(const Eigen::MatrixXd &h,
                   const std::vector<uint32_t> &labels, uint32_t classes,
                   double lambda);

/// The readout over the grid `lambdas` that classifies (hv, labelsV) best,
/// trained on (h, labels). "" or why not, in `error`: no samples, activity
/// and labels of different lengths, a label out of range, a NaN or
/// infinite activity, a lambda not positive.
Readout fitReadout(const Eigen::MatrixXd &h,
                   const std::vector<uint32_t> &labels,
                   const Eigen::MatrixXd &hv,
                   const std::vector<uint32_t> &labelsV, uint32_t classes,
                   const std::vector<double> &lambdas, std::string &error);

/// The fraction of `predicted` equal to `labels`.
double accuracy(const std::vector<uint32_t> &predicted,
                const std::vector<uint32_t> &labels);

} // namespace spikec::explore

#endif // SPIKEC_EXPLORE_RIDGE_H
