// More elementwise math (issue #14): rounding, trigonometric and hyperbolic functions and
// their inverses, special functions, softplus, float classification and the "no NaN" and
// truncating divisions. Dtype lists are TensorFlow's op registrations (math_ops.cc, nn_ops.cc)
// in their order, since the "not in the list of allowed values" message lists them that way;
// the kernels registered per device decide which of them run (NotFoundError otherwise).
import { bool, type DTypeName } from "../core/dtypes.js";
import { binaryOpDef, unaryOpDef } from "./math.js";

/** UNARY(): reals, int8 … int64 and complex. */
const UNARY: readonly DTypeName[] = [
  "bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64", "complex64", "complex128",
];
/** UNARY_REAL(). */
const UNARY_REAL: readonly DTypeName[] = ["bfloat16", "float16", "float32", "float64"];
/** UNARY_COMPLEX(). */
const UNARY_COMPLEX: readonly DTypeName[] = ["bfloat16", "float16", "float32", "float64", "complex64", "complex128"];
/** BINARY_MORE(). */
const BINARY_MORE: readonly DTypeName[] = [
  "bfloat16", "float16", "float32", "float64", "uint8", "int8", "uint16", "int16", "int32",
  "uint32", "uint64", "int64", "complex64", "complex128",
];
/** BINARY_FEWER(). */
const BINARY_FEWER: readonly DTypeName[] = [
  "bfloat16", "float16", "float32", "float64", "int32", "int64", "complex64", "complex128",
];
/** Xlogy, Xdivy, Xlog1py, MulNoNan. */
const X_TYPES: readonly DTypeName[] = ["float16", "bfloat16", "float32", "float64", "complex64", "complex128"];

export const Floor = unaryOpDef("Floor", UNARY_REAL);
export const Ceil = unaryOpDef("Ceil", UNARY_REAL);
/** Round half to even. */
export const Round = unaryOpDef("Round", UNARY);
/** Round half to even (numpy's rint). */
export const Rint = unaryOpDef("Rint", UNARY_REAL);
export const Reciprocal = unaryOpDef("Reciprocal", UNARY);
export const Tan = unaryOpDef("Tan", UNARY);
export const Asin = unaryOpDef("Asin", UNARY);
export const Acos = unaryOpDef("Acos", UNARY);
export const Atan = unaryOpDef("Atan", UNARY);
export const Sinh = unaryOpDef("Sinh", UNARY_COMPLEX);
export const Cosh = unaryOpDef("Cosh", UNARY_COMPLEX);
export const Asinh = unaryOpDef("Asinh", UNARY_COMPLEX);
export const Acosh = unaryOpDef("Acosh", UNARY_COMPLEX);
export const Atanh = unaryOpDef("Atanh", UNARY_COMPLEX);
export const Expm1 = unaryOpDef("Expm1", UNARY_COMPLEX);
export const Erf = unaryOpDef("Erf", UNARY_REAL);
export const Erfc = unaryOpDef("Erfc", UNARY_REAL);
export const Lgamma = unaryOpDef("Lgamma", UNARY_REAL);
export const Digamma = unaryOpDef("Digamma", UNARY_REAL);
/** nn_ops.cc: `{half, bfloat16, float, double}`. */
export const Softplus = unaryOpDef("Softplus", ["float16", "bfloat16", "float32", "float64"]);
export const Softsign = unaryOpDef("Softsign", ["float16", "bfloat16", "float32", "float64"]);
export const IsNan = unaryOpDef("IsNan", UNARY_REAL, () => bool);
export const IsInf = unaryOpDef("IsInf", UNARY_REAL, () => bool);
export const IsFinite = unaryOpDef("IsFinite", UNARY_REAL, () => bool);

/** Atan2(y, x): the angle of (x, y), broadcasting. */
export const Atan2 = binaryOpDef("Atan2", UNARY_REAL);
export const SquaredDifference = binaryOpDef("SquaredDifference", BINARY_FEWER);
/** Division rounding toward zero (C's). */
export const TruncateDiv = binaryOpDef("TruncateDiv", BINARY_MORE);
/** The remainder with the dividend's sign (C's fmod / %). */
export const TruncateMod = binaryOpDef("TruncateMod", ["int32", "int64", "bfloat16", "float16", "float32", "float64"]);
/** x * log(y), 0 where x == 0. */
export const Xlogy = binaryOpDef("Xlogy", X_TYPES);
/** x * log1p(y), 0 where x == 0. */
export const Xlog1py = binaryOpDef("Xlog1py", X_TYPES);
/** x / y, 0 where x == 0. */
export const Xdivy = binaryOpDef("Xdivy", X_TYPES);
/** x * y, 0 where y == 0 (even when x is NaN or infinite). */
export const MulNoNan = binaryOpDef("MulNoNan", X_TYPES);
/** Hurwitz zeta ζ(x, q). */
export const Zeta = binaryOpDef("Zeta", ["float32", "float64"]);
/** Polygamma(a, x): the a-th derivative of digamma. */
export const Polygamma = binaryOpDef("Polygamma", ["float32", "float64"]);

/** Every op of this family, by name (the gradient table is typed over it). */
export const elementwiseMathOps = {
  Floor, Ceil, Round, Rint, Reciprocal, Tan, Asin, Acos, Atan, Sinh, Cosh, Asinh, Acosh, Atanh, Expm1,
  Erf, Erfc, Lgamma, Digamma, Softplus, Softsign, IsNan, IsInf, IsFinite, Atan2, SquaredDifference,
  TruncateDiv, TruncateMod, Xlogy, Xlog1py, Xdivy, MulNoNan, Zeta, Polygamma,
};
