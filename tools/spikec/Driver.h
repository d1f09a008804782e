//===- Driver.h - the spikec command-line driver ----------------*- C++ -*-===//
//
// `spikec <command> ...`: each command is an llvm::cl::SubCommand defined in
// its own file with its options, and a run function called by main().
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_SPIKEC_DRIVER_H
#define SPIKEC_TOOLS_SPIKEC_DRIVER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/CommandLine.h"

#include "spikec/Passes/Pipelines.h"
#include "spikec/Support/FormatNumber.h"

namespace spikec::driver {

extern llvm::cl::SubCommand importCommand;
extern llvm::cl::SubCommand simulateCommand;
extern llvm::cl::SubCommand exportCommand;
extern llvm::cl::SubCommand targetCommand;
extern llvm::cl::SubCommand infoCommand;
extern llvm::cl::SubCommand compileCommand;
extern llvm::cl::SubCommand emulateCommand;
extern llvm::cl::SubCommand evalCommand;

/// Options every command that reads a network shares (ImportCommand.cpp,
/// where the commands are defined: they must exist before their options).
extern llvm::cl::opt<std::string> networkPath;
extern llvm::cl::opt<double> dtOption;
extern llvm::cl::opt<std::string> targetOption;
extern llvm::cl::list<std::string> approxOption;
extern llvm::cl::opt<std::string> quantReportOption;
extern llvm::cl::opt<std::string> calibrateOption;
extern llvm::cl::opt<double> calibrateMarginOption;
extern llvm::cl::opt<std::string> syncOption;

/// Checks --sync, --quant-report, --approx, --calibrate and
/// --calibrate-margin together, with or without a target; "" when they can
/// work, else what is wrong.
std::string checkTargetFlags(bool hasTarget);

/// The target pipeline's options from those flags, for `target`.
TargetPipelineOptions targetPipelineOptions(const std::string &target);

/// Checks --dt and imports the network named on the command line (with the
/// NIR options); null after reporting an error.
mlir::OwningOpRef<mlir::ModuleOp> loadNetwork(mlir::MLIRContext &ctx);
/// The same for the network at `path` (eval's, whose positional also takes
/// an image).
mlir::OwningOpRef<mlir::ModuleOp> loadNetwork(mlir::MLIRContext &ctx,
                                              const std::string &path);

/// Each returns the process exit code.
int runImport(mlir::MLIRContext &ctx);
int runSimulate(mlir::MLIRContext &ctx);
int runExport(mlir::MLIRContext &ctx);
int runTarget();
int runInfo();
int runCompile(mlir::MLIRContext &ctx);
int runEmulate(mlir::MLIRContext &ctx);
int runEval(mlir::MLIRContext &ctx);

/// "0.1.0 (revision <git describe>, MLIR 19.1.7)": what --version prints and
/// what an image records as its producer.
std::string versionString();

/// Prints "error: <message>" for problems that have no file (bad flags).
int usageError(const llvm::Twine &message);

/// The thread count --threads=`requested` asks for: itself, or one per CPU
/// core for 0; an error (printed) outside [0, 1024].
mlir::LogicalResult parseThreads(int requested, unsigned &threads);

} // namespace spikec::driver

#endif // SPIKEC_TOOLS_SPIKEC_DRIVER_H
