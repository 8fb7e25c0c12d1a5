// N-API entry points of the reductions (Sum, Mean, Prod, Max, Min over any axes) and the
// arg-reductions (ArgMax, ArgMin over one axis) on float32, float64 and int32.
//
//   ewReduce(op, dtype, x, out, layout)  layout: Float64Array [rank, dims..., reduced flags...]
//   ewArg(op, dtype, x, out, outer, len, inner)  op 0 = ArgMax, 1 = ArgMin; out Int32Array or
//                                              BigInt64Array of outer * inner indices
//
// A reduction is done in passes over the input's dims, after dropping size-1 dims and merging
// neighbours that are both reduced or both kept: a reduced innermost group is a row pass
// (contiguous rows), a kept innermost group after a reduced one is a column pass. Each pass
// removes one reduced group; the usual cases take one. Accumulators: double for float32 and
// float64 sums and products, wrapping 32-bit for int32 sums and products, 64-bit for int32
// means, the element type for max/min. How a row or a column is cut into blocks depends only
// on its length, never on the thread count, so results are the same bits on every call and
// every thread count (and every ISA, the lanes being 64 bytes everywhere).
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include "elementwise_glue.h"
#include "elementwise_kernels.h"
#include "elementwise_scalar.h"
#include "thread_pool.h"

namespace tsflow {
namespace ew {
namespace {

constexpr int kMaxRank = 32;
constexpr int64_t kArgBlock = int64_t{1} << 16;

int32_t IntArg(const Napi::CallbackInfo& info, size_t i) {
  int32_t v = -1;
  napi_get_value_int32(info.Env(), info[i], &v);
  return v;
}
double NumberArg(const Napi::CallbackInfo& info, size_t i) {
  double v = -1;
  napi_get_value_double(info.Env(), info[i], &v);
  return v;
}

template <class T>
const T* At(const void* p, int64_t i) { return static_cast<const T*>(p) + i; }

// Reduce `rows` rows of `len` contiguous elements into dst[rows].
template <int RC, class A>
void RowPass(RowReduceFn fn, const char* src, size_t esz, int64_t rows, int64_t len, A* dst) {
  if (rows * len < kGrainReduce || NumThreads() == 1) {
    fn(src, rows, len, dst);
    return;
  }
  if (rows >= 2 * NumThreads() || len <= kRowBlock) {
    const int64_t grain = len >= kGrainReduce ? 1 : kGrainReduce / len;
    ParallelFor(rows, grain, [&](int64_t b, int64_t e) { fn(src + b * len * esz, e - b, len, dst + b); });
    return;
  }
  // Few long rows: their blocks in parallel, then each row's blocks combined in order (what
  // the row kernel does itself, so the bits are the same).
  const int64_t nb = (len + kRowBlock - 1) / kRowBlock;
  std::vector<A> part(rows * nb);
  ParallelFor(rows * nb, kGrainReduce / kRowBlock, [&](int64_t b, int64_t e) {
    for (int64_t t = b; t < e; t++) {
      const int64_t r = t / nb, k = t % nb;
      const int64_t blen = len - k * kRowBlock < kRowBlock ? len - k * kRowBlock : kRowBlock;
      fn(src + (r * len + k * kRowBlock) * esz, 1, blen, &part[t]);
    }
  });
  for (int64_t r = 0; r < rows; r++) {
    A acc = Identity<RC, A>();
    for (int64_t k = 0; k < nb; k++) acc = Combine<RC, A>(acc, part[r * nb + k]);
    dst[r] = acc;
  }
}

// dst[o, j] (op)= src[o, k, j] over k in [0, R); dst (outer x K) holds the identity.
template <int RC, class A>
void ColPass(ColReduceFn fn, const char* src, size_t esz, int64_t outer, int64_t R, int64_t K, A* dst) {
  const int64_t cols = outer * K;
  const int threads = NumThreads();
  if (cols * R < kGrainReduce || threads == 1) {
    for (int64_t o = 0; o < outer; o++) fn(src + o * R * K * esz, R, K, K, dst + o * K);
    return;
  }
  if (cols >= 64 * threads || R <= kColBlock) {
    const int64_t grain = R >= kGrainReduce / 16 ? 16 : kGrainReduce / R;
    ParallelFor(cols, grain, [&](int64_t c0, int64_t c1) {
      while (c0 < c1) {
        const int64_t o = c0 / K, j = c0 % K;
        const int64_t w = K - j < c1 - c0 ? K - j : c1 - c0;
        fn(src + (o * R * K + j) * esz, R, K, w, dst + c0);
        c0 += w;
      }
    });
    return;
  }
  // Few columns, many rows: blocks of kColBlock rows in parallel, combined in order (what the
  // column kernel does itself, so the bits are the same).
  const int64_t nb = (R + kColBlock - 1) / kColBlock;
  std::vector<A> part(nb * cols, Identity<RC, A>());
  const int64_t perTask = kColBlock * K;
  ParallelFor(nb * outer, perTask >= kGrainReduce ? 1 : kGrainReduce / perTask, [&](int64_t t0, int64_t t1) {
    for (int64_t t = t0; t < t1; t++) {
      const int64_t b = t / outer, o = t % outer;
      const int64_t rows = R - b * kColBlock < kColBlock ? R - b * kColBlock : kColBlock;
      fn(src + (o * R * K + b * kColBlock * K) * esz, rows, K, K, &part[b * cols + o * K]);
    }
  });
  for (int64_t b = 0; b < nb; b++) {
    const A* p = &part[b * cols];
    for (int64_t c = 0; c < cols; c++) dst[c] = Combine<RC, A>(dst[c], p[c]);
  }
}

// Dims after dropping size-1 dims and merging neighbours with the same reduced flag.
struct Groups {
  int n = 0;
  int64_t d[kMaxRank];
  bool red[kMaxRank];
};

Groups MakeGroups(int rank, const double* dims, const double* flags) {
  Groups g;
  for (int i = 0; i < rank; i++) {
    const int64_t d = static_cast<int64_t>(dims[i]);
    const bool r = flags[i] != 0;
    if (d == 1) continue;
    if (g.n > 0 && g.red[g.n - 1] == r) {
      g.d[g.n - 1] *= d;
    } else {
      g.d[g.n] = d;
      g.red[g.n] = r;
      g.n++;
    }
  }
  return g;
}

// Accumulate x (dtype In, table index inIdx) over the reduced groups into acc[nOut].
template <int RC, class A, class In>
std::vector<A> Accumulate(int inIdx, AccType accType, const In* x, Groups g, int64_t nIn, int64_t nOut) {
  const KernelTable& t = Kernels();
  std::vector<A> cur;
  const char* src = reinterpret_cast<const char*>(x);
  size_t esz = sizeof(In);
  int idx = inIdx;
  bool reduced = false;
  if (nIn == 0) return std::vector<A>(nOut, Identity<RC, A>());
  for (;;) {
    int last = g.n - 1;
    bool any = false;
    for (int i = 0; i < g.n; i++) any = any || g.red[i];
    if (!any) break;
    std::vector<A> next;
    if (g.red[last]) {
      int64_t rows = 1;
      for (int i = 0; i < last; i++) rows *= g.d[i];
      next.resize(rows);
      RowPass<RC, A>(t.row[RC][idx][accType], src, esz, rows, g.d[last], next.data());
      g.n--;
    } else {
      const int64_t K = g.d[last], R = g.d[last - 1];
      int64_t outer = 1;
      for (int i = 0; i < last - 1; i++) outer *= g.d[i];
      next.assign(outer * K, Identity<RC, A>());
      ColPass<RC, A>(t.col[RC][idx][accType], src, esz, outer, R, K, next.data());
      if (last >= 2) {  // the kept groups around the reduced one become one
        g.d[last - 2] *= K;
        g.n -= 2;
      } else {
        g.d[0] = K;
        g.red[0] = false;
        g.n = 1;
      }
    }
    cur.swap(next);
    src = reinterpret_cast<const char*>(cur.data());
    esz = sizeof(A);
    idx = RedInAcc(accType);
    reduced = true;
  }
  if (!reduced) {  // nothing to reduce: every output is one element
    cur.resize(nOut);
    for (int64_t i = 0; i < nOut; i++) cur[i] = Combine<RC, A>(Identity<RC, A>(), static_cast<A>(x[i]));
  }
  return cur;
}

// Max/Min ties keep the later element (the reference's `m > v ? m : v`), which only shows in
// the sign of a zero result: give each zero output the sign of its last zero input, found by
// walking that output's inputs backwards (usually a few steps: zeros are common where a max
// is zero).
template <class T>
void FixZeroSigns(const T* x, T* out, const Groups& g, int64_t nOut) {
  int64_t stride[kMaxRank];
  int64_t acc = 1;
  for (int i = g.n - 1; i >= 0; i--) {
    stride[i] = acc;
    acc *= g.d[i];
  }
  int kept[kMaxRank], red[kMaxRank], nk = 0, nr = 0;
  for (int i = 0; i < g.n; i++) (g.red[i] ? red[nr++] : kept[nk++]) = i;
  for (int64_t o = 0; o < nOut; o++) {
    if (out[o] != 0) continue;
    int64_t base = 0, rest = o;
    for (int k = nk - 1; k >= 0; k--) {
      base += (rest % g.d[kept[k]]) * stride[kept[k]];
      rest /= g.d[kept[k]];
    }
    int64_t idx[kMaxRank];
    int64_t at = base;
    for (int r = 0; r < nr; r++) {
      idx[r] = g.d[red[r]] - 1;
      at += idx[r] * stride[red[r]];
    }
    for (;;) {
      if (x[at] == 0) {
        out[o] = x[at];
        break;
      }
      int r = nr - 1;
      for (; r >= 0; r--) {
        if (idx[r] > 0) {
          idx[r]--;
          at -= stride[red[r]];
          break;
        }
        idx[r] = g.d[red[r]] - 1;
        at += idx[r] * stride[red[r]];
      }
      if (r < 0) break;
    }
  }
}

template <int RC, class A, class In, class Out, class Finish>
void RunReduce(int inIdx, AccType accType, const void* px, void* pout, const Groups& g, int64_t nIn, int64_t nOut, Finish finish) {
  const In* x = static_cast<const In*>(px);
  Out* out = static_cast<Out*>(pout);
  const std::vector<A> acc = Accumulate<RC, A, In>(inIdx, accType, x, g, nIn, nOut);
  const int64_t count = nOut == 0 ? 0 : nIn / nOut;
  for (int64_t o = 0; o < nOut; o++) out[o] = finish(acc[o], count);
  if constexpr (std::is_floating_point<In>::value && (RC == kRcMax || RC == kRcMin)) {
    for (int64_t o = 0; o < nOut; o++) {
      if (out[o] != out[o]) out[o] = std::numeric_limits<Out>::quiet_NaN();
    }
    if (nIn > 0) FixZeroSigns<In>(x, reinterpret_cast<In*>(out), g, nOut);
  }
}

Napi::Value Reduce(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int op = IntArg(info, 0), dtype = IntArg(info, 1);
  if (op < 0 || op >= kNumRedOps || dtype < 0 || dtype > kI32) return ThrowType(info, "reduce: bad op or dtype");
  ArrayArg x, out, desc;
  if (!GetArray(env, info[2], &x) || !GetArray(env, info[3], &out) || !GetArray(env, info[4], &desc)) {
    return ThrowType(info, "reduce: expected typed arrays");
  }
  if (x.type != ArrayTypeOf(dtype) || out.type != ArrayTypeOf(dtype) || desc.type != napi_float64_array) {
    return ThrowType(info, "reduce: typed arrays do not match");
  }
  const double* dd = static_cast<const double*>(desc.data);
  const int rank = desc.length >= 1 ? static_cast<int>(dd[0]) : -1;
  if (rank < 0 || rank > kMaxRank || desc.length < static_cast<size_t>(1 + 2 * rank)) return ThrowType(info, "reduce: bad layout");
  int64_t nIn = 1, nOut = 1;
  for (int i = 0; i < rank; i++) {
    const int64_t d = static_cast<int64_t>(dd[1 + i]);
    if (d < 0) return ThrowType(info, "reduce: bad layout");
    nIn *= d;
    if (dd[1 + rank + i] == 0) nOut *= d;
  }
  if (static_cast<size_t>(nIn) != x.length || static_cast<size_t>(nOut) != out.length) {
    return ThrowType(info, "reduce: lengths do not match the layout");
  }
  if (nOut == 0) return info.Env().Undefined();
  const Groups g = MakeGroups(rank, dd + 1, dd + 1 + rank);
  const bool mean = op == kMean;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  switch (dtype) {
    case kF32:
      switch (op) {
        case kSum: case kMean:
          RunReduce<kRcSum, double, float, float>(kRedInF32, kAccF64, x.data, out.data, g, nIn, nOut, [&](double a, int64_t c) {
            return static_cast<float>(mean ? (c == 0 ? nan : a / static_cast<double>(c)) : a);
          });
          break;
        case kProd:
          RunReduce<kRcProd, double, float, float>(kRedInF32, kAccF64, x.data, out.data, g, nIn, nOut, [](double a, int64_t) { return static_cast<float>(a); });
          break;
        case kMax:
          RunReduce<kRcMax, float, float, float>(kRedInF32, kAccF32, x.data, out.data, g, nIn, nOut, [](float a, int64_t) { return a; });
          break;
        default:
          RunReduce<kRcMin, float, float, float>(kRedInF32, kAccF32, x.data, out.data, g, nIn, nOut, [](float a, int64_t) { return a; });
      }
      break;
    case kF64:
      switch (op) {
        case kSum: case kMean:
          RunReduce<kRcSum, double, double, double>(kRedInF64, kAccF64, x.data, out.data, g, nIn, nOut, [&](double a, int64_t c) {
            return mean ? (c == 0 ? nan : a / static_cast<double>(c)) : a;
          });
          break;
        case kProd:
          RunReduce<kRcProd, double, double, double>(kRedInF64, kAccF64, x.data, out.data, g, nIn, nOut, [](double a, int64_t) { return a; });
          break;
        case kMax:
          RunReduce<kRcMax, double, double, double>(kRedInF64, kAccF64, x.data, out.data, g, nIn, nOut, [](double a, int64_t) { return a; });
          break;
        default:
          RunReduce<kRcMin, double, double, double>(kRedInF64, kAccF64, x.data, out.data, g, nIn, nOut, [](double a, int64_t) { return a; });
      }
      break;
    default:  // int32
      switch (op) {
        case kSum:
          RunReduce<kRcSum, uint32_t, int32_t, int32_t>(kRedInI32, kAccI32, x.data, out.data, g, nIn, nOut, [](uint32_t a, int64_t) { return static_cast<int32_t>(a); });
          break;
        case kMean:
          // Summed in 64 bits, divided with truncation (exactly the reference while |sum| < 2^53).
          RunReduce<kRcSum, int64_t, int32_t, int32_t>(kRedInI32, kAccI64, x.data, out.data, g, nIn, nOut, [](int64_t a, int64_t c) {
            return c == 0 ? 0 : static_cast<int32_t>(std::trunc(static_cast<double>(a) / static_cast<double>(c)));
          });
          break;
        case kProd:
          RunReduce<kRcProd, uint32_t, int32_t, int32_t>(kRedInI32, kAccI32, x.data, out.data, g, nIn, nOut, [](uint32_t a, int64_t) { return static_cast<int32_t>(a); });
          break;
        case kMax:
          RunReduce<kRcMax, int32_t, int32_t, int32_t>(kRedInI32, kAccI32, x.data, out.data, g, nIn, nOut, [](int32_t a, int64_t) { return a; });
          break;
        default:
          RunReduce<kRcMin, int32_t, int32_t, int32_t>(kRedInI32, kAccI32, x.data, out.data, g, nIn, nOut, [](int32_t a, int64_t) { return a; });
      }
  }
  return info.Env().Undefined();
}

// --- Arg-reductions ----------------------------------------------------------------------

template <class T>
bool Better(bool max, T a, T b) { return max ? a > b : a < b; }

// Rows: the first index of the best non-NaN element, combined over blocks for long rows; a row
// starting with NaN gives 0 (nothing compares better than the reference's NaN start).
template <class T>
void ArgRows(ArgRowFn fn, bool max, const T* x, int64_t rows, int64_t len, int32_t* idx) {
  const int threads = NumThreads();
  if (rows * len < kGrainReduce || threads == 1) {
    fn(x, rows, len, idx);
  } else if (rows >= 2 * threads || len <= kArgBlock) {
    const int64_t grain = len >= kGrainReduce ? 1 : kGrainReduce / len;
    ParallelFor(rows, grain, [&](int64_t b, int64_t e) { fn(x + b * len, e - b, len, idx + b); });
  } else {
    const int64_t nb = (len + kArgBlock - 1) / kArgBlock;
    std::vector<int32_t> part(rows * nb);
    ParallelFor(rows * nb, 1, [&](int64_t b, int64_t e) {
      for (int64_t t = b; t < e; t++) {
        const int64_t r = t / nb, k = t % nb;
        const int64_t blen = len - k * kArgBlock < kArgBlock ? len - k * kArgBlock : kArgBlock;
        fn(x + r * len + k * kArgBlock, 1, blen, &part[t]);
      }
    });
    for (int64_t r = 0; r < rows; r++) {
      const T* row = x + r * len;
      int64_t best = -1;
      for (int64_t k = 0; k < nb; k++) {
        if (part[r * nb + k] < 0) continue;
        const int64_t i = k * kArgBlock + part[r * nb + k];
        if (best < 0 || Better(max, row[i], row[best])) best = i;
      }
      idx[r] = static_cast<int32_t>(best);
    }
  }
  for (int64_t r = 0; r < rows; r++) {
    const T first = x[r * len];
    if (idx[r] < 0 || first != first) idx[r] = 0;
  }
}

template <class T>
void RunArg(const KernelTable& t, int op, int dtype, const T* x, int64_t outer, int64_t len, int64_t inner, int32_t* idx) {
  if (inner == 1) {
    ArgRows<T>(t.argRow[op][dtype], op == 0, x, outer, len, idx);
    return;
  }
  const ArgColFn fn = t.argCol[op][dtype];
  const int64_t cols = outer * inner;
  const int64_t grain = len >= kGrainReduce / 16 ? 16 : kGrainReduce / len;
  ParallelFor(cols, grain, [&](int64_t c0, int64_t c1) {
    while (c0 < c1) {
      const int64_t o = c0 / inner, j = c0 % inner;
      const int64_t w = inner - j < c1 - c0 ? inner - j : c1 - c0;
      fn(x + o * len * inner + j, len, inner, w, idx + c0);
      c0 += w;
    }
  });
}

Napi::Value Arg(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int op = IntArg(info, 0), dtype = IntArg(info, 1);
  if (op < 0 || op > 1 || dtype < 0 || dtype > kI32) return ThrowType(info, "arg: bad op or dtype");
  ArrayArg x, out;
  if (!GetArray(env, info[2], &x) || !GetArray(env, info[3], &out)) return ThrowType(info, "arg: expected typed arrays");
  const double outer = NumberArg(info, 4), len = NumberArg(info, 5), inner = NumberArg(info, 6);
  if (x.type != ArrayTypeOf(dtype) || (out.type != napi_int32_array && out.type != napi_bigint64_array) ||
      !(outer >= 0 && len >= 1 && inner >= 0 && len < 2147483648.0) ||
      outer * len * inner != static_cast<double>(x.length) || outer * inner != static_cast<double>(out.length)) {
    return ThrowType(info, "arg: typed arrays do not match");
  }
  const int64_t no = static_cast<int64_t>(outer), nl = static_cast<int64_t>(len), ni = static_cast<int64_t>(inner);
  if (no * ni == 0) return info.Env().Undefined();
  const KernelTable& t = Kernels();
  const bool wide = out.type == napi_bigint64_array;
  std::vector<int32_t> scratch(wide ? no * ni : 0);
  int32_t* idx = wide ? scratch.data() : static_cast<int32_t*>(out.data);
  switch (dtype) {
    case kF32: RunArg<float>(t, op, dtype, static_cast<const float*>(x.data), no, nl, ni, idx); break;
    case kF64: RunArg<double>(t, op, dtype, static_cast<const double*>(x.data), no, nl, ni, idx); break;
    default: RunArg<int32_t>(t, op, dtype, static_cast<const int32_t*>(x.data), no, nl, ni, idx); break;
  }
  if (wide) {
    int64_t* o = static_cast<int64_t*>(out.data);
    for (int64_t i = 0; i < no * ni; i++) o[i] = idx[i];
  }
  return info.Env().Undefined();
}

}  // namespace

void InitReduce(Napi::Env env, Napi::Object exports) {
  exports.Set("ewReduce", Napi::Function::New(env, Reduce, "ewReduce"));
  exports.Set("ewArg", Napi::Function::New(env, Arg, "ewArg"));
}

}  // namespace ew
}  // namespace tsflow
