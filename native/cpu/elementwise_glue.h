// Helpers shared by the elementwise and reduction entry points (typed-array arguments come
// from typed_arrays.h).
#pragma once
#include <cstddef>
#include <cstdint>

#include "elementwise_kernels.h"
#include "typed_arrays.h"

namespace tsflow {
namespace ew {

// Ask for transparent huge pages on the untouched interior of a large output buffer, so
// that first-touch page faults come 2 MiB at a time (what NumPy does for its large arrays).
void AdviseHugePages(void* data, size_t bytes);

// Parallel grains, in elements: ParallelFor gives each thread at least this many, so an op
// runs on the calling thread alone below twice the grain. Waking the pool's other thread
// costs ~5 us when it is warm and tens of us when it sleeps (measured on a 2-vCPU VM), and
// memory-bound ops gain little from a second thread, so the grains ask for ~30-100 us of
// work per thread.
constexpr int64_t kGrainCheap = int64_t{1} << 17;          // add, compare, cast, abs, ...
constexpr int64_t kGrainSqrt = int64_t{1} << 15;           // sqrt, rsqrt, divide
constexpr int64_t kGrainTranscendental = int64_t{1} << 15;  // exp, log, sin, ...
constexpr int64_t kGrainReduce = int64_t{1} << 17;

}  // namespace ew
}  // namespace tsflow
