//===- TargetPresets.cpp - target presets and loading by name -------------===//
//
// The preset directory (targets/*.json, or $SPIKEC_TARGETS_DIR), its listing,
// and loadTarget, which resolves a preset name or a path and reads the file
// with parseTarget (TargetRead.cpp).
//
//===----------------------------------------------------------------------===//

#include "TargetReader.h"

#include "spikec/Target/Target.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace spikec::target {

using detail::didYouMean;
using detail::joined;

std::string presetsDir() {
  if (const char *env = std::getenv("SPIKEC_TARGETS_DIR"); env && *env)
    return env;
  return SPIKEC_TARGETS_DIR;
}

std::vector<std::string> listPresets() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto &entry :
       std::filesystem::directory_iterator(presetsDir(), ec)) {
    if (entry.path().extension() == ".json")
      names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

static std::atomic<uint64_t> filesRead{0};

uint64_t numTargetFilesRead() { return filesRead.load(); }

TargetOrError loadTarget(const std::string &nameOrPath) {
  bool isPath = nameOrPath.find('/') != std::string::npos ||
                (nameOrPath.size() >= 5 &&
                 nameOrPath.compare(nameOrPath.size() - 5, 5, ".json") == 0);
  std::string path = nameOrPath;
  if (!isPath) {
    std::string dir = presetsDir();
    path = dir + "/" + nameOrPath + ".json";
    if (!std::filesystem::exists(path)) {
      std::vector<std::string> presets = listPresets();
      return "unknown target '" + nameOrPath + "'" +
             didYouMean(nameOrPath, presets) + ": no " + nameOrPath +
             ".json in " + dir + "; presets: " +
             (presets.empty() ? std::string("none") : joined(presets)) +
             "; a path (containing '/' or ending in .json) loads a file";
    }
  }
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return path + ": cannot open: " + std::strerror(errno);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return path + ": cannot read: " + std::strerror(errno);
  ++filesRead;
  return parseTarget(text.str(), path);
}

} // namespace spikec::target
