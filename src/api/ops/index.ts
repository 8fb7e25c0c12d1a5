// Every public op function, for the tf namespace.
export { constant, convertToTensor } from "./convert.js";
export type { TensorLike, TypedArray } from "./convert.js";
export type { IntsLike, ShapeArg } from "./args.js";
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
export { matmul, tensordot } from "./linalg.js";
export type { MatMulOptions, TensordotAxes } from "./linalg.js";
export { scalarMul } from "./math_composites.js";
export { einsum } from "./einsum.js";
export {
  reduceSum, reduceMean, reduceProd, reduceMax, reduceMin, reduceAny, reduceAll, argmax, argmin,
} from "./reduce.js";
export type { ReductionAxis } from "./reduce.js";
export {
  gatherNd, scatterNd, tensorScatterNdUpdate, tensorScatterNdAdd, tensorScatterNdSub, tensorScatterNdMin, tensorScatterNdMax,
  tensorScatterNdUpdate as tensorScatterUpdate, tensorScatterNdAdd as tensorScatterAdd, tensorScatterNdSub as tensorScatterSub,
  tensorScatterNdMin as tensorScatterMin, tensorScatterNdMax as tensorScatterMax,
} from "./indexing.js";
export type { GatherNdOptions } from "./indexing.js";
export {
  shape, shapeN, size, rank, broadcastTo, broadcastStaticShape, broadcastDynamicShape, linspace, oneHot, reverse, roll,
  split, unstack, repeat, meshgrid, booleanMask, sequenceMask,
} from "./shape_ops.js";
export type { LinspaceOptions, OneHotOptions, SplitOptions, UnstackOptions, MeshgridOptions, BooleanMaskOptions } from "./shape_ops.js";
// --- reductions, scans, segments and sorting added by #14 (the names TensorFlow has at tf.*) ---
export { cumsum } from "./scan.js";
export type { ScanOptions } from "./scan.js";
export { reduceLogsumexp, addN } from "./reduce_extra.js";
export type { CountNonzeroOptions, L2NormalizeOptions } from "./reduce_extra.js";
export { sort, argsort, unique, searchsorted } from "./sort.js";
export type { TopKOptions, SortOptions, ArgsortOptions, SortDirection, SearchsortedOptions } from "./sort.js";
export type { BincountOptions, ConfusionMatrixOptions } from "./segment.js";
export {
  floor, round, tan, asin, acos, atan, atan2, sinh, cosh, asinh, acosh, atanh, truncateDiv as truncatediv,
  truncateMod as truncatemod, truncateDiv, truncateMod, realdiv, truediv,
} from "./elementwise_math.js";
// tf.linalg's functions live in tf.linalg (api/linalg.ts); TensorFlow 2 keeps only trace at the top level.
export { trace } from "./linalg_matrix.js";
export type { AdjointOptions, TriangularSolveOptions, QrOptions, LstsqOptions } from "./linalg_decompositions.js";
export type { MatvecOptions, DiagIndex, DiagOptions, DiagPartOptions } from "./linalg_matrix.js";
// --- clipping and norms added by #14 ---
export { clipByValue, clipByNorm, clipByGlobalNorm } from "./clip.js";
export type { TensorList, Clipped, ClippedList } from "./clip.js";
export { norm } from "./norm.js";
export type { NormOrd, NormAxis, NormOptions } from "./norm.js";
export type { SvdOptions } from "./linalg_decompositions.js";
export { batchToSpace, batchToSpaceNd, spaceToBatch, spaceToBatchNd } from "./space_to_batch.js";
