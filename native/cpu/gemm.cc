// N-API binding of the GEMM kernels (gemm_kernels.cc).
//
//   gemm(a, b, out, m, n, k, transA, transB, batches, aIndex, bIndex): void
//     a, b, out: Float32Array (all three) or Float64Array, row-major, read in place;
//     out (batches×m×n) = op(a) · op(b) per batch, where batch t uses a's matrix aIndex[t]
//     (t when aIndex is null/undefined) of m×k elements (k×m when transA) and b's matrix
//     bIndex[t] of k×n (n×k when transB). Throws TypeError/RangeError on bad arguments.
//   gemmKernel(f64: boolean): string — the micro-kernel in use, e.g. "avx512 8x32".
#include <cstdint>

#include "bindings.h"
#include "gemm_kernels.h"

namespace tsflow {
namespace {

Napi::Value Fail(Napi::Env env, const char* message, bool range = false) {
  if (range)
    Napi::RangeError::New(env, message).ThrowAsJavaScriptException();
  else
    Napi::TypeError::New(env, message).ThrowAsJavaScriptException();
  return env.Undefined();
}

bool ToDim(const Napi::Value& v, int64_t& out) {
  if (!v.IsNumber()) return false;
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 9007199254740991.0) || d != static_cast<double>(static_cast<int64_t>(d))) return false;
  out = static_cast<int64_t>(d);
  return true;
}

// The batch index array (null when absent), checked against the operand's matrix count.
bool BatchIndex(const Napi::Value& v, int64_t batches, int64_t matrices, const int32_t*& out) {
  out = nullptr;
  if (v.IsNull() || v.IsUndefined()) return batches <= matrices;
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) return false;
  Napi::Int32Array idx = v.As<Napi::Int32Array>();
  if (static_cast<int64_t>(idx.ElementLength()) < batches) return false;
  const int32_t* p = idx.Data();
  for (int64_t t = 0; t < batches; t++)
    if (p[t] < 0 || p[t] >= matrices) return false;
  out = p;
  return true;
}

template <typename T, typename Array>
Napi::Value Run(const Napi::CallbackInfo& info, int64_t m, int64_t n, int64_t k, bool transA, bool transB,
                int64_t batches) {
  Napi::Env env = info.Env();
  Array a = info[0].As<Array>(), b = info[1].As<Array>(), out = info[2].As<Array>();
  int64_t aSize, bSize, cSize, total;
  if (__builtin_mul_overflow(m, k, &aSize) || __builtin_mul_overflow(k, n, &bSize) ||
      __builtin_mul_overflow(m, n, &cSize) || __builtin_mul_overflow(cSize, batches, &total))
    return Fail(env, "gemm: dimensions too large", true);
  if (static_cast<int64_t>(out.ElementLength()) < total) return Fail(env, "gemm: output too short", true);
  // Matrices each operand holds (all of them when a matrix is empty).
  const int64_t aMats = aSize == 0 ? batches : static_cast<int64_t>(a.ElementLength()) / aSize;
  const int64_t bMats = bSize == 0 ? batches : static_cast<int64_t>(b.ElementLength()) / bSize;
  const int32_t *aIndex, *bIndex;
  if (!BatchIndex(info[9], batches, aMats, aIndex)) return Fail(env, "gemm: a is too short or aIndex is invalid", true);
  if (!BatchIndex(info[10], batches, bMats, bIndex)) return Fail(env, "gemm: b is too short or bIndex is invalid", true);
  if (batches == 0 || m == 0 || n == 0) return env.Undefined();
  BatchGemm<T>(batches, aIndex, bIndex, m, n, k, a.Data(), transA, b.Data(), transB, out.Data());
  return env.Undefined();
}

Napi::Value GemmFn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 11) return Fail(env, "gemm: expected 11 arguments");
  int64_t m, n, k, batches;
  if (!ToDim(info[3], m) || !ToDim(info[4], n) || !ToDim(info[5], k) || !ToDim(info[8], batches))
    return Fail(env, "gemm: dimensions must be non-negative integers");
  const bool transA = info[6].ToBoolean().Value(), transB = info[7].ToBoolean().Value();
  if (!info[0].IsTypedArray() || !info[1].IsTypedArray() || !info[2].IsTypedArray())
    return Fail(env, "gemm: a, b and out must be typed arrays");
  const napi_typedarray_type type = info[0].As<Napi::TypedArray>().TypedArrayType();
  if (info[1].As<Napi::TypedArray>().TypedArrayType() != type || info[2].As<Napi::TypedArray>().TypedArrayType() != type)
    return Fail(env, "gemm: a, b and out must have the same type");
  if (type == napi_float32_array) return Run<float, Napi::Float32Array>(info, m, n, k, transA, transB, batches);
  if (type == napi_float64_array) return Run<double, Napi::Float64Array>(info, m, n, k, transA, transB, batches);
  return Fail(env, "gemm: expected Float32Array or Float64Array");
}

Napi::Value GemmKernelFn(const Napi::CallbackInfo& info) {
  const bool f64 = info.Length() > 0 && info[0].ToBoolean().Value();
  return Napi::String::New(info.Env(), GemmKernelName(f64));
}

}  // namespace

void InitGemm(Napi::Env env, Napi::Object exports) {
  exports.Set("gemm", Napi::Function::New(env, GemmFn, "gemm"));
  exports.Set("gemmKernel", Napi::Function::New(env, GemmKernelFn, "gemmKernel"));
}

}  // namespace tsflow
