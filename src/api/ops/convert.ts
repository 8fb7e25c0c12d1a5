// tf.constant and tf.convert_to_tensor: JS values to tensors with TensorFlow's inference
// and conversion rules (tensorflow/python/lib/core/py_seq_tensor.cc): the dtype is
// inferred from the first element, each element is then converted, a requested dtype is
// tried first and otherwise reached by a cast when TensorFlow deems the types compatible.
// Every op function converts its arguments here, so this module runs ops from the op table
// itself (Cast, Reshape, Fill, Pack) rather than through the op functions.
import {
  asDType, bool, complex128, float16, float32, float64, int32, int64, string, uint64,
  type DType, type DTypeLike,
} from "../../core/dtypes.js";
import { toHalfBits } from "../../core/f16.js";
import { allocStorage, encodeString, type Complex, type Storage } from "../../core/storage.js";
import { sizeOf, TensorShape, type ShapeLike } from "../../core/tensor_shape.js";
import { TypeError as TFTypeError, ValueError } from "../../errors/errors.js";
import {
  cannotConvertToDtype, constantShapeMismatch, doubleOutOfRange, floatInIntegerSequence, int32OutOfRange,
  integerOutOfRange, mixedTypeSequence, noConversionFor, nonRectangularSequence, tensorConversionDtypeMismatch,
  unsupportedValueType,
} from "../../errors/op_messages.js";
import { partialShapeToTensor, shapeToTensorDtype, shapeToTensorTooLarge } from "../../errors/array_messages.js";
import { pyValueRepr } from "../../format/pyrepr.js";
import { NDArray } from "../../format/ndarray.js";
import { Tensor } from "../../runtime/tensor.js";
import { hostTensor } from "../../runtime/copies.js";
import { execute1 } from "../../runtime/execute.js";
import { Cast } from "../../ops/math.js";
import { Fill, Pack, Reshape } from "../../ops/array.js";

export type TypedArray =
  | Float32Array | Float64Array | Int8Array | Int16Array | Int32Array
  | Uint8Array | Uint8ClampedArray | Uint16Array | Uint32Array | BigInt64Array | BigUint64Array;

/** Objects that convert themselves to tensors (variables do), like TF's conversion registry. */
export const toTensorSymbol: unique symbol = Symbol.for("tsflow.toTensor") as never;
export interface TensorConvertible {
  [toTensorSymbol](dtype?: DType): Tensor;
}

export type Scalar = number | boolean | bigint | string | Complex;
export type NestedValue = Scalar | TypedArray | Tensor | TensorConvertible | readonly NestedValue[];
/** Anything tf.convertToTensor accepts (a fully known TensorShape converts to its dimensions). */
export type TensorLike = Tensor | TensorConvertible | NDArray | TensorShape | NestedValue;

function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}
function isComplex(v: unknown): v is Complex {
  return typeof v === "object" && v !== null && typeof (v as Complex).re === "number" && typeof (v as Complex).im === "number";
}
function isConvertible(v: unknown): v is TensorConvertible {
  return typeof v === "object" && v !== null && toTensorSymbol in v;
}

const TYPED_ARRAY_DTYPES: [new (n: number) => TypedArray, DType][] = [
  [Float32Array, float32], [Float64Array, float64], [Int32Array, int32], [BigInt64Array, int64],
  [BigUint64Array, uint64],
];
function typedArrayDType(a: TypedArray): DType {
  for (const [ctor, d] of TYPED_ARRAY_DTYPES) if (a instanceof ctor) return d;
  const name = a instanceof Int8Array ? "int8" : a instanceof Int16Array ? "int16"
    : a instanceof Uint16Array ? "uint16" : a instanceof Uint32Array ? "uint32" : "uint8";
  return asDType(name);
}

/** TensorFlow's `tf.convert_to_tensor(value, dtype)`. */
export function convertToTensor(value: TensorLike, dtype?: DTypeLike | null): Tensor {
  const want = dtype === undefined || dtype === null ? undefined : asDType(dtype);
  if (value instanceof Tensor) {
    if (want !== undefined && want !== value.dtype) {
      throw new ValueError(tensorConversionDtypeMismatch(want, value.dtype, value.repr()));
    }
    return value;
  }
  if (isConvertible(value)) return value[toTensorSymbol](want);
  if (value instanceof TensorShape) return shapeToTensor(value, want);
  if (value instanceof NDArray) {
    const t = hostTensor(asDType(value.tfDtype), value.shape, value.data);
    return want === undefined || want === t.dtype ? t : castTo(t, want);
  }
  if (isTypedArray(value)) {
    const d = typedArrayDType(value);
    const data: Storage = value instanceof Uint8ClampedArray ? new Uint8Array(value) : value.slice();
    const t = hostTensor(d, [value.length], data);
    return want === undefined || want === d ? t : castTo(t, want);
  }
  if (Array.isArray(value) && containsTensor(value)) return autopack(value, want);
  return convertPlainValue(value as NestedValue, want);
}

/**
 * TensorFlow's registered conversion of a TensorShape: its dimensions as int32 (int64 when
 * one does not fit, or when asked); a shape with unknown dimensions cannot be converted.
 */
function shapeToTensor(shape: TensorShape, want: DType | undefined): Tensor {
  if (!shape.isFullyDefined) throw new ValueError(partialShapeToTensor(shape.toString()));
  const dims = shape.asList() as number[];
  const wide = dims.some((d) => d >= 2 ** 31);
  if (want === int64 || (want === undefined && wide)) return hostTensor(int64, [dims.length], BigInt64Array.from(dims, BigInt));
  if (want !== undefined && want !== int32) throw new TFTypeError(shapeToTensorDtype(shape.toString(), String(want)));
  if (wide) throw new ValueError(shapeToTensorTooLarge(shape.toString()));
  return hostTensor(int32, [dims.length], Int32Array.from(dims));
}

/** `t` as another dtype (Cast). */
function castTo(t: Tensor, dtype: DType): Tensor {
  return execute1(Cast, [t], { dtype });
}

/** TensorFlow's `tf.constant(value, dtype, shape)`. */
export function constant(value: TensorLike, dtype?: DTypeLike | null, shape?: ShapeLike): Tensor {
  let t = convertToTensor(value, dtype);
  // tf.constant always makes a new tensor, even from a tensor.
  if (dtype !== undefined && dtype !== null && t.dtype !== asDType(dtype)) t = castTo(t, asDType(dtype));
  if (shape === undefined || shape === null) return t;
  const target = new TensorShape(shape);
  if (target.equals(t.dims)) return t;
  const n = t.size;
  const want = target.numElements();
  if (want !== null && n === want) return execute1(Reshape, [t], { shape: target.asList() as number[] });
  if (n === 1 && target.isFullyDefined) {
    return execute1(Fill, [execute1(Reshape, [t], { shape: [] })], { dims: target.asList() as number[] });
  }
  throw new TFTypeError(constantShapeMismatch(t.repr(), pyValueRepr(value), n, target, want));
}

// --- nested arrays containing tensors: TensorFlow packs them with tf.stack -------------

function containsTensor(v: readonly unknown[]): boolean {
  return v.some((e) => e instanceof Tensor || isConvertible(e) || (Array.isArray(e) && containsTensor(e)));
}

function autopack(value: readonly unknown[], want: DType | undefined): Tensor {
  const parts = value.map((e) => convertToTensor(e as TensorLike, want));
  if (parts.length === 0) return convertPlainValue([], want);
  const d = parts[0]!.dtype;
  const unified = parts.map((p) => (p.dtype === d ? p : convertToTensor(p, d)));
  return execute1(Pack, unified, { axis: 0 });
}

// --- Python sequence conversion ------------------------------------------------------

/** The Python type a JS leaf stands for, as TensorFlow's inference sees it. */
type Inferred = "float" | "int" | "bigint" | "bool" | "string" | "complex" | "empty";

interface Walk { shape: number[]; inferred: Inferred }

/** Shape from the first element at each depth, and the dtype family of the first leaf. */
function inferShapeAndType(value: NestedValue, want: DType | undefined): Walk {
  const shape: number[] = [];
  let v: unknown = value;
  for (;;) {
    if (typeof v === "string") return { shape, inferred: "string" };
    if (Array.isArray(v) || isTypedArray(v)) {
      const seq = v as ArrayLike<unknown>;
      shape.push(seq.length);
      if (seq.length === 0) return { shape, inferred: "empty" };
      v = seq[0];
      continue;
    }
    if (typeof v === "boolean") return { shape, inferred: "bool" };
    if (typeof v === "bigint") return { shape, inferred: "bigint" };
    if (typeof v === "number") {
      // JS has one number type: an integral number is a Python int where an integer
      // dtype was asked for, and a Python float otherwise (API.md: number → float32).
      return { shape, inferred: want !== undefined && (want.isInteger || want.isBool) && Number.isInteger(v) ? "int" : "float" };
    }
    if (isComplex(v)) return { shape, inferred: "complex" };
    throw new ValueError(unsupportedValueType(pyValueRepr(v), jsTypeName(v)));
  }
}

function jsTypeName(v: unknown): string {
  if (v === null) return "NoneType";
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return typeof v;
}

// A leaf's conversion error; the ones the conversion falls back on are compared by value.
const ERR_RECTANGULAR = nonRectangularSequence();
const ERR_MIXED = mixedTypeSequence();
const ERR_INT_RANGE = integerOutOfRange();
const ERR_DOUBLE_RANGE = doubleOutOfRange();
const ERR_FOUND_INT64 = int32OutOfRange();
const ERR_FOUND_FLOAT = floatInIntegerSequence();

/** Converts one leaf into slot i of the storage, or returns one of the errors above. */
type LeafConverter = (v: unknown, out: Storage, i: number) => string | null;

function asNumber(v: unknown): number | string {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0; // Python bools are ints
  if (typeof v === "bigint") return Number(v);
  return ERR_MIXED;
}

function floatConverter(round: (x: number) => number): LeafConverter {
  return (v, out, i) => {
    const x = asNumber(v);
    if (typeof x === "string") return x;
    const r = round(x);
    if (!Number.isFinite(r) && Number.isFinite(x)) return ERR_DOUBLE_RANGE;
    (out as Float64Array)[i] = r;
    return null;
  };
}

function integerOf(v: unknown): bigint | string {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "number") return Number.isInteger(v) ? BigInt(v) : ERR_FOUND_FLOAT;
  return ERR_MIXED;
}

const INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n, UINT64_MAX = 2n ** 64n - 1n;

const CONVERTERS: Partial<Record<string, { dtype: DType; leaf: LeafConverter }>> = {
  float32: { dtype: float32, leaf: floatConverter(Math.fround) },
  float64: { dtype: float64, leaf: floatConverter((x) => x) },
  float16: {
    dtype: float16,
    leaf: (v, out, i) => {
      const x = asNumber(v);
      if (typeof x === "string") return x;
      const h = toHalfBits(x);
      if ((h & 0x7fff) === 0x7c00 && Number.isFinite(x)) return ERR_DOUBLE_RANGE;
      (out as Uint16Array)[i] = h;
      return null;
    },
  },
  int64: {
    dtype: int64,
    leaf: (v, out, i) => {
      const n = integerOf(v);
      if (typeof n === "string") return n;
      if (n < INT64_MIN || n > INT64_MAX) return ERR_INT_RANGE;
      (out as BigInt64Array)[i] = n;
      return null;
    },
  },
  int32: {
    dtype: int32,
    leaf: (v, out, i) => {
      const n = integerOf(v);
      if (typeof n === "string") return n;
      if (n < INT64_MIN || n > INT64_MAX) return ERR_INT_RANGE;
      if (n < -2147483648n || n > 2147483647n) return ERR_FOUND_INT64;
      (out as Int32Array)[i] = Number(n);
      return null;
    },
  },
  uint64: {
    dtype: uint64,
    leaf: (v, out, i) => {
      const n = integerOf(v);
      if (typeof n === "string") return n;
      (out as BigUint64Array)[i] = BigInt.asUintN(64, n < 0n || n > UINT64_MAX ? -1n : n);
      return null;
    },
  },
  complex128: {
    dtype: complex128,
    leaf: (v, out, i) => {
      const o = out as Float64Array;
      if (isComplex(v)) { o[2 * i] = v.re; o[2 * i + 1] = v.im; return null; }
      const x = asNumber(v);
      if (typeof x === "string") return x;
      o[2 * i] = x; o[2 * i + 1] = 0;
      return null;
    },
  },
  string: {
    dtype: string,
    leaf: (v, out, i) => {
      if (typeof v !== "string") return ERR_MIXED;
      (out as Uint8Array[])[i] = encodeString(v);
      return null;
    },
  },
  bool: {
    dtype: bool,
    leaf: (v, out, i) => {
      if (typeof v !== "boolean") return ERR_MIXED;
      (out as Uint8Array)[i] = v ? 1 : 0;
      return null;
    },
  },
};

/** Fill storage from the nested value, checking rectangularity; an error text or null. */
function convertWith(value: NestedValue, shape: readonly number[], leaf: LeafConverter, out: Storage): string | null {
  let k = 0;
  const visit = (v: unknown, depth: number): string | null => {
    if (depth === shape.length) {
      if (Array.isArray(v) || isTypedArray(v)) return leaf(v, out, k); // a sequence where a scalar belongs
      return leaf(v, out, k++);
    }
    if (!(Array.isArray(v) || isTypedArray(v))) return ERR_RECTANGULAR;
    const seq = v as ArrayLike<unknown>;
    if (seq.length !== shape[depth]) return ERR_RECTANGULAR;
    for (let j = 0; j < seq.length; j++) {
      const e = visit(seq[j], depth + 1);
      if (e !== null) return e;
    }
    return null;
  };
  return visit(value, 0);
}

/** Try converting with one converter; a tensor or an error text. */
function tryConvert(value: NestedValue, shape: readonly number[], name: string): Tensor | string {
  const c = CONVERTERS[name];
  if (c === undefined) return noConversionFor(name);
  const n = sizeOf(shape);
  const out = allocStorage(c.dtype, n);
  const err = n === 0 ? null : convertWith(value, shape, c.leaf, out);
  return err ?? hostTensor(c.dtype, shape, out);
}

/** TensorFlow's IsCompatible: whether a converted value may be cast to the requested dtype. */
function isCompatible(desired: DType, got: DType): boolean {
  if (desired === got) return true;
  if (desired.isInteger) return got.isInteger;
  if (desired.isFloating) return got.isFloating || got.isInteger;
  if (desired.isComplex) return got.isComplex || got.isFloating || got.isInteger;
  return false;
}

function convertPlainValue(value: NestedValue, want: DType | undefined): Tensor {
  const walk = inferShapeAndType(value, want);
  if (walk.inferred === "empty") {
    return hostTensor(want ?? float32, walk.shape, allocStorage(want ?? float32, 0));
  }
  let result: Tensor | string = "";
  if (want !== undefined) result = tryConvert(value, walk.shape, want.name);
  if (typeof result === "string") {
    switch (walk.inferred) {
      case "float":
        // With a requested dtype, float64 keeps precision for the cast that follows.
        result = tryConvert(value, walk.shape, want === undefined ? "float32" : "float64");
        break;
      case "bigint": // API.md: bigint → int64
      case "int":
        if (want === undefined && walk.inferred === "bigint") {
          result = tryConvert(value, walk.shape, "int64");
          if (result === ERR_FOUND_FLOAT) result = tryConvert(value, walk.shape, "float32");
        } else if (want === undefined) {
          result = tryConvert(value, walk.shape, "int32");
          if (result === ERR_FOUND_INT64) result = tryConvert(value, walk.shape, "int64");
          if (result === ERR_FOUND_FLOAT) result = tryConvert(value, walk.shape, "float32");
        } else {
          result = tryConvert(value, walk.shape, "int64");
          if (result === ERR_FOUND_FLOAT) result = tryConvert(value, walk.shape, "float64");
        }
        break;
      default:
        result = tryConvert(value, walk.shape, walk.inferred === "complex" ? "complex128" : walk.inferred);
    }
  }
  if (typeof result === "string") throw new ValueError(result);
  if (want !== undefined && result.dtype !== want) {
    if (!isCompatible(want, result.dtype)) {
      throw new TFTypeError(cannotConvertToDtype(pyValueRepr(value), want));
    }
    return castTo(result, want);
  }
  return result;
}
