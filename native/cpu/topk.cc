// N-API entry point of TopKV2 on float32, float64 and int32:
//
//   topK(dtype, x, values, indices, rows, columns, k) -> bool
//
// Per row, the k largest values and their int32 column indices, largest first; equal values
// keep the lower index first, exactly as the TypeScript kernel's stable sort (kernels/sort.ts).
// Selecting under (value desc, index asc) and sorting the selected gives the same k elements
// in the same order without sorting the whole row. NaN has no place in that order, so an input with a
// NaN is left to the TypeScript kernel: the call returns false and writes nothing.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <vector>

#include "thread_pool.h"
#include "typed_arrays.h"

namespace tsflow {
namespace {

template <class T>
bool HasNaN(const T* x, int64_t n) {
  if constexpr (std::is_floating_point_v<T>) {
    for (int64_t i = 0; i < n; i++) if (std::isnan(x[i])) return true;
  }
  return false;
}

template <class T>
void TopKRows(const T* x, T* values, int32_t* indices, int64_t rows, int64_t columns, int64_t k) {
  ParallelFor(rows, std::max<int64_t>(1, (int64_t{1} << 14) / std::max<int64_t>(1, columns)), [&](int64_t begin, int64_t end) {
    std::vector<int32_t> order(static_cast<size_t>(columns));
    for (int64_t r = begin; r < end; r++) {
      const T* row = x + r * columns;
      T* v = values + r * k;
      int32_t* idx = indices + r * k;
      if (k == 1) {
        int64_t best = 0;
        for (int64_t c = 1; c < columns; c++) if (row[c] > row[best]) best = c;
        v[0] = row[best];
        idx[0] = static_cast<int32_t>(best);
        continue;
      }
      std::iota(order.begin(), order.end(), 0);
      auto before = [row](int32_t p, int32_t q) { return row[p] > row[q] || (row[p] == row[q] && p < q); };
      // The order is total (no NaN, ties by index), so any selection finds the same first k:
      // a heap for small k, else selecting them and sorting only those (O(columns + k log k)).
      if (k <= 32) {
        std::partial_sort(order.begin(), order.begin() + k, order.end(), before);
      } else {
        if (k < columns) std::nth_element(order.begin(), order.begin() + (k - 1), order.end(), before);
        std::sort(order.begin(), order.begin() + k, before);
      }
      for (int64_t j = 0; j < k; j++) {
        idx[j] = order[static_cast<size_t>(j)];
        v[j] = row[idx[j]];
      }
    }
  });
}

template <class T>
bool Run(const void* x, void* values, int32_t* indices, int64_t rows, int64_t columns, int64_t k) {
  const T* in = static_cast<const T*>(x);
  if (HasNaN(in, rows * columns)) return false;
  TopKRows(in, static_cast<T*>(values), indices, rows, columns, k);
  return true;
}

Napi::Value TopK(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  int32_t dtype = -1;
  napi_get_value_int32(env, info[0], &dtype);
  if (dtype < 0 || dtype > kI32) return ThrowType(info, "topK: bad dtype");
  ArrayArg x, values, indices;
  if (!GetArray(env, info[1], &x) || !GetArray(env, info[2], &values) || !GetArray(env, info[3], &indices)) {
    return ThrowType(info, "topK: expected typed arrays");
  }
  double rows = -1, columns = -1, k = -1;
  napi_get_value_double(env, info[4], &rows);
  napi_get_value_double(env, info[5], &columns);
  napi_get_value_double(env, info[6], &k);
  if (x.type != ArrayTypeOf(dtype) || values.type != x.type || indices.type != napi_int32_array ||
      !(rows >= 0 && columns >= 1 && k >= 1 && k <= columns && columns < 2147483648.0) ||
      rows * columns != static_cast<double>(x.length) || rows * k != static_cast<double>(values.length) ||
      indices.length != values.length) {
    return ThrowType(info, "topK: typed arrays do not match");
  }
  const int64_t nr = static_cast<int64_t>(rows), nc = static_cast<int64_t>(columns), nk = static_cast<int64_t>(k);
  int32_t* idx = static_cast<int32_t*>(indices.data);
  bool done = false;
  switch (dtype) {
    case kF32: done = Run<float>(x.data, values.data, idx, nr, nc, nk); break;
    case kF64: done = Run<double>(x.data, values.data, idx, nr, nc, nk); break;
    default: done = Run<int32_t>(x.data, values.data, idx, nr, nc, nk); break;
  }
  return Napi::Boolean::New(env, done);
}

}  // namespace

void InitTopK(Napi::Env env, Napi::Object exports) {
  exports.Set("topK", Napi::Function::New(env, TopK, "topK"));
}

}  // namespace tsflow
