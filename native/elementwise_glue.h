// N-API helpers shared by the elementwise and reduction entry points.
#pragma once
#include <napi.h>

#include <cstddef>
#include <cstdint>

#include "elementwise_kernels.h"

namespace tsflow {
namespace ew {

// A typed array argument: its data (byte offset applied), element count and type.
struct ArrayArg {
  void* data = nullptr;
  size_t length = 0;
  napi_typedarray_type type = napi_uint8_array;
};

inline bool GetArray(napi_env env, napi_value v, ArrayArg* out) {
  napi_value buffer;
  size_t offset;
  return napi_get_typedarray_info(env, v, &out->type, &out->length, &out->data, &buffer, &offset) == napi_ok;
}

// The typed array type holding elements of a dtype.
inline napi_typedarray_type ArrayTypeOf(int dtype) {
  switch (dtype) {
    case kF32: return napi_float32_array;
    case kF64: return napi_float64_array;
    case kI32: return napi_int32_array;
    case kI64: return napi_bigint64_array;
    default: return napi_uint8_array;
  }
}

inline size_t ElementSize(int dtype) {
  switch (dtype) {
    case kF64: case kI64: return 8;
    case kBool: return 1;
    default: return 4;
  }
}

inline Napi::Value ThrowType(const Napi::CallbackInfo& info, const char* message) {
  Napi::TypeError::New(info.Env(), message).ThrowAsJavaScriptException();
  return info.Env().Undefined();
}

// Ask for transparent huge pages on the untouched interior of a large output buffer, so
// that first-touch page faults come 2 MiB at a time (what NumPy does for its large arrays).
void AdviseHugePages(void* data, size_t bytes);

// Parallel grains, in elements: ParallelFor gives each thread at least this many, so an op
// runs on the calling thread alone below twice the grain. Waking the pool's other thread
// costs ~5 us when it is warm and tens of us when it sleeps (measured on a 2-vCPU VM), and
// memory-bound ops gain little from a second thread, so the grains ask for ~30-100 us of
// work per thread.
constexpr int64_t kGrainCheap = int64_t{1} << 17;          // add, compare, cast, abs, ...
constexpr int64_t kGrainSqrt = int64_t{1} << 15;           // sqrt, rsqrt, divide
constexpr int64_t kGrainTranscendental = int64_t{1} << 15;  // exp, log, sin, ...
constexpr int64_t kGrainReduce = int64_t{1} << 17;

}  // namespace ew
}  // namespace tsflow
