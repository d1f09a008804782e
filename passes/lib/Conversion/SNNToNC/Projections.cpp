//===- Projections.cpp - projections composed into synapse tables ---------===//
//
// The composition is exact: each projection is a linear map y = M x + bias
// applied to the source terms collected so far, so a population's input is
// the same sum the float reference computes, regrouped by source.
//
//===----------------------------------------------------------------------===//

#include "Projections.h"
#include "spikec/Support/ConvTaps.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Support/LocationName.h"

#include <algorithm>

using namespace mlir;
using namespace spikec;
using namespace spikec::snn;
using namespace spikec::quant;

void TermList::canonicalize() {
  if (canonical)
    return;
  sortByPre();
  // Each pre's run by post, stable: sorting (post, position) pairs is
  // stable, and the scratch vectors are reused, so a hundred thousand
  // short runs cost no allocation each (std::stable_sort makes one).
  std::vector<std::pair<int32_t, uint32_t>> keys;
  std::vector<Term> scratch;
  for (size_t run = 0; run < items.size();) {
    size_t end = run + 1;
    bool sorted = true;
    for (; end < items.size() && items[end].pre == items[run].pre; ++end)
      sorted &= items[end - 1].post <= items[end].post;
    if (!sorted) {
      keys.clear();
      for (size_t k = run; k < end; ++k)
        keys.push_back({items[k].post, uint32_t(k - run)});
      std::sort(keys.begin(), keys.end());
      scratch.assign(items.begin() + int64_t(run),
                     items.begin() + int64_t(end));
      for (size_t k = 0; k < keys.size(); ++k)
        items[run + k] = scratch[keys[k].second];
    }
    run = end;
  }
  size_t out = 0;
  for (size_t k = 0; k < items.size(); ++k) {
    if (out && items[out - 1].pre == items[k].pre &&
        items[out - 1].post == items[k].post)
      items[out - 1].w += items[k].w;
    else
      items[out++] = items[k];
  }
  items.resize(out);
  canonical = true;
}

void TermList::sortByPre() {
  int32_t maxPre = -1;
  bool sorted = true;
  for (size_t k = 0; k < items.size(); ++k) {
    maxPre = std::max(maxPre, items[k].pre);
    sorted &= k == 0 || items[k - 1].pre <= items[k].pre;
  }
  if (sorted)
    return;
  std::vector<uint64_t> start(size_t(maxPre) + 2, 0);
  for (const Term &t : items)
    ++start[size_t(t.pre) + 1];
  for (size_t p = 0; p + 1 < start.size(); ++p)
    start[p + 1] += start[p];
  std::vector<Term> out(items.size());
  for (const Term &t : items)
    out[start[size_t(t.pre)]++] = t;
  items = std::move(out);
}

namespace {

std::optional<std::vector<float>> weightsOf(DenseF32ResourceElementsAttr a) {
  auto d = getWeightData(a);
  if (!d)
    return std::nullopt;
  return std::vector<float>(d->begin(), d->end());
}

/// A sparse projection's synapse arrays; nullopt when a blob is missing.
struct SparseData {
  ArrayRef<int32_t> pre, post;
  ArrayRef<float> w;
};
std::optional<SparseData> sparseData(SparseOp sp) {
  auto pre = getIndexData(sp.getPre()), post = getIndexData(sp.getPost());
  auto w = getWeightData(sp.getWeight());
  if (!pre || !post || !w)
    return std::nullopt;
  return SparseData{*pre, *post, *w};
}

} // namespace

LogicalResult Lowering::fail(Operation *op, const std::string &msg) {
  errorOp = op;
  error = describeOp(op) + ": " + msg;
  return failure();
}

FailureOr<LinearMap> Lowering::mapOf(Operation *op) {
  Value in = op->getOperand(0), out = op->getResult(0);
  int64_t nIn = numElements(in), nOut = numElements(out);
  LinearMap m;
  m.cols.resize(nIn);
  m.bias.assign(nOut, 0.0);
  auto missing = [&] { return fail(op, "weight blob is missing"); };
  if (isa<AffineOp, LinearOp>(op)) {
    auto wAttr = isa<AffineOp>(op) ? cast<AffineOp>(op).getWeight()
                                   : cast<LinearOp>(op).getWeight();
    auto w = weightsOf(wAttr);
    if (!w)
      return missing();
    for (int64_t o = 0; o < nOut; ++o)
      for (int64_t i = 0; i < nIn; ++i)
        if (double x = (*w)[o * nIn + i]; x != 0 || keepZeroWeights)
          m.cols[i].push_back({int32_t(o), x});
    if (auto aff = dyn_cast<AffineOp>(op); aff && aff.getBiasAttr()) {
      auto b = weightsOf(aff.getBiasAttr());
      if (!b)
        return missing();
      m.bias.assign(b->begin(), b->end());
    }
    return m;
  }
  if (auto sp = dyn_cast<SparseOp>(op)) {
    auto d = sparseData(sp);
    if (!d)
      return missing();
    std::vector<uint32_t> count(nIn, 0);
    for (int32_t p : d->pre)
      ++count[p];
    for (int64_t i = 0; i < nIn; ++i)
      m.cols[i].reserve(count[i]);
    for (size_t k = 0; k < d->w.size(); ++k)
      m.cols[d->pre[k]].push_back({d->post[k], d->w[k]});
    return m;
  }
  if (auto sc = dyn_cast<ScaleOp>(op)) {
    auto s = expandParam(sc.getScale(), shapeOf(in));
    if (!s)
      return missing();
    for (int64_t i = 0; i < nIn; ++i)
      if ((*s)[i] != 0)
        m.cols[i].push_back({int32_t(i), (*s)[i]});
    return m;
  }
  if (isa<FlattenOp>(op)) {
    for (int64_t i = 0; i < nIn; ++i)
      m.cols[i].push_back({int32_t(i), 1.0});
    return m;
  }
  // Convolutions, as 2-D with H = 1 for conv1d.
  auto conv = [&](DenseF32ResourceElementsAttr wAttr,
                  DenseF32ResourceElementsAttr bAttr, ArrayRef<int64_t> stride,
                  ArrayRef<int64_t> pad, ArrayRef<int64_t> dil,
                  int64_t groups) -> FailureOr<LinearMap> {
    auto w = weightsOf(wAttr);
    if (!w)
      return missing();
    auto is = shapeOf(in), os = shapeOf(out);
    auto ws = cast<RankedTensorType>(wAttr.getType()).getShape();
    bool one = is.size() == 2;
    int64_t C = is[0], H = one ? 1 : is[1], W = is.back();
    int64_t Co = os[0], Ho = one ? 1 : os[1], Wo = os.back();
    int64_t Kh = one ? 1 : ws[2], Kw = ws.back();
    int64_t sh = one ? 1 : stride[0], sw = stride.back();
    int64_t ph = one ? 0 : pad[0], pw = pad.back();
    int64_t dh = one ? 1 : dil[0], dw = dil.back();
    ConvGeometry g{C, H, W, Co, Ho, Wo, Kh, Kw, sh, sw, ph, pw, dh, dw, groups};
    forEachConvTap(
        g, [&](int64_t k) { return (*w)[k]; },
        [&](double x, int64_t from, int64_t to) {
          m.cols[from].push_back({int32_t(to), x});
        });
    if (bAttr) {
      auto b = weightsOf(bAttr);
      if (!b)
        return missing();
      for (int64_t o = 0; o < nOut; ++o)
        m.bias[o] = (*b)[o / (Ho * Wo)];
    }
    return m;
  };
  if (auto c = dyn_cast<Conv2dOp>(op))
    return conv(c.getWeight(), c.getBiasAttr(), c.getStride(), c.getPadding(),
                c.getDilation(), int64_t(c.getGroups()));
  if (auto c = dyn_cast<Conv1dOp>(op))
    return conv(c.getWeight(), c.getBiasAttr(), c.getStride(), c.getPadding(),
                c.getDilation(), int64_t(c.getGroups()));
  if (isa<SumPool2dOp, AvgPool2dOp>(op)) {
    ArrayRef<int64_t> k, s, p;
    if (auto sp = dyn_cast<SumPool2dOp>(op)) {
      k = sp.getKernelSize();
      s = sp.getStride();
      p = sp.getPadding();
    } else {
      auto ap = cast<AvgPool2dOp>(op);
      k = ap.getKernelSize();
      s = ap.getStride();
      p = ap.getPadding();
    }
    // Padding counts as zeros (count_include_pad), as the float reference.
    double w = isa<SumPool2dOp>(op) ? 1.0 : 1.0 / double(k[0] * k[1]);
    auto is = shapeOf(in), os = shapeOf(out);
    int64_t C = is[0], H = is[1], W = is[2], Ho = os[1], Wo = os[2];
    for (int64_t c = 0; c < C; ++c)
      for (int64_t oh = 0; oh < Ho; ++oh)
        for (int64_t ow = 0; ow < Wo; ++ow)
          for (int64_t kh = 0; kh < k[0]; ++kh)
            for (int64_t kw = 0; kw < k[1]; ++kw) {
              int64_t ih = oh * s[0] - p[0] + kh, iw = ow * s[1] - p[1] + kw;
              if (ih < 0 || ih >= H || iw < 0 || iw >= W)
                continue;
              m.cols[(c * H + ih) * W + iw].push_back(
                  {int32_t((c * Ho + oh) * Wo + ow), w});
            }
    return m;
  }
  return fail(op, target + " has no synapse form for this op");
}

FailureOr<LinExpr> Lowering::exprOf(Value v) {
  LinExpr e;
  int64_t n = numElements(v);
  e.constant.assign(n, 0.0);
  Operation *def = v.getDefiningOp();
  if (isSpikeSource(v)) {
    auto &t = e.terms[v];
    for (int64_t i = 0; i < n; ++i)
      t.add(int32_t(i), int32_t(i), 1.0);
    return e;
  }
  if (auto add = dyn_cast<AddOp>(def)) {
    for (Value x : add.getInputs()) {
      auto sub = exprOf(x);
      if (failed(sub))
        return failure();
      for (auto &[src, syn] : sub->terms)
        e.terms[src].append(std::move(syn));
      for (int64_t i = 0; i < n; ++i)
        e.constant[i] += sub->constant[i];
    }
    for (auto &[src, syn] : e.terms)
      syn.canonicalize();
    return e;
  }
  if (isa<NeuronOpInterface>(def)) {
    if (isa<EncodeDirectOp>(def))
      return fail(def, target + " inputs are events; a direct (current) "
                                "encoder has no exact integer form");
    if (isa<DelayOp>(def))
      return fail(def, "delay ops are not mapped to " + target + " yet");
    return fail(def, "its output is not spikes: " + target +
                         " can only send spikes between neurons");
  }
  if (isa<ThresholdOp>(def))
    return fail(def, target + " has no stateless threshold");
  // A sparse projection straight from a spike source is its own synapse
  // list: the general path below would store it by column and multiply
  // each weight by the source's 1.0 (the same numbers, twice the memory).
  if (auto sp = dyn_cast<SparseOp>(def); sp && isSpikeSource(sp.getInput())) {
    auto d = sparseData(sp);
    if (!d)
      return fail(def, "weight blob is missing");
    TermList &t = e.terms[sp.getInput()];
    t.items.reserve(d->w.size());
    for (size_t k = 0; k < d->w.size(); ++k)
      t.add(d->pre[k], d->post[k], d->w[k]);
    t.canonicalize();
    return e;
  }
  auto map = mapOf(def);
  if (failed(map))
    return failure();
  auto sub = exprOf(def->getOperand(0));
  if (failed(sub))
    return failure();
  for (auto &[src, syn] : sub->terms) {
    auto &dst = e.terms[src];
    size_t total = 0;
    for (const TermList::Term &t : syn.items)
      total += map->cols[t.post].size();
    dst.items.reserve(dst.items.size() + total);
    for (const TermList::Term &t : syn.items)
      for (auto &[o, w2] : map->cols[t.post])
        dst.add(t.pre, o, t.w * w2);
    syn = TermList();
    dst.canonicalize();
  }
  for (size_t i = 0; i < sub->constant.size(); ++i)
    if (double c = sub->constant[i]; c != 0)
      for (auto &[o, w2] : map->cols[i])
        e.constant[o] += c * w2;
  for (int64_t o = 0; o < n; ++o)
    e.constant[o] += map->bias[o];
  return e;
}
