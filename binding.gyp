# The native addon (node-addon-api), built by `npm install` through scripts/build-native.mjs:
# native/cpu/ holds the CPU kernels, native/memory/ the memory helpers (output pool, weak
# handles), native/ the entry point and shared N-API glue.
# Instruction-set variants live in the same files behind GCC/Clang `target` attributes and are
# chosen at run time from the CPU's features: never -march=native, so the binary runs on any
# x86-64 (and the portable code on other CPUs).
{
  "targets": [
    {
      "target_name": "tsflow_native",
      "sources": [
        "native/addon.cc",
        "native/cpu/thread_pool.cc",
        "native/cpu/cpu_features.cc",
        "native/cpu/gemm.cc",
        "native/cpu/gemm_kernels.cc",
        "native/cpu/elementwise.cc",
        "native/cpu/elementwise_mvec.cc",
        "native/cpu/elementwise_portable.cc",
        "native/cpu/elementwise_avx2.cc",
        "native/cpu/elementwise_avx512.cc",
        "native/cpu/reduce.cc",
        "native/memory/output_pool.cc",
        "native/memory/weak_handles.cc",
        "native/cpu/scan.cc",
        "native/cpu/topk.cc",
        "native/cpu/philox.cc",
        "native/cpu/linalg_solvers.cc",
        "native/cpu/softmax.cc",
        "native/cpu/conv.cc",
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
