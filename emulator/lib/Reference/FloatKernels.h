//===- FloatKernels.h - the float reference's kernels -----------*- C++ -*-===//
//
// Private to SpikecReference. Each snn op becomes one of these kernels,
// built once before the time loop (FloatBuilder.cpp: parameters expanded,
// weights transposed to input-major CSR tables, state and buffers sized) and
// run by the engine (Engine.h) in double precision. Producers that know
// which outputs are nonzero (spiking populations, encoders, thresholds) also
// publish that list, so weighted projections touch only the synapses of
// nonzero inputs.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_LIB_REFERENCE_FLOATKERNELS_H
#define SPIKEC_EMULATOR_LIB_REFERENCE_FLOATKERNELS_H

#include "Engine.h"

#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Kernels/Encoders.h"
#include "spikec/Reference/Simulator.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace spikec::ref::fsim {

using Buf = engine::Buf<double>;
using InRef = engine::InRef<double>;
using Kernel = engine::Kernel<double>;
using KernelPtr = std::unique_ptr<Kernel>;

/// Calls f(index, value) for every nonzero entry of `b`.
template <typename F> inline void forNonzero(const Buf &b, F &&f) {
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

class InputKernel : public Kernel {
public:
  explicit InputKernel(const Rows *rows) : rows(rows) {}
  void step(int64_t t, SimStats &) override {
    Buf &o = out->at(t);
    std::copy((*rows)[t].begin(), (*rows)[t].end(), o.v.begin());
    o.nzValid = false;
  }
  const Rows *rows;
};

class AddKernel : public Kernel {
public:
  void step(int64_t t, SimStats &) override {
    Buf &o = out->at(t);
    std::fill(o.v.begin(), o.v.end(), 0.0);
    for (const InRef &in : ins) {
      const Buf &x = in.get(t);
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
  void step(int64_t t, SimStats &) override {
    const Buf &x = ins[0].get(t);
    Buf &o = out->at(t);
    for (size_t i = 0, n = o.v.size(); i < n; ++i)
      o.v[i] = s[i] * x.v[i];
    o.nzValid = false;
  }
  std::vector<double> s;
};

/// A producer of events (a threshold, an encoder): every element's value of
/// the step (0 for none), published with the list of nonzero ones, whose
/// length writeEvents returns.
class EventKernel : public Kernel {
protected:
  template <typename Event> size_t writeEvents(int64_t t, Event event) {
    Buf &o = out->at(t);
    o.nz.clear();
    for (int32_t i = 0, n = o.v.size(); i < n; ++i) {
      double s = event(i);
      o.v[i] = s;
      if (s != 0)
        o.nz.push_back(i);
    }
    o.nzValid = true;
    return o.nz.size();
  }
};

class ThresholdKernel : public EventKernel {
public:
  explicit ThresholdKernel(std::vector<double> theta)
      : theta(std::move(theta)) {}
  void step(int64_t t, SimStats &) override {
    const Buf &x = ins[0].get(t);
    writeEvents(t, [&](int32_t i) { return x.v[i] > theta[i] ? 1.0 : 0.0; });
  }
  std::vector<double> theta;
};

/// Flatten (and any other pure reshape): the row-major data is unchanged.
class CopyKernel : public Kernel {
public:
  void step(int64_t t, SimStats &) override {
    const Buf &x = ins[0].get(t);
    Buf &o = out->at(t);
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
  void step(int64_t t, SimStats &stats) override {
    const Buf &x = ins[0].get(t);
    Buf &o = out->at(t);
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
  void step(int64_t t, SimStats &stats) override {
    const Buf &x = ins[0].get(t);
    Buf &o = out->at(t);
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
  void step(int64_t t, SimStats &) override {
    const double *x = ins[0].get(t).v.data();
    Buf &o = out->at(t);
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
  void step(int64_t t, SimStats &stats) override {
    const double *x = ins[0].get(t).v.data();
    Buf &o = out->at(t);
    double *y = o.v.data();
    const int64_t n = v.size();
    const bool pre = timing == snn::SpikeTiming::Pre;
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
        if (reset == snn::ResetMode::ToVReset)
          vNew = vreset[i];
        else if (reset == snn::ResetMode::Subtract)
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
  const double *state(llvm::StringRef name) const override {
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
  snn::ResetMode reset = snn::ResetMode::ToVReset;
  snn::SpikeTiming timing = snn::SpikeTiming::Post;
  int64_t refractory = 0;
  // State.
  std::vector<double> v, cur, a;
  std::vector<int64_t> ref;
};

/// Izhikevich, forward Euler with step h from the previous v and u.
class IzhikevichKernel : public Kernel {
public:
  void step(int64_t t, SimStats &stats) override {
    const double *x = ins[0].get(t).v.data();
    Buf &o = out->at(t);
    o.nz.clear();
    uint64_t spikes = 0;
    for (int64_t i = 0, n = v.size(); i < n; ++i) {
      double vi = v[i], ui = u[i];
      double vn =
          vi + h * (0.04 * vi * vi + 5.0 * vi + 140.0 - ui + r[i] * x[i]);
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
  const double *state(llvm::StringRef name) const override {
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
    const double *x = ins[0].get(t).v.data();
    Buf &o = out->at(t);
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
  void step(int64_t t, SimStats &) override {
    const Buf &x = ins[0].get(t);
    Buf &o = out->at(t);
    for (size_t i = 0, n = o.v.size(); i < n; ++i)
      o.v[i] = gain * x.v[i];
    o.nzValid = false;
  }
  double gain = 1.0;
};

class EncodeRateKernel : public EventKernel {
public:
  void step(int64_t t, SimStats &stats) override {
    const double *x = ins[0].get(t).v.data();
    emitted(stats, writeEvents(t, [&](int32_t i) {
              return rateSpike(seed, t, i, gain, x[i]) ? 1.0 : 0.0;
            }));
  }
  double gain = 1.0;
  uint64_t seed = 0;
};

/// The offset of each element is fixed from its value at the first step of
/// each window, so that an element spikes at most once per window.
class EncodeLatencyKernel : public EventKernel {
public:
  void step(int64_t t, SimStats &stats) override {
    const double *x = ins[0].get(t).v.data();
    int64_t k = t % window;
    if (k == 0)
      for (size_t i = 0; i < offset.size(); ++i)
        offset[i] = latencyOffset(x[i], threshold, window);
    emitted(stats, writeEvents(t, [&](int32_t i) {
              return offset[i] == k ? 1.0 : 0.0;
            }));
  }
  int64_t window = 1;
  double threshold = 0;
  std::vector<int64_t> offset;
};

class EncodeDeltaKernel : public EventKernel {
public:
  void step(int64_t t, SimStats &stats) override {
    const double *x = ins[0].get(t).v.data();
    // In element order: each event moves that element's reference.
    emitted(stats, writeEvents(t, [&](int32_t i) {
              return deltaEvent(x[i], ref[i], threshold, offSpikes);
            }));
  }
  double threshold = 1;
  bool offSpikes = false;
  std::vector<double> ref;
};

/// The kernel of `op`, which reads `inputs` and writes `trace`'s outputs;
/// failure (reported on `net`) when the op has no kernel or malformed data.
mlir::FailureOr<KernelPtr> buildKernel(snn::NetworkOp net, mlir::Operation *op,
                                       const InputRows &inputs, Trace &trace);

} // namespace spikec::ref::fsim

#endif // SPIKEC_EMULATOR_LIB_REFERENCE_FLOATKERNELS_H
