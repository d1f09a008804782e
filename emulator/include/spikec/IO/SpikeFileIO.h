//===- SpikeFileIO.h - input and output spike files -------------*- C++ -*-===//
//
// The spike files every command shares (DESIGN.md section 3):
// - input JSON: a list of T rows for a network with one input, or an object
//   {"<input name>": rows}; a row is a flat list of the input's N values
//   (or a nested list of the input's shape; a bare number when N is 1);
// - input .npy: a T x N array (T x shape also works) of any integer, float
//   or bool dtype, for a network with one input or for one named input;
// - output JSON: {"timesteps": T, "outputs": {name: rows},
//   "probes": {"node:var": rows}}, one row per timestep;
// - output .npy: one T x N float64 file per output and probe, named after
//   the output path: run.npy gives run.<output>.npy and
//   run.probe.<node>.<var>.npy.
// Errors go to a handler, located at the file (and line and column for JSON
// syntax errors), and name the place in the file (a JSON pointer such as
// /x/3/2, or a row). Plain C++ on LLVM's Support library, for the emulator
// and spikec-cosim; SpikeFiles.h reports the same through an MLIR context
// and reads the inputs of snn and nc graphs.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_IO_SPIKEFILEIO_H
#define SPIKEC_IO_SPIKEFILEIO_H

#include "spikec/IO/Trace.h"
#include "spikec/Image/Image.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace spikec::io {

/// What a network expects of one input.
struct InputSpec {
  std::string name;
  std::vector<int64_t> shape;
  /// Values per row: the product of `shape`.
  int64_t width() const;
};

/// The inputs of a hardware image, with the shapes it records.
std::vector<InputSpec> getInputSpecs(const image::Image &img);

/// One problem with a spike file or with the --input arguments.
struct FileDiagnostic {
  /// The file, or nullopt for the arguments as a whole.
  std::optional<std::string> file;
  /// JSON syntax errors only; 0 otherwise.
  unsigned line = 0, column = 0;
  std::string message;
};
using DiagnosticHandler = llvm::function_ref<void(const FileDiagnostic &)>;

/// Reads a whole input file (JSON or .npy, by extension; "-" is JSON on
/// stdin) for a network whose inputs are `inputs`. A list of rows or an .npy
/// array needs a network with exactly one input; an object must name only
/// known inputs (the inputs it leaves out are absent from the result).
std::optional<ref::InputRows> readInputFile(llvm::StringRef path,
                                            llvm::ArrayRef<InputSpec> inputs,
                                            DiagnosticHandler diagnose);

/// Reads every input's rows from the --input arguments every command takes:
/// whole files (readInputFile) and NAME=FILE for the rows of one input
/// (readInputRows). Each input must be given exactly once. `fileOf`, when
/// given, receives the file each input came from.
std::optional<ref::InputRows>
readInputArgs(llvm::ArrayRef<std::string> args,
              llvm::ArrayRef<InputSpec> inputs, DiagnosticHandler diagnose,
              std::map<std::string, std::string> *fileOf = nullptr);

/// Reads the rows of one input from a file that holds only them: a JSON
/// list of rows or an .npy array.
std::optional<ref::Rows> readInputRows(llvm::StringRef path,
                                       const InputSpec &input,
                                       DiagnosticHandler diagnose);

/// Parses input JSON already in memory; `path` names it in errors.
std::optional<ref::InputRows> parseInputJSON(llvm::StringRef text,
                                             llvm::StringRef path,
                                             llvm::ArrayRef<InputSpec> inputs,
                                             DiagnosticHandler diagnose);

/// A numeric .npy array of any shape, its values in C order.
struct NpyArray {
  std::vector<int64_t> shape;
  std::vector<double> values;
};

/// Reads any numeric .npy file (every value finite); errors name the file
/// and the element.
std::optional<NpyArray> readNpyArray(llvm::StringRef path,
                                     DiagnosticHandler diagnose);

/// Decodes .npy bytes into rows of `input.width()` values.
std::optional<ref::Rows> parseNpy(llvm::StringRef bytes, llvm::StringRef path,
                                  const InputSpec &input,
                                  DiagnosticHandler diagnose);

/// The output JSON of a trace, one row per line.
std::string traceToJSON(const ref::Trace &trace);

/// Writes `trace` to `path`: JSON, "-" for JSON on stdout, or .npy files
/// (one per output and probe) when the path ends in .npy. False after
/// reporting why not.
bool writeTrace(llvm::StringRef path, const ref::Trace &trace,
                DiagnosticHandler diagnose);

/// The file an .npy output path gives for output `name` ("run.npy", "y" ->
/// "run.y.npy") and for probe "node:var" ("run.probe.node.var.npy").
std::string npyOutputPath(llvm::StringRef path, llvm::StringRef name);
std::string npyProbePath(llvm::StringRef path, llvm::StringRef probe);

} // namespace spikec::io

#endif // SPIKEC_IO_SPIKEFILEIO_H
