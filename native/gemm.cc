// Matrix multiplication (placeholder until the GEMM kernels land).
#include "bindings.h"

namespace tsflow {
void InitGemm(Napi::Env, Napi::Object) {}
}  // namespace tsflow
