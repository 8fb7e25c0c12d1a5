// N-API entry points of the tf.nn row kernels on float32 (ops/nn.ts), rows in parallel:
//
//   softmax(x, out, rows, depth, log)                         Softmax / LogSoftmax
//   softmaxXent(x, labels, loss, backprop, rows, depth)       SoftmaxCrossEntropyWithLogits
//   sparseSoftmaxXent(x, labels, loss, backprop, rows, depth) SparseSoftmaxCrossEntropyWithLogits
//
// Each row: its max m, shifted = x - m and exp in float (as TensorFlow's float kernels, with
// softmax_impl.h's exp), the sum of the exponentials in double. The TypeScript kernels
// (kernels/nn.ts) compute in double and round once: results agree to float32 rounding (a few
// ulps), not bit for bit. Labels are checked by the caller (sparse: within [0, depth)).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "cpu_features.h"
#include "thread_pool.h"
#include "typed_arrays.h"

#define TSFLOW_SOFTMAX_NS portable
#include "softmax_impl.h"
#undef TSFLOW_SOFTMAX_NS
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define TSFLOW_SOFTMAX_NS avx2
#include "softmax_impl.h"
#undef TSFLOW_SOFTMAX_NS
#pragma GCC pop_options
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl,avx2,fma,prefer-vector-width=512")
#define TSFLOW_SOFTMAX_NS avx512
#include "softmax_impl.h"
#undef TSFLOW_SOFTMAX_NS
#pragma GCC pop_options
#define TSFLOW_SOFTMAX_X86 1
#endif

namespace tsflow {
namespace {

// Rows per task: about 16K elements each.
int64_t RowGrain(int64_t depth) { return std::max<int64_t>(1, (int64_t{1} << 14) / std::max<int64_t>(1, depth)); }

using RowsFn = void (*)(int, const float*, const void*, float*, float*, int64_t, int64_t, int64_t, float*);
RowsFn PickRows() {
#ifdef TSFLOW_SOFTMAX_X86
  switch (BestIsa()) {
    case Isa::kAvx512: return avx512::Rows;
    case Isa::kAvx2Fma: return avx2::Rows;
    default: break;
  }
#endif
  return portable::Rows;
}

void RunRows(int mode, const float* x, const void* labels, float* out, float* loss, int64_t rows, int64_t depth) {
  static const RowsFn rowsFn = PickRows();
  ParallelFor(rows, RowGrain(depth), [&](int64_t begin, int64_t end) {
    std::vector<float> scratch(static_cast<size_t>(depth));
    rowsFn(mode, x, labels, out, loss, begin, end, depth, scratch.data());
  });
}

bool Dims(const Napi::CallbackInfo& info, int at, int64_t* rows, int64_t* depth) {
  double r = -1, d = -1;
  napi_get_value_double(info.Env(), info[at], &r);
  napi_get_value_double(info.Env(), info[at + 1], &d);
  if (!(r >= 0 && d >= 1 && r * d < 9007199254740992.0)) return false;
  *rows = static_cast<int64_t>(r);
  *depth = static_cast<int64_t>(d);
  return true;
}

Napi::Value Softmax(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  ArrayArg x, out;
  int64_t rows, depth;
  if (!GetArray(env, info[0], &x) || !GetArray(env, info[1], &out) || !Dims(info, 2, &rows, &depth) ||
      x.type != napi_float32_array || out.type != napi_float32_array ||
      x.length != static_cast<size_t>(rows * depth) || out.length != x.length) {
    return ThrowType(info, "softmax: typed arrays do not match");
  }
  bool log = false;
  napi_get_value_bool(env, info[4], &log);
  RunRows(log ? 1 : 0, static_cast<const float*>(x.data), nullptr, static_cast<float*>(out.data), nullptr, rows, depth);
  return Napi::Boolean::New(env, true);
}

// Both cross-entropies: labels dense (float32, [rows, depth]) or sparse (int32, [rows]).
Napi::Value Xent(const Napi::CallbackInfo& info, bool sparse) {
  napi_env env = info.Env();
  ArrayArg x, labels, loss, back;
  int64_t rows, depth;
  if (!GetArray(env, info[0], &x) || !GetArray(env, info[1], &labels) || !GetArray(env, info[2], &loss) ||
      !GetArray(env, info[3], &back) || !Dims(info, 4, &rows, &depth) || x.type != napi_float32_array ||
      loss.type != napi_float32_array || back.type != napi_float32_array ||
      labels.type != (sparse ? napi_int32_array : napi_float32_array) ||
      x.length != static_cast<size_t>(rows * depth) || back.length != x.length || loss.length != static_cast<size_t>(rows) ||
      labels.length != (sparse ? static_cast<size_t>(rows) : x.length)) {
    return ThrowType(info, "softmaxXent: typed arrays do not match");
  }
  RunRows(sparse ? 3 : 2, static_cast<const float*>(x.data), labels.data, static_cast<float*>(back.data),
          static_cast<float*>(loss.data), rows, depth);
  return Napi::Boolean::New(env, true);
}

Napi::Value SoftmaxXent(const Napi::CallbackInfo& info) { return Xent(info, false); }
Napi::Value SparseSoftmaxXent(const Napi::CallbackInfo& info) { return Xent(info, true); }

}  // namespace

void InitSoftmax(Napi::Env env, Napi::Object exports) {
  exports.Set("softmax", Napi::Function::New(env, Softmax, "softmax"));
  exports.Set("softmaxXent", Napi::Function::New(env, SoftmaxXent, "softmaxXent"));
  exports.Set("sparseSoftmaxXent", Napi::Function::New(env, SparseSoftmaxXent, "sparseSoftmaxXent"));
}

}  // namespace tsflow
