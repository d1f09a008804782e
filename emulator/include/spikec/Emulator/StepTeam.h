//===- StepTeam.h - threads that run each phase of a step together -*- C++
//-*-===//
//
// The emulator runs a few short phases a step (cores, then deliveries),
// each on every thread at once, thousands of steps a second. A thread pool
// that hands out tasks and wakes its threads through a condition variable
// (LLVM's) costs tens of microseconds a phase on a virtual machine, more
// than a phase of a 10k-neuron network takes. A team keeps its threads for
// the emulator's life: between phases each spins a short while on a
// generation counter, yielding the CPU as it does, then sleeps, so that a
// busy run hands a phase over in well under a microsecond while a machine
// shared with other work loses at most the spin.
//
//===----------------------------------------------------------------------===//
#ifndef SPIKEC_EMULATOR_STEPTEAM_H
#define SPIKEC_EMULATOR_STEPTEAM_H

#include "llvm/ADT/STLFunctionalExtras.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace spikec::emu {

class StepTeam {
public:
  /// A team of `parts` threads: the caller's and parts - 1 of its own.
  explicit StepTeam(unsigned parts);
  ~StepTeam();
  StepTeam(const StepTeam &) = delete;
  StepTeam &operator=(const StepTeam &) = delete;

  unsigned size() const { return unsigned(workers.size()) + 1; }
  /// Runs fn(part) for every part in [0, size()), part 0 on the caller's
  /// thread, and returns when all have returned. Not reentrant.
  void run(llvm::function_ref<void(unsigned)> fn);

private:
  void work(unsigned part);
  /// Waits until `ready` holds: spinning, then asleep on `cv` (counted in
  /// `sleeping` so that the other side knows to notify).
  template <typename Ready>
  void await(Ready ready, std::condition_variable &cv,
             std::atomic<unsigned> &sleeping);
  void notify(std::condition_variable &cv, std::atomic<unsigned> &sleeping);

  std::vector<std::thread> workers;
  llvm::function_ref<void(unsigned)> job;
  /// Bumped for each phase (and to stop): the workers' signal to run job.
  std::atomic<uint64_t> generation{0};
  /// Workers still running this phase's job.
  std::atomic<unsigned> pending{0};
  std::atomic<bool> stopping{false};
  std::mutex mutex;
  std::condition_variable started, finished;
  std::atomic<unsigned> sleepingWorkers{0}, sleepingCaller{0};
};

} // namespace spikec::emu

#endif // SPIKEC_EMULATOR_STEPTEAM_H
