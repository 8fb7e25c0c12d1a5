// N-API entry point of the Philox fills of the random ops on float32 and float64:
//
//   philoxFill(distribution, dtype, state, out)
//
// distribution 0 = UniformDistribution, 1 = NormalDistribution, 2 = TruncatedNormalDistribution;
// state is a Uint32Array [counter0..3, key0..1] (the generator positioned for this call, low
// words first). The algorithm is TensorFlow's step for step (philox_random.h,
// random_distributions.h, FillPhiloxRandom), with the C library's float32 functions where
// TensorFlow calls them (sincosf, logf, sqrtf), and the reference of the TypeScript kernels
// (src/devices/random/). Groups of outputs are independent of each other (each starts at its own
// counter), so the fill runs in parallel and gives the same bits on any number of threads.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "thread_pool.h"
#include "typed_arrays.h"

namespace tsflow {
namespace {

constexpr uint32_t kMA = 0xD2511F53u, kMB = 0xCD9E8D57u, kWA = 0x9E3779B9u, kWB = 0xBB67AE85u;

struct Philox {
  uint32_t c[4];
  uint32_t k[2];

  void Skip(uint64_t count) {
    const uint32_t lo = static_cast<uint32_t>(count);
    uint32_t hi = static_cast<uint32_t>(count >> 32);
    c[0] += lo;
    if (c[0] < lo) ++hi;
    c[1] += hi;
    if (c[1] < hi && ++c[2] == 0) ++c[3];
  }

  void Next(uint32_t out[4]) {
    uint32_t c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], k0 = k[0], k1 = k[1];
    for (int round = 0; round < 10; round++) {
      const uint64_t p0 = static_cast<uint64_t>(kMA) * c0, p1 = static_cast<uint64_t>(kMB) * c2;
      const uint32_t n0 = static_cast<uint32_t>(p1 >> 32) ^ c1 ^ k0, n2 = static_cast<uint32_t>(p0 >> 32) ^ c3 ^ k1;
      c1 = static_cast<uint32_t>(p1);
      c3 = static_cast<uint32_t>(p0);
      c0 = n0;
      c2 = n2;
      k0 += kWA;
      k1 += kWB;
    }
    out[0] = c0; out[1] = c1; out[2] = c2; out[3] = c3;
    if (++c[0] == 0 && ++c[1] == 0 && ++c[2] == 0) ++c[3];
  }
};

inline float Uint32ToFloat(uint32_t x) {
  const uint32_t v = (127u << 23) | (x & 0x7fffffu);
  float f;
  std::memcpy(&f, &v, sizeof f);
  return f - 1.0f;
}

inline double Uint64ToDouble(uint32_t x0, uint32_t x1) {
  const uint64_t v = (uint64_t{1023} << 52) | (static_cast<uint64_t>(x0 & 0xfffffu) << 32) | x1;
  double d;
  std::memcpy(&d, &v, sizeof d);
  return d - 1.0;
}

inline void BoxMullerFloat(uint32_t x0, uint32_t x1, float* f0, float* f1) {
  const float epsilon = 1.0e-7f;
  float u1 = Uint32ToFloat(x0);
  if (u1 < epsilon) u1 = epsilon;
  const float v1 = static_cast<float>(2.0f * M_PI * Uint32ToFloat(x1));
  const float u2 = std::sqrt(-2.0f * std::log(u1));
#if defined(__linux__)
  sincosf(v1, f0, f1);
#else
  *f0 = std::sin(v1);
  *f1 = std::cos(v1);
#endif
  *f0 *= u2;
  *f1 *= u2;
}

inline void BoxMullerDouble(uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3, double* d0, double* d1) {
  double u1 = Uint64ToDouble(x0, x1);
  if (u1 < 1.0e-7) u1 = 1.0e-7;
  const double v1 = 2 * M_PI * Uint64ToDouble(x2, x3);
  const double u2 = std::sqrt(-2.0 * std::log(u1));
#if defined(__linux__)
  sincos(v1, d0, d1);
#else
  *d0 = std::sin(v1);
  *d1 = std::cos(v1);
#endif
  *d0 *= u2;
  *d1 *= u2;
}

// One group of outputs (4 float32s or 2 float64s) from the generator positioned at its start.
template <class T>
void Group(int distribution, Philox& gen, T* out) {
  uint32_t s[4];
  if (distribution != 2) {
    gen.Next(s);
    if constexpr (sizeof(T) == 4) {
      if (distribution == 0) for (int i = 0; i < 4; i++) out[i] = Uint32ToFloat(s[i]);
      else { BoxMullerFloat(s[0], s[1], &out[0], &out[1]); BoxMullerFloat(s[2], s[3], &out[2], &out[3]); }
    } else {
      if (distribution == 0) { out[0] = Uint64ToDouble(s[0], s[1]); out[1] = Uint64ToDouble(s[2], s[3]); }
      else BoxMullerDouble(s[0], s[1], s[2], s[3], &out[0], &out[1]);
    }
    return;
  }
  // Truncated normal: samples one uint32 at a time, normals kept while |x| < 2.
  constexpr int kGroup = sizeof(T) == 4 ? 4 : 2;
  int used = 4, index = 0;
  auto single = [&]() {
    if (used == 4) { gen.Next(s); used = 0; }
    return s[used++];
  };
  while (index < kGroup) {
    T pair[2];
    if constexpr (sizeof(T) == 4) {
      const uint32_t x0 = single(), x1 = single();
      BoxMullerFloat(x0, x1, &pair[0], &pair[1]);
    } else {
      const uint32_t x0 = single(), x1 = single(), x2 = single(), x3 = single();
      BoxMullerDouble(x0, x1, x2, x3, &pair[0], &pair[1]);
    }
    if (std::abs(pair[0]) < T(2)) out[index++] = pair[0];
    if (index < kGroup && std::abs(pair[1]) < T(2)) out[index++] = pair[1];
  }
}

template <class T>
void Fill(int distribution, const Philox& base, T* out, int64_t n) {
  constexpr int64_t kGroup = sizeof(T) == 4 ? 4 : 2;
  const int64_t groups = (n + kGroup - 1) / kGroup;
  // The truncated normal reserves 256 samples per output: each group starts kGroup * 64 calls on.
  const uint64_t skipPerGroup = distribution == 2 ? static_cast<uint64_t>(kGroup) * 256 / 4 : 1;
  ParallelFor(groups, 1024, [&](int64_t begin, int64_t end) {
    Philox gen = base;
    if (distribution != 2) gen.Skip(static_cast<uint64_t>(begin));
    T tail[4];
    for (int64_t g = begin; g < end; g++) {
      if (distribution == 2) { gen = base; gen.Skip(static_cast<uint64_t>(g) * skipPerGroup); }
      const int64_t at = g * kGroup;
      if (at + kGroup <= n) Group<T>(distribution, gen, out + at);
      else {
        Group<T>(distribution, gen, tail);
        for (int64_t i = at; i < n; i++) out[i] = tail[i - at];
      }
    }
  });
}

Napi::Value PhiloxFill(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  int32_t distribution = -1, dtype = -1;
  napi_get_value_int32(env, info[0], &distribution);
  napi_get_value_int32(env, info[1], &dtype);
  ArrayArg state, out;
  if (!GetArray(env, info[2], &state) || !GetArray(env, info[3], &out)) return ThrowType(info, "philoxFill: expected typed arrays");
  if (distribution < 0 || distribution > 2 || (dtype != kF32 && dtype != kF64) || state.type != napi_uint32_array ||
      state.length != 6 || out.type != ArrayTypeOf(dtype)) {
    return ThrowType(info, "philoxFill: bad arguments");
  }
  const uint32_t* s = static_cast<const uint32_t*>(state.data);
  Philox base{{s[0], s[1], s[2], s[3]}, {s[4], s[5]}};
  const int64_t n = static_cast<int64_t>(out.length);
  if (dtype == kF32) Fill<float>(distribution, base, static_cast<float*>(out.data), n);
  else Fill<double>(distribution, base, static_cast<double*>(out.data), n);
  return info.Env().Undefined();
}

}  // namespace

void InitPhilox(Napi::Env env, Napi::Object exports) {
  exports.Set("philoxFill", Napi::Function::New(env, PhiloxFill, "philoxFill"));
}

}  // namespace tsflow
