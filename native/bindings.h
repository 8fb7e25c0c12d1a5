// Each kernel family adds its functions to the addon's exports.
#pragma once
#include <napi.h>

namespace tsflow {

void InitGemm(Napi::Env env, Napi::Object exports);
void InitElementwise(Napi::Env env, Napi::Object exports);
void InitWeakHandles(Napi::Env env, Napi::Object exports);

}  // namespace tsflow
