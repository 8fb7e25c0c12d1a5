#include "thread_pool.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>
#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define TSFLOW_PAUSE() _mm_pause()
#else
#define TSFLOW_PAUSE() std::this_thread::yield()
#endif

namespace tsflow {
namespace {

// How long an idle thread keeps polling for the next job (or the caller for the last worker)
// before it blocks: back-to-back parallel calls then start in well under a microsecond
// instead of a futex wake-up (tens of microseconds, more on a virtual machine).
constexpr auto kSpinFor = std::chrono::microseconds(500);

// Poll `ready` for up to kSpinFor: a few pause instructions, then yields, so that an
// oversubscribed core goes to whichever thread has work. True if it became ready.
template <typename Ready>
bool SpinUntil(const Ready& ready) {
  for (int i = 0; i < 64; i++) {
    if (ready()) return true;
    TSFLOW_PAUSE();
  }
  const auto until = std::chrono::steady_clock::now() + kSpinFor;
  for (;;) {
    for (int i = 0; i < 16; i++) {
      if (ready()) return true;
      std::this_thread::yield();
    }
    if (std::chrono::steady_clock::now() >= until) return ready();
  }
}

class Pool {
 public:
  explicit Pool(int threads) : threads_(threads) {
    for (int w = 1; w < threads_; w++) workers_.emplace_back([this, w] { Loop(w); });
    for (auto& t : workers_) t.detach();  // the pool lives as long as the process
  }

  int threads() const { return threads_; }

  void Run(int tasks, const std::function<void(int)>& fn) {
    if (tasks <= 1 || threads_ == 1) {
      for (int t = 0; t < tasks; t++) fn(t);
      return;
    }
    std::lock_guard<std::mutex> serial(run_mutex_);  // one parallel job at a time
    // Published by the release increment of generation_ (and the mutex, for sleepers).
    fn_ = &fn;
    tasks_ = tasks;
    pending_.store(threads_ - 1, std::memory_order_relaxed);
    {
      std::lock_guard<std::mutex> lock(m_);
      generation_.fetch_add(1, std::memory_order_release);
    }
    cv_.notify_all();
    for (int t = 0; t < tasks; t += threads_) fn(t);  // the caller is worker 0
    if (!SpinUntil([this] { return pending_.load(std::memory_order_acquire) == 0; })) {
      std::unique_lock<std::mutex> lock(m_);
      done_.wait(lock, [this] { return pending_.load(std::memory_order_acquire) == 0; });
    }
    fn_ = nullptr;
  }

 private:
  void Loop(int w) {
    uint64_t seen = 0;
    for (;;) {
      if (!SpinUntil([&] { return generation_.load(std::memory_order_acquire) != seen; })) {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [&] { return generation_.load(std::memory_order_acquire) != seen; });
      }
      seen = generation_.load(std::memory_order_acquire);
      const std::function<void(int)>* fn = fn_;
      const int tasks = tasks_;
      for (int t = w; t < tasks; t += threads_) (*fn)(t);
      if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        std::lock_guard<std::mutex> lock(m_);
        done_.notify_one();
      }
    }
  }

  const int threads_;
  std::vector<std::thread> workers_;
  std::mutex run_mutex_, m_;
  std::condition_variable cv_, done_;
  const std::function<void(int)>* fn_ = nullptr;
  int tasks_ = 0;
  std::atomic<int> pending_{0};
  std::atomic<uint64_t> generation_{0};
};

Pool& ThePool() {
  // Never destroyed: worker threads may still be waiting when the process exits.
  static Pool* pool = new Pool(NumThreads());
  return *pool;
}

}  // namespace

int NumThreads() {
  static const int n = [] {
    if (const char* env = std::getenv("TSFLOW_NUM_THREADS")) {
      int v = std::atoi(env);
      if (v >= 1) return v;
    }
    unsigned hw = std::thread::hardware_concurrency();
    return hw == 0 ? 1 : static_cast<int>(hw);
  }();
  return n;
}

void ParallelTasks(int tasks, const std::function<void(int)>& fn) { ThePool().Run(tasks, fn); }

void ParallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  int64_t chunks = NumThreads();
  if (grain > 0 && n / grain < chunks) chunks = n / grain;
  if (chunks <= 1) {
    fn(0, n);
    return;
  }
  const int64_t step = (n + chunks - 1) / chunks;
  ParallelTasks(static_cast<int>(chunks), [&](int t) {
    const int64_t begin = t * step;
    const int64_t end = begin + step < n ? begin + step : n;
    if (begin < end) fn(begin, end);
  });
}

}  // namespace tsflow
