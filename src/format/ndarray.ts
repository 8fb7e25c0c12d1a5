// What `t.numpy()` returns: a host copy of a tensor's values with NumPy's str and repr; for a
// rank-0 tensor a NumpyScalar, as TensorFlow returns a NumPy scalar there.
import type { DTypeName } from "../core/dtypes.js";
import { fromBFloat16Bits, fromHalfBits } from "../core/f16.js";
import { inspectSymbol } from "../core/inspect.js";
import type { Complex, Storage } from "../core/storage.js";
import { arrayRepr, arrayStr, numpyScalarRepr } from "./arrayprint.js";
import { ValueError } from "../errors/errors.js";
import { itemOfArrayNotSizeOne } from "../errors/format_messages.js";

/** One element as JavaScript sees it. */
export type Scalar = number | bigint | boolean | Complex | Uint8Array;
/** Nested arrays of elements, as `tolist()` returns them. */
export type NestedList = Scalar | NestedList[];

export class NDArray {
  /**
   * @param tfDtype the TensorFlow dtype of the values
   * @param shape the dimensions
   * @param data flat C-order values (see core/storage.ts for each dtype's layout); owned
   */
  constructor(
    /** @hidden */ readonly tfDtype: DTypeName,
    readonly shape: readonly number[],
    readonly data: Storage,
  ) {}

  /** NumPy's dtype name: the TensorFlow name, except `object` for strings (arrays of bytes). */
  get dtype(): string { return this.tfDtype === "string" ? "object" : this.tfDtype; }
  get ndim(): number { return this.shape.length; }
  get size(): number { return this.shape.reduce((a, b) => a * b, 1); }

  /** Element `i` of the flat data. */
  private elementAt(i: number): Scalar {
    const d = this.data;
    switch (this.tfDtype) {
      case "float16": return fromHalfBits((d as Uint16Array)[i]!);
      case "bfloat16": return fromBFloat16Bits((d as Uint16Array)[i]!);
      case "bool": return (d as Uint8Array)[i] !== 0;
      case "complex64": case "complex128": {
        const c = d as Float32Array | Float64Array;
        return { re: c[2 * i]!, im: c[2 * i + 1]! };
      }
      default: return (d as ArrayLike<number | bigint | Uint8Array>)[i]!;
    }
  }

  /** Nested arrays of elements (numbers; bigint for 64-bit ints; booleans; {re, im}; bytes). */
  tolist(): NestedList {
    let i = 0;
    const build = (axis: number): NestedList => {
      if (axis === this.shape.length) return this.elementAt(i++);
      const out: NestedList[] = [];
      for (let k = 0; k < this.shape[axis]!; k++) out.push(build(axis + 1));
      return out;
    };
    return build(0);
  }

  /** The one element of a size-1 array. */
  item(): Scalar {
    if (this.size !== 1) throw new ValueError(itemOfArrayNotSizeOne());
    return this.elementAt(0);
  }

  /** NumPy's `str(array)`. */
  toString(): string { return arrayStr({ dtype: this.tfDtype, shape: this.shape, data: this.data }); }
  /** NumPy's `repr(array)`. */
  repr(): string { return arrayRepr({ dtype: this.tfDtype, shape: this.shape, data: this.data }); }
  [inspectSymbol](): string { return this.toString(); }
}

/**
 * NumPy's scalar (what `t.numpy()` of a rank-0 tensor is in TensorFlow): shape `[]`, `item()`,
 * `String()` as NumPy's str (`6.0`), `repr()` as NumPy 2's (`np.float32(6.0)`, `np.True_`;
 * bytes `b'abc'` for strings, which TensorFlow gives as Python bytes).
 */
export class NumpyScalar extends NDArray {
  override repr(): string { return numpyScalarRepr({ dtype: this.tfDtype, shape: this.shape, data: this.data }); }
}

/** A host copy's NumPy form: a NumpyScalar for rank 0, else an NDArray. */
export function toNumpy(tfDtype: DTypeName, shape: readonly number[], data: Storage): NDArray {
  return shape.length === 0 ? new NumpyScalar(tfDtype, shape, data) : new NDArray(tfDtype, shape, data);
}
