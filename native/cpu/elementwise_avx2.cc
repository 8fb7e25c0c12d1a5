// The elementwise kernels for AVX2 + FMA (x86-64 only; null elsewhere).
#include "elementwise_kernels.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// System headers first, so that only this file's own functions get the target.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#pragma GCC push_options
#pragma GCC target("avx2,fma,bmi,bmi2,f16c,popcnt")
#define TSFLOW_EW_MVEC 1
#include "elementwise_impl.h"

namespace tsflow {
namespace ew {

const KernelTable* Avx2Kernels() {
  static const KernelTable table = MakeTable();
  return &table;
}

}  // namespace ew
}  // namespace tsflow
#pragma GCC pop_options
#else
namespace tsflow {
namespace ew {
const KernelTable* Avx2Kernels() { return nullptr; }
}  // namespace ew
}  // namespace tsflow
#endif
