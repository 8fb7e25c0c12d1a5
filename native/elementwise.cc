// Elementwise kernels (placeholder until the elementwise kernels land).
#include "bindings.h"

namespace tsflow {
void InitElementwise(Napi::Env, Napi::Object) {}
}  // namespace tsflow
