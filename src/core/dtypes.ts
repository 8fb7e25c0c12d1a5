// TensorFlow's dtypes: one immutable DType object per type, looked up by name or alias.
import { TypeError as TFTypeError } from "../errors/errors.js";
import { cannotConvertToDType, noMinOrMax } from "../errors/core_messages.js";
import { inspectSymbol } from "./inspect.js";

export type DTypeName =
  | "float16" | "bfloat16" | "float32" | "float64"
  | "int8" | "int16" | "int32" | "int64"
  | "uint8" | "uint16" | "uint32" | "uint64"
  | "bool" | "complex64" | "complex128" | "string";

export type DTypeKind = "float" | "int" | "uint" | "bool" | "complex" | "string";

export class DType {
  /** @internal */
  constructor(
    readonly name: DTypeName,
    readonly kind: DTypeKind,
    /** Bytes per element (0 for string). */
    readonly size: number,
    /** TensorFlow's DataType enum value (types.proto). */
    readonly asDatatypeEnum: number,
  ) {}

  get isFloating(): boolean { return this.kind === "float"; }
  get isComplex(): boolean { return this.kind === "complex"; }
  get isInteger(): boolean { return this.kind === "int" || this.kind === "uint"; }
  get isUnsigned(): boolean { return this.kind === "uint" || this.kind === "bool"; }
  get isBool(): boolean { return this.kind === "bool"; }
  get isString(): boolean { return this.kind === "string"; }
  /** True for 64-bit integers, whose elements are `bigint` in JS. */
  get isBigInt(): boolean { return this.name === "int64" || this.name === "uint64"; }
  /** The real dtype of a complex dtype (`float32` for `complex64`); itself otherwise. */
  get realDtype(): DType {
    return this.name === "complex64" ? float32 : this.name === "complex128" ? float64 : this;
  }
  /** Smallest representable value (numeric dtypes). */
  get min(): number | bigint { return limits(this)[0]; }
  /** Largest representable value (numeric dtypes). */
  get max(): number | bigint { return limits(this)[1]; }

  /** `<dtype: 'float32'>`, as Python's `str(tf.float32)`. */
  toString(): string { return `<dtype: '${this.name}'>`; }
  /** `tf.float32`, as Python's `repr(tf.float32)`. */
  repr(): string { return `tf.${this.name}`; }
  [inspectSymbol](): string { return this.toString(); }
}

function limits(d: DType): [number | bigint, number | bigint] {
  switch (d.name) {
    case "float16": return [-65504, 65504];
    case "bfloat16": return [-3.3895313892515355e38, 3.3895313892515355e38];
    case "float32": return [-3.4028234663852886e38, 3.4028234663852886e38];
    case "float64": return [-Number.MAX_VALUE, Number.MAX_VALUE];
    case "int8": return [-128, 127];
    case "int16": return [-32768, 32767];
    case "int32": return [-2147483648, 2147483647];
    case "int64": return [-(2n ** 63n), 2n ** 63n - 1n];
    case "uint8": return [0, 255];
    case "uint16": return [0, 65535];
    case "uint32": return [0, 4294967295];
    case "uint64": return [0n, 2n ** 64n - 1n];
    case "bool": return [0, 1];
    default: throw new TFTypeError(noMinOrMax(d.name));
  }
}

export const float16 = new DType("float16", "float", 2, 19);
export const bfloat16 = new DType("bfloat16", "float", 2, 14);
export const float32 = new DType("float32", "float", 4, 1);
export const float64 = new DType("float64", "float", 8, 2);
export const int8 = new DType("int8", "int", 1, 6);
export const int16 = new DType("int16", "int", 2, 5);
export const int32 = new DType("int32", "int", 4, 3);
export const int64 = new DType("int64", "int", 8, 9);
export const uint8 = new DType("uint8", "uint", 1, 4);
export const uint16 = new DType("uint16", "uint", 2, 17);
export const uint32 = new DType("uint32", "uint", 4, 22);
export const uint64 = new DType("uint64", "uint", 8, 23);
export const bool = new DType("bool", "bool", 1, 10);
export const complex64 = new DType("complex64", "complex", 8, 8);
export const complex128 = new DType("complex128", "complex", 16, 18);
export const string = new DType("string", "string", 0, 7);

export const ALL_DTYPES: readonly DType[] = [
  float16, bfloat16, float32, float64, int8, int16, int32, int64,
  uint8, uint16, uint32, uint64, bool, complex64, complex128, string,
];

const BY_NAME = new Map<string, DType>(ALL_DTYPES.map((d) => [d.name, d]));
// Aliases TensorFlow's `tf.as_dtype` accepts.
for (const [alias, d] of [
  ["half", float16], ["float", float32], ["double", float64],
  ["complex", complex128], ["quint8", uint8],
] as const) BY_NAME.set(alias, d);

/** Anything that names a dtype: a DType or its name. */
export type DTypeLike = DType | DTypeName | string;

/** TensorFlow's `tf.as_dtype`: a DType from a DType or a name. */
export function asDType(value: DTypeLike): DType {
  if (value instanceof DType) return value;
  const d = typeof value === "string" ? BY_NAME.get(value) : undefined;
  if (d === undefined) throw new TFTypeError(cannotConvertToDType(value));
  return d;
}

// TensorFlow's DataTypeString: the names its C++ messages use (`float`, `half`, `double`, …).
const TF_TYPE_NAMES: Partial<Record<DTypeName, string>> = { float16: "half", float32: "float", float64: "double" };
export function tfTypeName(d: DType | DTypeName): string {
  const name = typeof d === "string" ? d : d.name;
  return TF_TYPE_NAMES[name] ?? name;
}

/** `DT_FLOAT`-style names used in TensorFlow's node descriptions. */
export function dtypeEnumName(d: DType): string {
  return `DT_${tfTypeName(d).toUpperCase()}`;
}
