// N-API entry points of the elementwise kernels: broadcasting binary ops, unary ops and
// casts on float32, float64 and int32 (bool for comparisons and casts). The TypeScript side
// allocates the outputs and passes them in; these functions check the arguments, lay the
// broadcast out as contiguous runs and split the work over the thread pool.
//
//   ewBinary(op, dtype, a, b, out, layout)  layout: null when a, b and out have the same shape,
//                                         else Float64Array [rank, out dims, a dims, b dims]
//                                         (a and b dims left-padded with 1 to rank)
//   ewUnary(op, dtype, x, out)
//   ewCast(fromDtype, toDtype, x, out)
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include <cstdint>
#include <cstring>

#include "bindings.h"
#include "elementwise_glue.h"
#include "elementwise_kernels.h"
#include "thread_pool.h"

namespace tsflow {
namespace ew {

void InitReduce(Napi::Env env, Napi::Object exports);

void AdviseHugePages(void* data, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (bytes < 2 * kHuge) return;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(data) + bytes) & ~(kHuge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

namespace {

constexpr int kMaxRank = 32;

// A broadcast laid out as nested loops over the output: dims[r-1] is the innermost run, and
// each input advances by its stride (0 where it is broadcast) along each dim.
struct Layout {
  int rank = 0;
  int64_t dims[kMaxRank];
  int64_t sa[kMaxRank];
  int64_t sb[kMaxRank];
};

// Build the layout from the padded dims; false when they are inconsistent.
bool MakeLayout(const double* desc, size_t descLength, size_t aLength, size_t bLength, size_t outLength, Layout* L) {
  if (descLength < 1) return false;
  const int rank = static_cast<int>(desc[0]);
  if (rank < 0 || rank > kMaxRank || descLength < static_cast<size_t>(1 + 3 * rank)) return false;
  const double* od = desc + 1;
  const double* ad = od + rank;
  const double* bd = ad + rank;
  int64_t stA[kMaxRank], stB[kMaxRank];
  int64_t accA = 1, accB = 1, accO = 1;
  for (int i = rank - 1; i >= 0; i--) {
    const int64_t o = static_cast<int64_t>(od[i]), a = static_cast<int64_t>(ad[i]), b = static_cast<int64_t>(bd[i]);
    if ((a != o && a != 1) || (b != o && b != 1)) return false;
    stA[i] = a == 1 ? 0 : accA;
    stB[i] = b == 1 ? 0 : accB;
    accA *= a;
    accB *= b;
    accO *= o;
  }
  if (static_cast<size_t>(accA) != aLength || static_cast<size_t>(accB) != bLength || static_cast<size_t>(accO) != outLength) return false;
  // Drop size-1 dims, then merge a dim into the one inside it when both inputs step evenly.
  int r = 0;
  for (int i = 0; i < rank; i++) {
    const int64_t d = static_cast<int64_t>(od[i]);
    if (d == 1) continue;
    if (r > 0 && L->sa[r - 1] == stA[i] * d && L->sb[r - 1] == stB[i] * d) {
      L->dims[r - 1] *= d;
      L->sa[r - 1] = stA[i];
      L->sb[r - 1] = stB[i];
      continue;
    }
    L->dims[r] = d;
    L->sa[r] = stA[i];
    L->sb[r] = stB[i];
    r++;
  }
  if (r == 0) {  // one element
    L->dims[0] = 1;
    L->sa[0] = L->sb[0] = 1;
    r = 1;
  }
  L->rank = r;
  return true;
}

// Run fn over output elements [begin, end) of a layout, one contiguous run at a time.
void RunLayout(const Layout& L, const BinaryFn fns[3], const char* a, const char* b, char* out, size_t inSize,
               size_t outSize, int64_t begin, int64_t end) {
  const int r = L.rank;
  const int64_t inner = L.dims[r - 1];
  const int64_t ia = L.sa[r - 1], ib = L.sb[r - 1];
  const BinaryFn fn = fns[ia == 0 && ib != 0 ? 2 : ib == 0 && ia != 0 ? 1 : 0];
  int64_t idx[kMaxRank];
  int64_t rest = begin / inner;
  int64_t offA = 0, offB = 0;
  for (int d = r - 2; d >= 0; d--) {
    idx[d] = rest % L.dims[d];
    rest /= L.dims[d];
    offA += idx[d] * L.sa[d];
    offB += idx[d] * L.sb[d];
  }
  int64_t pos = begin, i = begin % inner;
  while (pos < end) {
    const int64_t run = inner - i < end - pos ? inner - i : end - pos;
    fn(a + (offA + i * ia) * inSize, b + (offB + i * ib) * inSize, out + pos * outSize, run);
    pos += run;
    i = 0;
    for (int d = r - 2; d >= 0; d--) {
      offA += L.sa[d];
      offB += L.sb[d];
      if (++idx[d] < L.dims[d]) break;
      offA -= L.sa[d] * L.dims[d];
      offB -= L.sb[d] * L.dims[d];
      idx[d] = 0;
    }
  }
}

int32_t IntArg(const Napi::CallbackInfo& info, size_t i) {
  int32_t v = -1;
  napi_get_value_int32(info.Env(), info[i], &v);
  return v;
}

Napi::Value Binary(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int op = IntArg(info, 0), dtype = IntArg(info, 1);
  if (op < 0 || op >= kNumBinOps || dtype < 0 || dtype > kI32) return ThrowType(info, "binary: bad op or dtype");
  const BinaryFn* fns = Kernels().binary[op][dtype];
  if (fns[0] == nullptr) return ThrowType(info, "binary: no kernel for this op and dtype");
  ArrayArg a, b, out;
  if (!GetArray(env, info[2], &a) || !GetArray(env, info[3], &b) || !GetArray(env, info[4], &out)) {
    return ThrowType(info, "binary: expected typed arrays");
  }
  const bool compare = op >= kEqual && op <= kGreaterEqual;  // bool outputs
  if (a.type != ArrayTypeOf(dtype) || b.type != ArrayTypeOf(dtype) || out.type != ArrayTypeOf(compare ? kBool : dtype)) {
    return ThrowType(info, "binary: typed array types do not match the dtype");
  }
  const size_t inSize = ElementSize(dtype), outSize = compare ? 1 : inSize;
  const int64_t n = static_cast<int64_t>(out.length);
  if (n == 0) return info.Env().Undefined();
  AdviseHugePages(out.data, n * outSize);
  const char* pa = static_cast<const char*>(a.data);
  const char* pb = static_cast<const char*>(b.data);
  char* po = static_cast<char*>(out.data);
  const int64_t grain = op == kDiv ? kGrainSqrt : kGrainCheap;
  if (info[5].IsNull() || info[5].IsUndefined()) {
    if (a.length != out.length || b.length != out.length) return ThrowType(info, "binary: lengths differ");
    const BinaryFn fn = fns[0];
    ParallelFor(n, grain, [&](int64_t begin, int64_t end) {
      fn(pa + begin * inSize, pb + begin * inSize, po + begin * outSize, end - begin);
    });
    return info.Env().Undefined();
  }
  ArrayArg desc;
  if (!GetArray(env, info[5], &desc) || desc.type != napi_float64_array) return ThrowType(info, "binary: bad layout");
  Layout L;
  if (!MakeLayout(static_cast<const double*>(desc.data), desc.length, a.length, b.length, out.length, &L)) {
    return ThrowType(info, "binary: shapes do not broadcast to the output");
  }
  ParallelFor(n, grain, [&](int64_t begin, int64_t end) { RunLayout(L, fns, pa, pb, po, inSize, outSize, begin, end); });
  return info.Env().Undefined();
}

Napi::Value Unary(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int op = IntArg(info, 0), dtype = IntArg(info, 1);
  if (op < 0 || op >= kNumUnOps || dtype < 0 || dtype > kI32) return ThrowType(info, "unary: bad op or dtype");
  const UnaryFn fn = Kernels().unary[op][dtype];
  if (fn == nullptr) return ThrowType(info, "unary: no kernel for this op and dtype");
  ArrayArg x, out;
  if (!GetArray(env, info[2], &x) || !GetArray(env, info[3], &out)) return ThrowType(info, "unary: expected typed arrays");
  if (x.type != ArrayTypeOf(dtype) || out.type != ArrayTypeOf(dtype) || x.length != out.length) {
    return ThrowType(info, "unary: typed arrays do not match");
  }
  const size_t size = ElementSize(dtype);
  const int64_t n = static_cast<int64_t>(out.length);
  AdviseHugePages(out.data, n * size);
  const int64_t grain = op >= kExp && op <= kSigmoid ? kGrainTranscendental
                        : op == kSqrt || op == kRsqrt ? kGrainSqrt : kGrainCheap;
  const char* px = static_cast<const char*>(x.data);
  char* po = static_cast<char*>(out.data);
  ParallelFor(n, grain, [&](int64_t begin, int64_t end) { fn(px + begin * size, po + begin * size, end - begin); });
  return info.Env().Undefined();
}

Napi::Value Cast(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int from = IntArg(info, 0), to = IntArg(info, 1);
  if (from < 0 || from > kBool || to < 0 || to > kBool) return ThrowType(info, "cast: bad dtype");
  const CastFn fn = Kernels().cast[from][to];
  ArrayArg x, out;
  if (!GetArray(env, info[2], &x) || !GetArray(env, info[3], &out)) return ThrowType(info, "cast: expected typed arrays");
  if (x.type != ArrayTypeOf(from) || out.type != ArrayTypeOf(to) || x.length != out.length) {
    return ThrowType(info, "cast: typed arrays do not match");
  }
  const size_t inSize = ElementSize(from), outSize = ElementSize(to);
  const int64_t n = static_cast<int64_t>(out.length);
  AdviseHugePages(out.data, n * outSize);
  const char* px = static_cast<const char*>(x.data);
  char* po = static_cast<char*>(out.data);
  ParallelFor(n, kGrainCheap, [&](int64_t begin, int64_t end) { fn(px + begin * inSize, po + begin * outSize, end - begin); });
  return info.Env().Undefined();
}

}  // namespace
}  // namespace ew

void InitElementwise(Napi::Env env, Napi::Object exports) {
  exports.Set("ewBinary", Napi::Function::New(env, ew::Binary, "ewBinary"));
  exports.Set("ewUnary", Napi::Function::New(env, ew::Unary, "ewUnary"));
  exports.Set("ewCast", Napi::Function::New(env, ew::Cast, "ewCast"));
  ew::InitReduce(env, exports);
}

}  // namespace tsflow
