//===- TestContext.h - an MLIRContext that keeps its diagnostics -*- C++
//-*-===//
//
// The unit tests parse IR, run passes and simulators, and check what they
// said: every fixture starts from a context with the dialects it parses
// (threading off, so diagnostics arrive in order) whose diagnostics are
// collected, one a line, for INFO() and for checks on the message.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TESTS_UNIT_TESTCONTEXT_H
#define SPIKEC_TESTS_UNIT_TESTCONTEXT_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

#include <string>

namespace spikec::test {

template <typename... Dialects> struct DiagnosedContext {
  static mlir::DialectRegistry registry() {
    mlir::DialectRegistry r;
    r.insert<Dialects...>();
    return r;
  }

  mlir::MLIRContext ctx{registry(), mlir::MLIRContext::Threading::DISABLED};
  /// Every diagnostic so far, one a line.
  std::string diags;
  mlir::ScopedDiagnosticHandler handler{&ctx, [this](mlir::Diagnostic &d) {
                                          diags += d.str() + "\n";
                                          return mlir::success();
                                        }};
  const std::string &joined() const { return diags; }
};

} // namespace spikec::test

#endif // SPIKEC_TESTS_UNIT_TESTCONTEXT_H
