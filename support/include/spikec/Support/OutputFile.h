//===- OutputFile.h - Files written whole or not at all ---------*- C++ -*-===//
//
// Every file spikec writes (images, reports, spike files, traces, NIR
// exports) goes through here: the bytes go to a temporary file beside the
// target, which is renamed over it only once everything was written and
// flushed. An error, a full disk or a signal midway (LLVM removes the
// temporary on SIGINT/SIGTERM) leaves the previous file or nothing.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_SUPPORT_OUTPUTFILE_H
#define SPIKEC_SUPPORT_OUTPUTFILE_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <optional>
#include <string>

namespace spikec {

class OutputFile {
public:
  OutputFile() = default;
  OutputFile(const OutputFile &) = delete;
  OutputFile &operator=(const OutputFile &) = delete;
  /// Discards the temporary when commit() was not reached.
  ~OutputFile();

  /// Starts writing `path`: "-" is stdout; a path that exists and is not a
  /// regular file (/dev/null, /dev/full, a pipe) is written in place, since
  /// it cannot be replaced by a rename. "" or why not, naming the path.
  std::string open(llvm::StringRef path);
  /// The stream to write to; open() must have succeeded.
  llvm::raw_ostream &os();
  /// Flushes and renames the temporary over the path. "" or why not (the
  /// temporary is then removed and the previous file kept).
  std::string commit();
  /// Drops what was written; the previous file stays.
  void discard();
  /// The file the bytes go to, for writers that open files by name (HDF5):
  /// the temporary, or the path itself when written in place.
  llvm::StringRef writtenPath() const;

private:
  std::string path;
  std::optional<llvm::sys::fs::TempFile> temp;
  std::unique_ptr<llvm::raw_fd_ostream> stream;
  bool toStdout = false;
};

/// Writes `path` whole through an OutputFile. `write` fills the stream and
/// returns "" or why it failed (then nothing is renamed). "" or why not.
std::string writeFileAtomically(
    llvm::StringRef path,
    llvm::function_ref<std::string(llvm::raw_ostream &)> write);

/// The same for a ready string of bytes.
std::string writeFileAtomically(llvm::StringRef path, llvm::StringRef bytes);

} // namespace spikec

#endif // SPIKEC_SUPPORT_OUTPUTFILE_H
