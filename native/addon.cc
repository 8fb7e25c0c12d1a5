// Entry point of the native CPU addon.
#include <napi.h>

#include "bindings.h"
#include "cpu_features.h"
#include "thread_pool.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("isa", Napi::String::New(env, tsflow::IsaName(tsflow::BestIsa())));
  exports.Set("numThreads", Napi::Number::New(env, tsflow::NumThreads()));
  tsflow::InitGemm(env, exports);
  tsflow::InitElementwise(env, exports);
  tsflow::InitWeakHandles(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(tsflow_native, Init)
