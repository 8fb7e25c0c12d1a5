// Elementwise math ops (math_ops / gen_math_ops).
import { complex128, complex64, float64, type DType, type DTypeName } from "../core/dtypes.js";
import { InvalidArgumentError, UnimplementedError } from "../errors/errors.js";
import { notInAllowedValues } from "../errors/messages.js";
import { castNotSupported, inputsNotSameShape, negativeNumSegments, segmentIdsShapeMismatch } from "../errors/op_messages.js";
import { COMPLEX, defineOp, NUMBERS, REAL_FLOATS, REAL_NUMBER_TYPES, type OpDef } from "./op_def.js";
import { broadcastSpec, checkSameDtype } from "./shape_rules.js";
import type { TensorSpec } from "../core/tensor_spec.js";

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

export const AddV2 = binaryOpDef("AddV2", NUMBERS);
/** The older Add op, which TensorFlow still uses for strings (concatenation). */
export const Add = binaryOpDef("Add", [...NUMBERS, "string"]);
export const Sub = binaryOpDef("Sub", NUMBERS);
export const Mul = binaryOpDef("Mul", NUMBERS);
export const RealDiv = binaryOpDef("RealDiv", NUMBERS);
export const Neg = unaryOpDef("Neg", [...REAL_FLOATS, "int8", "int16", "int32", "int64", "complex64", "complex128"]);

export const Cast = defineOp<{ dtype: DType }>({
  name: "Cast",
  inferOutputs: ([x], { dtype }) => {
    if ((x!.dtype.isString || dtype.isString) && x!.dtype !== dtype) {
      throw new UnimplementedError(castNotSupported(x!.dtype, dtype));
    }
    return [{ dtype, dims: x!.dims }];
  },
});

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
export const Relu = unaryOpDef("Relu", REAL_NUMBER_TYPES);
/**
 * ReluGrad(gradients, features): gradients where features > 0, else 0, computed as
 * `gradients * (features > 0)` as TensorFlow's kernel does (so a NaN gradient stays NaN).
 * No broadcasting: both inputs have one shape.
 */
export const ReluGrad = defineOp({
  name: "ReluGrad",
  allowed: REAL_NUMBER_TYPES,
  inferOutputs: (inputs) => {
    checkSameDtype("ReluGrad", inputs);
    const [g, f] = inputs as [TensorSpec, TensorSpec];
    if (g.dims.length !== f.dims.length || g.dims.some((d, i) => d !== f.dims[i])) {
      throw new InvalidArgumentError(inputsNotSameShape("ReluGrad", g.dims, 1, f.dims));
    }
    return [{ dtype: g.dtype, dims: g.dims }];
  },
});
export const Real = unaryOpDef("Real", COMPLEX, (d) => d.realDtype);
export const Imag = unaryOpDef("Imag", COMPLEX, (d) => d.realDtype);
/** Complex(real, imag): float -> complex64, double -> complex128, broadcasting. */
export const Complex = defineOp({
  name: "Complex",
  allowed: ["float32", "float64"],
  inferOutputs: (inputs) => broadcastSpec("Complex", inputs, inputs[0]!.dtype === float64 ? complex128 : complex64),
});

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

/** Every op of this family, by name (the gradient table is typed over it). */
export const mathOps = {
  AddV2, Add, Sub, Mul, RealDiv, Neg, Cast, FloorDiv, FloorMod, Pow, Maximum, Minimum, DivNoNan, Abs, ComplexAbs,
  Sign, Square, Sqrt, Rsqrt, Exp, Log, Log1p, Sin, Cos, Tanh, Sigmoid, Relu, ReluGrad, Real, Imag, Complex, UnsortedSegmentSum,
};
