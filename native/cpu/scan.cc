// N-API entry point of the scans (Cumsum, Cumprod) on float32, float64 and int32:
//
//   scan(op, dtype, x, out, outer, len, inner, exclusive, reverse)  op 0 = Cumsum, 1 = Cumprod
//
// The same order of operations as the TypeScript kernel (kernels/scan.ts): one running value
// per (outer, inner) line, kept in the element type, so float32 accumulates in float32 and
// int32 wraps at every step; results are the same bits. Lines that share an outer index are
// walked together along the axis, so the inner loop reads contiguous memory.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "thread_pool.h"
#include "typed_arrays.h"

namespace tsflow {
namespace {

// Wrapping int32 arithmetic (the TypeScript kernel stores into an Int32Array at every step).
inline int32_t Add(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b)); }
inline int32_t Mul(int32_t a, int32_t b) { return static_cast<int32_t>(static_cast<uint32_t>(a) * static_cast<uint32_t>(b)); }
inline float Add(float a, float b) { return a + b; }
inline float Mul(float a, float b) { return a * b; }
inline double Add(double a, double b) { return a + b; }
inline double Mul(double a, double b) { return a * b; }

template <class T, bool kProd>
void ScanBlock(const T* x, T* out, int64_t len, int64_t inner, bool exclusive, bool reverse, T* acc) {
  for (int64_t i = 0; i < inner; i++) acc[i] = kProd ? T(1) : T(0);
  for (int64_t j = 0; j < len; j++) {
    const int64_t k = reverse ? len - 1 - j : j;
    const T* src = x + k * inner;
    T* dst = out + k * inner;
    if (exclusive) {
      for (int64_t i = 0; i < inner; i++) { const T v = src[i]; dst[i] = acc[i]; acc[i] = kProd ? Mul(acc[i], v) : Add(acc[i], v); }
    } else {
      for (int64_t i = 0; i < inner; i++) { acc[i] = kProd ? Mul(acc[i], src[i]) : Add(acc[i], src[i]); dst[i] = acc[i]; }
    }
  }
}

template <class T, bool kProd>
void RunScan(const T* x, T* out, int64_t outer, int64_t len, int64_t inner, bool exclusive, bool reverse) {
  // Each outer block is independent; split them over the pool (the result does not depend on the split).
  ParallelFor(outer, std::max<int64_t>(1, (int64_t{1} << 16) / std::max<int64_t>(1, len * inner)), [&](int64_t begin, int64_t end) {
    std::vector<T> acc(static_cast<size_t>(inner));
    for (int64_t o = begin; o < end; o++) {
      ScanBlock<T, kProd>(x + o * len * inner, out + o * len * inner, len, inner, exclusive, reverse, acc.data());
    }
  });
}

template <class T>
void Dispatch(int op, const void* x, void* out, int64_t outer, int64_t len, int64_t inner, bool exclusive, bool reverse) {
  if (op == 0) RunScan<T, false>(static_cast<const T*>(x), static_cast<T*>(out), outer, len, inner, exclusive, reverse);
  else RunScan<T, true>(static_cast<const T*>(x), static_cast<T*>(out), outer, len, inner, exclusive, reverse);
}

Napi::Value Scan(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  int32_t op = -1, dtype = -1;
  napi_get_value_int32(env, info[0], &op);
  napi_get_value_int32(env, info[1], &dtype);
  if (op < 0 || op > 1 || dtype < 0 || dtype > kI32) return ThrowType(info, "scan: bad op or dtype");
  ArrayArg x, out;
  if (!GetArray(env, info[2], &x) || !GetArray(env, info[3], &out)) return ThrowType(info, "scan: expected typed arrays");
  double outer = -1, len = -1, inner = -1;
  napi_get_value_double(env, info[4], &outer);
  napi_get_value_double(env, info[5], &len);
  napi_get_value_double(env, info[6], &inner);
  bool exclusive = false, reverse = false;
  napi_get_value_bool(env, info[7], &exclusive);
  napi_get_value_bool(env, info[8], &reverse);
  if (x.type != ArrayTypeOf(dtype) || out.type != x.type || !(outer >= 0 && len >= 0 && inner >= 0) ||
      outer * len * inner != static_cast<double>(x.length) || out.length != x.length) {
    return ThrowType(info, "scan: typed arrays do not match");
  }
  const int64_t no = static_cast<int64_t>(outer), nl = static_cast<int64_t>(len), ni = static_cast<int64_t>(inner);
  if (no * nl * ni == 0) return info.Env().Undefined();
  switch (dtype) {
    case kF32: Dispatch<float>(op, x.data, out.data, no, nl, ni, exclusive, reverse); break;
    case kF64: Dispatch<double>(op, x.data, out.data, no, nl, ni, exclusive, reverse); break;
    default: Dispatch<int32_t>(op, x.data, out.data, no, nl, ni, exclusive, reverse); break;
  }
  return info.Env().Undefined();
}

}  // namespace

void InitScan(Napi::Env env, Napi::Object exports) {
  exports.Set("scan", Napi::Function::New(env, Scan, "scan"));
}

}  // namespace tsflow
