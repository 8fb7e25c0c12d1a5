// N-API helpers for typed-array arguments and results, shared by every part of the addon.
#pragma once
#include <napi.h>

#include <cstddef>

#include "dtype_codes.h"

namespace tsflow {

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

}  // namespace tsflow
