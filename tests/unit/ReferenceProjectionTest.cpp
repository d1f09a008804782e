//===- ReferenceProjectionTest.cpp - stateless ops vs naive loops ---------===//
//
// Every projection of the reference simulator against a naive nested-loop
// evaluation of its definition (PyTorch's for the convolutions and pools)
// written here, on random weights and on dense and binary inputs. The
// simulator's event-driven scatter and input-major tables share no code with
// these loops.
//
//===----------------------------------------------------------------------===//

#include "spikec/Passes/Passes.h"
#include "spikec/Reference/Simulator.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "TestContext.h"
#include "TestIR.h"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <random>

using namespace mlir;
using namespace spikec;
using spikec::ref::InputRows;
using spikec::ref::Rows;
using spikec::ref::SimOptions;
using spikec::ref::Trace;

using spikec::test::hexBlob;

namespace {

struct Resources {
  std::string entries;
  void add(const std::string &name, const std::string &hex) {
    entries += (entries.empty() ? "      " : ",\n      ") + name + ": " + hex;
  }
  std::string text() const {
    return "{-#\n  dialect_resources: {\n    builtin: {\n" + entries +
           "\n    }\n  }\n#-}\n";
  }
};

struct Fixture : test::DiagnosedContext<snn::SNNDialect> {
  OwningOpRef<ModuleOp> module;

  snn::NetworkOp load(const std::string &text) {
    module = parseSourceString<ModuleOp>(text, &ctx);
    INFO("diagnostics: " << diags << "\ntext:\n" << text);
    REQUIRE(module);
    return *module->getOps<snn::NetworkOp>().begin();
  }

  Trace run(snn::NetworkOp net, const InputRows &inputs, int64_t T) {
    SimOptions opts;
    opts.timesteps = T;
    auto trace = ref::simulate(net, inputs, opts);
    INFO("diagnostics: " << diags);
    REQUIRE(succeeded(trace));
    return *trace;
  }
};

std::mt19937 &rng() {
  static std::mt19937 gen(12345);
  return gen;
}

std::vector<float> randomWeights(size_t n, double zeroFraction = 0.0) {
  std::uniform_real_distribution<float> w(-1.0f, 1.0f);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::vector<float> out(n);
  for (float &v : out)
    v = u(rng()) < zeroFraction ? 0.0f : w(rng());
  return out;
}

/// T rows of n values: binary with probability `density` when `binary`,
/// else uniform in [-2, 2] with a share of exact zeros.
Rows randomRows(int64_t T, size_t n, bool binary, double density = 0.3) {
  std::uniform_real_distribution<double> u(0.0, 1.0), v(-2.0, 2.0);
  Rows rows(T, std::vector<double>(n));
  for (auto &row : rows)
    for (double &x : row)
      x = binary ? (u(rng()) < density ? 1.0 : 0.0)
                 : (u(rng()) < 0.2 ? 0.0 : v(rng()));
  return rows;
}

std::string tensor(std::initializer_list<int64_t> shape) {
  std::string s = "tensor<";
  for (int64_t d : shape)
    s += std::to_string(d) + "x";
  return s + "f32>";
}

void checkRows(const Rows &got, const Rows &want, double tol = 1e-9) {
  REQUIRE(got.size() == want.size());
  for (size_t t = 0; t < got.size(); ++t) {
    REQUIRE(got[t].size() == want[t].size());
    for (size_t i = 0; i < got[t].size(); ++i) {
      INFO("step " << t << " element " << i << ": got " << got[t][i]
                   << ", want " << want[t][i]);
      CHECK(std::fabs(got[t][i] - want[t][i]) <= tol);
    }
  }
}

/// x > 0.5 elementwise (the threshold op in front of the spike-path tests).
Rows binarize(const Rows &rows) {
  Rows out = rows;
  for (auto &row : out)
    for (double &x : row)
      x = x > 0.5 ? 1.0 : 0.0;
  return out;
}

} // namespace

TEST_CASE("Reference affine and linear against y = W x + b") {
  // Naive: y[o] = b[o] + sum_i W[o][i] x[i]. Dense inputs go straight in;
  // the linear test puts a threshold in front so the projection receives a
  // spike list; a quarter of the weights are zero and are not counted as
  // synaptic events (events = sum over spiking inputs of the nonzero
  // weights in their column).
  const int64_t nin = 13, nout = 7, T = 5;
  auto w = randomWeights(nout * nin, 0.25);
  auto b = randomWeights(nout);
  Resources res;
  res.add("w", hexBlob(w));
  res.add("b", hexBlob(b));
  std::string text =
      "snn.network @a {\n"
      "  %x = snn.input \"x\" : " + tensor({nin}) + "\n"
      "  %y = snn.affine %x {weight = dense_resource<w> : " +
      tensor({nout, nin}) + ", bias = dense_resource<b> : " + tensor({nout}) +
      "} : " + tensor({nin}) + " -> " + tensor({nout}) + "\n"
      "  %s = snn.threshold %x {threshold = 0.5 : f32} : " + tensor({nin}) +
      " -> " + tensor({nin}) + "\n"
      "  %z = snn.linear %s {weight = dense_resource<w> : " +
      tensor({nout, nin}) + "} : " + tensor({nin}) + " -> " + tensor({nout}) +
      "\n"
      "  snn.output %y as \"affine\" : " + tensor({nout}) + "\n"
      "  snn.output %z as \"linear\" : " + tensor({nout}) + "\n"
      "}\n" + res.text();
  Fixture f;
  auto net = f.load(text);
  Rows x = randomRows(T, nin, false);
  Rows s = binarize(x);
  Trace trace = f.run(net, {{"x", x}}, T);
  Rows wantAffine(T, std::vector<double>(nout)), wantLinear = wantAffine;
  uint64_t events = 0;
  for (int64_t t = 0; t < T; ++t)
    for (int64_t o = 0; o < nout; ++o) {
      double acc = b[o], accS = 0;
      for (int64_t i = 0; i < nin; ++i) {
        acc += double(w[o * nin + i]) * x[t][i];
        accS += double(w[o * nin + i]) * s[t][i];
        events += (x[t][i] != 0 && w[o * nin + i] != 0) +
                  (s[t][i] != 0 && w[o * nin + i] != 0);
      }
      wantAffine[t][o] = acc;
      wantLinear[t][o] = accS;
    }
  checkRows(trace.outputs["affine"], wantAffine);
  checkRows(trace.outputs["linear"], wantLinear);
  CHECK(trace.stats.synapticEvents == events);
}

TEST_CASE("Reference sparse against its synapse list") {
  // Naive: for every synapse k, y[post[k]] += weight[k] * x[pre[k]];
  // duplicate (pre, post) pairs add up.
  const int64_t nin = 20, nout = 9, K = 60, T = 4;
  std::uniform_int_distribution<int32_t> pi(0, nin - 1), po(0, nout - 1);
  std::vector<int32_t> pre(K), post(K);
  for (int64_t k = 0; k < K; ++k)
    pre[k] = pi(rng()), post[k] = po(rng());
  pre[1] = pre[0], post[1] = post[0]; // a duplicate pair
  auto w = randomWeights(K, 0.1);
  Resources res;
  res.add("p", hexBlob(pre));
  res.add("q", hexBlob(post));
  res.add("w", hexBlob(w));
  std::string k = std::to_string(K);
  std::string text =
      "snn.network @s {\n"
      "  %x = snn.input \"x\" : " + tensor({nin}) + "\n"
      "  %y = snn.sparse %x {pre = dense_resource<p> : tensor<" + k +
      "xi32>, post = dense_resource<q> : tensor<" + k +
      "xi32>, weight = dense_resource<w> : tensor<" + k + "xf32>} : " +
      tensor({nin}) + " -> " + tensor({nout}) + "\n"
      "  snn.output %y as \"y\" : " + tensor({nout}) + "\n"
      "}\n" + res.text();
  for (bool binary : {false, true}) {
    CAPTURE(binary);
    Fixture f;
    auto net = f.load(text);
    Rows x = randomRows(T, nin, binary);
    Trace trace = f.run(net, {{"x", x}}, T);
    Rows want(T, std::vector<double>(nout, 0.0));
    for (int64_t t = 0; t < T; ++t)
      for (int64_t s = 0; s < K; ++s)
        want[t][post[s]] += double(w[s]) * x[t][pre[s]];
    checkRows(trace.outputs["y"], want);
  }
}

namespace {
/// PyTorch's conv2d on one [C, H, W] sample, written as the definition:
/// out[co][oy][ox] = bias[co] + sum over the co's group's input channels
/// and kernel taps of w * x[ci][oy*s - p + ky*d][ox*s - p + kx*d], zero
/// outside the input.
std::vector<double> naiveConv2d(const std::vector<double> &x, int64_t cin,
                                int64_t h, int64_t wd,
                                const std::vector<float> &w, int64_t cout,
                                int64_t kh, int64_t kw,
                                const std::vector<float> &bias, int64_t groups,
                                int64_t sh, int64_t sw, int64_t ph, int64_t pw,
                                int64_t dh, int64_t dw, int64_t oh,
                                int64_t ow) {
  int64_t cinpg = cin / groups, coutpg = cout / groups;
  std::vector<double> out(cout * oh * ow);
  for (int64_t co = 0; co < cout; ++co)
    for (int64_t oy = 0; oy < oh; ++oy)
      for (int64_t ox = 0; ox < ow; ++ox) {
        double acc = bias.empty() ? 0.0 : bias[co];
        int64_t g = co / coutpg;
        for (int64_t cl = 0; cl < cinpg; ++cl)
          for (int64_t ky = 0; ky < kh; ++ky)
            for (int64_t kx = 0; kx < kw; ++kx) {
              int64_t iy = oy * sh - ph + ky * dh, ix = ox * sw - pw + kx * dw;
              if (iy < 0 || iy >= h || ix < 0 || ix >= wd)
                continue;
              int64_t ci = g * cinpg + cl;
              acc += double(w[((co * cinpg + cl) * kh + ky) * kw + kx]) *
                     x[(ci * h + iy) * wd + ix];
            }
        out[(co * oh + oy) * ow + ox] = acc;
      }
  return out;
}

int64_t outSize(int64_t in, int64_t k, int64_t s, int64_t p, int64_t d) {
  return (in + 2 * p - d * (k - 1) - 1) / s + 1;
}
} // namespace

TEST_CASE("Reference conv2d with groups, stride, padding and dilation") {
  // [4, 7, 6] input, weight [6, 2, 3, 2] (groups 2), stride (2, 1),
  // padding (1, 1), dilation (2, 1), bias: against naiveConv2d, once on the
  // dense input and once on its binarized spikes (the event path).
  const int64_t cin = 4, h = 7, wd = 6, cout = 6, kh = 3, kw = 2, groups = 2;
  const int64_t sh = 2, sw = 1, ph = 1, pw = 1, dh = 2, dw = 1, T = 3;
  const int64_t oh = outSize(h, kh, sh, ph, dh), ow = outSize(wd, kw, sw, pw, dw);
  auto w = randomWeights(cout * (cin / groups) * kh * kw);
  auto bias = randomWeights(cout);
  Resources res;
  res.add("k", hexBlob(w));
  res.add("b", hexBlob(bias));
  std::string in = tensor({cin, h, wd}), out = tensor({cout, oh, ow});
  std::string conv = " {weight = dense_resource<k> : " +
                     tensor({cout, cin / groups, kh, kw}) +
                     ", bias = dense_resource<b> : " + tensor({cout}) +
                     ", stride = array<i64: 2, 1>, padding = array<i64: 1, 1>,"
                     " dilation = array<i64: 2, 1>, groups = 2 : i64} : ";
  std::string text =
      "snn.network @c {\n"
      "  %x = snn.input \"x\" : " + in + "\n"
      "  %y = snn.conv2d %x" + conv + in + " -> " + out + "\n"
      "  %s = snn.threshold %x {threshold = 0.5 : f32} : " + in + " -> " + in +
      "\n"
      "  %z = snn.conv2d %s" + conv + in + " -> " + out + "\n"
      "  snn.output %y as \"dense\" : " + out + "\n"
      "  snn.output %z as \"spikes\" : " + out + "\n"
      "}\n" + res.text();
  Fixture f;
  auto net = f.load(text);
  Rows x = randomRows(T, cin * h * wd, false);
  Rows s = binarize(x);
  Trace trace = f.run(net, {{"x", x}}, T);
  Rows wantDense, wantSpikes;
  for (int64_t t = 0; t < T; ++t) {
    wantDense.push_back(naiveConv2d(x[t], cin, h, wd, w, cout, kh, kw, bias,
                                    groups, sh, sw, ph, pw, dh, dw, oh, ow));
    wantSpikes.push_back(naiveConv2d(s[t], cin, h, wd, w, cout, kh, kw, bias,
                                     groups, sh, sw, ph, pw, dh, dw, oh, ow));
  }
  checkRows(trace.outputs["dense"], wantDense);
  checkRows(trace.outputs["spikes"], wantSpikes);
}

TEST_CASE("Reference conv1d against the 2-D definition with H = 1") {
  // conv1d over [2, 9], weight [4, 2, 3], stride 2, padding 2, dilation 2,
  // no bias: PyTorch's conv1d is conv2d with a height-1 input and kernel.
  const int64_t cin = 2, len = 9, cout = 4, k = 3, T = 3;
  const int64_t ol = outSize(len, k, 2, 2, 2);
  auto w = randomWeights(cout * cin * k);
  Resources res;
  res.add("k", hexBlob(w));
  std::string in = tensor({cin, len}), out = tensor({cout, ol});
  std::string text =
      "snn.network @c1 {\n"
      "  %x = snn.input \"x\" : " + in + "\n"
      "  %y = snn.conv1d %x {weight = dense_resource<k> : " +
      tensor({cout, cin, k}) +
      ", stride = array<i64: 2>, padding = array<i64: 2>, dilation = "
      "array<i64: 2>} : " + in + " -> " + out + "\n"
      "  snn.output %y as \"y\" : " + out + "\n"
      "}\n" + res.text();
  Fixture f;
  auto net = f.load(text);
  Rows x = randomRows(T, cin * len, false);
  Trace trace = f.run(net, {{"x", x}}, T);
  Rows want;
  for (int64_t t = 0; t < T; ++t)
    want.push_back(naiveConv2d(x[t], cin, 1, len, w, cout, 1, k, {}, 1, 1, 2,
                               0, 2, 1, 2, 1, ol));
  checkRows(trace.outputs["y"], want);
}

TEST_CASE("Reference sum and average pooling with padding") {
  // [2, 5, 6], kernel 3x2, stride 2x2, padding 1x1. Naive: the sum of the
  // in-bounds window entries (padding contributes zeros); average divides
  // by the full kernel area 6 (PyTorch count_include_pad = True).
  const int64_t c = 2, h = 5, wd = 6, kh = 3, kw = 2, T = 3;
  const int64_t oh = outSize(h, kh, 2, 1, 1), ow = outSize(wd, kw, 2, 1, 1);
  std::string in = tensor({c, h, wd}), out = tensor({c, oh, ow});
  std::string attrs = " {kernel_size = array<i64: 3, 2>, stride = array<i64: "
                      "2, 2>, padding = array<i64: 1, 1>} : ";
  std::string text =
      "snn.network @p {\n"
      "  %x = snn.input \"x\" : " + in + "\n"
      "  %s = snn.sum_pool2d %x" + attrs + in + " -> " + out + "\n"
      "  %a = snn.avg_pool2d %x" + attrs + in + " -> " + out + "\n"
      "  snn.output %s as \"sum\" : " + out + "\n"
      "  snn.output %a as \"avg\" : " + out + "\n"
      "}\n";
  Fixture f;
  auto net = f.load(text);
  Rows x = randomRows(T, c * h * wd, false);
  Trace trace = f.run(net, {{"x", x}}, T);
  Rows wantSum, wantAvg;
  for (int64_t t = 0; t < T; ++t) {
    std::vector<double> sum(c * oh * ow), avg(c * oh * ow);
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t oy = 0; oy < oh; ++oy)
        for (int64_t ox = 0; ox < ow; ++ox) {
          double acc = 0;
          for (int64_t ky = 0; ky < kh; ++ky)
            for (int64_t kx = 0; kx < kw; ++kx) {
              int64_t iy = oy * 2 - 1 + ky, ix = ox * 2 - 1 + kx;
              if (iy >= 0 && iy < h && ix >= 0 && ix < wd)
                acc += x[t][(ch * h + iy) * wd + ix];
            }
          sum[(ch * oh + oy) * ow + ox] = acc;
          avg[(ch * oh + oy) * ow + ox] = acc / 6.0;
        }
    wantSum.push_back(sum);
    wantAvg.push_back(avg);
  }
  checkRows(trace.outputs["sum"], wantSum);
  checkRows(trace.outputs["avg"], wantAvg);
}

TEST_CASE("Reference scale, threshold, flatten and add") {
  // scale: y = s x per element with s = [1, -2, 0.5, 4, 0, 1.5];
  // threshold: 1 where x > theta (strictly) with theta = [0, 0.5, 1];
  // flatten [2, 3] -> [6] keeps the row-major order; add sums its operands.
  std::string text = R"(
snn.network @m {
  %x = snn.input "x" : tensor<2x3xf32>
  %z = snn.input "z" : tensor<6xf32>
  %f = snn.flatten %x {start_dim = 0 : i64, end_dim = -1 : i64} : tensor<2x3xf32> -> tensor<6xf32>
  %s = snn.scale %f {scale = dense<[1.0, -2.0, 0.5, 4.0, 0.0, 1.5]> : tensor<6xf32>} : tensor<6xf32> -> tensor<6xf32>
  %a = snn.add %s, %z, %f : tensor<6xf32>
  %t = snn.threshold %x {threshold = dense<[0.0, 0.5, 1.0]> : tensor<3xf32>} : tensor<2x3xf32> -> tensor<2x3xf32>
  snn.output %a as "sum" : tensor<6xf32>
  snn.output %t as "thr" : tensor<2x3xf32>
}
)";
  Fixture f;
  auto net = f.load(text);
  Rows x{{0.0, 0.5, 1.5, 1.0, 0.6, 1.0}, {-1, 2, 0.25, 0.1, 0.4, 3}};
  Rows z{{1, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 0}};
  Trace trace = f.run(net, {{"x", x}, {"z", z}}, 2);
  std::vector<double> s{1, -2, 0.5, 4, 0, 1.5}, theta{0, 0.5, 1.0};
  Rows wantSum(2, std::vector<double>(6)), wantThr = wantSum;
  for (int t = 0; t < 2; ++t)
    for (int i = 0; i < 6; ++i) {
      wantSum[t][i] = s[i] * x[t][i] + z[t][i] + x[t][i];
      wantThr[t][i] = x[t][i] > theta[i % 3] ? 1.0 : 0.0;
    }
  checkRows(trace.outputs["sum"], wantSum, 1e-12);
  checkRows(trace.outputs["thr"], wantThr, 0.0);
}
