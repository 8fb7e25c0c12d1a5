#include "thread_pool.h"

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace tsflow {
namespace {

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
    {
      std::lock_guard<std::mutex> lock(m_);
      fn_ = &fn;
      tasks_ = tasks;
      pending_ = threads_ - 1;
      generation_++;
    }
    cv_.notify_all();
    for (int t = 0; t < tasks; t += threads_) fn(t);  // the caller is worker 0
    std::unique_lock<std::mutex> lock(m_);
    done_.wait(lock, [this] { return pending_ == 0; });
    fn_ = nullptr;
  }

 private:
  void Loop(int w) {
    uint64_t seen = 0;
    for (;;) {
      const std::function<void(int)>* fn;
      int tasks;
      {
        std::unique_lock<std::mutex> lock(m_);
        cv_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        fn = fn_;
        tasks = tasks_;
      }
      for (int t = w; t < tasks; t += threads_) (*fn)(t);
      {
        std::lock_guard<std::mutex> lock(m_);
        if (--pending_ == 0) done_.notify_one();
      }
    }
  }

  const int threads_;
  std::vector<std::thread> workers_;
  std::mutex run_mutex_, m_;
  std::condition_variable cv_, done_;
  const std::function<void(int)>* fn_ = nullptr;
  int tasks_ = 0;
  int pending_ = 0;
  uint64_t generation_ = 0;
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
