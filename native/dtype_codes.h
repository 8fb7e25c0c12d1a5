// Element types as the TypeScript side numbers them (NATIVE_DTYPE_CODES in
// src/devices/native/addon.ts), shared by the CPU kernels and the memory helpers.
#pragma once

namespace tsflow {

enum DType : int { kF32 = 0, kF64 = 1, kI32 = 2, kBool = 3, kI64 = 4, kNumDTypes = 5 };

}  // namespace tsflow
