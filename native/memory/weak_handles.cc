// Knowing synchronously which handle objects the garbage collector freed.
//
// GPU memory belongs to handle objects (src/devices/memory_pool.ts, through
// src/devices/native/weak_handles.ts). A FinalizationRegistry reports freed handles only from
// a later event-loop turn, so a synchronous loop that makes GPU tensors without disposing them
// would hold all their memory until it ends. V8's weak
// callbacks run inside the collection itself: each tracked object gets a token, the callback
// records the token, and the device collects the recorded tokens whenever it allocates, and
// after forcing a full collection when memory runs short.
//
//   weakTrack(object, token)   token: a uint32 the caller maps to its memory
//   weakCollected()            -> Uint32Array of tokens freed since the last call
//   weakCollectGarbage()       a full, synchronous garbage collection
#include <v8.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "napi.h"

namespace tsflow {
namespace {

struct Tracked {
  v8::Global<v8::Object> handle;
  uint32_t token;
};

std::vector<uint32_t>& Collected() {
  static std::vector<uint32_t>* c = new std::vector<uint32_t>;
  return *c;
}

void FreeTracked(const v8::WeakCallbackInfo<Tracked>& info) { delete info.GetParameter(); }

void OnCollected(const v8::WeakCallbackInfo<Tracked>& info) {
  Tracked* t = info.GetParameter();
  t->handle.Reset();  // first-pass callbacks must reset the handle and do nothing else with V8
  Collected().push_back(t->token);
  info.SetSecondPassCallback(FreeTracked);
}

v8::Local<v8::Value> V8Value(napi_value v) {
  v8::Local<v8::Value> local;
  static_assert(sizeof(napi_value) == sizeof(v8::Local<v8::Value>), "napi_value is a V8 handle");
  std::memcpy(static_cast<void*>(&local), &v, sizeof(v));
  return local;
}

Napi::Value Track(const Napi::CallbackInfo& info) {
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  v8::Local<v8::Value> value = V8Value(info[0]);
  if (!value->IsObject()) return info.Env().Undefined();
  auto* t = new Tracked{v8::Global<v8::Object>(isolate, value.As<v8::Object>()), info[1].As<Napi::Number>().Uint32Value()};
  t->handle.SetWeak(t, OnCollected, v8::WeakCallbackType::kParameter);
  return info.Env().Undefined();
}

Napi::Value TakeCollected(const Napi::CallbackInfo& info) {
  // Take the list first: allocating the result can run a collection that appends to it.
  std::vector<uint32_t> taken;
  taken.swap(Collected());
  Napi::Uint32Array out = Napi::Uint32Array::New(info.Env(), taken.size());
  if (!taken.empty()) std::memcpy(out.Data(), taken.data(), taken.size() * sizeof(uint32_t));
  return out;
}

Napi::Value CollectGarbage(const Napi::CallbackInfo& info) {
  v8::Isolate::GetCurrent()->LowMemoryNotification();
  return info.Env().Undefined();
}

}  // namespace

void InitWeakHandles(Napi::Env env, Napi::Object exports) {
  exports.Set("weakTrack", Napi::Function::New(env, Track, "weakTrack"));
  exports.Set("weakCollected", Napi::Function::New(env, TakeCollected, "weakCollected"));
  exports.Set("weakCollectGarbage", Napi::Function::New(env, CollectGarbage, "weakCollectGarbage"));
}

}  // namespace tsflow
