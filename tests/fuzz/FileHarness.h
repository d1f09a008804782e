//===- FileHarness.h - The HDF5 importers on whole files --------*- C++ -*-===//
//
// The bytes go to a file read as spikec reads any .nir or .net: libhdf5 in
// the HDF5 reader's child process (HDF5Tree.cpp), which hands the tree to
// the parent, which builds and verifies the network. Two ways to run it:
//
//  - by default, as spikec does: a fork per input, so libhdf5's failures
//    stay in the child. About 10 to 70 inputs/s; the ctest run (CI).
//  - with SPIKEC_FUZZ_HDF5=in-process, the child's reader called in the
//    harness's own process (readHDF5TreeInProcess): the same code of both
//    processes at a function call's pace, the reader's coverage guiding
//    libFuzzer. A libhdf5 failure then stops the process, so this mode runs
//    under -fork=N -ignore_crashes=1 (tools/fuzz.sh campaign), which
//    restarts the worker; the campaign sorts libhdf5's failures from
//    spikec's by their stacks.
//
//===----------------------------------------------------------------------===//

#ifndef SPIKEC_FUZZ_FILEHARNESS_H
#define SPIKEC_FUZZ_FILEHARNESS_H

#include "FuzzCommon.h"

#include "spikec/Import/HDF5Tree.h"
#include "spikec/Import/Import.h"

#include <cstdlib>
#include <cstring>

namespace spikec::fuzz {

inline bool hdf5InProcess() {
  static const bool inProcess = [] {
    const char *mode = std::getenv("SPIKEC_FUZZ_HDF5");
    return mode && std::strcmp(mode, "in-process") == 0;
  }();
  return inProcess;
}

/// One input through `importFile` (forking) or the in-process reader and
/// `importTree`, as the mode says.
template <typename ImportFile, typename ImportTree>
void importHDF5File(const uint8_t *data, size_t size, const char *suffix,
                    ImportFile importFile, ImportTree importTree) {
  std::string path = writeTemp(data, size, suffix);
  ImportOptions options;
  options.hdf5CpuSeconds = 5; // a corrupt file libhdf5 loops on
  auto ctx = makeContext();
  if (!hdf5InProcess()) {
    (void)importFile(path, ctx.get(), options);
    return;
  }
  auto tree = readHDF5TreeInProcess(path);
  if (auto *json = std::get_if<nlohmann::json>(&tree))
    (void)importTree(*json, path, ctx.get(), options);
}

} // namespace spikec::fuzz

/// The harness of an HDF5 format; `suffix` is its files' extension.
#define SPIKEC_FILE_HARNESS(importFile, importTree, suffix)                    \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {    \
    spikec::fuzz::importHDF5File(data, size, suffix, importFile, importTree);  \
    return 0;                                                                  \
  }

#endif // SPIKEC_FUZZ_FILEHARNESS_H
