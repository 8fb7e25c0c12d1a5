// Each part of the addon adds its functions to the exports: the CPU kernels (cpu/) and the
// memory helpers (memory/).
#pragma once
#include <napi.h>

namespace tsflow {

void InitGemm(Napi::Env env, Napi::Object exports);
void InitElementwise(Napi::Env env, Napi::Object exports);
void InitOutputPool(Napi::Env env, Napi::Object exports);
void InitWeakHandles(Napi::Env env, Napi::Object exports);
void InitScan(Napi::Env env, Napi::Object exports);
void InitTopK(Napi::Env env, Napi::Object exports);
void InitPhilox(Napi::Env env, Napi::Object exports);
void InitLinalgSolvers(Napi::Env env, Napi::Object exports);
void InitSoftmax(Napi::Env env, Napi::Object exports);
void InitConv(Napi::Env env, Napi::Object exports);

}  // namespace tsflow
