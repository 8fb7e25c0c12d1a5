// Run-time pieces of the elementwise kernels: the kernel table for BestIsa(), glibc's libmvec
// (loaded with dlopen, so the addon links and runs without it: the scalar libm is the
// fallback), and the scalar libm functions.
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__linux__)
#include <dlfcn.h>
#endif

#include "cpu_features.h"
#include "elementwise_kernels.h"

namespace tsflow {
namespace ew {

const KernelTable& Kernels() {
  static const KernelTable* table = [] {
    const KernelTable* t = nullptr;
    switch (BestIsa()) {
      case Isa::kAvx512: t = Avx512Kernels(); break;
      case Isa::kAvx2Fma: t = Avx2Kernels(); break;
      default: break;
    }
    return t != nullptr ? t : &PortableKernels();
  }();
  return *table;
}

const MvecTable& Mvec() {
  static const MvecTable table = [] {
    MvecTable t;
    std::memset(&t, 0, sizeof(t));
#if defined(__linux__) && defined(__x86_64__)
    // TSFLOW_MVEC=0 keeps the scalar libm on every path.
    const char* env = std::getenv("TSFLOW_MVEC");
    if (env != nullptr && std::strcmp(env, "0") == 0) return t;
    void* lib = dlopen("libmvec.so.1", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) return t;
    static const char* const names[kNumMathFns] = {"exp", "log", "log1p", "sin", "cos", "tanh"};
    for (int f = 0; f < kNumMathFns; f++) {
      char sym[32];
      std::snprintf(sym, sizeof(sym), "_ZGVeN8v_%s", names[f]);
      t.avx512[f] = dlsym(lib, sym);
      std::snprintf(sym, sizeof(sym), "_ZGVdN4v_%s", names[f]);
      t.avx2[f] = dlsym(lib, sym);
    }
    // The library stays loaded for the life of the process.
#endif
    return t;
  }();
  return table;
}

namespace {

uint32_t HighWord(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, 8);
  return static_cast<uint32_t>(bits >> 32);
}
double FromWords(uint32_t hi, uint32_t lo) {
  const uint64_t bits = (static_cast<uint64_t>(hi) << 32) | lo;
  double x;
  std::memcpy(&x, &bits, 8);
  return x;
}

// expm1 by fdlibm's algorithm (Sun Microsystems' freely distributable fdlibm, as V8's
// Math.expm1 computes it): reduce x = k ln2 + r, expm1(r) by a rational approximation, scale.
double Expm1(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kInvLn2 = 1.44269504088896338700e+00, kOverflow = 7.09782712893383973096e+02;
  constexpr double Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03,
                   Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06,
                   Q5 = -2.01099218183624371326e-07;
  const uint32_t high = HighWord(x);
  const bool negative = (high >> 31) != 0;
  const uint32_t hx = high & 0x7fffffff;
  if (hx >= 0x4043687a) {  // |x| >= 56 ln2
    if (x != x) return x + x;
    if (std::isinf(x)) return negative ? -1.0 : x;
    if (x > kOverflow) return HUGE_VAL;
    if (negative) return -1.0;
  }
  double hi, lo, c = 0;
  int k;
  if (hx > 0x3fd62e42) {  // |x| > ln2 / 2
    if (hx < 0x3ff0a2b2) {  // and |x| < 3 ln2 / 2
      hi = negative ? x + kLn2Hi : x - kLn2Hi;
      lo = negative ? -kLn2Lo : kLn2Lo;
      k = negative ? -1 : 1;
    } else {
      k = static_cast<int>(kInvLn2 * x + (negative ? -0.5 : 0.5));
      const double t = k;
      hi = x - t * kLn2Hi;  // exact
      lo = t * kLn2Lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000) {  // |x| < 2^-54
    return x;
  } else {
    k = 0;
  }
  const double hfx = 0.5 * x;
  const double hxs = x * hfx;
  const double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
  double t = 3.0 - r1 * hfx;
  double e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  e = x * (e - c) - c;
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
  const double twopk = FromWords(static_cast<uint32_t>(0x3ff00000 + (k << 20)), 0);
  double y;
  if (k <= -2 || k > 56) {
    y = 1.0 - (e - x);
    y = k == 1024 ? y * 2.0 * 0x1p1023 : y * twopk;
    return y - 1.0;
  }
  if (k < 20) {
    t = FromWords(static_cast<uint32_t>(0x3ff00000 - (0x200000 >> k)), 0);  // 1 - 2^-k
    y = t - (e - x);
  } else {
    t = FromWords(static_cast<uint32_t>((0x3ff - k) << 20), 0);  // 2^-k
    y = x - (e + t);
    y += 1.0;
  }
  return y * twopk;
}

// tanh by fdlibm's algorithm on that expm1, which is V8's Math.tanh: glibc's tanh is as
// accurate but up to 3 ulp away from it, the reference being up to ~2 ulp off itself.
double Tanh(double x) {
  const double ax = std::fabs(x);
  if (!(ax < 22.0)) {
    if (ax != ax) return x + x;  // NaN
    return std::signbit(x) ? -1.0 : 1.0;
  }
  if (ax < 0x1p-28) return x;
  double z;
  if (ax >= 1.0) {
    const double t = Expm1(2.0 * ax);
    z = 1.0 - 2.0 / (t + 2.0);
  } else {
    const double t = Expm1(-2.0 * ax);
    z = -t / (t + 2.0);
  }
  return std::signbit(x) ? -z : z;
}

}  // namespace

double ScalarMath(MathFn fn, double x) {
  switch (fn) {
    case kMExp: return std::exp(x);
    case kMLog: return std::log(x);
    case kMLog1p: return std::log1p(x);
    case kMSin: return std::sin(x);
    case kMCos: return std::cos(x);
    case kMTanh: return Tanh(x);
    default: return x;
  }
}

}  // namespace ew
}  // namespace tsflow
