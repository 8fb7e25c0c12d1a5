// tf.Variable: a named, mutable value that owns one device buffer and updates it in place.
import { asDType, type DType, type DTypeLike } from "../core/dtypes.js";
import { inspectSymbol } from "../core/inspect.js";
import { TensorShape } from "../core/tensor_shape.js";
import type { Device } from "../devices/device.js";
import { ValueError } from "../errors/errors.js";
import { variableRepr } from "../format/tensor_repr.js";
import { add, subtract } from "../ops/math.js";
import { convertToTensor, toTensorSymbol, type TensorConvertible, type TensorLike } from "./convert.js";
import type { NDArray } from "./ndarray.js";
import { Tensor } from "./tensor.js";
import { copyToDevice } from "../runtime/execute.js";

export interface VariableOptions {
  /** Whether gradient tapes watch the variable (default true). */
  trainable?: boolean;
  /** The name; `:0` is appended (default `Variable`). */
  name?: string;
  /** Convert the initial value to this dtype. */
  dtype?: DTypeLike;
}

export interface AssignOptions {
  /** Return the variable (default) or nothing. */
  readValue?: boolean;
}

type AssignResult<O extends AssignOptions | undefined> = O extends { readValue: false } ? undefined : Variable;

export class Variable implements TensorConvertible {
  readonly name: string;
  readonly trainable: boolean;
  readonly dtype: DType;
  readonly shape: TensorShape;
  private readonly dims: readonly number[];
  private readonly buffer: unknown;
  private readonly placement: Device;

  constructor(initialValue: TensorLike | (() => TensorLike), options: VariableOptions = {}) {
    const init = typeof initialValue === "function" ? initialValue() : initialValue;
    const value = convertToTensor(init, options.dtype === undefined ? undefined : asDType(options.dtype));
    this.name = `${options.name ?? "Variable"}:0`;
    this.trainable = options.trainable ?? true;
    this.dtype = value.dtype;
    this.dims = value.dims;
    this.shape = new TensorShape(value.dims);
    this.placement = value.placement;
    // The variable owns its buffer: never share memory with the initial value.
    this.buffer = value.placement.clone(value.dtype, value.buffer);
  }

  /** Full name of the device holding the variable. */
  get device(): string { return this.placement.name; }

  /** A snapshot of the current value (later updates do not change it). */
  value(): Tensor {
    return new Tensor(this.dtype, this.dims, this.placement.clone(this.dtype, this.buffer), this.placement);
  }
  /** Same as value(). */
  readValue(): Tensor { return this.value(); }
  /** A copy of the current value as an NDArray. */
  numpy(): NDArray { return this.value().numpy(); }

  [toTensorSymbol](dtype?: DType): Tensor {
    if (dtype !== undefined && dtype !== this.dtype) {
      throw new ValueError(`Incompatible type conversion requested to type '${dtype.name}' for variable of type '${this.dtype.name}' (Variable: ${this.repr()})`);
    }
    return this.value();
  }

  /** Write `t` (already of this dtype and shape) into the variable's buffer. */
  private write(t: Tensor): void {
    const onDevice = copyToDevice(t, this.placement);
    this.placement.copyInto(this.dtype, this.buffer, onDevice.buffer);
  }

  private sameShapeOrThrow(value: Tensor): void {
    if (value.dims.length !== this.dims.length || value.dims.some((d, i) => d !== this.dims[i])) {
      throw new ValueError(
        `Cannot assign to variable ${this.name} due to variable shape ${this.shape} and value shape ${value.shape} are incompatible`);
    }
  }

  /** Set the variable's value in place. */
  assign<O extends AssignOptions | undefined = undefined>(value: TensorLike, options?: O): AssignResult<O> {
    const t = convertToTensor(value, this.dtype);
    this.sameShapeOrThrow(t);
    this.write(t);
    return (options?.readValue === false ? undefined : this) as AssignResult<O>;
  }

  /** Add to the variable's value in place. */
  assignAdd<O extends AssignOptions | undefined = undefined>(delta: TensorLike, options?: O): AssignResult<O> {
    const t = convertToTensor(delta, this.dtype);
    this.sameShapeOrThrow(t);
    this.write(add(this.value(), t));
    return (options?.readValue === false ? undefined : this) as AssignResult<O>;
  }

  /** Subtract from the variable's value in place. */
  assignSub<O extends AssignOptions | undefined = undefined>(delta: TensorLike, options?: O): AssignResult<O> {
    const t = convertToTensor(delta, this.dtype);
    this.sameShapeOrThrow(t);
    this.write(subtract(this.value(), t));
    return (options?.readValue === false ? undefined : this) as AssignResult<O>;
  }

  /** `<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>`. */
  repr(): string {
    const host = this.placement.toHost(this.dtype, this.buffer);
    return variableRepr(this.name, { dtype: this.dtype.name, shape: this.dims, data: host }, String(this.shape));
  }
  /** Python's `str(variable)` is its repr. */
  toString(): string { return this.repr(); }
  [inspectSymbol](): string { return this.repr(); }
}
