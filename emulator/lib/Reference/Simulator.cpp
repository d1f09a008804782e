//===- Simulator.cpp - the float reference simulator ----------------------===//
//
// Runs a discretized snn.network step by step in double precision. Every op
// becomes a kernel built once before the time loop (parameters expanded,
// weights transposed to input-major CSR tables, state and buffers sized);
// the loop itself only reads and writes those tables and allocates nothing.
//
// Values are double-buffered: a value that some consumer reads one step late
// (a delayed edge of the schedule) keeps the previous step's tensor in `prev`
// and the two buffers swap at the end of every step. Producers that know
// which outputs are nonzero (spiking populations, encoders, thresholds) also
// publish that list, so weighted projections touch only the synapses of
// nonzero inputs.
//
//===----------------------------------------------------------------------===//

#include "spikec/Reference/Simulator.h"
#include "spikec/Kernels/Encoders.h"
#include "spikec/Reference/RunChecks.h"

#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Support/LocationName.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <cmath>
#include <memory>

using namespace mlir;
using namespace spikec::snn;

namespace spikec::ref {

namespace {

//===----------------------------------------------------------------------===//
// Buffers
//===----------------------------------------------------------------------===//

/// One step's tensor of a value.
struct Buf {
  std::vector<double> v;
  /// The indices of the nonzero entries of `v`, when `nzValid`.
  std::vector<int32_t> nz;
  bool nzValid = false;
};

/// A value: this step's tensor and, when some edge reads it one step late,
/// the previous step's.
struct Slot {
  Buf a, b;
  Buf *cur = &a, *prev = &b;
  bool needsPrev = false;
  int64_t size = 0;

  explicit Slot(int64_t n) : size(n) {
    for (Buf *buf : {&a, &b}) {
      buf->v.assign(n, 0.0);
      buf->nz.reserve(n);
    }
    // Before the first step every value is zero, and known to be.
    b.nzValid = true;
  }
  void swap() { std::swap(cur, prev); }
};

/// An operand: the value it reads and whether it reads last step's tensor.
struct InRef {
  Slot *slot = nullptr;
  bool delayed = false;
  const Buf &get() const { return delayed ? *slot->prev : *slot->cur; }
};

/// Calls f(index, value) for every nonzero entry of `b`.
template <typename F>
inline void forNonzero(const Buf &b, F &&f) {
  if (b.nzValid) {
    for (int32_t i : b.nz)
      f(i, b.v[i]);
    return;
  }
  const double *x = b.v.data();
  for (int32_t i = 0, n = b.v.size(); i < n; ++i)
    if (x[i] != 0.0)
      f(i, x[i]);
}

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

class Kernel {
public:
  virtual ~Kernel() = default;
  /// Computes step `t` into out->cur from the operands.
  virtual void step(int64_t t, SimStats &stats) = 0;
  /// The values of state variable `name`, or null when there is none.
  virtual const double *state(StringRef name) const { return nullptr; }

  /// Counts `n` spikes emitted this step, in the run's totals and this op's.
  void emitted(SimStats &stats, uint64_t n) {
    stats.spikes += n;
    spikesEmitted += n;
  }
  uint64_t spikesEmitted = 0;

  Slot *out = nullptr;
  std::vector<InRef> ins;
};

class InputKernel : public Kernel {
public:
  explicit InputKernel(const Rows *rows) : rows(rows) {}
  void step(int64_t t, SimStats &) override {
    Buf &o = *out->cur;
    std::copy((*rows)[t].begin(), (*rows)[t].end(), o.v.begin());
    o.nzValid = false;
  }
  const Rows *rows;
};

class OutputKernel : public Kernel {
public:
  explicit OutputKernel(Rows *rows) : rows(rows) {}
  void step(int64_t t, SimStats &) override {
    const Buf &x = ins[0].get();
    std::copy(x.v.begin(), x.v.end(), (*rows)[t].begin());
  }
  Rows *rows;
};

class AddKernel : public Kernel {
public:
  void step(int64_t, SimStats &) override {
    Buf &o = *out->cur;
    std::fill(o.v.begin(), o.v.end(), 0.0);
    for (const InRef &in : ins) {
      const Buf &x = in.get();
      if (x.nzValid) {
        for (int32_t i : x.nz)
          o.v[i] += x.v[i];
      } else {
        for (size_t i = 0, n = o.v.size(); i < n; ++i)
          o.v[i] += x.v[i];
      }
    }
    o.nzValid = false;
  }
};

class ScaleKernel : public Kernel {
public:
  explicit ScaleKernel(std::vector<double> s) : s(std::move(s)) {}
  void step(int64_t, SimStats &) override {
    const Buf &x = ins[0].get();
    Buf &o = *out->cur;
    for (size_t i = 0, n = o.v.size(); i < n; ++i)
      o.v[i] = s[i] * x.v[i];
    o.nzValid = false;
  }
  std::vector<double> s;
};

class ThresholdKernel : public Kernel {
public:
  explicit ThresholdKernel(std::vector<double> theta)
      : theta(std::move(theta)) {}
  void step(int64_t, SimStats &) override {
    const Buf &x = ins[0].get();
    Buf &o = *out->cur;
    o.nz.clear();
    for (int32_t i = 0, n = o.v.size(); i < n; ++i) {
      bool s = x.v[i] > theta[i];
      o.v[i] = s ? 1.0 : 0.0;
      if (s)
        o.nz.push_back(i);
    }
    o.nzValid = true;
  }
  std::vector<double> theta;
};

/// Flatten (and any other pure reshape): the row-major data is unchanged.
class CopyKernel : public Kernel {
public:
  void step(int64_t, SimStats &) override {
    const Buf &x = ins[0].get();
    Buf &o = *out->cur;
    std::copy(x.v.begin(), x.v.end(), o.v.begin());
    o.nzValid = x.nzValid;
    if (x.nzValid)
      o.nz.assign(x.nz.begin(), x.nz.end()); // capacity reserved: no alloc
  }
};

/// affine, linear and sparse: y = bias + sum over nonzero x_j of the stored
/// synapses of input j (input-major CSR, zero weights dropped).
class CsrKernel : public Kernel {
public:
  void step(int64_t, SimStats &stats) override {
    const Buf &x = ins[0].get();
    Buf &o = *out->cur;
    if (bias.empty())
      std::fill(o.v.begin(), o.v.end(), 0.0);
    else
      std::copy(bias.begin(), bias.end(), o.v.begin());
    double *y = o.v.data();
    const int32_t *cols = col.data();
    const float *ws = w.data();
    uint64_t events = 0;
    forNonzero(x, [&](int32_t j, double xj) {
      int64_t begin = rowStart[j], end = rowStart[j + 1];
      for (int64_t k = begin; k < end; ++k)
        y[cols[k]] += xj * static_cast<double>(ws[k]);
      events += end - begin;
    });
    stats.synapticEvents += events;
    o.nzValid = false;
  }
  std::vector<int64_t> rowStart; // size nin + 1
  std::vector<int32_t> col;
  std::vector<float> w;
  std::vector<double> bias; // empty: none
};

/// conv1d and conv2d (PyTorch semantics), scattering every nonzero input
/// into the outputs it reaches. conv1d is the H = 1 case.
class ConvKernel : public Kernel {
public:
  void step(int64_t, SimStats &stats) override {
    const Buf &x = ins[0].get();
    Buf &o = *out->cur;
    double *y = o.v.data();
    const int64_t ohw = oh * ow;
    if (bias.empty()) {
      std::fill(o.v.begin(), o.v.end(), 0.0);
    } else {
      for (int64_t c = 0; c < cout; ++c)
        std::fill(y + c * ohw, y + (c + 1) * ohw, bias[c]);
    }
    const int64_t ihw = ih * iw;
    uint64_t events = 0;
    forNonzero(x, [&](int32_t idx, double xv) {
      int64_t ci = idx / ihw, rem = idx % ihw;
      int64_t iy = rem / iw, ix = rem % iw;
      int64_t g = ci / cinpg;
      double *ybase = y + g * coutpg * ohw;
      for (int64_t ky = 0; ky < kh; ++ky) {
        int64_t ny = iy + ph - ky * dh;
        if (ny < 0 || ny % sh)
          continue;
        int64_t oy = ny / sh;
        if (oy >= oh)
          continue;
        for (int64_t kx = 0; kx < kw; ++kx) {
          int64_t nx = ix + pw - kx * dw;
          if (nx < 0 || nx % sw)
            continue;
          int64_t ox = nx / sw;
          if (ox >= ow)
            continue;
          const float *wr = &wt[((ci * kh + ky) * kw + kx) * coutpg];
          double *yp = ybase + oy * ow + ox;
          for (int64_t c = 0; c < coutpg; ++c)
            yp[c * ohw] += xv * static_cast<double>(wr[c]);
          events += coutpg;
        }
      }
    });
    stats.synapticEvents += events;
    o.nzValid = false;
  }
  int64_t cin = 0, ih = 1, iw = 0, cout = 0, oh = 1, ow = 0;
  int64_t kh = 1, kw = 1, sh = 1, sw = 1, ph = 0, pw = 0, dh = 1, dw = 1;
  int64_t groups = 1, cinpg = 0, coutpg = 0;
  /// weight[co][cl][ky][kx] stored at ((ci*kh + ky)*kw + kx)*coutpg + co%coutpg
  /// where ci = group*cinpg + cl.
  std::vector<float> wt;
  std::vector<double> bias;
};

/// sum_pool2d and avg_pool2d; padding counts as zeros (count_include_pad).
class PoolKernel : public Kernel {
public:
  void step(int64_t, SimStats &) override {
    const double *x = ins[0].get().v.data();
    Buf &o = *out->cur;
    double *y = o.v.data();
    for (int64_t c = 0; c < ch; ++c)
      for (int64_t oy = 0; oy < oh; ++oy)
        for (int64_t ox = 0; ox < ow; ++ox) {
          double acc = 0;
          for (int64_t ky = 0; ky < kh; ++ky) {
            int64_t iy = oy * sh - ph + ky;
            if (iy < 0 || iy >= ih)
              continue;
            for (int64_t kx = 0; kx < kw; ++kx) {
              int64_t ix = ox * sw - pw + kx;
              if (ix < 0 || ix >= iw)
                continue;
              acc += x[(c * ih + iy) * iw + ix];
            }
          }
          y[(c * oh + oy) * ow + ox] = acc * scale;
        }
    o.nzValid = false;
  }
  int64_t ch = 0, ih = 0, iw = 0, oh = 0, ow = 0;
  int64_t kh = 1, kw = 1, sh = 1, sw = 1, ph = 0, pw = 0;
  double scale = 1.0;
};

/// The leaky-integrator family: integrator, li, lif, if, cuba_li, cuba_lif,
/// alif. Per element and step:
///   refractory: hold v, no spike (the synaptic current and the adaptation
///     keep evolving);
///   theta = v_threshold + adapt * a              (a of the previous step)
///   drive = Cuba ? I : x;  I' = syn_decay I + syn_gain x
///   v' = decay v + gain drive + bias
///   spike = (pre ? v : v') > theta; reset v'; a' = adapt_decay a + spike.
template <bool Cuba, bool Adapt, bool Spiking>
class MembraneKernel : public Kernel {
public:
  void step(int64_t, SimStats &stats) override {
    const double *x = ins[0].get().v.data();
    Buf &o = *out->cur;
    double *y = o.v.data();
    const int64_t n = v.size();
    const bool pre = timing == SpikeTiming::Pre;
    uint64_t spikes = 0;
    if (Spiking)
      o.nz.clear();
    for (int64_t i = 0; i < n; ++i) {
      if (Spiking && refractory && ref[i] > 0) {
        --ref[i];
        if (Cuba)
          cur[i] = synDecay[i] * cur[i] + synGain[i] * x[i];
        if (Adapt)
          a[i] = adaptDecay[i] * a[i];
        y[i] = 0.0;
        continue;
      }
      double vOld = v[i];
      double drive = x[i];
      if (Cuba) {
        drive = cur[i];
        cur[i] = synDecay[i] * cur[i] + synGain[i] * x[i];
      }
      double vNew = decay[i] * vOld + gain[i] * drive + bias[i];
      if (!Spiking) {
        v[i] = vNew;
        y[i] = vNew;
        continue;
      }
      double theta = vth[i];
      if (Adapt)
        theta += adapt[i] * a[i];
      bool s = (pre ? vOld : vNew) > theta;
      if (s) {
        if (reset == ResetMode::ToVReset)
          vNew = vreset[i];
        else if (reset == ResetMode::Subtract)
          vNew -= theta;
        ref[i] = refractory;
        o.nz.push_back(static_cast<int32_t>(i));
        ++spikes;
      }
      v[i] = vNew;
      if (Adapt)
        a[i] = adaptDecay[i] * a[i] + (s ? 1.0 : 0.0);
      y[i] = s ? 1.0 : 0.0;
    }
    o.nzValid = Spiking;
    stats.neuronUpdates += n;
    emitted(stats, spikes);
  }
  const double *state(StringRef name) const override {
    if (name == "v")
      return v.data();
    if (Cuba && name == "i")
      return cur.data();
    if (Adapt && name == "a")
      return a.data();
    return nullptr;
  }

  std::vector<double> decay, gain, bias;
  std::vector<double> synDecay, synGain;
  std::vector<double> adaptDecay, adapt;
  std::vector<double> vth, vreset;
  ResetMode reset = ResetMode::ToVReset;
  SpikeTiming timing = SpikeTiming::Post;
  int64_t refractory = 0;
  // State.
  std::vector<double> v, cur, a;
  std::vector<int64_t> ref;
};

/// Izhikevich, forward Euler with step h from the previous v and u.
class IzhikevichKernel : public Kernel {
public:
  void step(int64_t, SimStats &stats) override {
    const double *x = ins[0].get().v.data();
    Buf &o = *out->cur;
    o.nz.clear();
    uint64_t spikes = 0;
    for (int64_t i = 0, n = v.size(); i < n; ++i) {
      double vi = v[i], ui = u[i];
      double vn = vi + h * (0.04 * vi * vi + 5.0 * vi + 140.0 - ui + r[i] * x[i]);
      double un = ui + h * a[i] * (b[i] * vi - ui);
      bool s = vn >= vPeak;
      if (s) {
        vn = c[i];
        un += d[i];
        o.nz.push_back(static_cast<int32_t>(i));
        ++spikes;
      }
      v[i] = vn;
      u[i] = un;
      o.v[i] = s ? 1.0 : 0.0;
    }
    o.nzValid = true;
    stats.neuronUpdates += v.size();
    emitted(stats, spikes);
  }
  const double *state(StringRef name) const override {
    if (name == "v")
      return v.data();
    if (name == "u")
      return u.data();
    return nullptr;
  }
  std::vector<double> a, b, c, d, r, v, u;
  double h = 1.0, vPeak = 30.0;
};

/// y_i(t) = x_i(t - hold_i), from a ring of the last max(hold)+1 inputs.
class DelayKernel : public Kernel {
public:
  void step(int64_t t, SimStats &) override {
    const double *x = ins[0].get().v.data();
    Buf &o = *out->cur;
    const int64_t n = hold.size();
    double *slot = &ring[(t % depth) * n];
    std::copy(x, x + n, slot);
    for (int64_t i = 0; i < n; ++i) {
      int64_t from = ((t - hold[i]) % depth + depth) % depth;
      o.v[i] = ring[from * n + i];
    }
    o.nzValid = false;
  }
  std::vector<int64_t> hold;
  int64_t depth = 1;
  std::vector<double> ring;
};

class EncodeDirectKernel : public Kernel {
public:
  void step(int64_t, SimStats &) override {
    const Buf &x = ins[0].get();
    Buf &o = *out->cur;
    for (size_t i = 0, n = o.v.size(); i < n; ++i)
      o.v[i] = gain * x.v[i];
    o.nzValid = false;
  }
  double gain = 1.0;
};

class EncodeRateKernel : public Kernel {
public:
  void step(int64_t t, SimStats &stats) override {
    const double *x = ins[0].get().v.data();
    Buf &o = *out->cur;
    o.nz.clear();
    for (int32_t i = 0, n = o.v.size(); i < n; ++i) {
      bool s = rateSpike(seed, t, i, gain, x[i]);
      o.v[i] = s ? 1.0 : 0.0;
      if (s)
        o.nz.push_back(i);
    }
    o.nzValid = true;
    emitted(stats, o.nz.size());
  }
  double gain = 1.0;
  uint64_t seed = 0;
};

/// The offset of each element is fixed from its value at the first step of
/// each window, so that an element spikes at most once per window.
class EncodeLatencyKernel : public Kernel {
public:
  void step(int64_t t, SimStats &stats) override {
    const double *x = ins[0].get().v.data();
    Buf &o = *out->cur;
    int64_t k = t % window;
    const int64_t n = o.v.size();
    if (k == 0)
      for (int64_t i = 0; i < n; ++i)
        offset[i] = latencyOffset(x[i], threshold, window);
    o.nz.clear();
    for (int64_t i = 0; i < n; ++i) {
      bool s = offset[i] == k;
      o.v[i] = s ? 1.0 : 0.0;
      if (s)
        o.nz.push_back(static_cast<int32_t>(i));
    }
    o.nzValid = true;
    emitted(stats, o.nz.size());
  }
  int64_t window = 1;
  double threshold = 0;
  std::vector<int64_t> offset;
};

class EncodeDeltaKernel : public Kernel {
public:
  void step(int64_t, SimStats &stats) override {
    const double *x = ins[0].get().v.data();
    Buf &o = *out->cur;
    o.nz.clear();
    for (int32_t i = 0, n = o.v.size(); i < n; ++i) {
      double s = deltaEvent(x[i], ref[i], threshold, offSpikes);
      o.v[i] = s;
      if (s != 0)
        o.nz.push_back(i);
    }
    o.nzValid = true;
    emitted(stats, o.nz.size());
  }
  double threshold = 1;
  bool offSpikes = false;
  std::vector<double> ref;
};

//===----------------------------------------------------------------------===//
// Building
//===----------------------------------------------------------------------===//

int64_t numElements(Value v) {
  return cast<RankedTensorType>(v.getType()).getNumElements();
}

SmallVector<int64_t> shapeOf(Value v) {
  return SmallVector<int64_t>(cast<RankedTensorType>(v.getType()).getShape());
}

class Builder {
public:
  Builder(NetworkOp net, const InputRows &inputs, Trace &trace)
      : net(net), inputs(inputs), trace(trace) {}

  /// Per-element parameter `attr` (or `dflt` when absent) of `op`.
  std::optional<std::vector<double>> param(Operation *op, StringRef name,
                                           Attribute attr, double dflt) {
    SmallVector<int64_t> shape = shapeOf(op->getResult(0));
    if (!attr)
      return std::vector<double>(numElementsOf(shape), dflt);
    auto values = expandParam(attr, shape);
    if (!values) {
      net.emitError() << "cannot simulate " << describeOp(op, /*qualified=*/true) << ": parameter '"
                      << name
                      << "' has no data or does not broadcast to the "
                         "population";
      return std::nullopt;
    }
    return values;
  }

  static int64_t numElementsOf(ArrayRef<int64_t> shape) {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }

  LogicalResult fail(Operation *op, const Twine &what) {
    net.emitError() << "cannot simulate " << describeOp(op, /*qualified=*/true) << ": " << what;
    return failure();
  }

  std::optional<ArrayRef<float>> weightData(Operation *op, StringRef name,
                                            DenseF32ResourceElementsAttr w) {
    auto data = getWeightData(w);
    if (!data)
      (void)fail(op, "'" + name + "' has no data (missing resource blob)");
    return data;
  }

  FailureOr<std::unique_ptr<Kernel>> build(Operation *op);

private:
  template <bool Cuba, bool Adapt, bool Spiking>
  FailureOr<std::unique_ptr<Kernel>>
  membrane(Operation *op, Attribute decay, double decayDefault, Attribute gain,
           Attribute bias, Attribute synDecay, Attribute synGain,
           Attribute adaptDecay, Attribute adapt, Attribute vth,
           Attribute vreset, ResetMode reset, SpikeTiming timing,
           int64_t refractory);

  FailureOr<std::unique_ptr<Kernel>> csr(Operation *op, int64_t nin,
                                         int64_t nout,
                                         ArrayRef<int32_t> pre,
                                         ArrayRef<int32_t> post,
                                         ArrayRef<float> w,
                                         DenseF32ResourceElementsAttr bias);

  template <typename ConvOp>
  FailureOr<std::unique_ptr<Kernel>> conv(ConvOp op, bool twoD);

  template <typename PoolOp>
  FailureOr<std::unique_ptr<Kernel>> pool(PoolOp op, bool average);

  NetworkOp net;
  const InputRows &inputs;
  Trace &trace;
};

template <bool Cuba, bool Adapt, bool Spiking>
FailureOr<std::unique_ptr<Kernel>> Builder::membrane(
    Operation *op, Attribute decay, double decayDefault, Attribute gain,
    Attribute bias, Attribute synDecay, Attribute synGain,
    Attribute adaptDecay, Attribute adapt, Attribute vth, Attribute vreset,
    ResetMode reset, SpikeTiming timing, int64_t refractory) {
  auto k = std::make_unique<MembraneKernel<Cuba, Adapt, Spiking>>();
  auto get = [&](std::vector<double> &dst, StringRef name, Attribute attr,
                 double dflt) {
    auto values = param(op, name, attr, dflt);
    if (!values)
      return false;
    dst = std::move(*values);
    return true;
  };
  if (!get(k->decay, "decay", decay, decayDefault) ||
      !get(k->gain, "gain", gain, 1.0) || !get(k->bias, "bias", bias, 0.0))
    return failure();
  if (Cuba && (!get(k->synDecay, "syn_decay", synDecay, 1.0) ||
               !get(k->synGain, "syn_gain", synGain, 1.0)))
    return failure();
  if (Adapt && (!get(k->adaptDecay, "adapt_decay", adaptDecay, 1.0) ||
                !get(k->adapt, "adapt", adapt, 0.0)))
    return failure();
  if (Spiking && (!get(k->vth, "v_threshold", vth, 1.0) ||
                  !get(k->vreset, "v_reset", vreset, 0.0)))
    return failure();
  k->reset = reset;
  k->timing = timing;
  k->refractory = refractory;
  int64_t n = numElements(op->getResult(0));
  k->v.assign(n, 0.0);
  if (Cuba)
    k->cur.assign(n, 0.0);
  if (Adapt)
    k->a.assign(n, 0.0);
  k->ref.assign(n, 0);
  return std::unique_ptr<Kernel>(std::move(k));
}

FailureOr<std::unique_ptr<Kernel>>
Builder::csr(Operation *op, int64_t nin, int64_t nout, ArrayRef<int32_t> pre,
             ArrayRef<int32_t> post, ArrayRef<float> w,
             DenseF32ResourceElementsAttr biasAttr) {
  auto k = std::make_unique<CsrKernel>();
  k->rowStart.assign(nin + 1, 0);
  for (size_t s = 0; s < w.size(); ++s) {
    if (pre[s] < 0 || pre[s] >= nin || post[s] < 0 || post[s] >= nout)
      return fail(op, "synapse " + Twine(s) + " connects " + Twine(pre[s]) +
                          " -> " + Twine(post[s]) + " outside [0, " +
                          Twine(nin) + ") x [0, " + Twine(nout) + ")");
    if (w[s] != 0.0f)
      ++k->rowStart[pre[s] + 1];
  }
  for (int64_t j = 0; j < nin; ++j)
    k->rowStart[j + 1] += k->rowStart[j];
  k->col.resize(k->rowStart[nin]);
  k->w.resize(k->rowStart[nin]);
  std::vector<int64_t> fill(k->rowStart.begin(), k->rowStart.end() - 1);
  for (size_t s = 0; s < w.size(); ++s) {
    if (w[s] == 0.0f)
      continue;
    int64_t at = fill[pre[s]]++;
    k->col[at] = post[s];
    k->w[at] = w[s];
  }
  if (biasAttr) {
    auto b = weightData(op, "bias", biasAttr);
    if (!b)
      return failure();
    if (static_cast<int64_t>(b->size()) != nout)
      return fail(op, "bias has " + Twine(b->size()) + " values for " +
                          Twine(nout) + " outputs");
    k->bias.assign(b->begin(), b->end());
  }
  return std::unique_ptr<Kernel>(std::move(k));
}

template <typename ConvOp>
FailureOr<std::unique_ptr<Kernel>> Builder::conv(ConvOp op, bool twoD) {
  auto k = std::make_unique<ConvKernel>();
  auto in = shapeOf(op.getInput()), out = shapeOf(op.getResult());
  auto wshape = op.getWeight().getType().getShape();
  auto data = weightData(op, "weight", op.getWeight());
  if (!data)
    return failure();
  k->cin = in[0];
  k->cout = out[0];
  k->groups = op.getGroups();
  k->cinpg = wshape[1];
  k->coutpg = k->cout / k->groups;
  if (k->cinpg * k->groups != k->cin || k->coutpg * k->groups != k->cout ||
      wshape[0] != k->cout)
    return fail(op, "weight shape does not match the channels and groups");
  auto stride = op.getStride(), pad = op.getPadding(), dil = op.getDilation();
  if (twoD) {
    k->ih = in[1], k->iw = in[2], k->oh = out[1], k->ow = out[2];
    k->kh = wshape[2], k->kw = wshape[3];
    k->sh = stride[0], k->sw = stride[1], k->ph = pad[0], k->pw = pad[1];
    k->dh = dil[0], k->dw = dil[1];
  } else {
    k->ih = 1, k->iw = in[1], k->oh = 1, k->ow = out[1];
    k->kh = 1, k->kw = wshape[2];
    k->sw = stride[0], k->pw = pad[0], k->dw = dil[0];
  }
  // Reorder weight[co][cl][ky][kx] to [ci][ky][kx][co % coutpg].
  int64_t taps = k->kh * k->kw;
  k->wt.assign(data->size(), 0.0f);
  for (int64_t co = 0; co < k->cout; ++co) {
    int64_t g = co / k->coutpg, c = co % k->coutpg;
    for (int64_t cl = 0; cl < k->cinpg; ++cl)
      for (int64_t tap = 0; tap < taps; ++tap) {
        int64_t ci = g * k->cinpg + cl;
        k->wt[(ci * taps + tap) * k->coutpg + c] =
            (*data)[(co * k->cinpg + cl) * taps + tap];
      }
  }
  if (auto bias = op.getBiasAttr()) {
    auto b = weightData(op, "bias", bias);
    if (!b)
      return failure();
    k->bias.assign(b->begin(), b->end());
  }
  return std::unique_ptr<Kernel>(std::move(k));
}

template <typename PoolOp>
FailureOr<std::unique_ptr<Kernel>> Builder::pool(PoolOp op, bool average) {
  auto k = std::make_unique<PoolKernel>();
  auto in = shapeOf(op.getInput()), out = shapeOf(op.getResult());
  k->ch = in[0], k->ih = in[1], k->iw = in[2], k->oh = out[1], k->ow = out[2];
  auto ks = op.getKernelSize(), st = op.getStride(), pd = op.getPadding();
  k->kh = ks[0], k->kw = ks[1], k->sh = st[0], k->sw = st[1];
  k->ph = pd[0], k->pw = pd[1];
  k->scale = average ? 1.0 / double(k->kh * k->kw) : 1.0;
  return std::unique_ptr<Kernel>(std::move(k));
}

FailureOr<std::unique_ptr<Kernel>> Builder::build(Operation *op) {
  using KernelPtr = std::unique_ptr<Kernel>;
  if (auto in = dyn_cast<InputOp>(op))
    return KernelPtr(
        std::make_unique<InputKernel>(&inputs.at(in.getName().str())));
  if (auto o = dyn_cast<OutputOp>(op))
    return KernelPtr(
        std::make_unique<OutputKernel>(&trace.outputs[o.getName().str()]));
  if (isa<AddOp>(op))
    return KernelPtr(std::make_unique<AddKernel>());
  if (isa<FlattenOp>(op))
    return KernelPtr(std::make_unique<CopyKernel>());
  if (auto s = dyn_cast<ScaleOp>(op)) {
    auto values = param(op, "scale", s.getScale(), 1.0);
    if (!values)
      return failure();
    return KernelPtr(std::make_unique<ScaleKernel>(std::move(*values)));
  }
  if (auto th = dyn_cast<ThresholdOp>(op)) {
    auto values = param(op, "threshold", th.getThreshold(), 0.0);
    if (!values)
      return failure();
    return KernelPtr(std::make_unique<ThresholdKernel>(std::move(*values)));
  }
  if (isa<AffineOp, LinearOp>(op)) {
    auto weight = cast<DenseF32ResourceElementsAttr>(op->getAttr("weight"));
    DenseF32ResourceElementsAttr bias;
    if (auto a = dyn_cast<AffineOp>(op))
      bias = a.getBiasAttr();
    auto data = weightData(op, "weight", weight);
    if (!data)
      return failure();
    int64_t nout = weight.getType().getDimSize(0);
    int64_t nin = weight.getType().getDimSize(1);
    if (nin != numElements(op->getOperand(0)) ||
        nout != numElements(op->getResult(0)))
      return fail(op, "weight shape does not match the operand and result");
    // Dense [out, in] as synapse lists (pre = column, post = row).
    std::vector<int32_t> pre(data->size()), post(data->size());
    for (int64_t o = 0; o < nout; ++o)
      for (int64_t i = 0; i < nin; ++i) {
        pre[o * nin + i] = i;
        post[o * nin + i] = o;
      }
    return csr(op, nin, nout, pre, post, *data, bias);
  }
  if (auto sp = dyn_cast<SparseOp>(op)) {
    auto w = weightData(op, "weight", sp.getWeight());
    auto pre = getIndexData(sp.getPre()), post = getIndexData(sp.getPost());
    if (!w)
      return failure();
    if (!pre || !post)
      return fail(op, "synapse indices have no data (missing resource blob)");
    if (pre->size() != w->size() || post->size() != w->size())
      return fail(op, "pre, post and weight lists differ in length");
    return csr(op, numElements(sp.getInput()), numElements(sp.getResult()),
               *pre, *post, *w, nullptr);
  }
  if (auto c = dyn_cast<Conv1dOp>(op))
    return conv(c, false);
  if (auto c = dyn_cast<Conv2dOp>(op))
    return conv(c, true);
  if (auto p = dyn_cast<SumPool2dOp>(op))
    return pool(p, false);
  if (auto p = dyn_cast<AvgPool2dOp>(op))
    return pool(p, true);

  // Populations.
  if (auto o = dyn_cast<IntegratorOp>(op))
    return membrane<false, false, false>(op, nullptr, 1.0, o.getGainAttr(),
                                         nullptr, nullptr, nullptr, nullptr,
                                         nullptr, nullptr, nullptr,
                                         ResetMode::None, SpikeTiming::Post, 0);
  if (auto o = dyn_cast<LIOp>(op))
    return membrane<false, false, false>(
        op, o.getDecayAttr(), 1.0, o.getGainAttr(), o.getBiasAttr(), nullptr,
        nullptr, nullptr, nullptr, nullptr, nullptr, ResetMode::None,
        SpikeTiming::Post, 0);
  if (auto o = dyn_cast<LIFOp>(op))
    return membrane<false, false, true>(
        op, o.getDecayAttr(), 1.0, o.getGainAttr(), o.getBiasAttr(), nullptr,
        nullptr, nullptr, nullptr, o.getVThreshold(), o.getVResetAttr(),
        o.getReset(), o.getTiming(), o.getRefractory());
  if (auto o = dyn_cast<IFOp>(op))
    return membrane<false, false, true>(
        op, nullptr, 1.0, o.getGainAttr(), nullptr, nullptr, nullptr, nullptr,
        nullptr, o.getVThreshold(), o.getVResetAttr(), o.getReset(),
        o.getTiming(), o.getRefractory());
  if (auto o = dyn_cast<CubaLIOp>(op))
    return membrane<true, false, false>(
        op, o.getDecayAttr(), 1.0, o.getGainAttr(), o.getBiasAttr(),
        o.getSynDecayAttr(), o.getSynGainAttr(), nullptr, nullptr, nullptr,
        nullptr, ResetMode::None, SpikeTiming::Post, 0);
  if (auto o = dyn_cast<CubaLIFOp>(op))
    return membrane<true, false, true>(
        op, o.getDecayAttr(), 1.0, o.getGainAttr(), o.getBiasAttr(),
        o.getSynDecayAttr(), o.getSynGainAttr(), nullptr, nullptr,
        o.getVThreshold(), o.getVResetAttr(), o.getReset(), o.getTiming(),
        o.getRefractory());
  if (auto o = dyn_cast<AdaptiveLIFOp>(op))
    return membrane<false, true, true>(
        op, o.getDecayAttr(), 1.0, o.getGainAttr(), o.getBiasAttr(), nullptr,
        nullptr, o.getAdaptDecayAttr(), o.getAdapt(), o.getVThreshold(),
        o.getVResetAttr(), o.getReset(), o.getTiming(), o.getRefractory());
  if (auto o = dyn_cast<IzhikevichOp>(op)) {
    auto k = std::make_unique<IzhikevichKernel>();
    auto a = param(op, "a", o.getA(), 0), b = param(op, "b", o.getB(), 0),
         c = param(op, "c", o.getC(), 0), d = param(op, "d", o.getD(), 0),
         r = param(op, "r", o.getRAttr(), 1.0);
    if (!a || !b || !c || !d || !r)
      return failure();
    k->a = std::move(*a), k->b = std::move(*b), k->c = std::move(*c);
    k->d = std::move(*d), k->r = std::move(*r);
    k->h = o.getH()->convertToDouble();
    k->vPeak = o.getVPeak().convertToDouble();
    k->v = k->c;
    k->u.resize(k->v.size());
    for (size_t i = 0; i < k->u.size(); ++i)
      k->u[i] = k->b[i] * k->c[i];
    return KernelPtr(std::move(k));
  }
  if (auto o = dyn_cast<DelayOp>(op)) {
    auto k = std::make_unique<DelayKernel>();
    int64_t n = numElements(o.getResult());
    ArrayRef<int64_t> steps = *o.getSteps();
    if (steps.size() != 1 && static_cast<int64_t>(steps.size()) != n)
      return fail(op, "has " + Twine(steps.size()) +
                          " step counts for a population of " + Twine(n));
    // Edges out of a delay that breaks loops already deliver one step late
    // (see computeSchedule): hold one step less here.
    int64_t late = breaksLoops(op) ? 1 : 0;
    k->hold.resize(n);
    int64_t maxHold = 0;
    for (int64_t i = 0; i < n; ++i) {
      k->hold[i] = steps[steps.size() == 1 ? 0 : i] - late;
      maxHold = std::max(maxHold, k->hold[i]);
    }
    k->depth = maxHold + 1;
    k->ring.assign(k->depth * n, 0.0);
    return KernelPtr(std::move(k));
  }
  if (auto o = dyn_cast<EncodeDirectOp>(op)) {
    auto k = std::make_unique<EncodeDirectKernel>();
    k->gain = o.getGain().convertToDouble();
    return KernelPtr(std::move(k));
  }
  if (auto o = dyn_cast<EncodeRateOp>(op)) {
    auto k = std::make_unique<EncodeRateKernel>();
    k->gain = o.getGain().convertToDouble();
    k->seed = o.getSeed();
    return KernelPtr(std::move(k));
  }
  if (auto o = dyn_cast<EncodeLatencyOp>(op)) {
    auto k = std::make_unique<EncodeLatencyKernel>();
    k->window = o.getWindow();
    k->threshold = o.getThreshold().convertToDouble();
    k->offset.assign(numElements(o.getResult()), -1);
    return KernelPtr(std::move(k));
  }
  if (auto o = dyn_cast<EncodeDeltaOp>(op)) {
    auto k = std::make_unique<EncodeDeltaKernel>();
    k->threshold = o.getThreshold().convertToDouble();
    k->offSpikes = o.getOffSpikes();
    k->ref.assign(numElements(o.getResult()), 0.0);
    return KernelPtr(std::move(k));
  }
  return fail(op, "the reference simulator does not know this op");
}

/// Where a probe reads from at the end of each step.
struct Probe {
  Rows *rows = nullptr;
  const double *state = nullptr; // a state variable
  Slot *slot = nullptr;          // a value's current tensor
  InRef in;                      // an output's operand
  bool isOutput = false;
  const double *data() const {
    if (state)
      return state;
    if (isOutput)
      return in.get().v.data();
    return slot->cur->v.data();
  }
};

} // namespace

//===----------------------------------------------------------------------===//
// simulate
//===----------------------------------------------------------------------===//

FailureOr<Trace> simulate(NetworkOp net, const InputRows &inputs,
                          const SimOptions &options) {
  const int64_t T = options.timesteps;
  if (T <= 0)
    return net.emitError() << "timesteps must be > 0, got " << T;

  Block &body = net.getBodyBlock();

  // The network must be shaped and in per-step form.
  for (Operation &op : body) {
    for (Value v : op.getOperands()) {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      if (!type || !type.hasStaticShape())
        return net.emitError()
               << "network is not shaped: an operand of " << describeOp(&op, /*qualified=*/true)
               << " has type " << v.getType() << " (run snn-infer-shapes)";
    }
    for (Value v : op.getResults()) {
      auto type = dyn_cast<RankedTensorType>(v.getType());
      if (!type || !type.hasStaticShape())
        return net.emitError()
               << "network is not shaped: " << describeOp(&op, /*qualified=*/true) << " has type "
               << v.getType() << " (run snn-infer-shapes)";
      if (type.getNumElements() > INT32_MAX)
        return net.emitError() << describeOp(&op, /*qualified=*/true) << " has "
                               << type.getNumElements()
                               << " elements, more than the simulator indexes";
    }
    if (auto neuron = dyn_cast<NeuronOpInterface>(op); neuron &&
                                                       !neuron.isDiscrete())
      return net.emitError()
             << "network is not discretized: " << describeOp(&op, /*qualified=*/true)
             << " has continuous-time parameters (run snn-discretize)";
  }

  // Inputs.
  std::vector<InputDecl> declared;
  for (Operation &op : body)
    if (auto in = dyn_cast<InputOp>(op))
      declared.push_back({in.getName().str(), numElements(in.getResult())});
  if (failed(checkInputRows(net, declared, inputs, T,
                            "snn.input of the network")))
    return failure();

  auto schedule = computeSchedule(net, options.sync);
  if (failed(schedule))
    return failure();

  Trace trace;
  trace.timesteps = T;

  // Values.
  std::vector<std::unique_ptr<Slot>> slots;
  llvm::DenseMap<Value, Slot *> slotOf;
  for (Operation &op : body)
    for (Value v : op.getResults()) {
      slots.push_back(std::make_unique<Slot>(numElements(v)));
      slotOf[v] = slots.back().get();
    }

  // Outputs are preallocated so the loop never allocates.
  for (Operation &op : body)
    if (auto out = dyn_cast<OutputOp>(op))
      trace.outputs[out.getName().str()] =
          Rows(T, std::vector<double>(numElements(out.getInput())));

  // Kernels in schedule order.
  Builder builder(net, inputs, trace);
  std::vector<std::unique_ptr<Kernel>> kernels;
  llvm::DenseMap<Operation *, Kernel *> kernelOf;
  for (Operation *op : schedule->order) {
    auto kernel = builder.build(op);
    if (failed(kernel))
      return failure();
    Kernel *k = kernel->get();
    if (op->getNumResults())
      k->out = slotOf[op->getResult(0)];
    for (OpOperand &use : op->getOpOperands()) {
      InRef ref{slotOf.lookup(use.get()),
                schedule->isDelayed(op, use.getOperandNumber())};
      if (!ref.slot)
        return net.emitError() << "cannot simulate " << describeOp(op, /*qualified=*/true)
                               << ": an operand is not defined in the network";
      if (ref.delayed)
        ref.slot->needsPrev = true;
      k->ins.push_back(ref);
    }
    kernelOf[op] = k;
    kernels.push_back(std::move(*kernel));
  }

  // Probes.
  std::vector<Probe> probes;
  std::vector<std::pair<std::string, ProbeTarget>> targets;
  auto varsOf = [](Operation *op) {
    std::string vars;
    if (auto neuron = dyn_cast<NeuronOpInterface>(op))
      for (StringRef s : neuron.getStateNames())
        vars += s.str() + ", ";
    return vars + "out";
  };
  for (const std::string &spec : options.probes) {
    auto target = resolveProbe(net, body, spec, nodeName, varsOf);
    if (failed(target))
      return failure();
    targets.push_back({spec, *target});
  }
  for (const SimOptions::OpProbe &p : options.opProbes)
    targets.push_back({p.key, ProbeTarget{p.op, p.var}});
  for (auto &[spec, target] : targets) {
    Operation *op = target.op;
    const std::string &var = target.var;
    Probe p;
    int64_t width;
    if (var == "out") {
      if (auto out = dyn_cast<OutputOp>(op)) {
        p.isOutput = true;
        p.in = kernelOf[op]->ins[0];
        width = numElements(out.getInput());
      } else {
        p.slot = slotOf[op->getResult(0)];
        width = p.slot->size;
      }
    } else {
      auto neuron = dyn_cast<NeuronOpInterface>(op);
      bool known = neuron && llvm::is_contained(neuron.getStateNames(), var);
      if (known)
        p.state = kernelOf[op]->state(var);
      if (!p.state)
        return net.emitError() << "probe '" << spec << "': " << describeOp(op, /*qualified=*/true)
                               << " has no variable '" << var << "' (it has "
                               << varsOf(op) << ")";
      width = numElements(op->getResult(0));
    }
    Rows &rows = trace.probes[spec];
    rows.assign(T, std::vector<double>(width));
    p.rows = &rows;
    probes.push_back(p);
  }

  std::vector<Slot *> swapped;
  for (auto &slot : slots)
    if (slot->needsPrev)
      swapped.push_back(slot.get());

  // The time loop.
  SimStats &stats = trace.stats;
  for (int64_t t = 0; t < T; ++t) {
    for (auto &k : kernels)
      k->step(t, stats);
    for (Probe &p : probes) {
      const double *src = p.data();
      std::copy(src, src + (*p.rows)[t].size(), (*p.rows)[t].begin());
    }
    for (Slot *slot : swapped)
      slot->swap();
  }
  for (auto &[op, kernel] : kernelOf)
    if (auto neuron = dyn_cast<NeuronOpInterface>(op); neuron && neuron.isSpiking())
      trace.spikesPerNode[spikec::nodeName(op).empty() ? describeOp(op, /*qualified=*/true)
                                                  : spikec::nodeName(op)] +=
          kernel->spikesEmitted;
  return trace;
}

} // namespace spikec::ref
