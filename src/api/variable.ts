// tf.Variable (TensorFlow's ResourceVariable): a named, mutable value that owns one device
// buffer. Updates run as resource ops that write into that buffer in place, on the
// variable's device; reads return snapshots that later updates never change.
import { asDType, type DType, type DTypeLike } from "../core/dtypes.js";
import { inspectSymbol } from "../core/inspect.js";
import { sameDims, TensorShape, type ShapeLike } from "../core/tensor_shape.js";
import type { Device } from "../devices/device.js";
import { AttributeError, FailedPreconditionError, InvalidArgumentError, OutOfRangeError, TypeError as TFTypeError, ValueError } from "../errors/errors.js";
import {
  assignShapeIncompatible, atOp, batchScatterIndicesRank, batchScatterOuterDimsMismatch, constraintNotCallable,
  initialValueShapeIncompatible, invalidAggregation, invalidSynchronization,
  shapesNotCompatible, sliceArgumentsNotVectors, sliceSizeOutOfRange, sparseDeltaNotIndexedSlices,
  variableConversionDtypeMismatch, variableDisposed,
} from "../errors/op_messages.js";
import { unreadableVariableRepr, variableRepr } from "../format/tensor_repr.js";
import {
  AssignAddVariableOp, AssignSubVariableOp, AssignVariableOp, ReadVariableOp, ResourceGather, ResourceGatherNd,
  ResourceScatterAdd, ResourceScatterDiv, ResourceScatterMax, ResourceScatterMin, ResourceScatterMul,
  ResourceScatterNdAdd, ResourceScatterNdSub, ResourceScatterNdUpdate, ResourceScatterSub, ResourceScatterUpdate,
  VarHandleOp, type ScatterAttrs,
} from "../ops/resource.js";
import { ResourceStridedSliceAssign } from "../ops/indexing.js";
import type { StridedSliceAttrs } from "../ops/array.js";
import { reachedLimit, tensorHasNoAssign } from "../errors/index_messages.js";
import { notInAllowedValues } from "../errors/messages.js";
import { booleanMaskItem, subscriptAttrs, type IndexItem } from "./indexing.js";
import { booleanMask } from "./ops/shape_ops.js";
import { gatherNd as gatherNdOp } from "./ops/indexing.js";
import { gather as gatherOp } from "./ops/array.js";
import { StridedSlice } from "../ops/array.js";
import type { OpDef } from "../ops/op_def.js";
import { indexTensor } from "./ops/args.js";
import { execute, execute1 } from "../runtime/execute.js";
import { cancelReleaseOnCollect, releaseNow, releaseOnCollect } from "../runtime/memory.js";
import {
  currentScope, nextVariableCreationOrder, notifySparseRead, notifyVariableRead, trackedVariable, variableCreationOrder, type TrackedVariable,
} from "../runtime/scope.js";
import { convertToTensor, toTensorSymbol, type TensorConvertible, type TensorLike } from "./ops/convert.js";
import { IndexedSlices } from "./ops/indexed_slices.js";
import { currentNamePrefix } from "./name_scope.js";
import type { NDArray } from "../format/ndarray.js";
import { Tensor } from "../runtime/tensor.js";
import { TensorMethods } from "./operators.js";
import {
  VariableAggregation, VariableSynchronization, type AggregationLike, type SynchronizationLike,
} from "./variable_enums.js";

/** A projection applied by optimizers after each update, e.g. a norm clip. */
export type Constraint = (value: Tensor) => TensorLike;

export interface VariableOptions {
  /** Whether gradient tapes watch the variable (default true; false for ON_READ variables). */
  trainable?: boolean;
  /** Check that assigned values keep the shape (default true); false leaves the shape unknown. */
  validateShape?: boolean;
  /** The name; `:0` is appended and enclosing `tf.nameScope`s are prefixed (default `Variable`). */
  name?: string;
  /** Convert the initial value to this dtype, as tf.convert_to_tensor does. */
  dtype?: DTypeLike;
  /** Applied by optimizers after each update. */
  constraint?: Constraint | null;
  /** How distributed replicas are kept in sync (default AUTO). */
  synchronization?: SynchronizationLike;
  /** How distributed updates are combined (default NONE). */
  aggregation?: AggregationLike;
  /** The static shape; `null` entries (or a `null` shape) are unknown and allow assigns of other shapes. */
  shape?: ShapeLike;
}

export interface AssignOptions {
  /** Return the variable (default) or nothing. */
  readValue?: boolean;
}

type AssignResult<O extends AssignOptions | undefined> = O extends { readValue: false } ? undefined : Variable;

/** Python's `v[...]`: the slice's value, with `assign(value)` writing into the variable. */
export type SlicedVariable = Tensor & { assign(value: TensorLike): Variable };

/** Anything that names a scatter's rows (the `tf.IndexedSlices` argument of `scatter*`). */
export type SparseDelta = IndexedSlices;

function enumMember<T extends { name: string }>(value: T | string | undefined, members: readonly T[], fallback: T): T | undefined {
  if (value === undefined) return fallback;
  if (typeof value === "string") return members.find((m) => m.name === value);
  return members.includes(value) ? value : undefined;
}

export class Variable extends TensorMethods implements TensorConvertible, TrackedVariable {
  /** Marks variables for the layers below the API (tapes, the runtime): see TrackedVariable. */
  readonly [trackedVariable] = true as const;
  readonly [variableCreationOrder] = nextVariableCreationOrder();
  readonly name: string;
  readonly trainable: boolean;
  readonly dtype: DType;
  readonly constraint: Constraint | null;
  readonly synchronization: VariableSynchronization;
  readonly aggregation: VariableAggregation;
  private declaredShape: TensorShape;
  /** The variable's buffer, as a tensor object that never leaves this class. */
  private handle: Tensor | null;
  private readonly placement: Device;

  constructor(initialValue: TensorLike | (() => TensorLike), options: VariableOptions = {}) {
    super();
    const baseName = options.name ?? "Variable";
    const name = `${currentNamePrefix()}${baseName}:0`;
    const synchronization = enumMember(options.synchronization, VariableSynchronization.values(), VariableSynchronization.AUTO);
    if (synchronization === undefined) {
      throw new ValueError(invalidSynchronization(String(options.synchronization), baseName));
    }
    const aggregation = enumMember(options.aggregation, VariableAggregation.values(), VariableAggregation.NONE);
    if (aggregation === undefined) {
      throw new ValueError(invalidAggregation(String(options.aggregation), baseName));
    }
    // TensorFlow 2's validate_synchronization_aggregation_trainable: ON_READ only changes the
    // default of trainable (to false); an explicit trainable=True stands.
    const trainable = options.trainable ?? synchronization !== VariableSynchronization.ON_READ;
    if (options.constraint !== undefined && options.constraint !== null && typeof options.constraint !== "function") {
      throw new ValueError(constraintNotCallable(String(options.constraint)));
    }

    const init = typeof initialValue === "function" ? initialValue() : initialValue;
    const value = convertToTensor(init, options.dtype === undefined ? undefined : asDType(options.dtype));
    let declared = new TensorShape(value.dims);
    if (options.validateShape === false) declared = new TensorShape(null);
    else if (options.shape !== undefined) {
      declared = new TensorShape(options.shape);
      if (!declared.isCompatibleWith(value.dims)) {
        throw new ValueError(initialValueShapeIncompatible(value.shape, declared));
      }
    }

    this.name = name;
    this.trainable = trainable;
    this.dtype = value.dtype;
    this.constraint = options.constraint ?? null;
    this.synchronization = synchronization;
    this.aggregation = aggregation;
    this.declaredShape = declared;
    // A new variable lives on the enclosing tf.device scope's device (soft placement applies);
    // every later op on it runs there, since its buffer is the ops' resource input.
    this.handle = this.allocate(value);
    this.placement = this.handle.placement;
  }

  /** A new buffer on the variable's device holding `value` (VarHandleOp + AssignVariableOp). */
  private allocate(value: Tensor): Tensor {
    const handle = execute1(VarHandleOp, [], { dtype: this.dtype, dims: value.dims });
    execute(AssignVariableOp, [handle, value], {});
    releaseOnCollect(this, handle.placement, handle.buffer, handle);
    return handle;
  }

  private live(opName: string): Tensor {
    if (this.handle === null) {
      throw new FailedPreconditionError(variableDisposed(this.name, opName));
    }
    return this.handle;
  }

  /** The static shape (unknown dimensions print as `None`). */
  get shape(): TensorShape { return this.declaredShape; }
  /** Full name of the device holding the variable. */
  get device(): string { return this.placement.name; }
  /** Python's `get_shape()`. */
  getShape(): TensorShape { return this.declaredShape; }
  /** Python's `set_shape(shape)`: refine the static shape (it must stay compatible). */
  setShape(shape: ShapeLike): void {
    const s = new TensorShape(shape);
    if (!this.declaredShape.isCompatibleWith(s)) {
      throw new ValueError(shapesNotCompatible(this.declaredShape, s));
    }
    if (this.declaredShape.dims === null) this.declaredShape = s;
    else if (s.dims !== null) this.declaredShape = new TensorShape(this.declaredShape.dims.map((d, i) => d ?? s.dims![i]!));
  }

  /** A snapshot of the current value (ReadVariableOp): later updates do not change it. */
  value(): Tensor {
    const t = execute1(ReadVariableOp, [this.live("ReadVariableOp")], {});
    notifyVariableRead(this, t);
    return t;
  }
  /** Same as value(). */
  readValue(): Tensor { return this.value(); }
  /** A copy of the current value as an NDArray. */
  numpy(): NDArray { return this.value().numpy(); }

  [toTensorSymbol](dtype?: DType): Tensor {
    if (dtype !== undefined && dtype !== this.dtype) {
      throw new ValueError(variableConversionDtypeMismatch(dtype, this.dtype, this.repr()));
    }
    return this.value();
  }

  private result<O extends AssignOptions | undefined>(options: O | undefined): AssignResult<O> {
    return (options?.readValue === false ? undefined : this) as AssignResult<O>;
  }

  /** Set the value in place; a new shape is allowed only where the static shape leaves it open. */
  assign<O extends AssignOptions | undefined = undefined>(value: TensorLike, options?: O): AssignResult<O> {
    const handle = this.live("AssignVariableOp");
    const t = convertToTensor(value, this.dtype);
    if (!this.declaredShape.isCompatibleWith(t.dims)) {
      throw new ValueError(assignShapeIncompatible(this.name, this.declaredShape, t.shape));
    }
    if (sameDims(handle.dims, t.dims)) execute(AssignVariableOp, [handle, t], {});
    else this.replace(t);
    return this.result(options);
  }

  /** A value of another shape (allowed by an open static shape) takes a new buffer. */
  private replace(t: Tensor): void {
    const old = this.handle!;
    this.handle = this.allocate(t);
    cancelReleaseOnCollect(old);
    releaseNow(old.placement, old.buffer);
  }

  /** Add to the value in place. */
  assignAdd<O extends AssignOptions | undefined = undefined>(delta: TensorLike, options?: O): AssignResult<O> {
    return this.update(AssignAddVariableOp, delta, options);
  }

  /** Subtract from the value in place. */
  assignSub<O extends AssignOptions | undefined = undefined>(delta: TensorLike, options?: O): AssignResult<O> {
    return this.update(AssignSubVariableOp, delta, options);
  }

  private update<O extends AssignOptions | undefined>(op: OpDef, delta: TensorLike, options: O | undefined): AssignResult<O> {
    const handle = this.live(op.name);
    execute(op, [handle, convertToTensor(delta, this.dtype)], {});
    return this.result(options);
  }

  // --- sparse updates ------------------------------------------------------------------

  private scatter<O extends AssignOptions | undefined>(
    op: OpDef<ScatterAttrs>, mode: ScatterAttrs["mode"], sparseDelta: SparseDelta, options: O | undefined,
  ): AssignResult<O> {
    if (!(sparseDelta instanceof IndexedSlices)) {
      throw new TFTypeError(sparseDeltaNotIndexedSlices(String(sparseDelta)));
    }
    const handle = this.live(op.name);
    const updates = convertToTensor(sparseDelta.values, this.dtype);
    execute(op, [handle, sparseDelta.indices, updates], { mode });
    return this.result(options);
  }

  /** Set rows `sparseDelta.indices` to `sparseDelta.values`. */
  scatterUpdate<O extends AssignOptions | undefined = undefined>(sparseDelta: SparseDelta, options?: O): AssignResult<O> {
    return this.scatter(ResourceScatterUpdate, "update", sparseDelta, options);
  }
  /** Add `sparseDelta.values` to rows `sparseDelta.indices`. */
  scatterAdd<O extends AssignOptions | undefined = undefined>(sparseDelta: SparseDelta, options?: O): AssignResult<O> {
    return this.scatter(ResourceScatterAdd, "add", sparseDelta, options);
  }
  /** Subtract `sparseDelta.values` from rows `sparseDelta.indices`. */
  scatterSub<O extends AssignOptions | undefined = undefined>(sparseDelta: SparseDelta, options?: O): AssignResult<O> {
    return this.scatter(ResourceScatterSub, "sub", sparseDelta, options);
  }
  /** Multiply rows `sparseDelta.indices` by `sparseDelta.values`. */
  scatterMul<O extends AssignOptions | undefined = undefined>(sparseDelta: SparseDelta, options?: O): AssignResult<O> {
    return this.scatter(ResourceScatterMul, "mul", sparseDelta, options);
  }
  /** Divide rows `sparseDelta.indices` by `sparseDelta.values`. */
  scatterDiv<O extends AssignOptions | undefined = undefined>(sparseDelta: SparseDelta, options?: O): AssignResult<O> {
    return this.scatter(ResourceScatterDiv, "div", sparseDelta, options);
  }
  /** Elementwise minimum of rows `sparseDelta.indices` and `sparseDelta.values`. */
  scatterMin<O extends AssignOptions | undefined = undefined>(sparseDelta: SparseDelta, options?: O): AssignResult<O> {
    return this.scatter(ResourceScatterMin, "min", sparseDelta, options);
  }
  /** Elementwise maximum of rows `sparseDelta.indices` and `sparseDelta.values`. */
  scatterMax<O extends AssignOptions | undefined = undefined>(sparseDelta: SparseDelta, options?: O): AssignResult<O> {
    return this.scatter(ResourceScatterMax, "max", sparseDelta, options);
  }

  private scatterNd<O extends AssignOptions | undefined>(
    op: OpDef<ScatterAttrs>, mode: ScatterAttrs["mode"], indices: TensorLike, updates: TensorLike, options: O | undefined,
  ): AssignResult<O> {
    const handle = this.live(op.name);
    execute(op, [handle, indexTensor(indices), convertToTensor(updates, this.dtype)], { mode });
    return this.result(options);
  }

  /** Set the elements or slices addressed by the last axis of `indices` to `updates`. */
  scatterNdUpdate<O extends AssignOptions | undefined = undefined>(indices: TensorLike, updates: TensorLike, options?: O): AssignResult<O> {
    return this.scatterNd(ResourceScatterNdUpdate, "update", indices, updates, options);
  }
  /** Add `updates` at the elements or slices addressed by `indices`. */
  scatterNdAdd<O extends AssignOptions | undefined = undefined>(indices: TensorLike, updates: TensorLike, options?: O): AssignResult<O> {
    return this.scatterNd(ResourceScatterNdAdd, "add", indices, updates, options);
  }
  /** Subtract `updates` at the elements or slices addressed by `indices`. */
  scatterNdSub<O extends AssignOptions | undefined = undefined>(indices: TensorLike, updates: TensorLike, options?: O): AssignResult<O> {
    return this.scatterNd(ResourceScatterNdSub, "sub", indices, updates, options);
  }

  /**
   * TensorFlow's `batch_scatter_update`: for every batch position of `indices` (shape
   * `[...batch, n]`), set rows `indices[...batch, i]` of the variable's `[...batch]` slice.
   */
  batchScatterUpdate<O extends AssignOptions | undefined = undefined>(sparseDelta: SparseDelta, options?: O): AssignResult<O> {
    if (!(sparseDelta instanceof IndexedSlices)) {
      throw new TFTypeError(sparseDeltaNotIndexedSlices(String(sparseDelta)));
    }
    const handle = this.live("ResourceScatterNdUpdate");
    const idx = sparseDelta.indices;
    const batch = idx.dims.slice(0, -1);
    if (idx.dims.length === 0 || handle.dims.length < idx.dims.length) {
      throw new ValueError(batchScatterIndicesRank(idx.dims.length, handle.dims.length));
    }
    if (batch.some((d, i) => d !== handle.dims[i])) {
      throw new ValueError(batchScatterOuterDimsMismatch(batch.length, idx.shape, this.declaredShape));
    }
    // Prefix every index with its batch coordinates: nd indices of shape [...batch, n, batch.length + 1].
    const values = Array.from(idx.hostData() as Int32Array | BigInt64Array, (x: number | bigint) => Number(x));
    const n = idx.dims[idx.dims.length - 1]!;
    const k = batch.length + 1;
    const nd = new Int32Array(values.length * k);
    for (let flat = 0; flat < values.length; flat++) {
      let rem = Math.floor(flat / n);
      for (let a = batch.length - 1; a >= 0; a--) {
        nd[flat * k + a] = rem % batch[a]!;
        rem = Math.floor(rem / batch[a]!);
      }
      nd[flat * k + batch.length] = values[flat]!;
    }
    const ndIndices = convertToTensor(nd).reshape([...idx.dims, k]);
    return this.scatterNd(ResourceScatterNdUpdate, "update", ndIndices, sparseDelta.values, options);
  }

  /**
   * Rows `indices` of the value (TensorFlow's `sparse_read`, ResourceGather); with `batchDims`,
   * per batch position of the leading `batchDims` axes (ResourceGather's batch_dims).
   */
  sparseRead(indices: TensorLike, options: { batchDims?: number } = {}): Tensor {
    const batchDims = options.batchDims ?? 0;
    const idx = indexTensor(indices);
    // With batch dimensions, read through value() + gather (the gradient flows dense).
    if (batchDims !== 0) return gatherOp(this.value(), idx, { axis: batchDims, batchDims });
    const rows = execute1(ResourceGather, [this.live("ResourceGather"), idx], {});
    // Tapes give the variable an IndexedSlices gradient for these rows, as TensorFlow does.
    notifySparseRead(this, idx, rows);
    return rows;
  }

  /** Elements or slices addressed by the last axis of `indices` (ResourceGatherNd). */
  gatherNd(indices: TensorLike): Tensor {
    if (currentScope().tapes.length > 0) {
      const idx = indexTensor(indices);
      // Indices of shape [n, 1] address whole rows: TensorFlow's gradient is then IndexedSlices
      // of those rows, which a sparse read of the same rows gives.
      if (idx.rank === 2 && idx.dims[1] === 1 && this.shape.rank !== 0) return this.sparseRead(idx.reshape([idx.dims[0]!]));
      // Otherwise read through value() + GatherNd: the gradient is dy scattered back, dense.
      return gatherNdOp(this.value(), idx);
    }
    return execute1(ResourceGatherNd, [this.live("ResourceGatherNd"), indexTensor(indices)], {});
  }

  /**
   * Python's `v[items]`: the slice of the value (see Tensor.at), with an `assign(value)` that
   * writes `value` (broadcast to the slice's shape) into it and returns the variable, as
   * TensorFlow's sliced variable does: `v.at("1:2", "1:2").assign(66)`.
   */
  override at(...items: IndexItem[]): SlicedVariable {
    const mask = booleanMaskItem(items);
    if (mask !== null) {
      // TensorFlow boolean-masks the value: a plain tensor, which cannot be assigned to.
      const selected = booleanMask(this.value(), mask) as SlicedVariable;
      const assign = (): never => { throw new AttributeError(tensorHasNoAssign()); };
      Object.defineProperty(selected, "assign", { value: assign, enumerable: false });
      return selected;
    }
    const attrs = subscriptAttrs(items);
    const slice = execute1(StridedSlice, [this.value()], attrs) as SlicedVariable;
    const assign = (value: TensorLike): Variable => this.stridedSliceAssign(attrs, value);
    Object.defineProperty(slice, "assign", { value: assign, enumerable: false });
    return slice;
  }

  /** ResourceStridedSliceAssign: validates the slice and the value before anything is written. */
  private stridedSliceAssign(attrs: StridedSliceAttrs, value: TensorLike): Variable {
    const handle = this.live("ResourceStridedSliceAssign");
    execute(ResourceStridedSliceAssign, [handle, convertToTensor(value, this.dtype)], attrs);
    return this;
  }

  /** `for x in v`: iterates the slices of the current value along its first axis. */
  override *[Symbol.iterator](): Iterator<Tensor> {
    yield* this.value();
  }

  /**
   * Sliced assignment, TensorFlow's `v[b0:b0+s0, b1:b1+s1].assign(value)`: write `value`
   * (broadcast to the region) into the region starting at `begin` with extent `size` (-1: to
   * the end of the axis).
   */
  sliceAssign<O extends AssignOptions | undefined = undefined>(
    begin: readonly number[], size: readonly number[], value: TensorLike, options?: O,
  ): AssignResult<O> {
    const handle = this.live("ResourceStridedSliceAssign");
    const dims = handle.dims;
    if (begin.length !== dims.length || size.length !== dims.length) {
      throw new InvalidArgumentError(atOp(sliceArgumentsNotVectors(dims.length, [begin.length], [size.length]), "ResourceStridedSliceAssign"));
    }
    const sizes = size.map((s, i) => (s === -1 ? dims[i]! - begin[i]! : s));
    sizes.forEach((s, i) => {
      const b = begin[i]!;
      if (!Number.isInteger(b) || !Number.isInteger(s) || b < 0 || s < 0 || b + s > dims[i]!) {
        throw new InvalidArgumentError(atOp(sliceSizeOutOfRange(i, dims[i]! - b, size[i]!), "ResourceStridedSliceAssign"));
      }
    });
    const ints = (values: number[]) => ({ values, dims: [values.length] });
    this.stridedSliceAssign({
      begin: ints([...begin]), end: ints(begin.map((b, i) => b + sizes[i]!)), strides: ints(begin.map(() => 1)),
      beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
    }, value);
    return this.result(options);
  }

  /**
   * TensorFlow's `count_up_to(limit)` (int32/int64 variables): the value before adding 1;
   * OutOfRangeError, and no change, once the value has reached `limit`.
   */
  countUpTo(limit: number): Tensor {
    if (this.dtype.name !== "int32" && this.dtype.name !== "int64") {
      throw new InvalidArgumentError(atOp(notInAllowedValues("T", this.dtype, ["int32", "int64"]), "ResourceCountUpTo"));
    }
    const before = this.value();
    const current = Number((before.hostData() as ArrayLike<number | bigint>)[0]);
    if (current >= limit) throw new OutOfRangeError(atOp(reachedLimit(limit), "ResourceCountUpTo"));
    this.assignAdd(convertToTensor(1, this.dtype));
    return before;
  }

  /** TensorFlow 1's `load(value)`: assign `value`, returning nothing (deprecated in TF 2, still working). */
  load(value: TensorLike): void {
    this.assign(value, { readValue: false });
  }

  /** Release the variable's device memory now; any later use raises FailedPreconditionError. */
  dispose(): void {
    if (this.handle === null) return;
    cancelReleaseOnCollect(this.handle);
    releaseNow(this.handle.placement, this.handle.buffer);
    this.handle = null;
  }
  [Symbol.dispose](): void { this.dispose(); }
  /** Whether dispose() was called. */
  get isDisposed(): boolean { return this.handle === null; }

  /** `<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>`. */
  repr(): string {
    let value: Tensor;
    // TensorFlow still prints a variable it cannot read (disposed, …), with numpy=<unavailable>.
    try { value = this.value(); } catch { return unreadableVariableRepr(this.name, this.dtype.name, String(this.declaredShape)); }
    return variableRepr(this.name, { dtype: this.dtype.name, shape: value.dims, data: value.hostData() }, String(this.declaredShape));
  }
  /** Python's `str(variable)` is its repr. */
  override toString(): string { return this.repr(); }
  [inspectSymbol](): string { return this.repr(); }
}

