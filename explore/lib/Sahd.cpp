//===- Sahd.cpp - the training-free SAHD score ----------------------------===//

#include "spikec/Explore/Sahd.h"

#include <cassert>
#include <cmath>
#include <limits>

using namespace spikec::explore;

SahdKernel::SahdKernel(uint32_t batch)
    : sum(Eigen::MatrixXd::Zero(batch, batch)) {}

std::string SahdKernel::observe(const Eigen::MatrixXd &spikes) {
  if (spikes.rows() != sum.rows())
    return "a layer's spikes cover " + std::to_string(spikes.rows()) +
           " samples; the batch has " + std::to_string(sum.rows());
  if (spikes.cols() == 0)
    return "a layer of no neurons has no SAHD kernel";
  const double n = double(spikes.cols());
  Eigen::MatrixXd x = (spikes.array() != 0).cast<double>().matrix();
  Eigen::MatrixXd notX = Eigen::MatrixXd::Ones(x.rows(), x.cols()) - x;
  // Hamming distances: neurons one sample fires and the other does not,
  // both ways.
  Eigen::MatrixXd hamming = x * notX.transpose() + notX * x.transpose();
  Eigen::VectorXd r = x.rowwise().sum() / n;
  Eigen::VectorXd notR = Eigen::VectorXd::Ones(r.size()) - r;
  Eigen::MatrixXd norm = r * notR.transpose() + notR * r.transpose();
  Eigen::MatrixXd rescale = (0.5 / (norm.array() + 1e-3)).matrix();
  sum.array() += n - rescale.array() * hamming.array();
  ++count;
  return "";
}

Eigen::MatrixXd SahdKernel::kernel() const {
  assert(count && "no layer observed");
  return sum / double(count);
}

double SahdKernel::score() const {
  // log|det| from the LU factors' diagonal (numpy's slogdet does the same),
  // which stays finite where det itself would overflow: a kernel of 256
  // samples has entries near N.
  Eigen::PartialPivLU<Eigen::MatrixXd> lu(kernel());
  const Eigen::MatrixXd &f = lu.matrixLU();
  double logAbs = 0;
  for (Eigen::Index i = 0; i < f.rows(); ++i) {
    double d = std::abs(f(i, i));
    if (d == 0)
      return -std::numeric_limits<double>::infinity();
    logAbs += std::log(d);
  }
  return logAbs;
}
