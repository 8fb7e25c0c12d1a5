// The tf.math namespace: TensorFlow's `tf.math.*` names for the math ops (re-exports only;
// the functions live in api/ops/, and the most common ones are also `tf.*`).
export {
  add, subtract, multiply, divide, negative, floorDiv as floordiv, mod as floormod, pow, maximum, minimum,
  abs, sign, square, sqrt, rsqrt, exp, log, log1p, sin, cos, tanh, sigmoid, real, imag, unsortedSegmentSum,
} from "./ops/math.js";
export {
  equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr, logicalNot,
} from "./ops/compare.js";
export {
  reduceSum, reduceMean, reduceProd, reduceMax, reduceMin, reduceAny, reduceAll, argmax, argmin,
} from "./ops/reduce.js";
// --- elementwise math added by #14 ---
export {
  floor, ceil, round, rint, reciprocal, reciprocalNoNan, tan, asin, acos, atan, atan2, sinh, cosh, asinh, acosh,
  atanh, expm1, erf, erfc, lgamma, digamma, zeta, polygamma, softplus, softsign, logSigmoid, squaredDifference,
  isNan, isInf, isFinite, truncateDiv, truncateMod, truncateDiv as truncatediv, truncateMod as truncatemod,
  realdiv, truediv, divNoNan, divNoNan as divideNoNan, multiplyNoNan, xlogy, xlog1py, xdivy,
} from "./ops/elementwise_math.js";
export { mod, floorDiv } from "./ops/math.js";
// --- reductions, scans, segments and sorting added by #14 ---
export { cumsum, cumprod, cumulativeLogsumexp } from "./ops/scan.js";
export {
  reduceLogsumexp, reduceVariance, reduceStd, reduceEuclideanNorm, countNonzero, l2Normalize, addN, polyval,
} from "./ops/reduce_extra.js";
export { topK, inTopK } from "./ops/sort.js";
export {
  segmentSum, segmentMean, segmentProd, segmentMax, segmentMin, unsortedSegmentMax, unsortedSegmentMin,
  unsortedSegmentProd, unsortedSegmentMean, unsortedSegmentSqrtN, bincount, confusionMatrix,
} from "./ops/segment.js";
// --- Python-composed math functions (math_ops.py, check_ops.py) ---
export {
  logicalXor, conj, angle, scalarMul, zeroFraction, isNonDecreasing, isStrictlyIncreasing,
} from "./ops/math_composites.js";
export { invertPermutation } from "./ops/shape_ops.js";
