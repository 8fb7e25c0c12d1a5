// tf.TensorShape: dimensions that may be unknown (null), or an unknown rank.
import { ValueError } from "../errors/errors.js";
import { asListOfUnknownShape, invalidDimensionValue, shapeIndexOutOfRange } from "../errors/core_messages.js";
import { inspectSymbol } from "./inspect.js";

export type Dim = number | null;
export type ShapeLike = TensorShape | readonly Dim[] | null | undefined;

export class TensorShape {
  /** The dimensions, or null when the rank itself is unknown. */
  readonly dims: readonly Dim[] | null;

  constructor(dims: ShapeLike) {
    if (dims instanceof TensorShape) { this.dims = dims.dims; return; }
    if (dims === null || dims === undefined) { this.dims = null; return; }
    for (const d of dims) {
      if (d !== null && (!Number.isInteger(d) || d < -1)) {
        throw new ValueError(invalidDimensionValue(d));
      }
    }
    this.dims = Object.freeze(dims.map((d) => (d === -1 ? null : d)));
  }

  /** Number of dimensions, or null when unknown. */
  get rank(): number | null { return this.dims === null ? null : this.dims.length; }
  /** Alias of `rank`, as TensorFlow's `ndims`. */
  get ndims(): number | null { return this.rank; }
  get isFullyDefined(): boolean { return this.dims !== null && this.dims.every((d) => d !== null); }

  /** The dimension list (`as_list()`); raises ValueError for an unknown rank. */
  asList(): Dim[] {
    if (this.dims === null) throw new ValueError(asListOfUnknownShape());
    return [...this.dims];
  }

  /** Number of elements, or null when a dimension is unknown. */
  numElements(): number | null {
    if (!this.isFullyDefined) return null;
    let n = 1;
    for (const d of this.dims!) n *= d!;
    return n;
  }

  /** Dimension i (negative counts from the end). */
  get(i: number): Dim {
    if (this.dims === null) return null;
    const j = i < 0 ? this.dims.length + i : i;
    if (j < 0 || j >= this.dims.length) throw new ValueError(shapeIndexOutOfRange(i, this.toString()));
    return this.dims[j]!;
  }

  /** True when both could describe the same tensor (unknowns match anything). */
  isCompatibleWith(other: ShapeLike): boolean {
    const o = other instanceof TensorShape ? other : new TensorShape(other);
    if (this.dims === null || o.dims === null) return true;
    if (this.dims.length !== o.dims.length) return false;
    return this.dims.every((d, i) => d === null || o.dims![i] === null || d === o.dims![i]);
  }

  /** Exact equality of known dimensions and ranks. */
  equals(other: ShapeLike): boolean {
    const o = other instanceof TensorShape ? other : new TensorShape(other);
    if (this.dims === null || o.dims === null) return this.dims === o.dims;
    return this.dims.length === o.dims.length && this.dims.every((d, i) => d === o.dims![i]);
  }

  /** `(2, 3)`, `(2,)`, `()`, `(None, 3)` or `<unknown>`, as Python's `str(TensorShape)`. */
  toString(): string {
    if (this.dims === null) return "<unknown>";
    const parts = this.dims.map((d) => (d === null ? "None" : String(d)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
  }

  /** `TensorShape([2, 3])`, as Python's `repr(TensorShape)`. */
  repr(): string {
    if (this.dims === null) return "TensorShape(None)";
    return `TensorShape([${this.dims.map((d) => (d === null ? "None" : String(d))).join(", ")}])`;
  }

  [inspectSymbol](): string { return this.toString(); }
  [Symbol.iterator](): Iterator<Dim> { return (this.dims ?? []).values(); }
}

/** Product of a fully known shape. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Whether two concrete shapes are equal. */
export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** `[2,3]`: how TensorFlow's C++ error messages write a shape. */
export function shapeDebugString(shape: readonly number[]): string {
  return `[${shape.join(",")}]`;
}

/** `[1]` or `[0,2]`: TensorFlow's SliceDebugString of flat index i within shape. */
export function sliceDebugString(shape: readonly number[], flat: number): string {
  if (shape.length === 0) return "";
  const parts: number[] = [];
  let rem = flat;
  for (let a = shape.length - 1; a >= 0; a--) {
    parts.unshift(rem % shape[a]!);
    rem = Math.floor(rem / shape[a]!);
  }
  return `[${parts.join(",")}]`;
}
