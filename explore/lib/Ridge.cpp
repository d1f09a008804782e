//===- Ridge.cpp - a readout solved in one shot ---------------------------===//

#include "spikec/Explore/Ridge.h"

#include <cmath>

using namespace spikec::explore;

namespace {
/// h with a column of ones appended (the bias input).
Eigen::MatrixXd withBias(const Eigen::MatrixXd &h) {
  Eigen::MatrixXd a(h.rows(), h.cols() + 1);
  a << h, Eigen::VectorXd::Ones(h.rows());
  return a;
}

/// What is wrong with (h, labels), or "".
std::string checkSet(const char *what, const Eigen::MatrixXd &h,
                     const std::vector<uint32_t> &labels, uint32_t classes) {
  std::string name = what;
  if (h.rows() == 0)
    return "the " + name + " set has no samples";
  if (size_t(h.rows()) != labels.size())
    return "the " + name + " set has " + std::to_string(h.rows()) +
           " activity rows but " + std::to_string(labels.size()) + " labels";
  if (!h.allFinite())
    return "the " + name + " set's activity has a NaN or infinite value";
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] >= classes)
      return "the " + name + " set's sample " + std::to_string(i) +
             " has label " + std::to_string(labels[i]) + ", but there are " +
             std::to_string(classes) + " classes";
  return "";
}
} // namespace

Eigen::MatrixXd Readout::scores(const Eigen::MatrixXd &h) const {
  return withBias(h) * weights;
}

std::vector<uint32_t> Readout::classify(const Eigen::MatrixXd &h) const {
  Eigen::MatrixXd s = scores(h);
  std::vector<uint32_t> out(size_t(s.rows()));
  for (Eigen::Index i = 0; i < s.rows(); ++i) {
    Eigen::Index best = 0;
    for (Eigen::Index c = 1; c < s.cols(); ++c)
      if (s(i, c) > s(i, best))
        best = c;
    out[size_t(i)] = uint32_t(best);
  }
  return out;
}

Readout spikec::explore::solveRidge(const Eigen::MatrixXd &h,
                                    const std::vector<uint32_t> &labels,
                                    uint32_t classes, double lambda) {
  Eigen::MatrixXd a = withBias(h);
  Eigen::MatrixXd y = Eigen::MatrixXd::Zero(a.rows(), classes);
  for (size_t i = 0; i < labels.size(); ++i)
    y(Eigen::Index(i), labels[i]) = 1;
  Eigen::MatrixXd gram = a.transpose() * a;
  gram.diagonal().array() += lambda;
  Readout r;
  r.lambda = lambda;
  // Symmetric positive definite for lambda > 0.
  r.weights = gram.ldlt().solve(a.transpose() * y);
  return r;
}

double spikec::explore::accuracy(const std::vector<uint32_t> &predicted,
                                 const std::vector<uint32_t> &labels) {
  if (labels.empty())
    return 0;
  size_t right = 0;
  for (size_t i = 0; i < labels.size(); ++i)
    right += predicted[i] == labels[i];
  return double(right) / double(labels.size());
}

Readout spikec::explore::fitReadout(
    const Eigen::MatrixXd &h, const std::vector<uint32_t> &labels,
    const Eigen::MatrixXd &hv, const std::vector<uint32_t> &labelsV,
    uint32_t classes, const std::vector<double> &lambdas, std::string &error) {
  error = checkSet("training", h, labels, classes);
  if (error.empty())
    error = checkSet("validation", hv, labelsV, classes);
  if (error.empty() && hv.cols() != h.cols())
    error = "the validation set has " + std::to_string(hv.cols()) +
            " features, the training set " + std::to_string(h.cols());
  if (error.empty() && lambdas.empty())
    error = "no regularization to choose from";
  for (double l : lambdas)
    if (error.empty() && !(l > 0 && std::isfinite(l)))
      error = "a regularization must be positive and finite, got " +
              std::to_string(l);
  if (!error.empty())
    return {};
  Readout best;
  bool have = false;
  for (double l : lambdas) {
    Readout r = solveRidge(h, labels, classes, l);
    r.validationAccuracy = accuracy(r.classify(hv), labelsV);
    if (!have || r.validationAccuracy > best.validationAccuracy ||
        (r.validationAccuracy == best.validationAccuracy && l > best.lambda)) {
      best = std::move(r);
      have = true;
    }
  }
  return best;
}
