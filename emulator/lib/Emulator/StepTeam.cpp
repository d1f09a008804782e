//===- StepTeam.cpp - threads that run each phase of a step together ------===//

#include "spikec/Emulator/StepTeam.h"

namespace spikec::emu {

namespace {
/// Polls before sleeping: 2,048 pauses with a yield every 64 took 65 us on
/// the 2-core machine this was set on, longer than the serial work between
/// two phases of a step.
constexpr unsigned kSpins = 2048;

void relax(unsigned spin) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
  // A thread that holds a CPU another process needs gives it up now and
  // then rather than spinning it away.
  if (spin % 64 == 63)
    std::this_thread::yield();
}
} // namespace

StepTeam::StepTeam(unsigned parts) {
  for (unsigned part = 1; part < parts; ++part)
    workers.emplace_back([this, part] { work(part); });
}

StepTeam::~StepTeam() {
  stopping = true;
  generation.fetch_add(1);
  notify(started, sleepingWorkers);
  for (std::thread &w : workers)
    w.join();
}

template <typename Ready>
void StepTeam::await(Ready ready, std::condition_variable &cv,
                     std::atomic<unsigned> &sleeping) {
  for (unsigned spin = 0; spin < kSpins; ++spin) {
    if (ready())
      return;
    relax(spin);
  }
  std::unique_lock<std::mutex> lock(mutex);
  // Counted before ready() is read again (both sequentially consistent):
  // a notifier either sees the sleeper or the sleeper sees the change.
  sleeping.fetch_add(1);
  cv.wait(lock, ready);
  sleeping.fetch_sub(1);
}

void StepTeam::notify(std::condition_variable &cv,
                      std::atomic<unsigned> &sleeping) {
  if (sleeping.load() == 0)
    return;
  std::lock_guard<std::mutex> lock(mutex);
  cv.notify_all();
}

void StepTeam::run(llvm::function_ref<void(unsigned)> fn) {
  if (workers.empty())
    return fn(0);
  job = fn;
  pending.store(unsigned(workers.size()));
  generation.fetch_add(1);
  notify(started, sleepingWorkers);
  fn(0);
  await([&] { return pending.load() == 0; }, finished, sleepingCaller);
}

void StepTeam::work(unsigned part) {
  uint64_t seen = 0;
  for (;;) {
    await([&] { return generation.load() != seen; }, started, sleepingWorkers);
    seen = generation.load();
    if (stopping)
      return;
    job(part);
    if (pending.fetch_sub(1) == 1)
      notify(finished, sleepingCaller);
  }
}

} // namespace spikec::emu
