// A small persistent thread pool with a static, deterministic partition of work: the same
// call always gives the same chunks to the same workers, so results never depend on timing.
// Idle threads poll for half a millisecond before they sleep, so back-to-back parallel calls
// start in well under a microsecond.
#pragma once
#include <cstdint>
#include <functional>

namespace tsflow {

// Threads used for parallel kernels: the CPU count, or TSFLOW_NUM_THREADS if set (>= 1).
int NumThreads();

// Run fn(task) for task in [0, tasks) on up to NumThreads() threads (the caller is one of
// them) and return when all are done. Tasks are assigned round-robin by index.
void ParallelTasks(int tasks, const std::function<void(int task)>& fn);

// Split [0, n) into at most NumThreads() contiguous ranges of at least `grain` elements and
// run fn(begin, end) on each in parallel.
void ParallelFor(int64_t n, int64_t grain, const std::function<void(int64_t begin, int64_t end)>& fn);

}  // namespace tsflow
