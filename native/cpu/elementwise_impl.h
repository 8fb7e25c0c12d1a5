// The elementwise kernels, written once with GCC/Clang vector extensions on 64-byte vectors
// and compiled once per instruction set: each elementwise_<isa>.cc sets `#pragma GCC target`,
// defines TSFLOW_EW_MVEC (0: scalar libm, 1: AVX2 libmvec, 2: AVX-512 libmvec)
// and includes this file. Everything is in an anonymous namespace except the table getter, so
// no inline function compiled for one ISA can be picked by the linker for another.
//
// The lane structure (64 bytes) is the same on every ISA, so reductions give the same bits on
// every path; only libmvec's transcendentals differ between paths (within their ulp bounds).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "elementwise_kernels.h"
#include "elementwise_scalar.h"

// 64-byte vectors passed between internal functions of the baseline build: no ABI concern.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace tsflow {
namespace ew {
namespace {

template <class T, int K>
struct VecT {
  typedef T type __attribute__((vector_size(K * sizeof(T))));
};
template <class T, int K>
using Vec = typename VecT<T, K>::type;

// Lanes per 64-byte vector.
template <class T>
constexpr int Lanes() { return static_cast<int>(64 / sizeof(T)); }

template <class V>
inline V Load(const void* p) {
  V v;
  std::memcpy(&v, p, sizeof(V));
  return v;
}
template <class V>
inline void Store(void* p, V v) { std::memcpy(p, &v, sizeof(V)); }

template <class V, class T>
inline V Splat(T x) {
  V v;  // lane by lane (0 + x would turn -0 into +0)
  for (size_t i = 0; i < sizeof(V) / sizeof(v[0]); i++) v[i] = x;
  return v;
}

// Integer reinterpretation of a float type (for masks and bit tricks).
template <class T> struct IntOf;
template <> struct IntOf<float> { using type = int32_t; };
template <> struct IntOf<double> { using type = int64_t; };
template <> struct IntOf<int32_t> { using type = int32_t; };
template <> struct IntOf<uint32_t> { using type = int32_t; };
template <> struct IntOf<int64_t> { using type = int64_t; };

// --- Binary operations -----------------------------------------------------------------
// Each op has S(a, b) for scalars and V(a, b) for 64-byte vectors of the element type.
// Arithmetic results have the element type; comparisons give 0/1 (scalars) or lane masks.
// int32 add/sub/mul wrap (computed on unsigned lanes); max/min propagate NaN from a first,
// then b (Eigen's PropagateNaN), as the reference kernels do.

template <class T>
struct Wrap {  // unsigned arithmetic for int32 lanes, identity for floats
  template <class X> static X Add(X a, X b) { return a + b; }
  template <class X> static X Sub(X a, X b) { return a - b; }
  template <class X> static X Mul(X a, X b) { return a * b; }
};
template <>
struct Wrap<int32_t> {
  using VU = Vec<uint32_t, 16>;
  using VI = Vec<int32_t, 16>;
  static int32_t Add(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b)); }
  static int32_t Sub(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b)); }
  static int32_t Mul(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b)); }
  static VI Add(VI a, VI b) { return (VI)((VU)a + (VU)b); }
  static VI Sub(VI a, VI b) { return (VI)((VU)a - (VU)b); }
  static VI Mul(VI a, VI b) { return (VI)((VU)a * (VU)b); }
};

template <int OP, class T>
struct BinOpDef;

#define TSFLOW_ARITH(OPC, EXPR)                               \
  template <class T>                                          \
  struct BinOpDef<OPC, T> {                                   \
    static constexpr bool kCompare = false;                   \
    template <class X> static X S(X a, X b) { return EXPR; }  \
    template <class X> static X V(X a, X b) { return EXPR; }  \
  };
TSFLOW_ARITH(kAdd, Wrap<T>::Add(a, b))
TSFLOW_ARITH(kSub, Wrap<T>::Sub(a, b))
TSFLOW_ARITH(kMul, Wrap<T>::Mul(a, b))
TSFLOW_ARITH(kDiv, a / b)
#undef TSFLOW_ARITH

template <class T>
struct BinOpDef<kMaximum, T> {
  static constexpr bool kCompare = false;
  static T S(T a, T b) { return a != a ? a : b != b ? b : a < b ? b : a; }
  template <class X> static X V(X a, X b) {
    X r = a < b ? b : a;
    r = b != b ? b : r;
    return a != a ? a : r;
  }
};
template <class T>
struct BinOpDef<kMinimum, T> {
  static constexpr bool kCompare = false;
  static T S(T a, T b) { return a != a ? a : b != b ? b : b < a ? b : a; }
  template <class X> static X V(X a, X b) {
    X r = b < a ? b : a;
    r = b != b ? b : r;
    return a != a ? a : r;
  }
};

template <class T>
struct BinOpDef<kReluGrad, T> {
  static constexpr bool kCompare = false;
  static T S(T g, T f) { return f > T(0) ? g : Wrap<T>::Mul(g, T(0)); }
  template <class X> static X V(X g, X f) { return f > T(0) ? g : Wrap<T>::Mul(g, X{} ); }
};

#define TSFLOW_CMP(OPC, OPER)                                               \
  template <class T>                                                        \
  struct BinOpDef<OPC, T> {                                                 \
    static constexpr bool kCompare = true;                                  \
    static uint8_t S(T a, T b) { return (a OPER b) ? 1 : 0; }               \
    template <class X> static auto V(X a, X b) { return a OPER b; }         \
  };
TSFLOW_CMP(kEqual, ==)
TSFLOW_CMP(kNotEqual, !=)
TSFLOW_CMP(kLess, <)
TSFLOW_CMP(kLessEqual, <=)
TSFLOW_CMP(kGreater, >)
TSFLOW_CMP(kGreaterEqual, >=)
#undef TSFLOW_CMP

// Store a vector result: same-type values, or a lane mask narrowed to 0/1 bytes.
template <class T, class X>
inline void StoreResult(T* out, X v) { Store(out, v); }
template <class M>
inline void StoreMask(uint8_t* out, M m) {
  constexpr int K = sizeof(M) / sizeof(m[0]);
  using B = Vec<int8_t, K>;
  B b = __builtin_convertvector(m, B) & 1;
  Store(out, b);
}

// PAT: 0 = a and b are vectors, 1 = b is a scalar, 2 = a is a scalar.
template <int OP, class T, int PAT>
void BinaryKernel(const void* pa, const void* pb, void* po, int64_t n) {
  using D = BinOpDef<OP, T>;
  using V = Vec<T, Lanes<T>()>;
  constexpr int K = Lanes<T>();
  const T* __restrict a = static_cast<const T*>(pa);
  const T* __restrict b = static_cast<const T*>(pb);
  int64_t i = 0;
  const V sa = Splat<V>(a[0]), sb = Splat<V>(b[0]);
  if constexpr (D::kCompare) {
    uint8_t* __restrict o = static_cast<uint8_t*>(po);
    for (; i + K <= n; i += K) {
      V x = PAT == 2 ? sa : Load<V>(a + i);
      V y = PAT == 1 ? sb : Load<V>(b + i);
      StoreMask(o + i, D::V(x, y));
    }
    for (; i < n; i++) o[i] = D::S(a[PAT == 2 ? 0 : i], b[PAT == 1 ? 0 : i]);
  } else {
    T* __restrict o = static_cast<T*>(po);
    for (; i + K <= n; i += K) {
      V x = PAT == 2 ? sa : Load<V>(a + i);
      V y = PAT == 1 ? sb : Load<V>(b + i);
      Store(o + i, D::V(x, y));
    }
    for (; i < n; i++) o[i] = D::S(a[PAT == 2 ? 0 : i], b[PAT == 1 ? 0 : i]);
  }
}

// --- Transcendentals -------------------------------------------------------------------
// MathD(fn, in, out, n) on doubles: libmvec's vector versions where this ISA has them and
// `vec` allows, scalar libm otherwise. A lane's result depends only on its value. float32 ops
// use libmvec (computed in double, its few-ulp double error vanishes in the rounding to
// float32); float64 ops use the scalar libm, within 1-2 ulp of V8's fdlibm where libmvec's
// double versions are up to 3 ulp off.

using VD = Vec<double, 8>;
#if TSFLOW_EW_MVEC == 2
using MvecFn = VD (*)(VD);
#elif TSFLOW_EW_MVEC == 1
using VD4 = Vec<double, 4>;
using MvecFn = VD4 (*)(VD4);
#endif

void MathD(MathFn fn, bool vec, const double* in, double* out, int64_t n) {
  int64_t i = 0;
#if TSFLOW_EW_MVEC == 2
  MvecFn f = vec ? reinterpret_cast<MvecFn>(Mvec().avx512[fn]) : nullptr;
  if (f != nullptr) {
    for (; i + 8 <= n; i += 8) Store(out + i, f(Load<VD>(in + i)));
    if (i < n) {
      double pad[8] = {0, 0, 0, 0, 0, 0, 0, 0};
      std::memcpy(pad, in + i, (n - i) * sizeof(double));
      VD r = f(Load<VD>(pad));
      std::memcpy(out + i, &r, (n - i) * sizeof(double));
    }
    return;
  }
#elif TSFLOW_EW_MVEC == 1
  MvecFn f = vec ? reinterpret_cast<MvecFn>(Mvec().avx2[fn]) : nullptr;
  if (f != nullptr) {
    for (; i + 4 <= n; i += 4) Store(out + i, f(Load<VD4>(in + i)));
    if (i < n) {
      double pad[4] = {0, 0, 0, 0};
      std::memcpy(pad, in + i, (n - i) * sizeof(double));
      VD4 r = f(Load<VD4>(pad));
      std::memcpy(out + i, &r, (n - i) * sizeof(double));
    }
    return;
  }
#else
  (void)vec;
#endif
  for (; i < n; i++) out[i] = ScalarMath(fn, in[i]);
}

constexpr int64_t kMathChunk = 256;

MathFn MathOf(int op) {
  switch (op) {
    case kExp: return kMExp;
    case kLog: return kMLog;
    case kLog1p: return kMLog1p;
    case kSin: return kMSin;
    case kCos: return kMCos;
    case kTanh: return kMTanh;
    default: return kMExp;  // kSigmoid: exp(-|x|)
  }
}

// float32: computed in double (as the reference does) and rounded once.
template <int OP>
void UnaryMathF32(const void* pin, void* pout, int64_t n) {
  const float* in = static_cast<const float*>(pin);
  float* out = static_cast<float*>(pout);
  double buf[kMathChunk];
  for (int64_t c = 0; c < n; c += kMathChunk) {
    const int64_t m = n - c < kMathChunk ? n - c : kMathChunk;
    const float* x = in + c;
    if (OP == kSigmoid) {
      for (int64_t i = 0; i < m; i++) buf[i] = -std::fabs(static_cast<double>(x[i]));
    } else {
      for (int64_t i = 0; i < m; i++) buf[i] = static_cast<double>(x[i]);
    }
    MathD(MathOf(OP), true, buf, buf, m);
    if (OP == kSigmoid) {
      // x >= 0: 1 / (1 + exp(-x)); otherwise e / (1 + e) with e = exp(x) (NaN takes this one).
      for (int64_t i = 0; i < m; i++) {
        const double t = buf[i];
        buf[i] = (x[i] >= 0 ? 1.0 : t) / (1.0 + t);
      }
    }
    float* o = out + c;
    for (int64_t i = 0; i < m; i++) o[i] = static_cast<float>(buf[i]);
  }
}

template <int OP>
void UnaryMathF64(const void* pin, void* pout, int64_t n) {
  const double* in = static_cast<const double*>(pin);
  double* out = static_cast<double*>(pout);
  if (OP != kSigmoid) {
    MathD(MathOf(OP), false, in, out, n);
    return;
  }
  double buf[kMathChunk];
  for (int64_t c = 0; c < n; c += kMathChunk) {
    const int64_t m = n - c < kMathChunk ? n - c : kMathChunk;
    const double* x = in + c;
    for (int64_t i = 0; i < m; i++) buf[i] = -std::fabs(x[i]);
    MathD(kMExp, false, buf, buf, m);
    double* o = out + c;
    for (int64_t i = 0; i < m; i++) o[i] = (x[i] >= 0 ? 1.0 : buf[i]) / (1.0 + buf[i]);
  }
}

// --- Other unary operations --------------------------------------------------------------

template <int OP, class T>
struct UnOpDef;

template <class T>
struct UnOpDef<kNeg, T> {
  template <class X> static X F(X x) {
    if constexpr (std::is_floating_point<T>::value) return -x;  // -0 for +0
    else return Wrap<T>::Sub(X{}, x);
  }
};
template <class T>
struct UnOpDef<kSquare, T> {
  template <class X> static X F(X x) { return Wrap<T>::Mul(x, x); }
};
template <class T>
struct UnOpDef<kAbs, T> {
  using I = typename IntOf<T>::type;
  static T F(T x) {
    if constexpr (std::is_floating_point<T>::value) return std::fabs(x);
    else return x < 0 ? Wrap<T>::Sub(T(0), x) : x;
  }
  template <class X> static X F(X x) {
    if constexpr (std::is_floating_point<T>::value) {
      using VI = Vec<I, Lanes<T>()>;
      return (X)((VI)x & std::numeric_limits<I>::max());
    } else {
      return x < 0 ? Wrap<T>::Sub(X{}, x) : x;
    }
  }
};
template <class T>
struct UnOpDef<kRelu, T> {
  // NaN stays NaN; -0 becomes +0.
  static T F(T x) { return (x > 0 || x != x) ? x : T(0); }
  template <class X> static X F(X x) { return ((x > 0) | (x != x)) ? x : X{}; }
};
template <class T>
struct UnOpDef<kSign, T> {
  // NaN and ±0 map to themselves.
  static T F(T x) { return x > 0 ? T(1) : x < 0 ? T(-1) : x; }
  template <class X> static X F(X x) {
    X r = x < 0 ? Splat<X>(T(-1)) : x;
    return x > 0 ? Splat<X>(T(1)) : r;
  }
};

template <int OP, class T>
void UnaryKernel(const void* pin, void* pout, int64_t n) {
  using V = Vec<T, Lanes<T>()>;
  constexpr int K = Lanes<T>();
  const T* __restrict in = static_cast<const T*>(pin);
  T* __restrict out = static_cast<T*>(pout);
  int64_t i = 0;
  for (; i + K <= n; i += K) Store(out + i, UnOpDef<OP, T>::F(Load<V>(in + i)));
  for (; i < n; i++) out[i] = UnOpDef<OP, T>::F(in[i]);
}

// Sqrt is correctly rounded in either precision; Rsqrt rounds 1 / sqrt(x) computed in double.
template <class T>
void SqrtKernel(const void* pin, void* pout, int64_t n) {
  const T* __restrict in = static_cast<const T*>(pin);
  T* __restrict out = static_cast<T*>(pout);
  for (int64_t i = 0; i < n; i++) out[i] = std::sqrt(in[i]);
}
template <class T>
void RsqrtKernel(const void* pin, void* pout, int64_t n) {
  const T* __restrict in = static_cast<const T*>(pin);
  T* __restrict out = static_cast<T*>(pout);
  for (int64_t i = 0; i < n; i++) out[i] = static_cast<T>(1.0 / std::sqrt(static_cast<double>(in[i])));
}

// --- Cast ----------------------------------------------------------------------------------
// x86 semantics as the reference: float -> int32 truncates, NaN and out-of-range give
// INT32_MIN; anything -> bool tests != 0 (NaN is true); bool is 0/1 bytes.

template <class F, class T>
struct CastOp {
  static T F_(F x) { return static_cast<T>(x); }
};
template <>
struct CastOp<float, int32_t> {
  static int32_t F_(float x) {
    return (x >= -2147483648.0f && x < 2147483648.0f) ? static_cast<int32_t>(x) : std::numeric_limits<int32_t>::min();
  }
};
template <>
struct CastOp<double, int32_t> {
  static int32_t F_(double x) {
    return (x > -2147483649.0 && x < 2147483648.0) ? static_cast<int32_t>(x) : std::numeric_limits<int32_t>::min();
  }
};
template <class F>
struct CastOp<F, uint8_t> {
  static uint8_t F_(F x) { return x != 0 ? 1 : 0; }
};

template <class F, class T>
void CastKernel(const void* pin, void* pout, int64_t n) {
  const F* __restrict in = static_cast<const F*>(pin);
  T* __restrict out = static_cast<T*>(pout);
  if constexpr (std::is_same<F, T>::value) {
    std::memcpy(out, in, n * sizeof(T));
  } else {
    for (int64_t i = 0; i < n; i++) out[i] = CastOp<F, T>::F_(in[i]);
  }
}

// --- Reductions ------------------------------------------------------------------------------

// The C type of an accumulator: int32 sums and products wrap as uint32_t; int32 max/min stay
// signed.
template <int RC, int ACC> struct AccC;
template <int RC> struct AccC<RC, kAccF32> { using type = float; };
template <int RC> struct AccC<RC, kAccF64> { using type = double; };
template <int RC> struct AccC<RC, kAccI32> { using type = typename std::conditional<(RC == kRcSum || RC == kRcProd), uint32_t, int32_t>::type; };
template <int RC> struct AccC<RC, kAccI64> { using type = int64_t; };

// Vector form of Combine (lanes of A).
template <int RC, class A, class X>
inline X CombineV(X acc, X v) {
  if constexpr (RC == kRcSum) return acc + v;
  else if constexpr (RC == kRcProd) return acc * v;
  else if constexpr (RC == kRcMax) return ((v > acc) | (v != v)) ? v : acc;
  else return ((v < acc) | (v != v)) ? v : acc;
}

// K input elements converted to a vector of K accumulators.
template <class In, class A, int K>
inline Vec<A, K> LoadAs(const In* p) {
  if constexpr (std::is_same<In, A>::value) {
    return Load<Vec<A, K>>(p);
  } else if constexpr (std::is_same<In, int32_t>::value && std::is_same<A, uint32_t>::value) {
    return (Vec<A, K>)Load<Vec<In, K>>(p);
  } else {
    return __builtin_convertvector(Load<Vec<In, K>>(p), Vec<A, K>);
  }
}

// One block of a row: 4 vectors of lanes, combined pairwise, then the lanes in a fixed tree,
// then the tail in order.
template <int RC, class In, class A>
inline A ReduceBlock(const In* x, int64_t n) {
  constexpr int K = Lanes<A>();
  using VA = Vec<A, K>;
  const VA id = Splat<VA>(Identity<RC, A>());
  VA a0 = id, a1 = id, a2 = id, a3 = id;
  int64_t i = 0;
  for (; i + 4 * K <= n; i += 4 * K) {
    a0 = CombineV<RC, A>(a0, LoadAs<In, A, K>(x + i));
    a1 = CombineV<RC, A>(a1, LoadAs<In, A, K>(x + i + K));
    a2 = CombineV<RC, A>(a2, LoadAs<In, A, K>(x + i + 2 * K));
    a3 = CombineV<RC, A>(a3, LoadAs<In, A, K>(x + i + 3 * K));
  }
  for (; i + K <= n; i += K) a0 = CombineV<RC, A>(a0, LoadAs<In, A, K>(x + i));
  a0 = CombineV<RC, A>(a0, a1);
  a2 = CombineV<RC, A>(a2, a3);
  a0 = CombineV<RC, A>(a0, a2);
  A lanes[K];
  std::memcpy(lanes, &a0, sizeof(lanes));
  for (int w = K / 2; w >= 1; w /= 2) {
    for (int l = 0; l < w; l++) lanes[l] = Combine<RC, A>(lanes[l], lanes[l + w]);
  }
  A acc = lanes[0];
  for (; i < n; i++) acc = Combine<RC, A>(acc, static_cast<A>(x[i]));
  return acc;
}

template <int RC, class In, class A>
void RowReduceKernel(const void* pin, int64_t rows, int64_t len, void* pout) {
  const In* in = static_cast<const In*>(pin);
  A* out = static_cast<A*>(pout);
  for (int64_t r = 0; r < rows; r++) {
    const In* x = in + r * len;
    A acc = Identity<RC, A>();
    for (int64_t b = 0; b < len; b += kRowBlock) {
      acc = Combine<RC, A>(acc, ReduceBlock<RC, In, A>(x + b, len - b < kRowBlock ? len - b : kRowBlock));
    }
    out[r] = acc;
  }
}

// Columns: blocks of kColBlock rows accumulate from the identity, then combine into acc.
template <int RC, class In, class A>
void ColReduceKernel(const void* pin, int64_t rows, int64_t stride, int64_t cols, void* pacc) {
  constexpr int K = Lanes<A>();
  constexpr int64_t kWidth = 2048;  // columns per pass (a multiple of K)
  using VA = Vec<A, K>;
  const In* in = static_cast<const In*>(pin);
  A* acc = static_cast<A*>(pacc);
  alignas(64) A part[kWidth];
  const A id = Identity<RC, A>();
  for (int64_t j0 = 0; j0 < cols; j0 += kWidth) {
    const int64_t w = cols - j0 < kWidth ? cols - j0 : kWidth;
    for (int64_t k0 = 0; k0 < rows; k0 += kColBlock) {
      const int64_t k1 = rows - k0 < kColBlock ? rows : k0 + kColBlock;
      for (int64_t j = 0; j < w; j++) part[j] = id;
      int64_t k = k0;
      // Four rows at a time (each column still combines its rows in order).
      for (; k + 4 <= k1; k += 4) {
        const In* x0 = in + k * stride + j0;
        const In* x1 = x0 + stride;
        const In* x2 = x1 + stride;
        const In* x3 = x2 + stride;
        int64_t j = 0;
        for (; j + K <= w; j += K) {
          VA a = Load<VA>(part + j);
          a = CombineV<RC, A>(a, LoadAs<In, A, K>(x0 + j));
          a = CombineV<RC, A>(a, LoadAs<In, A, K>(x1 + j));
          a = CombineV<RC, A>(a, LoadAs<In, A, K>(x2 + j));
          a = CombineV<RC, A>(a, LoadAs<In, A, K>(x3 + j));
          Store(part + j, a);
        }
        for (; j < w; j++) {
          A a = part[j];
          a = Combine<RC, A>(a, static_cast<A>(x0[j]));
          a = Combine<RC, A>(a, static_cast<A>(x1[j]));
          a = Combine<RC, A>(a, static_cast<A>(x2[j]));
          part[j] = Combine<RC, A>(a, static_cast<A>(x3[j]));
        }
      }
      for (; k < k1; k++) {
        const In* x = in + k * stride + j0;
        int64_t j = 0;
        for (; j + K <= w; j += K) Store(part + j, CombineV<RC, A>(Load<VA>(part + j), LoadAs<In, A, K>(x + j)));
        for (; j < w; j++) part[j] = Combine<RC, A>(part[j], static_cast<A>(x[j]));
      }
      A* t = acc + j0;
      for (int64_t j = 0; j < w; j++) t[j] = Combine<RC, A>(t[j], part[j]);
    }
  }
}

// --- Arg-reductions -----------------------------------------------------------------------

// First index of the largest (smallest) non-NaN element of each row, or -1 when there is none.
template <class T, bool MAX>
void ArgRowKernel(const void* pin, int64_t rows, int64_t len, int32_t* out) {
  constexpr int K = Lanes<T>();
  using V = Vec<T, K>;
  const T* in = static_cast<const T*>(pin);
  const T start = MAX ? Identity<kRcMax, T>() : Identity<kRcMin, T>();
  for (int64_t r = 0; r < rows; r++) {
    const T* x = in + r * len;
    V m0 = Splat<V>(start), m1 = m0;
    int64_t i = 0;
    for (; i + 2 * K <= len; i += 2 * K) {
      V v0 = Load<V>(x + i), v1 = Load<V>(x + i + K);
      if (MAX) { m0 = v0 > m0 ? v0 : m0; m1 = v1 > m1 ? v1 : m1; }
      else { m0 = v0 < m0 ? v0 : m0; m1 = v1 < m1 ? v1 : m1; }
    }
    T best = start;
    for (int l = 0; l < K; l++) {
      if (MAX) { best = m0[l] > best ? m0[l] : best; best = m1[l] > best ? m1[l] : best; }
      else { best = m0[l] < best ? m0[l] : best; best = m1[l] < best ? m1[l] : best; }
    }
    for (; i < len; i++) best = MAX ? (x[i] > best ? x[i] : best) : (x[i] < best ? x[i] : best);
    int32_t idx = -1;
    for (int64_t k = 0; k < len; k++) {
      if (x[k] == best) { idx = static_cast<int32_t>(k); break; }
    }
    out[r] = idx;
  }
}

// The reference's sequential rule per column: best starts at element 0 and moves to a later
// element only when that one is strictly better (so a NaN start never moves and NaNs never win).
template <class T, bool MAX>
void ArgColKernel(const void* pin, int64_t len, int64_t stride, int64_t cols, int32_t* out) {
  constexpr int K = Lanes<T>();
  using V = Vec<T, K>;
  using I = typename IntOf<T>::type;
  using VI = Vec<I, K>;
  constexpr int64_t kWidth = 256;
  const T* in = static_cast<const T*>(pin);
  alignas(64) T best[kWidth];
  alignas(64) I idx[kWidth];
  for (int64_t j0 = 0; j0 < cols; j0 += kWidth) {
    const int64_t w = cols - j0 < kWidth ? cols - j0 : kWidth;
    for (int64_t j = 0; j < w; j++) { best[j] = in[j0 + j]; idx[j] = 0; }
    for (int64_t k = 1; k < len; k++) {
      const T* x = in + k * stride + j0;
      const VI kv = Splat<VI>(static_cast<I>(k));
      int64_t j = 0;
      for (; j + K <= w; j += K) {
        V v = Load<V>(x + j), b = Load<V>(best + j);
        auto m = MAX ? (v > b) : (v < b);
        Store(best + j, m ? v : b);
        Store(idx + j, m ? kv : Load<VI>(idx + j));
      }
      for (; j < w; j++) {
        if (MAX ? x[j] > best[j] : x[j] < best[j]) { best[j] = x[j]; idx[j] = static_cast<I>(k); }
      }
    }
    for (int64_t j = 0; j < w; j++) out[j0 + j] = static_cast<int32_t>(idx[j]);
  }
}

// --- The table ---------------------------------------------------------------------------------

template <class T>
void FillBinary(KernelTable& t, int d) {
#define TSFLOW_BIN(OPC)                                  \
  t.binary[OPC][d][0] = &BinaryKernel<OPC, T, 0>;        \
  t.binary[OPC][d][1] = &BinaryKernel<OPC, T, 1>;        \
  t.binary[OPC][d][2] = &BinaryKernel<OPC, T, 2>;
  TSFLOW_BIN(kAdd) TSFLOW_BIN(kSub) TSFLOW_BIN(kMul) TSFLOW_BIN(kMaximum) TSFLOW_BIN(kMinimum)
  TSFLOW_BIN(kEqual) TSFLOW_BIN(kNotEqual) TSFLOW_BIN(kLess) TSFLOW_BIN(kLessEqual) TSFLOW_BIN(kGreater)
  TSFLOW_BIN(kGreaterEqual) TSFLOW_BIN(kReluGrad)
  if constexpr (std::is_floating_point<T>::value) { TSFLOW_BIN(kDiv) }
#undef TSFLOW_BIN
}

template <class T>
void FillUnary(KernelTable& t, int d) {
  t.unary[kNeg][d] = &UnaryKernel<kNeg, T>;
  t.unary[kAbs][d] = &UnaryKernel<kAbs, T>;
  t.unary[kSquare][d] = &UnaryKernel<kSquare, T>;
  t.unary[kRelu][d] = &UnaryKernel<kRelu, T>;
  t.unary[kSign][d] = &UnaryKernel<kSign, T>;
  if constexpr (std::is_floating_point<T>::value) {
    t.unary[kSqrt][d] = &SqrtKernel<T>;
    t.unary[kRsqrt][d] = &RsqrtKernel<T>;
    constexpr bool f32 = std::is_same<T, float>::value;
#define TSFLOW_MATH(OPC) t.unary[OPC][d] = f32 ? &UnaryMathF32<OPC> : &UnaryMathF64<OPC>;
    TSFLOW_MATH(kExp) TSFLOW_MATH(kLog) TSFLOW_MATH(kLog1p) TSFLOW_MATH(kSin) TSFLOW_MATH(kCos)
    TSFLOW_MATH(kTanh) TSFLOW_MATH(kSigmoid)
#undef TSFLOW_MATH
  }
}

template <class F>
void FillCast(KernelTable& t, int from) {
  t.cast[from][kF32] = &CastKernel<F, float>;
  t.cast[from][kF64] = &CastKernel<F, double>;
  t.cast[from][kI32] = &CastKernel<F, int32_t>;
  t.cast[from][kBool] = &CastKernel<F, uint8_t>;
}

// Reduce tables: [class][input][acc] for the combinations the drivers use.
template <int RC>
void FillReduce(KernelTable& t) {
  using F32 = typename AccC<RC, kAccF32>::type;
  using F64 = typename AccC<RC, kAccF64>::type;
  using I32 = typename AccC<RC, kAccI32>::type;
  using I64 = typename AccC<RC, kAccI64>::type;
  if (RC == kRcMax || RC == kRcMin) {
    t.row[RC][kRedInF32][kAccF32] = &RowReduceKernel<RC, float, F32>;
    t.row[RC][kRedInF64][kAccF64] = &RowReduceKernel<RC, double, F64>;
    t.row[RC][kRedInI32][kAccI32] = &RowReduceKernel<RC, int32_t, I32>;
    t.col[RC][kRedInF32][kAccF32] = &ColReduceKernel<RC, float, F32>;
    t.col[RC][kRedInF64][kAccF64] = &ColReduceKernel<RC, double, F64>;
    t.col[RC][kRedInI32][kAccI32] = &ColReduceKernel<RC, int32_t, I32>;
    t.row[RC][RedInAcc(kAccF32)][kAccF32] = &RowReduceKernel<RC, F32, F32>;
    t.col[RC][RedInAcc(kAccF32)][kAccF32] = &ColReduceKernel<RC, F32, F32>;
  } else {
    t.row[RC][kRedInF32][kAccF64] = &RowReduceKernel<RC, float, F64>;
    t.row[RC][kRedInF64][kAccF64] = &RowReduceKernel<RC, double, F64>;
    t.row[RC][kRedInI32][kAccI32] = &RowReduceKernel<RC, int32_t, I32>;
    t.col[RC][kRedInF32][kAccF64] = &ColReduceKernel<RC, float, F64>;
    t.col[RC][kRedInF64][kAccF64] = &ColReduceKernel<RC, double, F64>;
    t.col[RC][kRedInI32][kAccI32] = &ColReduceKernel<RC, int32_t, I32>;
    if (RC == kRcSum) {  // int32 means sum in 64 bits
      t.row[RC][kRedInI32][kAccI64] = &RowReduceKernel<RC, int32_t, I64>;
      t.col[RC][kRedInI32][kAccI64] = &ColReduceKernel<RC, int32_t, I64>;
      t.row[RC][RedInAcc(kAccI64)][kAccI64] = &RowReduceKernel<RC, I64, I64>;
      t.col[RC][RedInAcc(kAccI64)][kAccI64] = &ColReduceKernel<RC, I64, I64>;
    }
  }
  t.row[RC][RedInAcc(kAccF64)][kAccF64] = &RowReduceKernel<RC, F64, F64>;
  t.col[RC][RedInAcc(kAccF64)][kAccF64] = &ColReduceKernel<RC, F64, F64>;
  t.row[RC][RedInAcc(kAccI32)][kAccI32] = &RowReduceKernel<RC, I32, I32>;
  t.col[RC][RedInAcc(kAccI32)][kAccI32] = &ColReduceKernel<RC, I32, I32>;
}

KernelTable MakeTable() {
  KernelTable t;
  std::memset(&t, 0, sizeof(t));
  FillBinary<float>(t, kF32);
  FillBinary<double>(t, kF64);
  FillBinary<int32_t>(t, kI32);
  FillUnary<float>(t, kF32);
  FillUnary<double>(t, kF64);
  FillUnary<int32_t>(t, kI32);
  FillCast<float>(t, kF32);
  FillCast<double>(t, kF64);
  FillCast<int32_t>(t, kI32);
  FillCast<uint8_t>(t, kBool);
  FillReduce<kRcSum>(t);
  FillReduce<kRcProd>(t);
  FillReduce<kRcMax>(t);
  FillReduce<kRcMin>(t);
  t.argRow[0][kF32] = &ArgRowKernel<float, true>;
  t.argRow[0][kF64] = &ArgRowKernel<double, true>;
  t.argRow[0][kI32] = &ArgRowKernel<int32_t, true>;
  t.argRow[1][kF32] = &ArgRowKernel<float, false>;
  t.argRow[1][kF64] = &ArgRowKernel<double, false>;
  t.argRow[1][kI32] = &ArgRowKernel<int32_t, false>;
  t.argCol[0][kF32] = &ArgColKernel<float, true>;
  t.argCol[0][kF64] = &ArgColKernel<double, true>;
  t.argCol[0][kI32] = &ArgColKernel<int32_t, true>;
  t.argCol[1][kF32] = &ArgColKernel<float, false>;
  t.argCol[1][kF64] = &ArgColKernel<double, false>;
  t.argCol[1][kI32] = &ArgColKernel<int32_t, false>;
  return t;
}

}  // namespace
}  // namespace ew
}  // namespace tsflow
