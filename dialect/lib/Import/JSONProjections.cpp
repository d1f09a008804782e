//===- JSONProjections.cpp - the JSON importer's projections --------------===//
//
// The projections of a JSON network (dense, sparse, convolution, pooling,
// scale, delay, identity) as the snn ops that carry a source's values to a
// population. The largest part of the JSON importer (JSONImporter.h), kept
// apart from the network, inputs and populations of JSONImport.cpp.
//
//===----------------------------------------------------------------------===//

#include "JSONImporter.h"
#include "JSONReading.h"

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Dialect/SNN/SNNParams.h"
#include "spikec/Support/JSONParse.h"

#include "mlir/IR/Builders.h"

using namespace mlir;
using namespace spikec::snn;

namespace spikec::jsonimport {

void JSONImporter::importProjection(const json &obj, const std::string &ptr) {
  std::string kp = jsonPointerChild(ptr, "kind");
  std::string kind = getString(require(obj, ptr, "kind"), kp);
  Node &from = lookup(obj, ptr, "from", false);
  Node &to = lookup(obj, ptr, "to", true);
  from.used = true;

  std::string name;
  if (getField(obj, "name")) {
    name = getName(obj, ptr); // claimed before
  } else {
    std::string base =
        getString(obj["from"], "") + "_to_" + getString(obj["to"], "");
    name = base;
    for (int k = 2; names.count(name) || reserved.count(name); ++k)
      name = base + "_" + std::to_string(k);
    claimName(name, ptr);
  }
  builder.setInsertionPoint(to.population);
  Value out = buildProjection(obj, ptr, name, kind, from, to);
  to.incoming.push_back(out);
}

/// Builds the ops of one projection and returns the value it delivers to
/// `to`, of `to`'s shape.
Value JSONImporter::buildProjection(const json &obj, const std::string &ptr,
                                    const std::string &name,
                                    llvm::StringRef kind, Node &from,
                                    Node &to) {
  Location loc = nodeLoc(name);
  std::string toName = getString(obj["to"], "");
  std::string fromName = getString(obj["from"], "");
  int64_t nIn = numElements(from.shape), nOut = numElements(to.shape);
  auto arr = [&](llvm::ArrayRef<int64_t> v) {
    return builder.getDenseI64ArrayAttr(v);
  };
  /// An int or a list of `dims` ints, each >= min.
  auto geometry = [&](llvm::StringRef key, size_t dims, int64_t dflt,
                      int64_t min) {
    llvm::SmallVector<int64_t> out(dims, dflt);
    const json *j = getField(obj, key);
    if (!j)
      return out;
    std::string p = jsonPointerChild(ptr, key);
    if (j->is_array()) {
      if (j->size() != dims)
        fail(p, "expected " + std::to_string(dims) + " values, got " +
                    std::to_string(j->size()));
      for (size_t d = 0; d < dims; ++d)
        out[d] = getInt((*j)[d], jsonPointerChild(p, d), min);
    } else {
      out.assign(dims, getInt(*j, p, min));
    }
    for (int64_t v : out)
      if (v > (int64_t(1) << 24))
        fail(p, key.str() + " " + std::to_string(v) + " is too large");
    return out;
  };
  /// Makes `v` (of shape `shape`) fit the target: as is, or flattened when
  /// the target is a vector of the same size.
  auto fit = [&](Value v, llvm::ArrayRef<int64_t> shape) -> Value {
    if (llvm::ArrayRef<int64_t>(to.shape) == shape)
      return v;
    if (to.shape.size() == 1 && numElements(shape) == nOut)
      return builder.create<FlattenOp>(
          nodeLoc(name + "/flatten"), tensorType(to.shape), v,
          builder.getI64IntegerAttr(0), builder.getI64IntegerAttr(-1));
    fail(ptr, "the " + kind.str() + " projection produces " +
                  shapeString(shape) + " values, but population '" + toName +
                  "' has shape " + shapeString(to.shape));
  };
  auto sourceVector = [&]() -> Value {
    if (from.shape.size() == 1)
      return from.value;
    return builder.create<FlattenOp>(
        nodeLoc(name + "/flatten"), tensorType({nIn}), from.value,
        builder.getI64IntegerAttr(0), builder.getI64IntegerAttr(-1));
  };

  if (kind == "dense") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind", "weight", "bias"},
              "a dense projection");
    if (to.shape.size() != 1)
      fail(jsonPointerChild(ptr, "to"),
           "a dense projection needs a population of rank 1; '" + toName +
               "' has shape " + shapeString(to.shape));
    llvm::SmallVector<int64_t> wshape;
    std::string wp = jsonPointerChild(ptr, "weight");
    auto w = readTensor(require(obj, ptr, "weight"), wp, {nOut, nIn}, wshape,
                        "a weight matrix");
    Value src = sourceVector();
    Type type = tensorType({nOut});
    auto weight = makeWeight(ctx, blobName(name, "weight"), {nOut, nIn}, w);
    if (const json *b = getField(obj, "bias")) {
      llvm::SmallVector<int64_t> bshape;
      auto bv = readTensor(*b, jsonPointerChild(ptr, "bias"), {nOut}, bshape,
                           "a bias");
      auto bias = makeWeight(ctx, blobName(name, "bias"), {nOut}, bv);
      return builder.create<AffineOp>(loc, type, src, weight, bias);
    }
    return builder.create<LinearOp>(loc, type, src, weight);
  }

  if (kind == "sparse") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind", "synapses"},
              "a sparse projection");
    std::string sp = jsonPointerChild(ptr, "synapses");
    const json &syn = expectArray(require(obj, ptr, "synapses"), sp,
                                  "a list of [pre, post, weight] synapses");
    if (syn.empty())
      fail(sp, "a sparse projection needs at least one synapse");
    std::vector<int32_t> pre, post;
    std::vector<float> weight;
    for (size_t k = 0; k < syn.size(); ++k) {
      std::string p = jsonPointerChild(sp, k);
      const json &s = syn[k];
      if (!s.is_array() || s.size() != 3)
        fail(p, "expected a synapse [pre, post, weight], got " +
                    (s.is_array()
                         ? "a list of " + std::to_string(s.size()) + " values"
                         : describeJSONValue(s)));
      int64_t a = getInt(s[0], jsonPointerChild(p, 0), 0),
              c = getInt(s[1], jsonPointerChild(p, 1), 0);
      if (a >= nIn)
        fail(jsonPointerChild(p, 0),
             "pre index " + std::to_string(a) + " is outside [0, " +
                 std::to_string(nIn) + ") of '" + fromName + "'");
      if (c >= nOut)
        fail(jsonPointerChild(p, 1),
             "post index " + std::to_string(c) + " is outside [0, " +
                 std::to_string(nOut) + ") of '" + toName + "'");
      pre.push_back(int32_t(a));
      post.push_back(int32_t(c));
      weight.push_back(float(getNumber(s[2], jsonPointerChild(p, 2))));
    }
    int64_t n = weight.size();
    return builder.create<SparseOp>(
        loc, tensorType(to.shape), from.value,
        makeIndexBlob(ctx, blobName(name, "pre"), pre),
        makeIndexBlob(ctx, blobName(name, "post"), post),
        makeWeight(ctx, blobName(name, "weight"), {n}, weight));
  }

  if (kind == "conv1d" || kind == "conv2d") {
    size_t dims = kind == "conv1d" ? 1 : 2;
    checkKeys(obj, ptr,
              {"name", "from", "to", "kind", "weight", "bias", "stride",
               "padding", "dilation", "groups"},
              kind == "conv1d" ? "a conv1d projection" : "a conv2d projection");
    if (from.shape.size() != dims + 1)
      fail(jsonPointerChild(ptr, "from"),
           withArticle(kind) + " projection needs a source of shape " +
               (dims == 1 ? "[C, L]" : "[C, H, W]") + "; '" + fromName +
               "' has shape " + shapeString(from.shape));
    int64_t groups = 1;
    if (const json *g = getField(obj, "groups"))
      groups = getInt(*g, jsonPointerChild(ptr, "groups"), 1);
    int64_t cin = from.shape[0];
    std::string gp = jsonPointerChild(ptr, "groups");
    if (cin % groups)
      fail(gp, "groups = " + std::to_string(groups) + " does not divide the " +
                   std::to_string(cin) + " input channels");
    llvm::SmallVector<int64_t> expected(dims + 2, -1), wshape;
    expected[1] = cin / groups;
    std::string wp = jsonPointerChild(ptr, "weight");
    auto w = readTensor(require(obj, ptr, "weight"), wp, expected, wshape,
                        "a convolution kernel");
    int64_t cout = wshape[0];
    if (cout % groups)
      fail(gp, "groups = " + std::to_string(groups) + " does not divide the " +
                   std::to_string(cout) + " output channels");
    auto stride = geometry("stride", dims, 1, 1);
    auto padding = geometry("padding", dims, 0, 0);
    auto dilation = geometry("dilation", dims, 1, 1);
    llvm::SmallVector<int64_t> outShape{cout};
    for (size_t d = 0; d < dims; ++d) {
      int64_t n = (from.shape[d + 1] + 2 * padding[d] -
                   dilation[d] * (wshape[d + 2] - 1) - 1) /
                      stride[d] +
                  1;
      if (n < 1 || from.shape[d + 1] + 2 * padding[d] <
                       dilation[d] * (wshape[d + 2] - 1) + 1)
        fail(wp, "the kernel (" + shapeString(wshape) +
                     ") does not fit the input '" + fromName + "' (" +
                     shapeString(from.shape) + ") along dimension " +
                     std::to_string(d + 1));
      outShape.push_back(n);
    }
    auto weight = makeWeight(ctx, blobName(name, "weight"), wshape, w);
    DenseF32ResourceElementsAttr bias;
    if (const json *b = getField(obj, "bias")) {
      llvm::SmallVector<int64_t> bshape;
      auto bv = readTensor(*b, jsonPointerChild(ptr, "bias"), {cout}, bshape,
                           "a bias");
      bias = makeWeight(ctx, blobName(name, "bias"), {cout}, bv);
    }
    Value v;
    if (dims == 1)
      v = builder.create<Conv1dOp>(
          loc, tensorType(outShape), from.value, weight, bias, arr(stride),
          arr(padding), arr(dilation), builder.getI64IntegerAttr(groups));
    else
      v = builder.create<Conv2dOp>(
          loc, tensorType(outShape), from.value, weight, bias, arr(stride),
          arr(padding), arr(dilation), builder.getI64IntegerAttr(groups));
    return fit(v, outShape);
  }

  if (kind == "sum_pool2d" || kind == "avg_pool2d") {
    checkKeys(
        obj, ptr,
        {"name", "from", "to", "kind", "kernel_size", "stride", "padding"},
        "a pooling projection");
    if (from.shape.size() != 3)
      fail(jsonPointerChild(ptr, "from"),
           withArticle(kind) +
               " projection needs a source of shape [C, H, "
               "W]; '" +
               fromName + "' has shape " + shapeString(from.shape));
    require(obj, ptr, "kernel_size");
    auto kernel = geometry("kernel_size", 2, 1, 1);
    auto stride = geometry("stride", 2, 1, 1);
    if (!getField(obj, "stride"))
      stride = kernel;
    auto padding = geometry("padding", 2, 0, 0);
    llvm::SmallVector<int64_t> outShape{from.shape[0]};
    for (size_t d = 0; d < 2; ++d) {
      int64_t span = from.shape[d + 1] + 2 * padding[d];
      if (span < kernel[d])
        fail(jsonPointerChild(ptr, "kernel_size"),
             "the window does not fit the input '" + fromName + "' (" +
                 shapeString(from.shape) + ") along dimension " +
                 std::to_string(d + 1));
      outShape.push_back((span - kernel[d]) / stride[d] + 1);
    }
    Value v;
    if (kind == "sum_pool2d")
      v = builder.create<SumPool2dOp>(loc, tensorType(outShape), from.value,
                                      arr(kernel), arr(stride), arr(padding));
    else
      v = builder.create<AvgPool2dOp>(loc, tensorType(outShape), from.value,
                                      arr(kernel), arr(stride), arr(padding));
    return fit(v, outShape);
  }

  if (kind == "scale") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind", "scale"},
              "a scale projection");
    std::string sp = jsonPointerChild(ptr, "scale");
    Attribute scale = readParam(require(obj, ptr, "scale"), sp, from.shape,
                                Range::Any, name, "scale");
    Value v =
        builder.create<ScaleOp>(loc, from.value.getType(), from.value, scale);
    return fit(v, from.shape);
  }

  if (kind == "delay") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind", "delay", "steps"},
              "a delay projection");
    const json *d = getField(obj, "delay");
    const json *s = getField(obj, "steps");
    if (bool(d) == bool(s))
      fail(ptr, "a delay projection needs exactly one of 'delay' (seconds) "
                "or 'steps'");
    Attribute delay;
    DenseI64ArrayAttr steps;
    if (d) {
      delay = readParam(*d, jsonPointerChild(ptr, "delay"), from.shape,
                        Range::NonNegative, name, "delay");
    } else {
      std::string p = jsonPointerChild(ptr, "steps");
      llvm::SmallVector<int64_t> v;
      if (s->is_array()) {
        if (int64_t(s->size()) != nIn)
          fail(p, "expected an integer or " + std::to_string(nIn) +
                      " step counts (one per element), got " +
                      std::to_string(s->size()));
        for (size_t k = 0; k < s->size(); ++k)
          v.push_back(getInt((*s)[k], jsonPointerChild(p, k), 0));
      } else {
        v.push_back(getInt(*s, p, 0));
      }
      steps = arr(v);
    }
    Value v = builder.create<DelayOp>(loc, from.value.getType(), from.value,
                                      delay, steps);
    return fit(v, from.shape);
  }

  if (kind == "identity") {
    checkKeys(obj, ptr, {"name", "from", "to", "kind"},
              "an identity projection");
    if (from.shape == to.shape)
      return from.value;
    return fit(from.value, from.shape);
  }

  fail(jsonPointerChild(ptr, "kind"),
       "unknown projection kind '" + kind.str() +
           "' (expected dense, sparse, conv1d, conv2d, sum_pool2d, "
           "avg_pool2d, scale, delay or identity)");
}

} // namespace spikec::jsonimport
