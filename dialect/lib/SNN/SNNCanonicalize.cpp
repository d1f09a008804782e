//===- SNNCanonicalize.cpp - canonicalization patterns of snn ops ---------===//
//
// Chains of stateless linear ops between two populations collapse into one
// matrix: a scale before or after an affine/linear folds into its weights,
// and two matrices in a row compose when the product is no larger than the
// pair. What is left is one projection per edge, the shape every target maps.
//
//===----------------------------------------------------------------------===//

#include "spikec/Dialect/SNN/SNNOps.h"
#include "spikec/Support/LocationName.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace spikec::snn;

namespace {

/// A dense y = W x (+ b), read out of an affine or linear op.
struct Matrix {
  int64_t rows = 0, cols = 0;
  std::vector<float> w, b; // b empty when there is no bias
};

std::optional<Matrix> readMatrix(Operation *op) {
  DenseF32ResourceElementsAttr weight, bias;
  if (auto a = dyn_cast<AffineOp>(op)) {
    weight = a.getWeight();
    bias = a.getBiasAttr();
  } else if (auto l = dyn_cast<LinearOp>(op)) {
    weight = l.getWeight();
  } else {
    return std::nullopt;
  }
  auto w = getWeightData(weight);
  if (!w)
    return std::nullopt;
  Matrix m;
  m.rows = weight.getType().getDimSize(0);
  m.cols = weight.getType().getDimSize(1);
  m.w.assign(w->begin(), w->end());
  if (bias) {
    auto b = getWeightData(bias);
    if (!b)
      return std::nullopt;
    m.b.assign(b->begin(), b->end());
  }
  return m;
}

/// Replaces `root` with an affine (or, without bias, linear) op computing `m`
/// from `input`.
void replaceWithMatrix(PatternRewriter &rewriter, Operation *root,
                       Value input, const Matrix &m) {
  MLIRContext *ctx = root->getContext();
  std::string base = spikec::nodeName(root);
  auto weight = makeWeight(ctx, base + ".weight", {m.rows, m.cols}, m.w);
  Type type = root->getResult(0).getType();
  if (m.b.empty()) {
    rewriter.replaceOpWithNewOp<LinearOp>(root, type, input, weight);
    return;
  }
  auto bias = makeWeight(ctx, base + ".bias", {m.rows}, m.b);
  rewriter.replaceOpWithNewOp<AffineOp>(root, type, input, weight, bias);
}

/// The single-use producer of `v` when it is an op of kind Op.
template <typename... Ops>
Operation *singleUseProducer(Value v, Operation *user) {
  Operation *def = v.getDefiningOp();
  if (!def || def == user || !isa<Ops...>(def) || !def->hasOneUse())
    return nullptr;
  return def;
}

/// affine(scale(x)) -> affine'(x): the scale multiplies weight columns.
struct FoldScaleIntoMatrix : RewritePattern {
  FoldScaleIntoMatrix(StringRef root, MLIRContext *ctx)
      : RewritePattern(root, 1, ctx) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    auto scale = dyn_cast_or_null<ScaleOp>(
        singleUseProducer<ScaleOp>(op->getOperand(0), op));
    if (!scale)
      return failure();
    auto m = readMatrix(op);
    auto s = m ? expandParam(scale.getScale(), {m->cols}) : std::nullopt;
    if (!s)
      return failure();
    for (int64_t r = 0; r < m->rows; ++r)
      for (int64_t c = 0; c < m->cols; ++c)
        m->w[r * m->cols + c] *= (*s)[c];
    replaceWithMatrix(rewriter, op, scale.getInput(), *m);
    rewriter.eraseOp(scale);
    return success();
  }
};

/// scale(affine(x)) -> affine'(x): the scale multiplies rows and bias.
struct FoldMatrixIntoScale : OpRewritePattern<ScaleOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ScaleOp op,
                                PatternRewriter &rewriter) const override {
    Operation *def =
        singleUseProducer<AffineOp, LinearOp>(op.getInput(), op);
    if (!def)
      return failure();
    auto m = readMatrix(def);
    auto s = m ? expandParam(op.getScale(), {m->rows}) : std::nullopt;
    if (!s)
      return failure();
    for (int64_t r = 0; r < m->rows; ++r) {
      for (int64_t c = 0; c < m->cols; ++c)
        m->w[r * m->cols + c] *= (*s)[r];
      if (!m->b.empty())
        m->b[r] *= (*s)[r];
    }
    Value input = def->getOperand(0);
    replaceWithMatrix(rewriter, op, input, *m);
    rewriter.eraseOp(def);
    return success();
  }
};

/// A(B(x)) -> (A B)(x) when the product is no larger than A and B together.
struct ComposeMatrices : RewritePattern {
  ComposeMatrices(StringRef root, MLIRContext *ctx)
      : RewritePattern(root, 1, ctx) {}
  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    Operation *def =
        singleUseProducer<AffineOp, LinearOp>(op->getOperand(0), op);
    if (!def)
      return failure();
    auto outer = readMatrix(op), inner = readMatrix(def);
    if (!outer || !inner)
      return failure();
    if (outer->rows * inner->cols >
        outer->rows * outer->cols + inner->rows * inner->cols)
      return failure();
    Matrix m;
    m.rows = outer->rows;
    m.cols = inner->cols;
    m.w.assign(m.rows * m.cols, 0.0f);
    for (int64_t r = 0; r < m.rows; ++r)
      for (int64_t k = 0; k < outer->cols; ++k) {
        float a = outer->w[r * outer->cols + k];
        for (int64_t c = 0; c < m.cols; ++c)
          m.w[r * m.cols + c] += a * inner->w[k * inner->cols + c];
      }
    if (!outer->b.empty() || !inner->b.empty()) {
      m.b = outer->b.empty() ? std::vector<float>(m.rows, 0.0f) : outer->b;
      if (!inner->b.empty())
        for (int64_t r = 0; r < m.rows; ++r)
          for (int64_t k = 0; k < outer->cols; ++k)
            m.b[r] += outer->w[r * outer->cols + k] * inner->b[k];
    }
    replaceWithMatrix(rewriter, op, def->getOperand(0), m);
    rewriter.eraseOp(def);
    return success();
  }
};

} // namespace

void AffineOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                           MLIRContext *ctx) {
  for (StringRef root : {AffineOp::getOperationName(),
                         LinearOp::getOperationName()}) {
    patterns.add<FoldScaleIntoMatrix>(root, ctx);
    patterns.add<ComposeMatrices>(root, ctx);
  }
}

void ScaleOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                          MLIRContext *ctx) {
  patterns.add<FoldMatrixIntoScale>(ctx);
}
