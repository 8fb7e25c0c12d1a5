// 2-D convolution (NHWC input, HWIO filter, one group) on the packed GEMM (gemm_kernels.cc):
//
//   conv2d(mode, a, b, out, geometry): void
//     mode 0 (forward):         a = input,  b = filter, out = output
//     mode 1 (input gradient):  a = filter, b = dy,     out = dx
//     mode 2 (filter gradient): a = input,  b = dy,     out = dw
//     a, b, out: all Float32Array or all Float64Array; geometry: Int32Array
//     [N, IH, IW, C, OH, OW, O, KH, KW, strideH, strideW, dilationH, dilationW, padTop, padLeft].
//
// With P the patch matrix (one row per output position, KH·KW·C columns: im2col),
//   forward   Y  = P · W            (rows × O)
//   input     dP = dY · Wᵀ, then dX gathers dP's entries back to the input positions (col2im)
//   filter    dW = Pᵀ · dY          summed over row blocks
// P is built in blocks of rows (about 8 MB), on the thread pool. A 1×1 filter with stride 1 and
// no padding needs no patches: the input itself is P (TensorFlow's LaunchGeneric does the same).
// The col2im gather runs per input row, so no two threads write the same element, and every
// element sums its taps in one fixed order: the bits never depend on the thread count.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "bindings.h"
#include "gemm_kernels.h"
#include "thread_pool.h"

namespace tsflow {
namespace {

struct Geometry {
  int64_t n, ih, iw, c, oh, ow, o, kh, kw, sh, sw, dh, dw, ph, pw;
  int64_t K() const { return kh * kw * c; }
  int64_t M() const { return oh * ow; }  // output positions per image
  bool Pointwise() const { return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0 && oh == ih && ow == iw; }
};

constexpr int64_t kBlockElements = int64_t{1} << 21;

// Rows [r0, r1) of the patch matrix (global row r = image · M + position) into p.
template <typename T>
void Im2Col(const Geometry& g, const T* x, int64_t r0, int64_t r1, T* p) {
  const int64_t K = g.K(), M = g.M();
  ParallelFor(r1 - r0, 8, [&](int64_t begin, int64_t end) {
    for (int64_t r = r0 + begin; r < r0 + end; r++) {
      const int64_t img = r / M, pos = r % M, oy = pos / g.ow, ox = pos % g.ow;
      T* row = p + (r - r0) * K;
      for (int64_t ky = 0; ky < g.kh; ky++) {
        const int64_t y = oy * g.sh - g.ph + ky * g.dh;
        for (int64_t kx = 0; kx < g.kw; kx++) {
          const int64_t xx = ox * g.sw - g.pw + kx * g.dw;
          T* dst = row + (ky * g.kw + kx) * g.c;
          if (y < 0 || y >= g.ih || xx < 0 || xx >= g.iw) std::memset(dst, 0, sizeof(T) * g.c);
          else std::memcpy(dst, x + ((img * g.ih + y) * g.iw + xx) * g.c, sizeof(T) * g.c);
        }
      }
    }
  });
}

template <typename T>
void Forward(const Geometry& g, const T* x, const T* w, T* y) {
  const int64_t K = g.K(), rows = g.n * g.M();
  if (g.Pointwise()) {
    Gemm<T>(rows, g.o, K, x, K, 1, w, g.o, 1, y, g.o);
    return;
  }
  const int64_t block = std::max<int64_t>(64, kBlockElements / std::max<int64_t>(1, K));
  std::vector<T> p(static_cast<size_t>(std::min(block, rows) * K));
  for (int64_t r0 = 0; r0 < rows; r0 += block) {
    const int64_t r1 = std::min(rows, r0 + block);
    Im2Col(g, x, r0, r1, p.data());
    Gemm<T>(r1 - r0, g.o, K, p.data(), K, 1, w, g.o, 1, y + r0 * g.o, g.o);
  }
}

// dx for images [i0, i1) from their rows of dP (row (img − i0)·M + position).
template <typename T>
void Col2Im(const Geometry& g, const T* dp, int64_t i0, int64_t i1, T* dx) {
  const int64_t K = g.K(), M = g.M();
  ParallelFor((i1 - i0) * g.ih, 1, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; t++) {
      const int64_t local = t / g.ih, y = t % g.ih;
      T* out = dx + ((i0 + local) * g.ih + y) * g.iw * g.c;
      std::memset(out, 0, sizeof(T) * g.iw * g.c);
      for (int64_t ky = 0; ky < g.kh; ky++) {
        const int64_t ty = y + g.ph - ky * g.dh;
        if (ty < 0 || ty % g.sh != 0) continue;
        const int64_t oy = ty / g.sh;
        if (oy >= g.oh) continue;
        for (int64_t xx = 0; xx < g.iw; xx++) {
          T* o = out + xx * g.c;
          for (int64_t kx = 0; kx < g.kw; kx++) {
            const int64_t tx = xx + g.pw - kx * g.dw;
            if (tx < 0 || tx % g.sw != 0) continue;
            const int64_t ox = tx / g.sw;
            if (ox >= g.ow) continue;
            const T* s = dp + (local * M + oy * g.ow + ox) * K + (ky * g.kw + kx) * g.c;
            for (int64_t ci = 0; ci < g.c; ci++) o[ci] += s[ci];
          }
        }
      }
    }
  });
}

template <typename T>
void BackpropInput(const Geometry& g, const T* w, const T* dy, T* dx) {
  const int64_t K = g.K(), M = g.M();
  // op(B)[p = o][j = k] = w[k·O + o]: Wᵀ read in place.
  if (g.Pointwise()) {
    Gemm<T>(g.n * M, K, g.o, dy, g.o, 1, w, 1, g.o, dx, K);
    return;
  }
  const int64_t images = std::max<int64_t>(1, kBlockElements / std::max<int64_t>(1, M * K));
  std::vector<T> dp(static_cast<size_t>(std::min(images, g.n) * M * K));
  for (int64_t i0 = 0; i0 < g.n; i0 += images) {
    const int64_t i1 = std::min(g.n, i0 + images);
    Gemm<T>((i1 - i0) * M, K, g.o, dy + i0 * M * g.o, g.o, 1, w, 1, g.o, dp.data(), K);
    Col2Im(g, dp.data(), i0, i1, dx);
  }
}

template <typename T>
void BackpropFilter(const Geometry& g, const T* x, const T* dy, T* dw) {
  const int64_t K = g.K(), rows = g.n * g.M();
  // op(A)[i = k][p = r] = P[r·K + k]: Pᵀ read in place.
  if (g.Pointwise()) {
    Gemm<T>(K, g.o, rows, x, 1, K, dy, g.o, 1, dw, g.o);
    return;
  }
  const int64_t block = std::max<int64_t>(64, kBlockElements / std::max<int64_t>(1, K));
  std::vector<T> p(static_cast<size_t>(std::min(block, rows) * K));
  std::vector<T> part(block < rows ? static_cast<size_t>(K * g.o) : 0);
  for (int64_t r0 = 0; r0 < rows; r0 += block) {
    const int64_t r1 = std::min(rows, r0 + block);
    Im2Col(g, x, r0, r1, p.data());
    T* target = r0 == 0 ? dw : part.data();
    Gemm<T>(K, g.o, r1 - r0, p.data(), 1, K, dy + r0 * g.o, g.o, 1, target, g.o);
    if (r0 != 0) for (int64_t i = 0; i < K * g.o; i++) dw[i] += part[static_cast<size_t>(i)];
  }
}

Napi::Value Fail(Napi::Env env, const char* message) {
  Napi::TypeError::New(env, message).ThrowAsJavaScriptException();
  return env.Undefined();
}

template <typename T, typename Array>
Napi::Value Run(const Napi::CallbackInfo& info, int mode, const Geometry& g) {
  Napi::Env env = info.Env();
  Array a = info[1].As<Array>(), b = info[2].As<Array>(), out = info[3].As<Array>();
  const int64_t xSize = g.n * g.ih * g.iw * g.c, wSize = g.K() * g.o, ySize = g.n * g.M() * g.o;
  const int64_t aNeed = mode == 1 ? wSize : xSize, bNeed = mode == 0 ? wSize : ySize;
  const int64_t outNeed = mode == 0 ? ySize : mode == 1 ? xSize : wSize;
  if (static_cast<int64_t>(a.ElementLength()) < aNeed || static_cast<int64_t>(b.ElementLength()) < bNeed ||
      static_cast<int64_t>(out.ElementLength()) < outNeed)
    return Fail(env, "conv2d: an array is shorter than the geometry needs");
  if (outNeed == 0) return env.Undefined();
  if (mode == 0) Forward<T>(g, a.Data(), b.Data(), out.Data());
  else if (mode == 1) BackpropInput<T>(g, a.Data(), b.Data(), out.Data());
  else BackpropFilter<T>(g, a.Data(), b.Data(), out.Data());
  return env.Undefined();
}

Napi::Value Conv2DFn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 5 || !info[0].IsNumber()) return Fail(env, "conv2d: expected (mode, a, b, out, geometry)");
  const int mode = info[0].As<Napi::Number>().Int32Value();
  if (mode < 0 || mode > 2) return Fail(env, "conv2d: mode must be 0, 1 or 2");
  if (!info[4].IsTypedArray() || info[4].As<Napi::TypedArray>().TypedArrayType() != napi_int32_array ||
      info[4].As<Napi::Int32Array>().ElementLength() < 15)
    return Fail(env, "conv2d: geometry must be an Int32Array of 15 values");
  const int32_t* q = info[4].As<Napi::Int32Array>().Data();
  for (int i = 0; i < 15; i++)
    if (q[i] < 0 || (i >= 9 && i < 13 && q[i] < 1)) return Fail(env, "conv2d: invalid geometry");
  const Geometry g{q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7], q[8], q[9], q[10], q[11], q[12], q[13], q[14]};
  if (!info[1].IsTypedArray() || !info[2].IsTypedArray() || !info[3].IsTypedArray())
    return Fail(env, "conv2d: a, b and out must be typed arrays");
  const napi_typedarray_type type = info[1].As<Napi::TypedArray>().TypedArrayType();
  if (info[2].As<Napi::TypedArray>().TypedArrayType() != type || info[3].As<Napi::TypedArray>().TypedArrayType() != type)
    return Fail(env, "conv2d: a, b and out must have the same type");
  if (type == napi_float32_array) return Run<float, Napi::Float32Array>(info, mode, g);
  if (type == napi_float64_array) return Run<double, Napi::Float64Array>(info, mode, g);
  return Fail(env, "conv2d: expected Float32Array or Float64Array");
}

}  // namespace

void InitConv(Napi::Env env, Napi::Object exports) {
  exports.Set("conv2d", Napi::Function::New(env, Conv2DFn, "conv2d"));
}

}  // namespace tsflow
