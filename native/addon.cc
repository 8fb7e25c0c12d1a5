// Entry point of the native addon: the CPU kernels (cpu/) and the memory helpers (memory/)
// that every device may use.
#include <napi.h>

#include "bindings.h"
#include "cpu/cpu_features.h"
#include "cpu/thread_pool.h"

namespace {

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("isa", Napi::String::New(env, tsflow::IsaName(tsflow::BestIsa())));
  exports.Set("numThreads", Napi::Number::New(env, tsflow::NumThreads()));
  tsflow::InitGemm(env, exports);
  tsflow::InitElementwise(env, exports);
  tsflow::InitOutputPool(env, exports);
  tsflow::InitWeakHandles(env, exports);
  tsflow::InitScan(env, exports);
  tsflow::InitTopK(env, exports);
  tsflow::InitLinalgSolvers(env, exports);
  tsflow::InitPhilox(env, exports);
  tsflow::InitSoftmax(env, exports);
  tsflow::InitConv(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(tsflow_native, Init)
