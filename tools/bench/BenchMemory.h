//===- BenchMemory.h - wall time and resident memory of a stage -*- C++ -*-===//
//
// What spikec-bench-compile measures per stage: wall time, CPU time (user +
// system: on a shared machine the better estimate of the stage's cost), the
// resident set
// before and after (VmRSS) and its peak during the stage (VmHWM, which
// /proc/self/clear_refs resets to the current RSS before each stage, so the
// peak is the stage's own; without that file it is the process's peak so
// far, and the output says so).
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_TOOLS_BENCH_BENCHMEMORY_H
#define SPIKEC_TOOLS_BENCH_BENCHMEMORY_H

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <sys/resource.h>

namespace spikec::bench {

/// VmRSS and VmHWM of this process in MiB (0 when /proc is unreadable).
struct Resident {
  double rss = 0, hwm = 0;
};

inline Resident readResident() {
  Resident r;
  std::FILE *f = std::fopen("/proc/self/status", "r");
  if (!f)
    return r;
  char line[256];
  while (std::fgets(line, sizeof line, f)) {
    long kib = 0;
    if (std::sscanf(line, "VmRSS: %ld kB", &kib) == 1)
      r.rss = double(kib) / 1024.0;
    else if (std::sscanf(line, "VmHWM: %ld kB", &kib) == 1)
      r.hwm = double(kib) / 1024.0;
  }
  std::fclose(f);
  return r;
}

/// Resets VmHWM to the current RSS (Linux >= 4.0); false when refused.
inline bool resetPeak() {
  std::FILE *f = std::fopen("/proc/self/clear_refs", "w");
  if (!f)
    return false;
  bool ok = std::fputs("5", f) >= 0;
  return std::fclose(f) == 0 && ok;
}

/// User + system CPU seconds of this process so far.
inline double cpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto sec = [](const timeval &t) {
    return double(t.tv_sec) + 1e-6 * double(t.tv_usec);
  };
  return sec(ru.ru_utime) + sec(ru.ru_stime);
}

/// One measured stage.
struct StageRecord {
  std::string name;
  double seconds = 0, cpu = 0;
  double rssBefore = 0, peak = 0, rssAfter = 0;
  /// Part of the compile (counted in the total), or a side measurement.
  bool compile = true;
};

/// Records stages in order: begin() before, end() after each.
class StageClock {
public:
  void begin() {
    peakIsLocal = resetPeak() && peakIsLocal;
    before = readResident().rss;
    cpuStart = cpuSeconds();
    start = std::chrono::steady_clock::now();
  }
  StageRecord &end(std::string name, bool compile = true) {
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                             start)
                   .count();
    double cpu = cpuSeconds() - cpuStart;
    Resident r = readResident();
    records.push_back({std::move(name), s, cpu, before,
                       std::max(r.hwm, before), r.rss, compile});
    return records.back();
  }

  std::vector<StageRecord> records;
  /// Whether every peak is the stage's own (clear_refs worked each time).
  bool peakIsLocal = true;

private:
  double before = 0, cpuStart = 0;
  std::chrono::steady_clock::time_point start;
};

} // namespace spikec::bench

#endif // SPIKEC_TOOLS_BENCH_BENCHMEMORY_H
