//===- ExploreTest.cpp - the SAHD score and the ridge readout by hand -----===//
//
// Every expected value is derived in the comments from the definitions in
// Sahd.h (Kim et al.'s kernel) and Ridge.h (ridge regression with a bias
// column), on cases small enough to do by hand.
//
//===----------------------------------------------------------------------===//

#include "spikec/Explore/Ridge.h"
#include "spikec/Explore/Sahd.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using namespace spikec::explore;

namespace {
Eigen::MatrixXd rows(std::initializer_list<std::initializer_list<double>> r) {
  Eigen::MatrixXd m(Eigen::Index(r.size()), Eigen::Index(r.begin()->size()));
  Eigen::Index i = 0;
  for (auto row : r) {
    Eigen::Index j = 0;
    for (double v : row)
      m(i, j++) = v;
    ++i;
  }
  return m;
}
} // namespace

TEST_CASE("sahd: the kernel and score of two samples by hand") {
  // N = 4; sample 0 fires neurons 0, 1, sample 1 fires 0, 2: both rates
  // 1/2, so r_i (1 - r_j) + (1 - r_i) r_j = 1/2 for every pair; Hamming
  // distance 0 to itself, 2 to the other (neurons 1 and 2). K_00 = K_11 =
  // 4; K_01 = 4 - 0.5 / (0.5 + 0.001) x 2.
  SahdKernel k(2);
  REQUIRE(k.observe(rows({{1, 1, 0, 0}, {1, 0, 1, 0}})) == "");
  double k01 = 4 - 0.5 / 0.501 * 2;
  Eigen::MatrixXd K = k.kernel();
  CHECK(K(0, 0) == doctest::Approx(4));
  CHECK(K(1, 1) == doctest::Approx(4));
  CHECK(K(0, 1) == doctest::Approx(k01));
  CHECK(K(1, 0) == doctest::Approx(k01));
  CHECK(k.score() == doctest::Approx(std::log(16 - k01 * k01)));

  // A second layer-step: sample 0 fires all 4, sample 1 none (graded
  // outputs count as spikes when nonzero). Rates 1 and 0: the pair's
  // normalizer is 1 x 1 + 0 x 0 = 1, each sample's own is 0 (Hamming 0, so
  // K_ii = 4 still); K_01 = 4 - 0.5 / 1.001 x 4. The kernel is the mean of
  // the two.
  REQUIRE(k.observe(rows({{2, 1, 7, 1}, {0, 0, 0, 0}})) == "");
  CHECK(k.observations() == 2);
  double k01b = 4 - 0.5 / 1.001 * 4;
  double mean = (k01 + k01b) / 2;
  CHECK(k.kernel()(0, 1) == doctest::Approx(mean));
  CHECK(k.score() == doctest::Approx(std::log(16 - mean * mean)));
}

TEST_CASE("sahd: indistinguishable samples score -infinity; bad input is "
          "refused") {
  // Samples 0 and 2 spike alike: rows 0 and 2 of K are equal, det K = 0.
  SahdKernel k(3);
  REQUIRE(k.observe(rows({{1, 0, 1}, {0, 1, 1}, {1, 0, 1}})) == "");
  CHECK(k.score() == -std::numeric_limits<double>::infinity());
  CHECK(k.observe(rows({{1, 0}, {0, 1}})) ==
        "a layer's spikes cover 2 samples; the batch has 3");
  CHECK(k.observe(Eigen::MatrixXd(3, 0)) ==
        "a layer of no neurons has no SAHD kernel");
  CHECK(k.observations() == 1);
}

TEST_CASE("ridge: one feature and a bias by hand") {
  // h = [1; -1], labels 0, 1. With the bias column A = [1 1; -1 1], A^T A =
  // 2 I, A^T Y = [1 -1; 1 1], so W = A^T Y / (2 + lambda): at lambda = 2,
  // [0.25 -0.25; 0.25 0.25]. Sample 0 scores (0.5, 0), sample 1 (0, 0.5).
  Readout r = solveRidge(rows({{1}, {-1}}), {0, 1}, 2, 2);
  REQUIRE(r.weights.rows() == 2);
  REQUIRE(r.weights.cols() == 2);
  CHECK(r.weights(0, 0) == doctest::Approx(0.25));
  CHECK(r.weights(0, 1) == doctest::Approx(-0.25));
  CHECK(r.weights(1, 0) == doctest::Approx(0.25));
  CHECK(r.weights(1, 1) == doctest::Approx(0.25));
  Eigen::MatrixXd s = r.scores(rows({{1}, {-1}}));
  CHECK(s(0, 0) == doctest::Approx(0.5));
  CHECK(s(1, 1) == doctest::Approx(0.5));
  CHECK(r.classify(rows({{1}, {-1}, {3}})) == std::vector<uint32_t>{0, 1, 0});
}

TEST_CASE("ridge: the regularization is chosen on the validation set") {
  // Three classes, each marked by its own feature. lambda = 1e-3 fits
  // them; lambda = 1e12 drives every weight to about 0, every score ties
  // and every sample goes to class 0 (1 of 3 right). The first is chosen.
  Eigen::MatrixXd h = rows({{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}});
  std::vector<uint32_t> labels = {0, 1, 2, 0};
  Eigen::MatrixXd hv = rows({{0.9, 0, 0.1}, {0, 1.1, 0}, {0.1, 0, 0.8}});
  std::vector<uint32_t> labelsV = {0, 1, 2};
  std::string error;
  Readout r = fitReadout(h, labels, hv, labelsV, 3, {1e12, 1e-3}, error);
  REQUIRE(error == "");
  CHECK(r.lambda == 1e-3);
  CHECK(r.validationAccuracy == 1);
  // Both fit when the grid is reasonable: the larger, smoother one wins.
  r = fitReadout(h, labels, hv, labelsV, 3, {1e-3, 1e-1}, error);
  REQUIRE(error == "");
  CHECK(r.lambda == 1e-1);
}

TEST_CASE("ridge: what it refuses") {
  Eigen::MatrixXd h = rows({{1, 0}, {0, 1}});
  std::string error;
  fitReadout(h, {0}, h, {0, 1}, 2, {1}, error);
  CHECK(error == "the training set has 2 activity rows but 1 labels");
  fitReadout(h, {0, 2}, h, {0, 1}, 2, {1}, error);
  CHECK(error ==
        "the training set's sample 1 has label 2, but there are 2 classes");
  Eigen::MatrixXd bad = h;
  bad(1, 0) = std::nan("");
  fitReadout(h, {0, 1}, bad, {0, 1}, 2, {1}, error);
  CHECK(error == "the validation set's activity has a NaN or infinite value");
  fitReadout(h, {0, 1}, rows({{1, 0, 0}}), {0}, 2, {1}, error);
  CHECK(error == "the validation set has 3 features, the training set 2");
  fitReadout(h, {0, 1}, h, {0, 1}, 2, {0}, error);
  CHECK(error.rfind("a regularization must be positive and finite", 0) == 0);
  fitReadout(Eigen::MatrixXd(0, 2), {}, h, {0, 1}, 2, {1}, error);
  CHECK(error == "the training set has no samples");
}
