// tf.Tensor: an immutable value on a device. Created by execute() and by tf.constant; read
// with numpy(), printed as TensorFlow prints it. Python's operators (`t.add(y)`, …) are
// method sugar that api/operators.ts adds to this class, since they call the public ops,
// which sit above the runtime.
import type { DType } from "../core/dtypes.js";
import { inspectSymbol } from "../core/inspect.js";
import { copyStorage, type Storage } from "../core/storage.js";
import { sizeOf, TensorShape } from "../core/tensor_shape.js";
import type { Device, DeviceTensor } from "../devices/device.js";
import { tensorRepr, tensorToString } from "../format/tensor_repr.js";
import type { PrintableArray } from "../format/arrayprint.js";
import { toNumpy, type NDArray, type Scalar } from "../format/ndarray.js";
import { releaseNow } from "./memory.js";

export class Tensor implements DeviceTensor {
  private shapeObject: TensorShape | undefined;

  /** Use tf.constant or ops to make tensors; this constructor is the runtime's. */
  constructor(
    readonly dtype: DType,
    /** The dimensions as plain numbers. */
    readonly dims: readonly number[],
    /** The device's buffer holding the values (runtime use). */
    readonly buffer: unknown,
    /** The device holding the buffer (runtime use). */
    readonly placement: Device,
  ) {}

  /** The shape, as a tf.TensorShape (`String(t.shape)` → `(2, 2)`). */
  get shape(): TensorShape { return (this.shapeObject ??= new TensorShape(this.dims)); }
  get rank(): number { return this.dims.length; }
  get ndim(): number { return this.dims.length; }
  /** Number of elements. */
  get size(): number { return sizeOf(this.dims); }
  /** Full name of the device holding the value. */
  get device(): string { return this.placement.name; }

  /** The values as host storage (a view: do not mutate). */
  hostData(): Storage { return this.placement.toHost(this.dtype, this.buffer); }
  /** A copy of the values as a typed array (see NDArray.data for each dtype's layout). */
  dataSync(): Storage { return copyStorage(this.hostData()); }
  /**
   * The values without blocking the thread: on a GPU the read overlaps other work (and it is
   * the only way to read in browsers, where the thread cannot wait for the GPU).
   */
  async data(): Promise<Storage> {
    const read = this.placement.toHostAsync;
    return read === undefined ? this.dataSync() : copyStorage(await read.call(this.placement, this.dtype, this.buffer));
  }
  /** The values as a NumPy-like array (a copy); a NumpyScalar for a rank-0 tensor. */
  numpy(): NDArray { return toNumpy(this.dtype.name, this.dims, this.dataSync()); }
  /** The one element of a size-1 tensor. */
  item(): Scalar { return this.numpy().item(); }

  /**
   * Release the value's device memory now (GPU memory; on the CPU the garbage collector owns
   * memory and this does nothing). The tensor must not be used afterwards. Dropping the last
   * reference releases it too, later.
   */
  dispose(): void { releaseNow(this.placement, this.buffer); }
  [Symbol.dispose](): void { this.dispose(); }

  private printable(): PrintableArray { return { dtype: this.dtype.name, shape: this.dims, data: this.hostData() }; }
  /** `tf.Tensor([1. 2.], shape=(2,), dtype=float32)`, as Python's `print(t)`. */
  toString(): string { return tensorToString(this.printable(), String(this.shape)); }
  /** `<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>`. */
  repr(): string { return tensorRepr(this.printable(), String(this.shape)); }
  [inspectSymbol](): string { return this.toString(); }
}
