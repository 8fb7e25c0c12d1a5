// Every public op function, for the tf namespace.
export { constant, convertToTensor } from "./convert.js";
export type { TensorLike, TypedArray } from "./convert.js";
export type { IntsLike } from "./args.js";
export {
  add, subtract, multiply, divide, negative, cast,
  floorDiv, mod, pow, maximum, minimum, abs, sign, square, sqrt, rsqrt, exp, log, log1p,
  sin, cos, tanh, sigmoid, relu, complex, real, imag, unsortedSegmentSum,
} from "./math.js";
export {
  equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr, logicalNot, where,
} from "./compare.js";
export {
  reshape, stack, fill, zeros, ones, zerosLike, onesLike, transpose, expandDims, squeeze, concat, slice,
  stridedSlice, gather, tile, pad, range, eye, identity, stopGradient,
} from "./array.js";
export type {
  TransposeOptions, StridedSliceMasks, GatherOptions, PadOptions, PadMode, EyeOptions,
} from "./array.js";
export { matmul } from "./linalg.js";
export type { MatMulOptions } from "./linalg.js";
export {
  reduceSum, reduceMean, reduceProd, reduceMax, reduceMin, reduceAny, reduceAll, argmax, argmin,
} from "./reduce.js";
export type { ReductionAxis } from "./reduce.js";
// tf.linalg's functions live in tf.linalg (api/linalg.ts); TensorFlow 2 keeps only trace at the top level.
export { trace } from "./linalg_matrix.js";
export type { AdjointOptions, TriangularSolveOptions, QrOptions, LstsqOptions } from "./linalg_decompositions.js";
export type { MatvecOptions, DiagIndex, DiagOptions, DiagPartOptions } from "./linalg_matrix.js";
