//===- FloatBuilder.cpp - the float reference's kernels, built ------------===//
//
// Turns each op of a discretized snn.network into its kernel (FloatKernels.h)
// before the time loop: parameters expanded to one value per element,
// weights transposed to input-major CSR tables, state and buffers sized, so
// that the loop itself only reads and writes those tables.
//
//===----------------------------------------------------------------------===//

#include "FloatKernels.h"

#include "spikec/Dialect/SNN/NetworkGraph.h"
#include "spikec/Support/LocationName.h"

using namespace mlir;
using namespace spikec::snn;

namespace spikec::ref::fsim {

namespace {

using engine::numElements;

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
      net.emitError() << "cannot simulate "
                      << describeOp(op, /*qualified=*/true) << ": parameter '"
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
    net.emitError() << "cannot simulate " << describeOp(op, /*qualified=*/true)
                    << ": " << what;
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
                                         int64_t nout, ArrayRef<int32_t> pre,
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
FailureOr<std::unique_ptr<Kernel>>
Builder::membrane(Operation *op, Attribute decay, double decayDefault,
                  Attribute gain, Attribute bias, Attribute synDecay,
                  Attribute synGain, Attribute adaptDecay, Attribute adapt,
                  Attribute vth, Attribute vreset, ResetMode reset,
                  SpikeTiming timing, int64_t refractory) {
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
  if (auto in = dyn_cast<InputOp>(op))
    return KernelPtr(
        std::make_unique<InputKernel>(&inputs.at(in.getName().str())));
  if (auto o = dyn_cast<OutputOp>(op))
    return KernelPtr(std::make_unique<engine::OutputKernel<double>>(
        &trace.outputs[o.getName().str()]));
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
    return membrane<false, false, false>(
        op, nullptr, 1.0, o.getGainAttr(), nullptr, nullptr, nullptr, nullptr,
        nullptr, nullptr, nullptr, ResetMode::None, SpikeTiming::Post, 0);
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

} // namespace

FailureOr<KernelPtr> buildKernel(NetworkOp net, Operation *op,
                                 const InputRows &inputs, Trace &trace) {
  return Builder(net, inputs, trace).build(op);
}

} // namespace spikec::ref::fsim
