// Elementwise, reduction, arg-reduction and cast kernels: the interface between the N-API
// glue (elementwise.cc, reduce.cc) and the per-instruction-set kernel tables
// (elementwise_{avx512,avx2,portable}.cc, which compile elementwise_impl.h for their ISA).
//
// Every kernel works on contiguous runs; broadcasting, blocking and threading live in the
// drivers, which call the table of the ISA BestIsa() picked (TSFLOW_ISA lowers it).
#pragma once
#include <cstdint>

#include "dtype_codes.h"

namespace tsflow {
namespace ew {

enum BinOp : int {
  kAdd = 0, kSub, kMul, kDiv, kMaximum, kMinimum,
  kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual,
  kReluGrad,  // gradients * (features > 0): a NaN or infinite gradient stays NaN where features <= 0
  kNumBinOps,
};

enum UnOp : int {
  kNeg = 0, kAbs, kSquare, kSqrt, kRsqrt, kExp, kLog, kLog1p, kSin, kCos, kTanh, kSigmoid, kRelu, kSign,
  kNumUnOps,
};

enum RedOp : int { kSum = 0, kMean, kProd, kMax, kMin, kNumRedOps };

// Transcendental functions taken from glibc's libmvec where available.
enum MathFn : int { kMExp = 0, kMLog, kMLog1p, kMSin, kMCos, kMTanh, kNumMathFns };

// The accumulator type of a reduction pass: f32 sums/products accumulate in double, int32
// sums/products wrap in 32 bits, int32 means sum in 64 bits, max/min keep the element type.
enum AccType : int { kAccF32 = 0, kAccF64, kAccI32, kAccI64, kNumAccTypes };

// Binary kernel on one contiguous run: pattern 0 = both vectors, 1 = b is a scalar (b[0]),
// 2 = a is a scalar.
using BinaryFn = void (*)(const void* a, const void* b, void* out, int64_t n);
using UnaryFn = void (*)(const void* in, void* out, int64_t n);
using CastFn = void (*)(const void* in, void* out, int64_t n);
// Reduce `rows` contiguous rows of `len` elements each into out[rows] (accumulator type).
// Each row is cut into blocks of kRowBlock elements, each block reduced in 64-byte lanes and
// the blocks combined in order, so a row's result does not depend on how the driver splits it.
using RowReduceFn = void (*)(const void* in, int64_t rows, int64_t len, void* out);
// acc[j] op= in[k * stride + j] for k in [0, rows), j in [0, cols) (acc in accumulator type).
using ColReduceFn = void (*)(const void* in, int64_t rows, int64_t stride, int64_t cols, void* acc);
// Arg-reduction of `rows` contiguous rows of `len` elements: out[r] = index (int32).
using ArgRowFn = void (*)(const void* in, int64_t rows, int64_t len, int32_t* out);
// Arg-reduction along a strided axis: for j in [0, cols): out[j] = index over k in [0, len)
// of in[k * stride + j].
using ArgColFn = void (*)(const void* in, int64_t len, int64_t stride, int64_t cols, int32_t* out);

constexpr int64_t kRowBlock = 4096;
constexpr int64_t kColBlock = 256;  // rows of a column reduction accumulated before combining

struct KernelTable {
  BinaryFn binary[kNumBinOps][3][3];  // [op][dtype f32/f64/i32][pattern]
  UnaryFn unary[kNumUnOps][3];        // [op][dtype]
  CastFn cast[4][4];                  // [from][to] over f32, f64, i32, bool
  // [op class: 0 sum, 1 prod, 2 max, 3 min][input dtype f32/f64/i32 or accumulator][acc]
  RowReduceFn row[4][kNumAccTypes + 3][kNumAccTypes];
  ColReduceFn col[4][kNumAccTypes + 3][kNumAccTypes];
  ArgRowFn argRow[2][3];  // [0 max, 1 min][dtype]
  ArgColFn argCol[2][3];
};

// Indices of inputs in the reduce tables: the element dtypes, then the accumulator types.
constexpr int kRedInF32 = 0, kRedInF64 = 1, kRedInI32 = 2;
constexpr int RedInAcc(AccType a) { return 3 + static_cast<int>(a); }

const KernelTable& PortableKernels();
const KernelTable* Avx2Kernels();    // null when not compiled for x86-64
const KernelTable* Avx512Kernels();  // null when not compiled for x86-64
// The table for BestIsa().
const KernelTable& Kernels();

// libmvec entry points (null when missing): 8-lane AVX-512 and 4-lane AVX2 double versions.
struct MvecTable {
  void* avx512[kNumMathFns];
  void* avx2[kNumMathFns];
};
const MvecTable& Mvec();

// Scalar reference-compatible versions for tails and fallbacks.
double ScalarMath(MathFn fn, double x);

}  // namespace ew
}  // namespace tsflow
