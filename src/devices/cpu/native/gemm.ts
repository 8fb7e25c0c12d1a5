// Native matrix multiplication kernels (registered over the TypeScript reference kernels).

/** The addon's GEMM functions. */
export interface NativeGemm {}
