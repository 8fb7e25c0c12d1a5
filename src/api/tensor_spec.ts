// tf.TensorSpec: the type of a tensor value (shape, dtype, optional name), as tf.data's
// element_spec and tf.function's signatures describe values. Not to be confused with
// core/tensor_spec.ts, the runtime's internal {dtype, dims} of a concrete value.
import { asDType, float32, type DType, type DTypeLike } from "../core/dtypes.js";
import { inspectSymbol } from "../core/inspect.js";
import { TensorShape, type Dim, type ShapeLike } from "../core/tensor_shape.js";
import { ValueError } from "../errors/errors.js";
import { noCompatibleTypeSpec } from "../errors/data_messages.js";
import { pyStrRepr } from "../format/pyrepr.js";
import { Tensor } from "../runtime/tensor.js";

export class TensorSpec {
  readonly shape: TensorShape;
  readonly dtype: DType;
  readonly name: string | null;

  constructor(shape: ShapeLike, dtype: DTypeLike = float32, name: string | null = null) {
    this.shape = new TensorShape(shape);
    this.dtype = asDType(dtype);
    this.name = name;
  }

  /** tf.TensorSpec.from_tensor: the spec of a value (its name is kept when given). */
  static fromTensor(t: Tensor, name: string | null = null): TensorSpec {
    return new TensorSpec(t.dims, t.dtype, name);
  }

  /** Whether `other` (a spec or a tensor) has this dtype and a compatible shape. */
  isCompatibleWith(other: TensorSpec | Tensor): boolean {
    const o = other instanceof Tensor ? TensorSpec.fromTensor(other) : other;
    return this.dtype === o.dtype && this.shape.isCompatibleWith(o.shape);
  }

  /** The most specific spec both are instances of: unequal dimensions become unknown. */
  mostSpecificCompatibleType(other: TensorSpec): TensorSpec {
    if (this.dtype !== other.dtype) throw new ValueError(noCompatibleTypeSpec(String(this), String(other)));
    return new TensorSpec(commonShape(this.shape, other.shape), this.dtype, this.name === other.name ? this.name : null);
  }

  /** Equal shapes (known dimensions), dtypes and names. */
  equals(other: TensorSpec): boolean {
    return this.dtype === other.dtype && this.shape.equals(other.shape) && this.name === other.name;
  }

  /** `TensorSpec(shape=(), dtype=tf.int32, name=None)`, as Python's repr. */
  toString(): string {
    return `TensorSpec(shape=${String(this.shape)}, dtype=tf.${this.dtype.name}, name=${this.name === null ? "None" : pyStrRepr(this.name)})`;
  }
  repr(): string { return this.toString(); }
  [inspectSymbol](): string { return this.toString(); }
}

/** TensorShape.most_specific_common_supertype: equal dimensions stay, others become None. */
export function commonShape(a: TensorShape, b: TensorShape): TensorShape {
  if (a.dims === null || b.dims === null || a.dims.length !== b.dims.length) return new TensorShape(null);
  return new TensorShape(a.dims.map((d, i): Dim => (d === b.dims![i] ? d : null)));
}
