// General matrix multiplication (GEMM) for float32 and float64: packed panels, cache blocking
// and register-blocked micro-kernels per instruction set (AVX-512, AVX2+FMA, portable).
#pragma once
#include <cstdint>

namespace tsflow {

// C = op(A) · op(B) for one m×n matrix C (row-major, leading dimension ldc; overwritten),
// where op(A)[i][p] = a[i*rsa + p*csa] (i < m, p < k) and op(B)[p][j] = b[p*rsb + j*csb].
// Runs on the thread pool when the product is large enough. Deterministic: the same inputs
// give the same bits whatever the thread count.
template <typename T>
void Gemm(int64_t m, int64_t n, int64_t k, const T* a, int64_t rsa, int64_t csa, const T* b, int64_t rsb,
          int64_t csb, T* c, int64_t ldc);

// `batches` products of row-major matrices into a contiguous C (batch t at c + t*m*n):
// A's matrix t is a + aIndex[t]*(m*k), B's is b + bIndex[t]*(k*n) (a null index means t);
// transA/transB read A (stored k×m) / B (stored n×k) transposed. Small matrices run one
// batch per task in parallel, large ones one after another, each on the whole pool.
template <typename T>
void BatchGemm(int64_t batches, const int32_t* aIndex, const int32_t* bIndex, int64_t m, int64_t n, int64_t k,
               const T* a, bool transA, const T* b, bool transB, T* c);

// Name of the micro-kernel the current instruction set uses, e.g. "avx512 8x32" (rows × columns).
const char* GemmKernelName(bool f64);

}  // namespace tsflow
