// Which SIMD instruction sets this CPU has, detected once at run time.
#pragma once

namespace tsflow {

enum class Isa { kPortable = 0, kAvx2Fma = 1, kAvx512 = 2 };

// The best instruction set the CPU supports among those tsflow has kernels for.
// TSFLOW_ISA=portable|avx2|avx512 lowers it (for testing every path on one machine).
Isa BestIsa();
const char* IsaName(Isa isa);

}  // namespace tsflow
