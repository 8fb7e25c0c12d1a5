# The native CPU addon (node-addon-api), built by `npm install` through scripts/build-native.mjs.
# Instruction-set variants live in the same files behind GCC/Clang `target` attributes and are
# chosen at run time from the CPU's features: never -march=native, so the binary runs on any
# x86-64 (and the portable code on other CPUs).
{
  "targets": [
    {
      "target_name": "tsflow_native",
      "sources": [
        "native/addon.cc",
        "native/thread_pool.cc",
        "native/cpu_features.cc",
        "native/gemm.cc",
        "native/gemm_kernels.cc",
        "native/elementwise.cc",
        "native/elementwise_mvec.cc",
        "native/elementwise_alloc.cc",
        "native/elementwise_portable.cc",
        "native/elementwise_avx2.cc",
        "native/elementwise_avx512.cc",
        "native/reduce.cc",
        "native/weak_handles.cc",
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "native"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions", "-O2", "-O0"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++1y", "-std=gnu++20", "-O2", "-O0"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-math-errno", "-fno-trapping-math", "-fvisibility=hidden"],
      "libraries": ["-lpthread"],
    },
  ],
}
