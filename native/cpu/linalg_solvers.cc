// N-API entry points of the dense float64 solvers behind the linalg kernels (LU with partial
// pivoting, LU solve, Cholesky, triangular solve, Householder QR and its Q), one row-major
// matrix per call:
//
//   luFactor(a, lu, perm, n) -> permSign        luSolve(lu, perm, n, b, k, x)
//   cholesky(a, n, l) -> bool                   triangularSolve(t, n, x, k, lower, transpose)
//   householderQr(a, qr, tau, m, n)             householderQ(qr, tau, m, n, qCols, q)
//   jacobiSweeps(re, im, vr, vi, m, n, maxSweeps)   (the SVD's one-sided Jacobi rotations)
//
// Each is the TypeScript function of the same name in src/devices/cpu/kernels/linalg_numeric.ts
// step for step (same loops, same order of operations, no fused multiply-adds), so the results
// are the same bits; the native side only removes the bounds checks and boxes of V8's loops.
// The matrix work is O(n^3) per call, so one N-API crossing per matrix costs nothing.
#pragma GCC optimize("fp-contract=off")
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

#include "typed_arrays.h"

namespace tsflow {
namespace {

bool GetF64(napi_env env, napi_value v, size_t want, double** out) {
  ArrayArg a;
  if (!GetArray(env, v, &a) || a.type != napi_float64_array || a.length != want) return false;
  *out = static_cast<double*>(a.data);
  return true;
}

bool GetI32(napi_env env, napi_value v, size_t want, int32_t** out) {
  ArrayArg a;
  if (!GetArray(env, v, &a) || a.type != napi_int32_array || a.length != want) return false;
  *out = static_cast<int32_t*>(a.data);
  return true;
}

int64_t GetSize(napi_env env, napi_value v) {
  double d = -1;
  napi_get_value_double(env, v, &d);
  return d >= 0 && d < 1e9 && d == std::floor(d) ? static_cast<int64_t>(d) : -1;
}

Napi::Value LuFactor(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int64_t n = GetSize(env, info[3]);
  double *a, *lu;
  int32_t* perm;
  if (n < 0 || !GetF64(env, info[0], n * n, &a) || !GetF64(env, info[1], n * n, &lu) || !GetI32(env, info[2], n, &perm)) {
    return ThrowType(info, "luFactor: bad arguments");
  }
  std::memcpy(lu, a, sizeof(double) * n * n);
  for (int64_t i = 0; i < n; i++) perm[i] = static_cast<int32_t>(i);
  double permSign = 1;
  for (int64_t k = 0; k < n; k++) {
    int64_t p = k;
    double best = std::fabs(lu[k * n + k]);
    for (int64_t i = k + 1; i < n; i++) {
      const double v = std::fabs(lu[i * n + k]);
      if (v > best) { best = v; p = i; }
    }
    if (p != k) {
      for (int64_t j = 0; j < n; j++) std::swap(lu[k * n + j], lu[p * n + j]);
      std::swap(perm[k], perm[p]);
      permSign = -permSign;
    }
    const double pivot = lu[k * n + k];
    if (pivot == 0) continue;
    for (int64_t i = k + 1; i < n; i++) {
      const double f = lu[i * n + k] / pivot;
      lu[i * n + k] = f;
      double* row = lu + i * n;
      const double* top = lu + k * n;
      for (int64_t j = k + 1; j < n; j++) row[j] = row[j] - f * top[j];
    }
  }
  return Napi::Number::New(env, permSign);
}

Napi::Value LuSolve(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int64_t n = GetSize(env, info[2]), k = GetSize(env, info[4]);
  double *lu, *b, *x;
  int32_t* perm;
  if (n < 0 || k < 0 || !GetF64(env, info[0], n * n, &lu) || !GetI32(env, info[1], n, &perm) ||
      !GetF64(env, info[3], n * k, &b) || !GetF64(env, info[5], n * k, &x)) {
    return ThrowType(info, "luSolve: bad arguments");
  }
  for (int64_t i = 0; i < n; i++) {
    if (perm[i] < 0 || perm[i] >= n) return ThrowType(info, "luSolve: bad permutation");
    std::memcpy(x + i * k, b + static_cast<int64_t>(perm[i]) * k, sizeof(double) * k);
  }
  for (int64_t i = 0; i < n; i++) {
    for (int64_t p = 0; p < i; p++) {
      const double l = lu[i * n + p];
      for (int64_t j = 0; j < k; j++) x[i * k + j] = x[i * k + j] - l * x[p * k + j];
    }
  }
  for (int64_t i = n - 1; i >= 0; i--) {
    for (int64_t p = i + 1; p < n; p++) {
      const double u = lu[i * n + p];
      for (int64_t j = 0; j < k; j++) x[i * k + j] = x[i * k + j] - u * x[p * k + j];
    }
    const double d = lu[i * n + i];
    for (int64_t j = 0; j < k; j++) x[i * k + j] = x[i * k + j] / d;
  }
  return info.Env().Undefined();
}

Napi::Value Cholesky(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int64_t n = GetSize(env, info[1]);
  double *a, *l;
  if (n < 0 || !GetF64(env, info[0], n * n, &a) || !GetF64(env, info[2], n * n, &l)) {
    return ThrowType(info, "cholesky: bad arguments");
  }
  std::memset(l, 0, sizeof(double) * n * n);
  for (int64_t j = 0; j < n; j++) {
    double d = a[j * n + j];
    for (int64_t p = 0; p < j; p++) d -= l[j * n + p] * l[j * n + p];
    if (d <= 0) return Napi::Boolean::New(env, false);
    const double ljj = std::sqrt(d);
    l[j * n + j] = ljj;
    for (int64_t i = j + 1; i < n; i++) {
      double s = a[i * n + j];
      for (int64_t p = 0; p < j; p++) s -= l[i * n + p] * l[j * n + p];
      l[i * n + j] = s / ljj;
    }
  }
  return Napi::Boolean::New(env, true);
}

Napi::Value TriangularSolve(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int64_t n = GetSize(env, info[1]), k = GetSize(env, info[3]);
  double *t, *x;
  bool lower = false, transpose = false;
  if (n < 0 || k < 0 || !GetF64(env, info[0], n * n, &t) || !GetF64(env, info[2], n * k, &x) ||
      napi_get_value_bool(env, info[4], &lower) != napi_ok || napi_get_value_bool(env, info[5], &transpose) != napi_ok) {
    return ThrowType(info, "triangularSolve: bad arguments");
  }
  auto at = [&](int64_t i, int64_t j) { return transpose ? t[j * n + i] : t[i * n + j]; };
  auto row = [&](int64_t i, int64_t p) {
    const double v = at(i, p);
    for (int64_t j = 0; j < k; j++) x[i * k + j] = x[i * k + j] - v * x[p * k + j];
  };
  auto divide = [&](int64_t i) {
    const double d = at(i, i);
    for (int64_t j = 0; j < k; j++) x[i * k + j] = x[i * k + j] / d;
  };
  if (lower != transpose) {
    for (int64_t i = 0; i < n; i++) { for (int64_t p = 0; p < i; p++) row(i, p); divide(i); }
  } else {
    for (int64_t i = n - 1; i >= 0; i--) { for (int64_t p = i + 1; p < n; p++) row(i, p); divide(i); }
  }
  return info.Env().Undefined();
}

// Eigen's "tail is zero" tolerance: the smallest normal float64.
constexpr double kTiny = 2.2250738585072014e-308;

// H = I - t·w·wᵀ with w = [1, tail] applied to columns [c0, c1) of rows j..m-1 of the row-major
// `a` (row length `lda`); the tail's element i (row j+1+i) is at tail[i * stride]. Per column
// the TypeScript loop's sum s = a[j][c] + Σ_i tail_i·a[j+1+i][c] is taken in the same order
// (i ascending) but rows are walked outermost, so memory is read along rows: the same bits
// without the column walks whose power-of-two strides thrash the cache.
void ApplyReflector(double* a, int64_t lda, int64_t j, int64_t m, const double* tail, int64_t stride, double t,
                    int64_t c0, int64_t c1, double* v, double* s) {
  const int64_t rows = m - j - 1;
  for (int64_t i = 0; i < rows; i++) v[i] = tail[i * stride];
  const double* head = a + j * lda;
  for (int64_t c = c0; c < c1; c++) s[c] = head[c];
  for (int64_t i = 0; i < rows; i++) {
    const double vi = v[i];
    const double* row = a + (j + 1 + i) * lda;
    for (int64_t c = c0; c < c1; c++) s[c] += vi * row[c];
  }
  for (int64_t c = c0; c < c1; c++) s[c] *= t;
  double* h = a + j * lda;
  for (int64_t c = c0; c < c1; c++) h[c] = h[c] - s[c];
  for (int64_t i = 0; i < rows; i++) {
    const double vi = v[i];
    double* row = a + (j + 1 + i) * lda;
    for (int64_t c = c0; c < c1; c++) row[c] = row[c] - s[c] * vi;
  }
}

Napi::Value HouseholderQr(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int64_t m = GetSize(env, info[3]), n = GetSize(env, info[4]);
  const int64_t k = std::min(m, n);
  double *a, *qr, *tau;
  if (m < 0 || n < 0 || !GetF64(env, info[0], m * n, &a) || !GetF64(env, info[1], m * n, &qr) || !GetF64(env, info[2], k, &tau)) {
    return ThrowType(info, "householderQr: bad arguments");
  }
  std::memcpy(qr, a, sizeof(double) * m * n);
  std::vector<double> vbuf(static_cast<size_t>(m)), sbuf(static_cast<size_t>(n));
  double* v = vbuf.data();
  double* s = sbuf.data();
  for (int64_t j = 0; j < k; j++) {
    const double c0 = qr[j * n + j];
    double tail = 0;
    for (int64_t i = j + 1; i < m; i++) tail += qr[i * n + j] * qr[i * n + j];
    double beta, t;
    if (tail <= kTiny) {
      t = 0;
      beta = c0;
      for (int64_t i = j + 1; i < m; i++) qr[i * n + j] = 0;
    } else {
      beta = std::sqrt(c0 * c0 + tail);
      if (c0 >= 0) beta = -beta;
      const double scale = c0 - beta;
      for (int64_t i = j + 1; i < m; i++) qr[i * n + j] = qr[i * n + j] / scale;
      t = (beta - c0) / beta;
    }
    tau[j] = t;
    qr[j * n + j] = beta;
    if (t == 0) continue;
    ApplyReflector(qr, n, j, m, qr + (j + 1) * n + j, n, t, j + 1, n, v, s);
  }
  return info.Env().Undefined();
}

Napi::Value HouseholderQ(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int64_t m = GetSize(env, info[2]), n = GetSize(env, info[3]), qCols = GetSize(env, info[4]);
  const int64_t k = std::min(m, n);
  double *qr, *tau, *q;
  if (m < 0 || n < 0 || qCols < 0 || !GetF64(env, info[0], m * n, &qr) || !GetF64(env, info[1], k, &tau) ||
      !GetF64(env, info[5], m * qCols, &q)) {
    return ThrowType(info, "householderQ: bad arguments");
  }
  std::memset(q, 0, sizeof(double) * m * qCols);
  for (int64_t i = 0; i < std::min(m, qCols); i++) q[i * qCols + i] = 1;
  std::vector<double> v(static_cast<size_t>(m)), s(static_cast<size_t>(qCols));
  for (int64_t j = k - 1; j >= 0; j--) {
    const double t = tau[j];
    if (t == 0) continue;
    ApplyReflector(q, qCols, j, m, qr + (j + 1) * n + j, n, t, 0, qCols, v.data(), s.data());
  }
  return info.Env().Undefined();
}

// JavaScript's Math.hypot of two numbers as V8 computes it (normalise by the larger magnitude,
// Kahan-summed squares, sqrt, rescale), so that rotations match the TypeScript solver's bits.
double JsHypot(double x, double y) {
  const bool nan = std::isnan(x) || std::isnan(y);
  const double ax = nan && std::isnan(x) ? 0 : std::fabs(x), ay = nan && std::isnan(y) ? 0 : std::fabs(y);
  double max = 0;
  if (ax > max) max = ax;
  if (ay > max) max = ay;
  if (max == INFINITY) return INFINITY;
  if (nan) return NAN;
  if (max == 0) return 0;
  double sum = 0, compensation = 0;
  for (const double v : {ax, ay}) {
    const double n = v / max;
    const double summand = n * n - compensation;
    const double preliminary = sum + summand;
    compensation = (preliminary - sum) - summand;
    sum = preliminary;
  }
  return std::sqrt(sum) * max;
}

constexpr double kEps = 2.220446049250313e-16;

// Columns p and q of (re, im), length m, and of the accumulator (vr, vi), length n, rotated
// so that the first two become orthogonal (rotate() in linalg_svd.ts, step for step).
bool Rotate(double* re, double* im, double* vr, double* vi, int64_t m, int64_t n, int64_t p, int64_t q) {
  double* pr = re + p * m; double* pi = im + p * m; double* qr = re + q * m; double* qi = im + q * m;
  double alpha = 0, beta = 0, gr = 0, gi = 0;
  for (int64_t i = 0; i < m; i++) {
    alpha += pr[i] * pr[i] + pi[i] * pi[i];
    beta += qr[i] * qr[i] + qi[i] * qi[i];
    gr += pr[i] * qr[i] + pi[i] * qi[i];
    gi += pr[i] * qi[i] - pi[i] * qr[i];
  }
  const double g = JsHypot(gr, gi);
  if (g == 0 || !(g > kEps * std::sqrt(alpha * beta))) return false;
  const double zeta = (beta - alpha) / (2 * g);
  const double t = (zeta >= 0 ? 1 : -1) / (std::fabs(zeta) + std::sqrt(1 + zeta * zeta));
  const double c = 1 / std::sqrt(1 + t * t), s = c * t;
  const double er = gr / g, ei = -gi / g;
  auto apply = [&](double* xr, double* xi, double* yr, double* yi, int64_t len) {
    for (int64_t i = 0; i < len; i++) {
      const double ar = xr[i], ai = xi[i];
      const double br = er * yr[i] - ei * yi[i], bi = er * yi[i] + ei * yr[i];
      xr[i] = c * ar - s * br; xi[i] = c * ai - s * bi;
      yr[i] = s * ar + c * br; yi[i] = s * ai + c * bi;
    }
  };
  apply(pr, pi, qr, qi, m);
  apply(vr + p * n, vi + p * n, vr + q * n, vi + q * n, n);
  return true;
}

Napi::Value JacobiSweeps(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  const int64_t m = GetSize(env, info[4]), n = GetSize(env, info[5]), sweeps = GetSize(env, info[6]);
  double *re, *im, *vr, *vi;
  if (m < 0 || n < 0 || sweeps < 0 || !GetF64(env, info[0], n * m, &re) || !GetF64(env, info[1], n * m, &im) ||
      !GetF64(env, info[2], n * n, &vr) || !GetF64(env, info[3], n * n, &vi)) {
    return ThrowType(info, "jacobiSweeps: bad arguments");
  }
  for (int64_t sweep = 0; sweep < sweeps; sweep++) {
    bool rotated = false;
    for (int64_t p = 0; p < n - 1; p++) {
      for (int64_t q = p + 1; q < n; q++) {
        if (Rotate(re, im, vr, vi, m, n, p, q)) rotated = true;
      }
    }
    if (!rotated) break;
  }
  return info.Env().Undefined();
}

}  // namespace

void InitLinalgSolvers(Napi::Env env, Napi::Object exports) {
  exports.Set("luFactor", Napi::Function::New(env, LuFactor, "luFactor"));
  exports.Set("luSolve", Napi::Function::New(env, LuSolve, "luSolve"));
  exports.Set("cholesky", Napi::Function::New(env, Cholesky, "cholesky"));
  exports.Set("triangularSolve", Napi::Function::New(env, TriangularSolve, "triangularSolve"));
  exports.Set("householderQr", Napi::Function::New(env, HouseholderQr, "householderQr"));
  exports.Set("householderQ", Napi::Function::New(env, HouseholderQ, "householderQ"));
  exports.Set("jacobiSweeps", Napi::Function::New(env, JacobiSweeps, "jacobiSweeps"));
}

}  // namespace tsflow
