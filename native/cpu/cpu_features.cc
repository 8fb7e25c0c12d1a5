#include "cpu_features.h"

#include <cstdlib>
#include <cstring>

namespace tsflow {

Isa BestIsa() {
  static const Isa isa = [] {
    Isa best = Isa::kPortable;
#if defined(__x86_64__) || defined(_M_X64)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) best = Isa::kAvx2Fma;
    if (best == Isa::kAvx2Fma && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) {
      best = Isa::kAvx512;
    }
#endif
    if (const char* env = std::getenv("TSFLOW_ISA")) {
      Isa asked = best;
      if (std::strcmp(env, "portable") == 0) asked = Isa::kPortable;
      else if (std::strcmp(env, "avx2") == 0) asked = Isa::kAvx2Fma;
      else if (std::strcmp(env, "avx512") == 0) asked = Isa::kAvx512;
      if (static_cast<int>(asked) < static_cast<int>(best)) best = asked;
    }
    return best;
  }();
  return isa;
}

const char* IsaName(Isa isa) {
  switch (isa) {
    case Isa::kAvx512: return "avx512";
    case Isa::kAvx2Fma: return "avx2";
    default: return "portable";
  }
}

}  // namespace tsflow
