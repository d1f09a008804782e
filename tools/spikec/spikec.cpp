//===- spikec.cpp - the spikec driver: import, simulate, ... -------------===//
//
// Diagnostics from every stage go through one handler that prints
//   <file>[:<line>:<col>]: error: [at '<node>': ]<message>
// where the file is the network or spike file at fault and the node is the
// population, projection, input or output the op came from.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "spikec/Version.inc"

#include "spikec/Dialect/NC/NCOps.h"
#include "spikec/Dialect/SNN/SNNOps.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdlib>
#include <thread>
#include <unistd.h>

using namespace mlir;
using namespace spikec::driver;

namespace {

const char *severityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

void printOne(llvm::raw_ostream &os, Location loc, DiagnosticSeverity severity,
              const std::string &message) {
  std::string node;
  if (auto name = dyn_cast<NameLoc>(loc))
    node = name.getName().str();
  if (auto flc = loc->findInstanceOf<FileLineColLoc>()) {
    os << flc.getFilename().getValue();
    if (flc.getLine() > 0)
      os << ":" << flc.getLine() << ":" << flc.getColumn();
    os << ": ";
  }
  os << severityName(severity) << ": ";
  if (!node.empty())
    os << "at '" << node << "': ";
  os << message << "\n";
}

LogicalResult printDiagnostic(Diagnostic &diag) {
  llvm::raw_ostream &os = llvm::errs();
  printOne(os, diag.getLocation(), diag.getSeverity(), diag.str());
  for (Diagnostic &note : diag.getNotes())
    printOne(os, note.getLocation(), note.getSeverity(), note.str());
  os.flush();
  return success();
}

} // namespace

std::string spikec::driver::versionString() {
  return std::string(SPIKEC_VERSION) + " (revision " + SPIKEC_REVISION +
         ", MLIR " + LLVM_VERSION_STRING + ")";
}

int spikec::driver::usageError(const llvm::Twine &message) {
  llvm::errs() << "error: " << message << "\n";
  return 1;
}

mlir::LogicalResult spikec::driver::parseThreads(int requested,
                                                 unsigned &threads) {
  constexpr int kMaxThreads = 1024;
  if (requested < 0 || requested > kMaxThreads) {
    usageError("--threads=" + llvm::Twine(requested) +
               ": give a count in [1, " + llvm::Twine(kMaxThreads) +
               "], or 0 for one per CPU core");
    return mlir::failure();
  }
  threads = requested ? unsigned(requested)
                      : std::max(1u, std::thread::hardware_concurrency());
  return mlir::success();
}

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  // On SIGINT/SIGTERM LLVM's handler removes the temporaries of the files
  // being written (OutputFile), then calls this: stop, even when the shell
  // started us with SIGINT ignored (a background job), which would
  // otherwise let the run go on to rename a temporary that is gone.
  // A clear word on the way out, with write(2): the one output call that
  // is safe in a signal handler.
  llvm::sys::SetInterruptFunction([] {
    static const char message[] =
        "spikec: interrupted; files being written were removed, earlier "
        "versions kept\n";
    ssize_t ignored = ::write(2, message, sizeof message - 1);
    (void)ignored;
    std::_Exit(130);
  });
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << "spikec " << versionString() << "\n";
  });
  // spikec --help lists spikec's commands, not the options LLVM and MLIR
  // register in every tool that links them.
  static llvm::cl::OptionCategory none("none");
  llvm::cl::HideUnrelatedOptions(none);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "spikec: compile and run spiking neural networks\n\n"
      "  spikec import NET -o out.mlir\n"
      "  spikec simulate NET --input=FILE [--dt=S] [--timesteps=N] "
      "--output=FILE\n"
      "  spikec export NET --nir -o out.nir\n"
      "  spikec target NAME|FILE.json [--hash]\n"
      "  spikec compile CHIP.mlir -o net.simg [--emit=image-json]\n"
      "  spikec info net.simg [--json] [--target=T]\n"
      "  spikec emulate net.simg --input=FILE [--timesteps=N] "
      "--output=FILE\n"
      "  spikec eval NET|net.simg --dataset=idx:IMAGES,LABELS "
      "[--target=T] [--mode=cycle]\n\n"
      "NET is a .json network description, a .nir file, .mlir text or a\n"
      "lava-dl netx .net file (imported for loihi, already quantized).\n");

  MLIRContext ctx;
  ctx.loadDialect<spikec::snn::SNNDialect, spikec::nc::NCDialect>();
  ctx.printOpOnDiagnostic(false);
  ScopedDiagnosticHandler handler(&ctx, printDiagnostic);

  try {
    if (importCommand)
      return runImport(ctx);
    if (simulateCommand)
      return runSimulate(ctx);
    if (exportCommand)
      return runExport(ctx);
    if (targetCommand)
      return runTarget();
    if (infoCommand)
      return runInfo();
    if (compileCommand)
      return runCompile(ctx);
    if (emulateCommand)
      return runEmulate(ctx);
    if (evalCommand)
      return runEval(ctx);
  } catch (const std::exception &e) {
    // The libraries report their errors as diagnostics; this is a last
    // resort so that nothing ends in std::terminate.
    llvm::errs() << "error: internal error: " << e.what() << "\n";
    return 1;
  }
  llvm::errs() << "error: no command given; try 'spikec import NET' or "
                  "'spikec simulate NET ...' (spikec --help lists them)\n";
  return 1;
}
