// Elementwise math ops (math_ops / gen_math_ops).
import {
  asDType, complex128, complex64, float32, float64, type DType, type DTypeLike, type DTypeName,
} from "../core/dtypes.js";
import { InvalidArgumentError, TypeError as TFTypeError, UnimplementedError } from "../errors/errors.js";
import { notInAllowedValues } from "../errors/messages.js";
import {
  castNotSupported, complexPartsIncorrectTypes, negativeNumSegments, realOfNonNumeric, segmentIdsShapeMismatch,
  truedivDtypeMismatch, truedivDtypeNotSupported,
} from "../errors/op_messages.js";
import { convertToTensor, type TensorLike } from "../api/convert.js";
import { Tensor } from "../runtime/tensor.js";
import { execute1 } from "../runtime/execute.js";
import { COMPLEX, defineOp, NUMBERS, REAL_FLOATS, type OpDef } from "./op_def.js";
import { setGradient } from "../autodiff/gradient_registry.js";
import { unbroadcast } from "../autodiff/gradient_helpers.js";
import { broadcastSpec, indexTensor, matchingTensors } from "./op_helpers.js";
import { gather, reshape, transpose, zerosLike } from "./array.js";
import { greater, greaterEqual, lessEqual, notEqual, where } from "./compare.js";

/** A broadcasting binary op whose output has the inputs' dtype (or `outDtype`). */
export function binaryOpDef(name: string, allowed: readonly DTypeName[], outDtype?: DType): OpDef {
  return defineOp({ name, allowed, inferOutputs: (inputs) => broadcastSpec(name, inputs, outDtype) });
}

/** An elementwise unary op whose output has the input's dtype (or `outDtype(input)`). */
export function unaryOpDef(name: string, allowed: readonly DTypeName[], outDtype?: (d: DType) => DType): OpDef {
  return defineOp({
    name, allowed,
    inferOutputs: ([x]) => [{ dtype: outDtype ? outDtype(x!.dtype) : x!.dtype, dims: x!.dims }],
  });
}

/** Run a binary op on two values converted as TensorFlow's args_to_matching_eager does. */
export function binary(op: OpDef, x: TensorLike, y: TensorLike): Tensor {
  const [a, b] = matchingTensors([x, y]);
  return execute1(op, [a!, b!], {});
}

export function unary(op: OpDef, x: TensorLike): Tensor {
  return execute1(op, [convertToTensor(x)], {});
}

export const AddV2 = binaryOpDef("AddV2", NUMBERS);
/** The older Add op, which TensorFlow still uses for strings (concatenation). */
export const Add = binaryOpDef("Add", [...NUMBERS, "string"]);
export const Sub = binaryOpDef("Sub", NUMBERS);
export const Mul = binaryOpDef("Mul", NUMBERS);
export const RealDiv = binaryOpDef("RealDiv", NUMBERS);
// d(x + y) = dy, d(x - y) = (dy, -dy), d(x * y) = (dy * conj(y), conj(x) * dy), each summed back to its input's shape.
for (const op of [AddV2, Add]) setGradient(op, ({ inputs: [x, y] }, [dy]) => [unbroadcast(dy!, x!.dims), unbroadcast(dy!, y!.dims)]);
setGradient(Sub, ({ inputs: [x, y] }, [dy]) => [unbroadcast(dy!, x!.dims), unbroadcast(negative(dy!), y!.dims)]);
setGradient(Mul, ({ inputs: [x, y] }, [dy]) => [
  unbroadcast(multiply(dy!, conj(y!)), x!.dims), unbroadcast(multiply(conj(x!), dy!), y!.dims),
]);
export const Neg = unaryOpDef("Neg", [...REAL_FLOATS, "int8", "int16", "int32", "int64", "complex64", "complex128"]);

/** x + y with broadcasting (AddV2; strings concatenate with Add, as in TensorFlow). */
export function add(x: TensorLike, y: TensorLike): Tensor {
  const [a, b] = matchingTensors([x, y]);
  return execute1(a!.dtype.isString ? Add : AddV2, [a!, b!], {});
}
/** x - y with broadcasting. */
export function subtract(x: TensorLike, y: TensorLike): Tensor { return binary(Sub, x, y); }
/** x * y with broadcasting. */
export function multiply(x: TensorLike, y: TensorLike): Tensor { return binary(Mul, x, y); }
/** -x. */
export function negative(x: TensorLike): Tensor { return unary(Neg, x); }

// Python 3 true division: small integers divide in float32, large ones in float64.
const TRUEDIV: Partial<Record<DTypeName, DType | null>> = {
  uint8: float32, int8: float32, uint16: float32, int16: float32,
  uint32: float64, uint64: float64, int32: float64, int64: float64,
  bfloat16: null, float16: null, float32: null, float64: null, complex64: null, complex128: null,
};

/** x / y (Python 3 true division: integers are cast to floating point first). */
export function divide(x: TensorLike, y: TensorLike): Tensor {
  const a = convertToTensor(x);
  const b = y instanceof Tensor ? y : convertToTensor(y, a.dtype);
  if (a.dtype !== b.dtype) {
    throw new TFTypeError(truedivDtypeMismatch(a.dtype, b.dtype));
  }
  const target = TRUEDIV[a.dtype.name];
  if (target === undefined) {
    throw new TFTypeError(truedivDtypeNotSupported(a.dtype, Object.keys(TRUEDIV) as DTypeName[]));
  }
  return target === null ? execute1(RealDiv, [a, b], {}) : execute1(RealDiv, [cast(a, target), cast(b, target)], {});
}

export const Cast = defineOp<{ dtype: DType }>({
  name: "Cast",
  inferOutputs: ([x], { dtype }) => {
    if ((x!.dtype.isString || dtype.isString) && x!.dtype !== dtype) {
      throw new UnimplementedError(castNotSupported(x!.dtype, dtype));
    }
    return [{ dtype, dims: x!.dims }];
  },
});

/** tf.cast: the value converted to `dtype` (the same tensor when it already has it). */
export function cast(x: TensorLike, dtype: DTypeLike): Tensor {
  const target = asDType(dtype);
  const t = convertToTensor(x);
  return t.dtype === target ? t : execute1(Cast, [t], { dtype: target });
}


// --- More elementwise math ---------------------------------------------------------------
// Dtype lists are TensorFlow's op registrations (math_ops.cc / nn_ops.cc), in their order,
// since the "not in the list of allowed values" message lists them that way.

const BINARY_MORE: readonly DTypeName[] = [
  "bfloat16", "float16", "float32", "float64", "uint8", "int8", "uint16", "int16", "int32",
  "uint32", "uint64", "int64", "complex64", "complex128",
];
const UNARY_COMPLEX: readonly DTypeName[] = ["bfloat16", "float16", "float32", "float64", "complex64", "complex128"];
const MAX_MIN_TYPES: readonly DTypeName[] = [
  "bfloat16", "float16", "float32", "float64", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
];
const FLOOR_MOD_TYPES: readonly DTypeName[] = [
  "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bfloat16", "float16", "float32", "float64",
];
const POW_TYPES: readonly DTypeName[] = [
  "bfloat16", "float32", "float16", "float64", "int8", "int16", "int32", "int64", "complex64", "complex128",
];
const ABS_TYPES: readonly DTypeName[] = ["bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64"];
const SIGN_TYPES: readonly DTypeName[] = [...ABS_TYPES, "complex64", "complex128"];
const SQUARE_TYPES: readonly DTypeName[] = [
  "bfloat16", "float16", "float32", "float64", "int8", "int16", "int32", "int64",
  "uint8", "uint16", "uint32", "uint64", "complex64", "complex128",
];
/**
 * TensorFlow's `realnumbertypes`, in its order (Relu, Less, Greater, …). A function so that
 * modules in an import cycle with this one can use it while it is still loading.
 */
export function realNumberTypes(): readonly DTypeName[] {
  return ["float32", "float64", "int32", "uint8", "int16", "int8", "int64", "bfloat16", "uint16", "float16", "uint32", "uint64"];
}

export const FloorDiv = binaryOpDef("FloorDiv", BINARY_MORE);
export const FloorMod = binaryOpDef("FloorMod", FLOOR_MOD_TYPES);
export const Pow = binaryOpDef("Pow", POW_TYPES);
export const Maximum = binaryOpDef("Maximum", MAX_MIN_TYPES);
export const Minimum = binaryOpDef("Minimum", MAX_MIN_TYPES);
export const DivNoNan = binaryOpDef("DivNoNan", ["float16", "float32", "bfloat16", "float64", "complex64", "complex128"]);
export const Abs = unaryOpDef("Abs", ABS_TYPES);
export const ComplexAbs = unaryOpDef("ComplexAbs", COMPLEX, (d) => d.realDtype);
export const Sign = unaryOpDef("Sign", SIGN_TYPES);
export const Square = unaryOpDef("Square", SQUARE_TYPES);
export const Sqrt = unaryOpDef("Sqrt", UNARY_COMPLEX);
export const Rsqrt = unaryOpDef("Rsqrt", UNARY_COMPLEX);
export const Exp = unaryOpDef("Exp", UNARY_COMPLEX);
export const Log = unaryOpDef("Log", UNARY_COMPLEX);
export const Log1p = unaryOpDef("Log1p", UNARY_COMPLEX);
export const Sin = unaryOpDef("Sin", UNARY_COMPLEX);
export const Cos = unaryOpDef("Cos", UNARY_COMPLEX);
export const Tanh = unaryOpDef("Tanh", UNARY_COMPLEX);
export const Sigmoid = unaryOpDef("Sigmoid", UNARY_COMPLEX);
export const Relu = unaryOpDef("Relu", realNumberTypes());
export const Real = unaryOpDef("Real", COMPLEX, (d) => d.realDtype);
export const Imag = unaryOpDef("Imag", COMPLEX, (d) => d.realDtype);
/** Complex(real, imag): float -> complex64, double -> complex128, broadcasting. */
export const Complex = defineOp({
  name: "Complex",
  allowed: ["float32", "float64"],
  inferOutputs: (inputs) => broadcastSpec("Complex", inputs, inputs[0]!.dtype === float64 ? complex128 : complex64),
});

/** x // y, rounding toward negative infinity (FloorDiv); integer division by zero raises. */
export function floorDiv(x: TensorLike, y: TensorLike): Tensor { return binary(FloorDiv, x, y); }
/** x % y with Python's sign rule: the result has the divisor's sign (FloorMod). */
export function mod(x: TensorLike, y: TensorLike): Tensor { return binary(FloorMod, x, y); }
/** x ** y (Pow); integers to negative integer powers raise. */
export function pow(x: TensorLike, y: TensorLike): Tensor { return binary(Pow, x, y); }
/** Elementwise maximum (NaN propagates). */
export function maximum(x: TensorLike, y: TensorLike): Tensor { return binary(Maximum, x, y); }
/** Elementwise minimum (NaN propagates). */
export function minimum(x: TensorLike, y: TensorLike): Tensor { return binary(Minimum, x, y); }

/** |x|; for complex input the modulus, of the matching real dtype (ComplexAbs). */
export function abs(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  return execute1(t.dtype.isComplex ? ComplexAbs : Abs, [t], {});
}

/** -1, 0 or 1 by the sign of x (NaN stays NaN); x / |x| for complex x (0 at 0), as tf.math.sign. */
export function sign(x: TensorLike): Tensor {
  const t = convertToTensor(x);
  if (!t.dtype.isComplex) return execute1(Sign, [t], {});
  // TensorFlow computes div_no_nan(x, cast(complex_abs(x), x.dtype)) for complex inputs.
  return execute1(DivNoNan, [t, cast(execute1(ComplexAbs, [t], {}), t.dtype)], {});
}

/** x * x. */
export function square(x: TensorLike): Tensor { return unary(Square, x); }
/** Square root. */
export function sqrt(x: TensorLike): Tensor { return unary(Sqrt, x); }
/** 1 / sqrt(x). */
export function rsqrt(x: TensorLike): Tensor { return unary(Rsqrt, x); }
/** e ** x. */
export function exp(x: TensorLike): Tensor { return unary(Exp, x); }
/** Natural logarithm. */
export function log(x: TensorLike): Tensor { return unary(Log, x); }
/** log(1 + x), accurate for small x. */
export function log1p(x: TensorLike): Tensor { return unary(Log1p, x); }
/** Sine. */
export function sin(x: TensorLike): Tensor { return unary(Sin, x); }
/** Cosine. */
export function cos(x: TensorLike): Tensor { return unary(Cos, x); }
/** Hyperbolic tangent. */
export function tanh(x: TensorLike): Tensor { return unary(Tanh, x); }
/** 1 / (1 + exp(-x)), computed without overflow. */
export function sigmoid(x: TensorLike): Tensor { return unary(Sigmoid, x); }
/** max(x, 0). */
export function relu(x: TensorLike): Tensor { return unary(Relu, x); }

/** real + imag·i: float32 parts give complex64, float64 parts complex128 (broadcasting). */
export function complex(real: TensorLike, imag: TensorLike): Tensor {
  const re = convertToTensor(real);
  const im = convertToTensor(imag);
  if (re.dtype !== im.dtype || (re.dtype !== float32 && re.dtype !== float64)) {
    throw new TFTypeError(complexPartsIncorrectTypes(re.dtype, im.dtype));
  }
  return execute1(Complex, [re, im], {});
}

/** The real part: Real for complex input; a real tensor is returned unchanged. */
export function real(input: TensorLike): Tensor {
  const t = convertToTensor(input);
  if (t.dtype.isComplex) return execute1(Real, [t], {});
  if (t.dtype.isBool || t.dtype.isString) {
    throw new TFTypeError(realOfNonNumeric(t.dtype));
  }
  return t;
}

/** The imaginary part: Imag for complex input; zeros like a real tensor (tf.zeros_like). */
export function imag(input: TensorLike): Tensor {
  const t = convertToTensor(input);
  return t.dtype.isComplex ? execute1(Imag, [t], {}) : zerosLike(t);
}


// --- UnsortedSegmentSum ----------------------------------------------------------------------
// Gather's (and other index-moving ops') gradients sum rows into their sources with it.

/** UnsortedSegmentSum(data, segment_ids): rows of `data` summed by id into `numSegments` rows (negative ids dropped). */
export const UnsortedSegmentSum = defineOp<{ numSegments: number }>({
  name: "UnsortedSegmentSum",
  allowed: NUMBERS,
  inferOutputs: ([data, ids], { numSegments }) => {
    if (ids!.dtype.name !== "int32" && ids!.dtype.name !== "int64") {
      throw new InvalidArgumentError(notInAllowedValues("Tindices", ids!.dtype, ["int32", "int64"]));
    }
    const k = ids!.dims.length;
    if (k > data!.dims.length || ids!.dims.some((d, i) => d !== data!.dims[i])) {
      throw new InvalidArgumentError(segmentIdsShapeMismatch(data!.dims, ids!.dims));
    }
    if (!Number.isInteger(numSegments) || numSegments < 0) {
      throw new InvalidArgumentError(negativeNumSegments(numSegments));
    }
    return [{ dtype: data!.dtype, dims: [numSegments, ...data!.dims.slice(k)] }];
  },
});

/** tf.math.unsorted_segment_sum: out[j] = sum of data[i] over i with segmentIds[i] == j (ids < 0 are dropped). */
export function unsortedSegmentSum(data: TensorLike, segmentIds: TensorLike, numSegments: number | Tensor): Tensor {
  const n = numSegments instanceof Tensor ? Number(numSegments.numpy().item()) : numSegments;
  return execute1(UnsortedSegmentSum, [convertToTensor(data), indexTensor(segmentIds)], { numSegments: n });
}

// --- Gradients (TensorFlow's math_grad.py) ----------------------------------------------------
// Complex gradients follow TensorFlow's convention: dy times the conjugate of the derivative.

/** conj(x) for complex x (a ConjugateTranspose with the identity permutation), x itself otherwise. */
export function conj(x: Tensor): Tensor {
  return x.dtype.isComplex ? transpose(x, x.dims.map((_, i) => i), { conjugate: true }) : x;
}
const realDiv = (x: Tensor, y: TensorLike): Tensor => binary(RealDiv, x, y);
const divNoNan = (x: Tensor, y: TensorLike): Tensor => binary(DivNoNan, x, y);

setGradient(RealDiv, ({ inputs: [x, y] }, [dy]) => {
  const cx = conj(x!), cy = conj(y!);
  return [unbroadcast(realDiv(dy!, cy), x!.dims), unbroadcast(multiply(dy!, realDiv(realDiv(negative(cx), cy), cy)), y!.dims)];
});
setGradient(DivNoNan, ({ inputs: [x, y] }, [dy]) => {
  const cx = conj(x!), cy = conj(y!);
  return [unbroadcast(divNoNan(dy!, cy), x!.dims), unbroadcast(multiply(dy!, divNoNan(divNoNan(negative(cx), cy), cy)), y!.dims)];
});
setGradient(Neg, (_info, [dy]) => [negative(dy!)]);
setGradient(Abs, ({ inputs: [x] }, [dy]) => [multiply(dy!, sign(x!))]);
// Piecewise constant: TensorFlow answers zeros rather than None.
setGradient(Sign, ({ inputs: [x] }) => [zerosLike(x!)]);
setGradient(Square, ({ inputs: [x] }, [dy]) => [multiply(dy!, multiply(conj(x!), 2))]);
// In terms of the outputs, as TensorFlow's SqrtGrad/RsqrtGrad/TanhGrad/SigmoidGrad: y is recorded
// too, so higher derivatives still reach x through it.
setGradient(Sqrt, ({ outputs: [y] }, [dy]) => [realDiv(multiply(dy!, 0.5), conj(y!))]);
setGradient(Rsqrt, ({ outputs: [y] }, [dy]) => {
  const cy = conj(y!);
  return [multiply(dy!, multiply(multiply(multiply(cy, cy), cy), -0.5))];
});
setGradient(Exp, ({ outputs: [y] }, [dy]) => [multiply(dy!, conj(y!))]);
setGradient(Log, ({ inputs: [x] }, [dy]) => [realDiv(dy!, conj(x!))]);
setGradient(Log1p, ({ inputs: [x] }, [dy]) => [realDiv(dy!, add(conj(x!), 1))]);
setGradient(Sin, ({ inputs: [x] }, [dy]) => [multiply(dy!, cos(conj(x!)))]);
setGradient(Cos, ({ inputs: [x] }, [dy]) => [multiply(negative(dy!), sin(conj(x!)))]);
setGradient(Tanh, ({ outputs: [y] }, [dy]) => {
  const cy = conj(y!);
  return [multiply(dy!, subtract(1, multiply(cy, cy)))];
});
setGradient(Sigmoid, ({ outputs: [y] }, [dy]) => {
  const cy = conj(y!);
  return [multiply(dy!, multiply(cy, subtract(1, cy)))];
});
// ReluGrad: dy where the output is positive (0 at the kink, as TensorFlow).
setGradient(Relu, ({ outputs: [y] }, [dy]) => [where(greater(y!, 0), dy!, 0)]);

setGradient(Pow, ({ inputs: [x, y], outputs: [z] }, [dy]) => {
  const cx = conj(x!), cy = conj(y!), cz = conj(z!);
  const gx = multiply(multiply(dy!, cy), pow(cx, subtract(cy, 1)));
  // log(x) only where it is finite and real (x > 0; x != 0 for complex): no false singularity at 0.
  const mask = cx.dtype.isComplex ? notEqual(cx, 0) : greater(cx, 0);
  const logX = where(mask, log(where(mask, cx, 1)), 0);
  return [unbroadcast(gx, x!.dims), unbroadcast(multiply(multiply(dy!, cz), logX), y!.dims)];
});

// The gradient goes to the selected input; ties go to x (x >= y for Maximum, x <= y for Minimum).
function maxMinGradient(select: (x: Tensor, y: Tensor) => Tensor) {
  return ({ inputs: [x, y] }: { inputs: readonly Tensor[] }, [dy]: readonly Tensor[]) => {
    const xmask = select(x!, y!);
    return [unbroadcast(where(xmask, dy!, 0), x!.dims), unbroadcast(where(xmask, 0, dy!), y!.dims)];
  };
}
setGradient(Maximum, maxMinGradient(greaterEqual));
setGradient(Minimum, maxMinGradient(lessEqual));

setGradient(FloorDiv, null);
setGradient(FloorMod, ({ inputs: [x, y] }, [dy]) => [
  unbroadcast(dy!, x!.dims), unbroadcast(multiply(dy!, negative(floorDiv(x!, y!))), y!.dims),
]);

// Only between floating and complex types; casts from or to integers and bool cut the gradient.
const CAST_GRAD_TYPES = new Set(["float16", "float32", "float64", "bfloat16", "complex64", "complex128"]);
setGradient(Cast, ({ inputs: [x] }, [dy]) => [
  CAST_GRAD_TYPES.has(x!.dtype.name) && CAST_GRAD_TYPES.has(dy!.dtype.name) ? cast(dy!, x!.dtype) : null,
]);

setGradient(Complex, ({ inputs: [x, y] }, [dy]) => [unbroadcast(real(dy!), x!.dims), unbroadcast(imag(dy!), y!.dims)]);
setGradient(Real, (_info, [dy]) => [complex(dy!, convertToTensor(0, dy!.dtype))]);
setGradient(Imag, (_info, [dy]) => [complex(convertToTensor(0, dy!.dtype), dy!)]);
setGradient(ComplexAbs, ({ inputs: [x], outputs: [y] }, [dy]) => [
  divNoNan(multiply(complex(dy!, zerosLike(dy!)), x!), complex(y!, zerosLike(y!))),
]);

// The gradient of a segment sum gathers dy back by id; dropped (negative) ids get zeros.
setGradient(UnsortedSegmentSum, ({ inputs: [data, ids] }, [dy]) => {
  if (dy!.dims[0] === 0) return [zerosLike(data!), null]; // no segments: nothing to gather from
  const valid = greaterEqual(ids!, 0);
  const rows = gather(dy!, where(valid, ids!, 0));
  const mask = reshape(valid, [...ids!.dims, ...data!.dims.slice(ids!.rank).map(() => 1)]);
  return [where(mask, rows, 0), null];
});
