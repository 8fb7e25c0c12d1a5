// GEMM in the BLIS/OpenBLAS style. For C (m×n) = op(A) (m×k) · op(B) (k×n):
//
//   for ic in M by MC:                 A block, MC×KC, packed once per (ic, pc): L3
//     for pc in K by KC:
//       pack A[ic.., pc..] into MR-row panels
//       for jc in N by NC:             B block, KC×NC, packed into NR-column panels: L2
//         for ir in MC by MR:          one A panel (MR×KC) stays in L1 ...
//           for jr in NC by NR:        ... while B panels stream from L2
//             micro-kernel: C[ir.., jr..] (+)= Apanel · Bpanel, an MR×NR tile in registers
//
// Packing honours the transposes (any row/column strides), so the micro-kernels only see
// contiguous, aligned panels; partial panels are zero-padded and the kernels store only the
// valid part of edge tiles. Each C element is the sum of its KC-blocks in order, each block
// summed by one accumulator in order: the bits never depend on thread count or timing.
// Threads split C into contiguous row (or column) ranges, one per thread, each running the
// whole blocked algorithm on its own packing buffers. Matrix-vector products (m = 1 or n = 1)
// skip packing (Gemv), and tiny products run plain loops (SmallGemm).
#include "gemm_kernels.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "cpu_features.h"
#include "thread_pool.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define TSFLOW_X86 1
#define TSFLOW_AVX512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,fma")))
#define TSFLOW_AVX2 __attribute__((target("avx2,fma")))
#endif
#define TSFLOW_INLINE inline __attribute__((always_inline))

// GCC vector-extension values only pass between always-inline helpers (no ABI involved).
#pragma GCC diagnostic ignored "-Wpsabi"

namespace tsflow {
namespace {

template <typename T>
using MicroKernel = void (*)(int64_t kc, const T* pa, const T* pb, T* c, int64_t ldc, bool add, int mr, int nr);
template <typename T>
using PackFn = void (*)(const T* src, int64_t rs, int64_t cs, int64_t rows, int64_t kc, T* dst);
// Matrix-vector products for rows [r0, r1) of out (see DotForm/AxpyForm below).
template <typename T>
using GemvFn = void (*)(int64_t r0, int64_t r1, int64_t k, const T* x, int64_t ldx, const T* v, T* out);

// One instruction set's kernel for one dtype, with its blocking.
template <typename T>
struct Impl {
  const char* name;
  int mr, nr;      // micro-tile (rows of A × columns of B)
  int kc, mc, nc;  // cache blocks
  MicroKernel<T> kernel;
  PackFn<T> packA, packB;
  GemvFn<T> dot, axpy;
  int gemvUnit;  // AxpyForm's column block: task splits are multiples of it
};

// ---------------------------------------------------------------------------------------------
// Packing: `rows` rows of a matrix whose element (r, p) is src[r*rs + p*cs], p < kc, into
// panels of R rows, each panel p-major (dst[panel][p][r]) and zero-padded to R rows.
// A packs with rows = rows of op(A); B packs op(B)ᵀ, rows = columns of op(B).

template <typename T, int R>
void PackPanels(const T* src, int64_t rs, int64_t cs, int64_t rows, int64_t kc, T* __restrict dst) {
  for (int64_t r0 = 0; r0 < rows; r0 += R, dst += R * kc) {
    const int64_t h = std::min<int64_t>(R, rows - r0);
    const T* s = src + r0 * rs;
    if (h == R && rs == 1) {
      // The R values of each p are contiguous: straight copies.
      for (int64_t p = 0; p < kc; p++) {
        const T* sp = s + p * cs;
        T* d = dst + p * R;
#pragma GCC unroll 64
        for (int r = 0; r < R; r++) d[r] = sp[r];
      }
    } else if (h == R && cs == 1) {
      // Each row is contiguous along p: transpose blocks of 8 p's to keep reads sequential.
      int64_t p = 0;
      for (; p + 8 <= kc; p += 8) {
        T* d = dst + p * R;
        for (int r = 0; r < R; r++) {
          const T* sr = s + r * rs + p;
#pragma GCC unroll 8
          for (int q = 0; q < 8; q++) d[q * R + r] = sr[q];
        }
      }
      for (; p < kc; p++)
        for (int r = 0; r < R; r++) dst[p * R + r] = s[r * rs + p];
    } else if (rs == 1) {
      // A partial panel, contiguous along r: copy h values, zero the rest.
      for (int64_t p = 0; p < kc; p++) {
        const T* sp = s + p * cs;
        T* d = dst + p * R;
        for (int r = 0; r < h; r++) d[r] = sp[r];
        for (int r = static_cast<int>(h); r < R; r++) d[r] = T(0);
      }
    } else {
      // A partial panel (or general strides): zero it, then copy row by row.
      std::fill(dst, dst + R * kc, T(0));
      for (int64_t r = 0; r < h; r++) {
        const T* sr = s + r * rs;
        for (int64_t p = 0; p < kc; p++) dst[p * R + r] = sr[p * cs];
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Portable micro-kernel: GCC/Clang 16-byte vector extensions (SSE2 on x86-64, NEON on Arm),
// MR rows × NV vectors of C kept in registers; edge tiles go through a buffer.

template <typename T, int MR, int NR>
void StoreTile(const T* tile, T* c, int64_t ldc, bool add, int mr, int nr) {
  for (int i = 0; i < mr; i++) {
    T* ci = c + i * ldc;
    const T* ti = tile + i * NR;
    if (add)
      for (int j = 0; j < nr; j++) ci[j] += ti[j];
    else
      for (int j = 0; j < nr; j++) ci[j] = ti[j];
  }
}

template <typename T, int MR, int NV>
void KernelPortable(int64_t kc, const T* __restrict pa, const T* __restrict pb, T* c, int64_t ldc, bool add, int mr,
                    int nr) {
  constexpr int W = 16 / sizeof(T), NR = NV * W;
  typedef T V __attribute__((vector_size(16)));
  V acc[MR][NV];
#pragma GCC unroll 16
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) acc[i][v] = V{};
  for (int64_t p = 0; p < kc; p++, pa += MR, pb += NR) {
    V b[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) std::memcpy(&b[v], pb + v * W, sizeof(V));
#pragma GCC unroll 16
    for (int i = 0; i < MR; i++) {
      const V ai = V{} + pa[i];
#pragma GCC unroll 8
      for (int v = 0; v < NV; v++) acc[i][v] += ai * b[v];
    }
  }
  alignas(64) T tile[MR * NR];
#pragma GCC unroll 16
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 8
    for (int v = 0; v < NV; v++) std::memcpy(tile + i * NR + v * W, &acc[i][v], sizeof(V));
  StoreTile<T, MR, NR>(tile, c, ldc, add, mr, nr);
}

#ifdef TSFLOW_X86
// ---------------------------------------------------------------------------------------------
// AVX-512 micro-kernels: MR rows × NV vectors of C in zmm registers; per k step, NV aligned
// loads of the B panel and MR broadcasts of A, each feeding NV FMAs.

template <typename T>
struct Avx512;
template <>
struct Avx512<float> {
  using V = __m512;
  static constexpr int kLanes = 16;
  TSFLOW_AVX512 static TSFLOW_INLINE V Zero() { return _mm512_setzero_ps(); }
  TSFLOW_AVX512 static TSFLOW_INLINE V Load(const float* p) { return _mm512_load_ps(p); }
  TSFLOW_AVX512 static TSFLOW_INLINE V LoadU(const float* p) { return _mm512_loadu_ps(p); }
  TSFLOW_AVX512 static TSFLOW_INLINE V Set1(const float* p) { return _mm512_set1_ps(*p); }
  TSFLOW_AVX512 static TSFLOW_INLINE V Fma(V a, V b, V c) { return _mm512_fmadd_ps(a, b, c); }
  TSFLOW_AVX512 static TSFLOW_INLINE V Add(V a, V b) { return _mm512_add_ps(a, b); }
  TSFLOW_AVX512 static TSFLOW_INLINE void StoreU(float* p, V v) { _mm512_storeu_ps(p, v); }
  TSFLOW_AVX512 static TSFLOW_INLINE V MaskLoad(const float* p, int n) {
    return _mm512_maskz_loadu_ps(static_cast<__mmask16>((1u << n) - 1), p);
  }
  TSFLOW_AVX512 static TSFLOW_INLINE void MaskStore(float* p, V v, int n) {
    _mm512_mask_storeu_ps(p, static_cast<__mmask16>((1u << n) - 1), v);
  }
};
template <>
struct Avx512<double> {
  using V = __m512d;
  static constexpr int kLanes = 8;
  TSFLOW_AVX512 static TSFLOW_INLINE V Zero() { return _mm512_setzero_pd(); }
  TSFLOW_AVX512 static TSFLOW_INLINE V Load(const double* p) { return _mm512_load_pd(p); }
  TSFLOW_AVX512 static TSFLOW_INLINE V LoadU(const double* p) { return _mm512_loadu_pd(p); }
  TSFLOW_AVX512 static TSFLOW_INLINE V Set1(const double* p) { return _mm512_set1_pd(*p); }
  TSFLOW_AVX512 static TSFLOW_INLINE V Fma(V a, V b, V c) { return _mm512_fmadd_pd(a, b, c); }
  TSFLOW_AVX512 static TSFLOW_INLINE V Add(V a, V b) { return _mm512_add_pd(a, b); }
  TSFLOW_AVX512 static TSFLOW_INLINE void StoreU(double* p, V v) { _mm512_storeu_pd(p, v); }
  TSFLOW_AVX512 static TSFLOW_INLINE V MaskLoad(const double* p, int n) {
    return _mm512_maskz_loadu_pd(static_cast<__mmask8>((1u << n) - 1), p);
  }
  TSFLOW_AVX512 static TSFLOW_INLINE void MaskStore(double* p, V v, int n) {
    _mm512_mask_storeu_pd(p, static_cast<__mmask8>((1u << n) - 1), v);
  }
};

template <typename T, int MR, int NV>
TSFLOW_AVX512 void KernelAvx512(int64_t kc, const T* __restrict pa, const T* __restrict pb, T* c, int64_t ldc, bool add,
                                int mr, int nr) {
  using S = Avx512<T>;
  using V = typename S::V;
  constexpr int L = S::kLanes, NR = NV * L;
  V acc[MR][NV];
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 4
    for (int v = 0; v < NV; v++) acc[i][v] = S::Zero();
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++) _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc), _MM_HINT_T0);
#pragma GCC unroll 2
  for (int64_t p = 0; p < kc; p++) {
    V b[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; v++) b[v] = S::Load(pb + v * L);
#pragma GCC unroll 32
    for (int i = 0; i < MR; i++) {
      const V ai = S::Set1(pa + i);
#pragma GCC unroll 4
      for (int v = 0; v < NV; v++) acc[i][v] = S::Fma(ai, b[v], acc[i][v]);
    }
    pa += MR;
    pb += NR;
  }
  if (mr == MR && nr == NR) {
#pragma GCC unroll 32
    for (int i = 0; i < MR; i++)
#pragma GCC unroll 4
      for (int v = 0; v < NV; v++) {
        T* cp = c + i * ldc + v * L;
        S::StoreU(cp, add ? S::Add(acc[i][v], S::LoadU(cp)) : acc[i][v]);
      }
    return;
  }
#pragma GCC unroll 32
  for (int i = 0; i < MR; i++) {
    if (i < mr) {
#pragma GCC unroll 4
      for (int v = 0; v < NV; v++) {
        const int cols = nr - v * L;
        if (cols <= 0) break;
        T* cp = c + i * ldc + v * L;
        if (cols >= L) {
          S::StoreU(cp, add ? S::Add(acc[i][v], S::LoadU(cp)) : acc[i][v]);
        } else {
          S::MaskStore(cp, add ? S::Add(acc[i][v], S::MaskLoad(cp, cols)) : acc[i][v], cols);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// AVX2+FMA micro-kernels (16 ymm registers): same scheme; edge tiles go through a buffer.

template <typename T>
struct Avx2;
template <>
struct Avx2<float> {
  using V = __m256;
  static constexpr int kLanes = 8;
  TSFLOW_AVX2 static TSFLOW_INLINE V Zero() { return _mm256_setzero_ps(); }
  TSFLOW_AVX2 static TSFLOW_INLINE V Load(const float* p) { return _mm256_load_ps(p); }
  TSFLOW_AVX2 static TSFLOW_INLINE V LoadU(const float* p) { return _mm256_loadu_ps(p); }
  TSFLOW_AVX2 static TSFLOW_INLINE V Set1(const float* p) { return _mm256_broadcast_ss(p); }
  TSFLOW_AVX2 static TSFLOW_INLINE V Fma(V a, V b, V c) { return _mm256_fmadd_ps(a, b, c); }
  TSFLOW_AVX2 static TSFLOW_INLINE V Add(V a, V b) { return _mm256_add_ps(a, b); }
  TSFLOW_AVX2 static TSFLOW_INLINE void StoreU(float* p, V v) { _mm256_storeu_ps(p, v); }
};
template <>
struct Avx2<double> {
  using V = __m256d;
  static constexpr int kLanes = 4;
  TSFLOW_AVX2 static TSFLOW_INLINE V Zero() { return _mm256_setzero_pd(); }
  TSFLOW_AVX2 static TSFLOW_INLINE V Load(const double* p) { return _mm256_load_pd(p); }
  TSFLOW_AVX2 static TSFLOW_INLINE V LoadU(const double* p) { return _mm256_loadu_pd(p); }
  TSFLOW_AVX2 static TSFLOW_INLINE V Set1(const double* p) { return _mm256_broadcast_sd(p); }
  TSFLOW_AVX2 static TSFLOW_INLINE V Fma(V a, V b, V c) { return _mm256_fmadd_pd(a, b, c); }
  TSFLOW_AVX2 static TSFLOW_INLINE V Add(V a, V b) { return _mm256_add_pd(a, b); }
  TSFLOW_AVX2 static TSFLOW_INLINE void StoreU(double* p, V v) { _mm256_storeu_pd(p, v); }
};

template <typename T, int MR, int NV>
TSFLOW_AVX2 void KernelAvx2(int64_t kc, const T* __restrict pa, const T* __restrict pb, T* c, int64_t ldc, bool add,
                            int mr, int nr) {
  using S = Avx2<T>;
  using V = typename S::V;
  constexpr int L = S::kLanes, NR = NV * L;
  V acc[MR][NV];
#pragma GCC unroll 16
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 4
    for (int v = 0; v < NV; v++) acc[i][v] = S::Zero();
#pragma GCC unroll 16
  for (int i = 0; i < MR; i++) _mm_prefetch(reinterpret_cast<const char*>(c + i * ldc), _MM_HINT_T0);
#pragma GCC unroll 2
  for (int64_t p = 0; p < kc; p++) {
    V b[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; v++) b[v] = S::Load(pb + v * L);
#pragma GCC unroll 16
    for (int i = 0; i < MR; i++) {
      const V ai = S::Set1(pa + i);
#pragma GCC unroll 4
      for (int v = 0; v < NV; v++) acc[i][v] = S::Fma(ai, b[v], acc[i][v]);
    }
    pa += MR;
    pb += NR;
  }
  if (mr == MR && nr == NR) {
#pragma GCC unroll 16
    for (int i = 0; i < MR; i++)
#pragma GCC unroll 4
      for (int v = 0; v < NV; v++) {
        T* cp = c + i * ldc + v * L;
        S::StoreU(cp, add ? S::Add(acc[i][v], S::LoadU(cp)) : acc[i][v]);
      }
    return;
  }
  alignas(64) T tile[MR * NR];
#pragma GCC unroll 16
  for (int i = 0; i < MR; i++)
#pragma GCC unroll 4
    for (int v = 0; v < NV; v++) S::StoreU(tile + i * NR + v * L, acc[i][v]);
  StoreTile<T, MR, NR>(tile, c, ldc, add, mr, nr);
}
#endif  // TSFLOW_X86

// ---------------------------------------------------------------------------------------------
// Matrix-vector products (m = 1 or n = 1), where packing would cost as much as the product:
//   DotForm:  out[r] = Σₚ x[r*ldx + p]·v[p]   (rows of x contiguous; W-lane partial sums)
//   AxpyForm: out[r] = Σₚ v[p]·x[p*ldx + r]   (columns of x contiguous; sequential in p)
// Written with GCC vector extensions and inlined into per-ISA wrappers, so each wrapper's
// target decides the instructions. Every output element is computed the same way whichever
// task owns it (AxpyForm's task boundaries fall on multiples of its column block).


template <typename V, typename T>
TSFLOW_INLINE V LoadVec(const T* p) {
  V v;
  std::memcpy(&v, p, sizeof(V));
  return v;
}
template <typename V, typename T>
TSFLOW_INLINE void StoreVec(T* p, const V& v) {
  std::memcpy(p, &v, sizeof(V));
}

template <typename T, int W>
TSFLOW_INLINE void DotFormImpl(int64_t r0, int64_t r1, int64_t k, const T* x, int64_t ldx, const T* v, T* out) {
  typedef T V __attribute__((vector_size(sizeof(T) * W)));
  for (int64_t r = r0; r < r1; r++) {
    const T* xr = x + r * ldx;
    V a0 = {}, a1 = {}, a2 = {}, a3 = {};
    int64_t p = 0;
    for (; p + 4 * W <= k; p += 4 * W) {
      a0 += LoadVec<V>(xr + p) * LoadVec<V>(v + p);
      a1 += LoadVec<V>(xr + p + W) * LoadVec<V>(v + p + W);
      a2 += LoadVec<V>(xr + p + 2 * W) * LoadVec<V>(v + p + 2 * W);
      a3 += LoadVec<V>(xr + p + 3 * W) * LoadVec<V>(v + p + 3 * W);
    }
    for (; p + W <= k; p += W) a0 += LoadVec<V>(xr + p) * LoadVec<V>(v + p);
    const V s = (a0 + a1) + (a2 + a3);
    T sum = 0;
    for (int i = 0; i < W; i++) sum += s[i];
    for (; p < k; p++) sum += xr[p] * v[p];
    out[r] = sum;
  }
}

template <typename T, int W>
TSFLOW_INLINE void AxpyFormImpl(int64_t r0, int64_t r1, int64_t k, const T* x, int64_t ldx, const T* v, T* out) {
  typedef T V __attribute__((vector_size(sizeof(T) * W)));
  constexpr int J = 4 * W;   // columns per register block
  constexpr int64_t PB = 256;  // rows per pass (partial sums go through `out`)
  for (int64_t p0 = 0; p0 < k; p0 += PB) {
    const int64_t p1 = std::min(k, p0 + PB);
    int64_t r = r0;
    for (; r + J <= r1; r += J) {
      V a0 = {}, a1 = {}, a2 = {}, a3 = {};
      if (p0 > 0) {
        a0 = LoadVec<V>(out + r), a1 = LoadVec<V>(out + r + W);
        a2 = LoadVec<V>(out + r + 2 * W), a3 = LoadVec<V>(out + r + 3 * W);
      }
      const T* xp = x + p0 * ldx + r;
      for (int64_t p = p0; p < p1; p++, xp += ldx) {
        const V vp = V{} + v[p];
        a0 += vp * LoadVec<V>(xp);
        a1 += vp * LoadVec<V>(xp + W);
        a2 += vp * LoadVec<V>(xp + 2 * W);
        a3 += vp * LoadVec<V>(xp + 3 * W);
      }
      StoreVec(out + r, a0), StoreVec(out + r + W, a1), StoreVec(out + r + 2 * W, a2), StoreVec(out + r + 3 * W, a3);
    }
    for (; r < r1; r++) {
      T a = p0 > 0 ? out[r] : T(0);
      for (int64_t p = p0; p < p1; p++) a += v[p] * x[p * ldx + r];
      out[r] = a;
    }
  }
}

void DotFormPortable(int64_t r0, int64_t r1, int64_t k, const float* x, int64_t ldx, const float* v, float* out) {
  DotFormImpl<float, 4>(r0, r1, k, x, ldx, v, out);
}
void DotFormPortable(int64_t r0, int64_t r1, int64_t k, const double* x, int64_t ldx, const double* v, double* out) {
  DotFormImpl<double, 2>(r0, r1, k, x, ldx, v, out);
}
void AxpyFormPortable(int64_t r0, int64_t r1, int64_t k, const float* x, int64_t ldx, const float* v, float* out) {
  AxpyFormImpl<float, 4>(r0, r1, k, x, ldx, v, out);
}
void AxpyFormPortable(int64_t r0, int64_t r1, int64_t k, const double* x, int64_t ldx, const double* v, double* out) {
  AxpyFormImpl<double, 2>(r0, r1, k, x, ldx, v, out);
}
#ifdef TSFLOW_X86
TSFLOW_AVX2 void DotFormAvx2(int64_t r0, int64_t r1, int64_t k, const float* x, int64_t ldx, const float* v, float* out) {
  DotFormImpl<float, 8>(r0, r1, k, x, ldx, v, out);
}
TSFLOW_AVX2 void DotFormAvx2(int64_t r0, int64_t r1, int64_t k, const double* x, int64_t ldx, const double* v,
                             double* out) {
  DotFormImpl<double, 4>(r0, r1, k, x, ldx, v, out);
}
TSFLOW_AVX2 void AxpyFormAvx2(int64_t r0, int64_t r1, int64_t k, const float* x, int64_t ldx, const float* v,
                              float* out) {
  AxpyFormImpl<float, 8>(r0, r1, k, x, ldx, v, out);
}
TSFLOW_AVX2 void AxpyFormAvx2(int64_t r0, int64_t r1, int64_t k, const double* x, int64_t ldx, const double* v,
                              double* out) {
  AxpyFormImpl<double, 4>(r0, r1, k, x, ldx, v, out);
}
TSFLOW_AVX512 void DotFormAvx512(int64_t r0, int64_t r1, int64_t k, const float* x, int64_t ldx, const float* v,
                                 float* out) {
  DotFormImpl<float, 16>(r0, r1, k, x, ldx, v, out);
}
TSFLOW_AVX512 void DotFormAvx512(int64_t r0, int64_t r1, int64_t k, const double* x, int64_t ldx, const double* v,
                                 double* out) {
  DotFormImpl<double, 8>(r0, r1, k, x, ldx, v, out);
}
TSFLOW_AVX512 void AxpyFormAvx512(int64_t r0, int64_t r1, int64_t k, const float* x, int64_t ldx, const float* v,
                                  float* out) {
  AxpyFormImpl<float, 16>(r0, r1, k, x, ldx, v, out);
}
TSFLOW_AVX512 void AxpyFormAvx512(int64_t r0, int64_t r1, int64_t k, const double* x, int64_t ldx, const double* v,
                                  double* out) {
  AxpyFormImpl<double, 8>(r0, r1, k, x, ldx, v, out);
}
#endif  // TSFLOW_X86

// ---------------------------------------------------------------------------------------------
// Kernel tables.

template <typename T, int MR, int NV>
constexpr Impl<T> PortableImpl(const char* name, int kc, int mc, int nc) {
  constexpr int NR = NV * 16 / static_cast<int>(sizeof(T));
  return Impl<T>{name, MR, NR, kc, mc, nc, &KernelPortable<T, MR, NV>, &PackPanels<T, MR>, &PackPanels<T, NR>,
                 static_cast<GemvFn<T>>(&DotFormPortable), static_cast<GemvFn<T>>(&AxpyFormPortable),
                 static_cast<int>(64 / sizeof(T))};
}

#ifdef TSFLOW_X86
template <typename T, int MR, int NV>
constexpr Impl<T> Avx512Impl(const char* name, int kc, int mc, int nc) {
  constexpr int NR = NV * Avx512<T>::kLanes;
  return Impl<T>{name, MR, NR, kc, mc, nc, &KernelAvx512<T, MR, NV>, &PackPanels<T, MR>, &PackPanels<T, NR>,
                 static_cast<GemvFn<T>>(&DotFormAvx512), static_cast<GemvFn<T>>(&AxpyFormAvx512),
                 static_cast<int>(256 / sizeof(T))};
}
template <typename T, int MR, int NV>
constexpr Impl<T> Avx2Impl(const char* name, int kc, int mc, int nc) {
  constexpr int NR = NV * Avx2<T>::kLanes;
  return Impl<T>{name, MR, NR, kc, mc, nc, &KernelAvx2<T, MR, NV>, &PackPanels<T, MR>, &PackPanels<T, NR>,
                 static_cast<GemvFn<T>>(&DotFormAvx2), static_cast<GemvFn<T>>(&AxpyFormAvx2),
                 static_cast<int>(128 / sizeof(T))};
}
#endif

// Micro-tiles and blocks, chosen by measurement on Zen 4 (32 KB L1d, 1 MB L2 per core):
// the A panel (MR×KC) stays in L1 while KC×NR B panels stream from the KC×NC B block, which
// takes about half of L2; MC×KC A blocks live in L3. AVX-512: 8 rows × 2 zmm (16 accumulators,
// 2 loads + 8 broadcasts per 16 FMAs) beat 14×16, 6×32, 12×32 and 4×64 by a few per cent.
// AVX2: the classic 6 × 2 ymm (12 accumulators). SSE2 (portable): 3 × 4 xmm.
template <typename T>
Impl<T> MakeImpl();

template <>
Impl<float> MakeImpl<float>() {
#ifdef TSFLOW_X86
  switch (BestIsa()) {
    case Isa::kAvx512: return Avx512Impl<float, 8, 2>("avx512 8x32", 256, 1536, 512);
    case Isa::kAvx2Fma: return Avx2Impl<float, 6, 2>("avx2 6x16", 256, 1536, 512);
    default: break;
  }
#endif
  return PortableImpl<float, 3, 4>("portable 3x16", 256, 1536, 512);
}

template <>
Impl<double> MakeImpl<double>() {
#ifdef TSFLOW_X86
  switch (BestIsa()) {
    case Isa::kAvx512: return Avx512Impl<double, 8, 2>("avx512 8x16", 256, 1024, 256);
    case Isa::kAvx2Fma: return Avx2Impl<double, 6, 2>("avx2 6x8", 256, 1024, 256);
    default: break;
  }
#endif
  return PortableImpl<double, 3, 4>("portable 3x8", 256, 1024, 256);
}

template <typename T>
const Impl<T>& PickImpl() {
  static const Impl<T> impl = MakeImpl<T>();
  return impl;
}

// ---------------------------------------------------------------------------------------------
// Driver.

// Per-thread packing buffers, kept between calls (the pool's threads are persistent).
struct PackBuffers {
  void* a = nullptr;
  void* b = nullptr;
  size_t aBytes = 0, bBytes = 0;
  static void* Grow(void* p, size_t& have, size_t want) {
    if (want <= have) return p;
    std::free(p);
    want = (want + 4095) & ~size_t(4095);
    have = want;
    return std::aligned_alloc(4096, want);
  }
};
thread_local PackBuffers tBuffers;

template <typename T>
void GemmSerial(const Impl<T>& impl, int64_t m, int64_t n, int64_t k, const T* a, int64_t rsa, int64_t csa,
                const T* b, int64_t rsb, int64_t csb, T* c, int64_t ldc) {
  const int MR = impl.mr, NR = impl.nr;
  const int64_t kcMax = std::min<int64_t>(impl.kc, k);
  const int64_t mcMax = std::min<int64_t>(impl.mc, (m + MR - 1) / MR * MR);
  const int64_t ncMax = std::min<int64_t>(impl.nc, (n + NR - 1) / NR * NR);
  PackBuffers& buf = tBuffers;
  buf.a = PackBuffers::Grow(buf.a, buf.aBytes, sizeof(T) * ((mcMax + MR - 1) / MR * MR) * kcMax);
  buf.b = PackBuffers::Grow(buf.b, buf.bBytes, sizeof(T) * ((ncMax + NR - 1) / NR * NR) * kcMax);
  T* pa = static_cast<T*>(buf.a);
  T* pb = static_cast<T*>(buf.b);
  for (int64_t ic = 0; ic < m; ic += mcMax) {
    const int64_t mc = std::min(mcMax, m - ic);
    for (int64_t pc = 0; pc < k; pc += kcMax) {
      const int64_t kc = std::min(kcMax, k - pc);
      impl.packA(a + ic * rsa + pc * csa, rsa, csa, mc, kc, pa);
      for (int64_t jc = 0; jc < n; jc += ncMax) {
        const int64_t nc = std::min(ncMax, n - jc);
        impl.packB(b + pc * rsb + jc * csb, csb, rsb, nc, kc, pb);
        for (int64_t ir = 0; ir < mc; ir += MR) {
          const int mr = static_cast<int>(std::min<int64_t>(MR, mc - ir));
          const T* ap = pa + ir * kc;
          T* cr = c + (ic + ir) * ldc + jc;
          for (int64_t jr = 0; jr < nc; jr += NR) {
            const int nr = static_cast<int>(std::min<int64_t>(NR, nc - jr));
            impl.kernel(kc, ap, pb + jr * kc, cr + jr, ldc, pc > 0, mr, nr);
          }
        }
      }
    }
  }
}

// Tiny products (batches of small matrices): no packing, rows of C accumulated in place over
// p (sequential in p; vectorised over j by the compiler when B's rows are contiguous).
constexpr double kSmallMacs = 32;

template <typename T>
void SmallGemm(int64_t m, int64_t n, int64_t k, const T* a, int64_t rsa, int64_t csa, const T* b, int64_t rsb,
               int64_t csb, T* __restrict c, int64_t ldc) {
  for (int64_t i = 0; i < m; i++) {
    T* __restrict ci = c + i * ldc;
    for (int64_t j = 0; j < n; j++) ci[j] = T(0);
    for (int64_t p = 0; p < k; p++) {
      const T aip = a[i * rsa + p * csa];
      const T* bp = b + p * rsb;
      if (csb == 1)
        for (int64_t j = 0; j < n; j++) ci[j] += aip * bp[j];
      else
        for (int64_t j = 0; j < n; j++) ci[j] += aip * bp[j * csb];
    }
  }
}

// Below this many multiply-adds a product runs on one thread.
constexpr double kParallelMacs = 1 << 20;

// Below this many multiply-adds a matrix-vector product runs on one thread.
constexpr double kGemvParallelMacs = 1 << 18;

// C = op(A)·op(B) when m = 1 or n = 1: out[r] over the other dimension, as a DotForm when the
// matrix's rows run along k, else an AxpyForm. False (nothing done) for other strides.
template <typename T>
bool Gemv(const Impl<T>& impl, int64_t m, int64_t n, int64_t k, const T* a, int64_t rsa, int64_t csa, const T* b,
          int64_t rsb, int64_t csb, T* c, int64_t ldc, bool parallel) {
  const T *x, *v;
  int64_t rows, ldx, incv, ldout;
  bool dot;
  if (n == 1) {  // c[i] = Σₚ A(i, p)·b[p]
    rows = m, x = a, v = b, incv = rsb, ldout = ldc;
    if (csa == 1) dot = true, ldx = rsa;
    else if (rsa == 1) dot = false, ldx = csa;
    else return false;
  } else {  // m == 1: c[j] = Σₚ a[p]·B(p, j)
    rows = n, x = b, v = a, incv = csa, ldout = 1;
    if (rsb == 1) dot = true, ldx = csb;
    else if (csb == 1) dot = false, ldx = rsb;
    else return false;
  }
  // Gather a strided vector (or output) into contiguous scratch.
  thread_local std::vector<T> vbuf, obuf;
  if (incv != 1) {
    vbuf.resize(k);
    for (int64_t p = 0; p < k; p++) vbuf[p] = v[p * incv];
    v = vbuf.data();
  }
  T* out = c;
  if (ldout != 1) {
    obuf.resize(rows);
    out = obuf.data();
  }
  const GemvFn<T> fn = dot ? impl.dot : impl.axpy;
  const int64_t unit = dot ? 1 : impl.gemvUnit;
  const int64_t units = (rows + unit - 1) / unit;
  int tasks = parallel && static_cast<double>(rows) * k >= kGemvParallelMacs ? NumThreads() : 1;
  if (units < tasks) tasks = static_cast<int>(units);
  if (tasks <= 1) {
    fn(0, rows, k, x, ldx, v, out);
  } else {
    ParallelTasks(tasks, [&](int t) {
      const int64_t r0 = std::min(rows, units * t / tasks * unit), r1 = std::min(rows, units * (t + 1) / tasks * unit);
      if (r0 < r1) fn(r0, r1, k, x, ldx, v, out);
    });
  }
  if (ldout != 1)
    for (int64_t r = 0; r < rows; r++) c[r * ldout] = out[r];
  return true;
}

template <typename T>
void GemmImpl(int64_t m, int64_t n, int64_t k, const T* a, int64_t rsa, int64_t csa, const T* b, int64_t rsb,
              int64_t csb, T* c, int64_t ldc, bool parallel) {
  if (m <= 0 || n <= 0) return;
  if (k <= 0) {
    for (int64_t i = 0; i < m; i++) std::fill(c + i * ldc, c + i * ldc + n, T(0));
    return;
  }
  if (static_cast<double>(m) * n * k <= kSmallMacs) {
    SmallGemm(m, n, k, a, rsa, csa, b, rsb, csb, c, ldc);
    return;
  }
  const Impl<T>& impl = PickImpl<T>();
  if ((n == 1 || m == 1) && Gemv(impl, m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, parallel)) return;
  int tasks = parallel ? NumThreads() : 1;
  if (static_cast<double>(m) * n * k < kParallelMacs) tasks = 1;
  // Split the longer side of C into `tasks` ranges of whole micro-tiles.
  const bool splitRows = m >= n;
  const int64_t unit = splitRows ? impl.mr : impl.nr;
  const int64_t units = ((splitRows ? m : n) + unit - 1) / unit;
  if (units < tasks) tasks = static_cast<int>(units);
  if (tasks <= 1) {
    GemmSerial(impl, m, n, k, a, rsa, csa, b, rsb, csb, c, ldc);
    return;
  }
  ParallelTasks(tasks, [&](int t) {
    const int64_t u0 = units * t / tasks, u1 = units * (t + 1) / tasks;
    if (splitRows) {
      const int64_t i0 = u0 * unit, i1 = std::min(m, u1 * unit);
      if (i0 < i1) GemmSerial(impl, i1 - i0, n, k, a + i0 * rsa, rsa, csa, b, rsb, csb, c + i0 * ldc, ldc);
    } else {
      const int64_t j0 = u0 * unit, j1 = std::min(n, u1 * unit);
      if (j0 < j1) GemmSerial(impl, m, j1 - j0, k, a, rsa, csa, b + j0 * csb, rsb, csb, c + j0, ldc);
    }
  });
}

}  // namespace

template <typename T>
void Gemm(int64_t m, int64_t n, int64_t k, const T* a, int64_t rsa, int64_t csa, const T* b, int64_t rsb,
          int64_t csb, T* c, int64_t ldc) {
  GemmImpl(m, n, k, a, rsa, csa, b, rsb, csb, c, ldc, true);
}

template <typename T>
void BatchGemm(int64_t batches, const int32_t* aIndex, const int32_t* bIndex, int64_t m, int64_t n, int64_t k,
               const T* a, bool transA, const T* b, bool transB, T* c) {
  const int64_t aSize = m * k, bSize = k * n, cSize = m * n;
  const int64_t rsa = transA ? 1 : k, csa = transA ? m : 1;
  const int64_t rsb = transB ? 1 : n, csb = transB ? k : 1;
  auto one = [&](int64_t t, bool parallel) {
    const T* at = a + (aIndex ? aIndex[t] : t) * aSize;
    const T* bt = b + (bIndex ? bIndex[t] : t) * bSize;
    GemmImpl(m, n, k, at, rsa, csa, bt, rsb, csb, c + t * cSize, n, parallel);
  };
  const double macs = static_cast<double>(m) * n * k;
  if (batches > 1 && macs < 4 * kParallelMacs) {
    // Small matrices: whole matrices per task, enough of them to be worth a thread.
    const int64_t grain = std::max<int64_t>(1, static_cast<int64_t>(kParallelMacs / std::max(1.0, macs)));
    ParallelFor(batches, grain, [&](int64_t t0, int64_t t1) {
      for (int64_t t = t0; t < t1; t++) one(t, false);
    });
    return;
  }
  for (int64_t t = 0; t < batches; t++) one(t, true);
}

const char* GemmKernelName(bool f64) { return f64 ? PickImpl<double>().name : PickImpl<float>().name; }

template void Gemm<float>(int64_t, int64_t, int64_t, const float*, int64_t, int64_t, const float*, int64_t, int64_t,
                          float*, int64_t);
template void Gemm<double>(int64_t, int64_t, int64_t, const double*, int64_t, int64_t, const double*, int64_t,
                           int64_t, double*, int64_t);
template void BatchGemm<float>(int64_t, const int32_t*, const int32_t*, int64_t, int64_t, int64_t, const float*, bool,
                               const float*, bool, float*);
template void BatchGemm<double>(int64_t, const int32_t*, const int32_t*, int64_t, int64_t, int64_t, const double*,
                                bool, const double*, bool, double*);

}  // namespace tsflow
