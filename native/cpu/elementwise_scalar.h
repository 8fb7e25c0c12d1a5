// Scalar semantics shared by the kernels (every ISA) and the drivers: reduction identities,
// the combination of partial results, and the final conversion. Everything here has internal
// linkage, so each translation unit compiles its own copy for its own target.
#pragma once
#include <cmath>
#include <cstdint>
#include <limits>

namespace tsflow {
namespace ew {
namespace {

// Reduction classes (Sum and Mean accumulate the same way; Mean divides at the end).
enum RedClass : int { kRcSum = 0, kRcProd = 1, kRcMax = 2, kRcMin = 3 };

template <int RC, class A>
inline A Identity() {
  if (RC == kRcSum) return A(0);
  if (RC == kRcProd) return A(1);
  if (std::numeric_limits<A>::has_infinity) {
    return RC == kRcMax ? -std::numeric_limits<A>::infinity() : std::numeric_limits<A>::infinity();
  }
  return RC == kRcMax ? std::numeric_limits<A>::lowest() : std::numeric_limits<A>::max();
}

// 32-bit integer sums and products wrap (computed on uint32_t).
inline uint32_t WrapAdd(uint32_t a, uint32_t b) { return a + b; }
inline uint32_t WrapMul(uint32_t a, uint32_t b) { return a * b; }

// One accumulation step / the combination of two partials. Max and Min propagate NaN.
template <int RC, class A>
inline A Combine(A acc, A v) {
  if (RC == kRcSum) return acc + v;
  if (RC == kRcProd) return acc * v;
  if (RC == kRcMax) return (v > acc || v != v) ? v : acc;
  return (v < acc || v != v) ? v : acc;
}
template <>
inline uint32_t Combine<kRcSum, uint32_t>(uint32_t acc, uint32_t v) { return WrapAdd(acc, v); }
template <>
inline uint32_t Combine<kRcProd, uint32_t>(uint32_t acc, uint32_t v) { return WrapMul(acc, v); }

}  // namespace
}  // namespace ew
}  // namespace tsflow
