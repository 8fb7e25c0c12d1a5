// Python's operators on tensors and variables, as methods (`a + b` → `a.add(b)`): one
// definition shared by Tensor and Variable, since a variable is accepted wherever a tensor is.
// Variable extends TensorMethods; Tensor (runtime/tensor.ts, below the public ops) gets the
// same methods on its prototype here, and its type gets them by declaration merging.
import type { DTypeLike } from "../core/dtypes.js";
import * as math from "./ops/math.js";
import * as compare from "./ops/compare.js";
import * as array from "./ops/array.js";
import * as linalg from "./ops/linalg.js";
import type { TensorLike } from "./ops/convert.js";
import { Tensor } from "../runtime/tensor.js";
import { TypeError as TFTypeError } from "../errors/errors.js";
import { iterateScalar } from "../errors/index_messages.js";
import { getItem, type IndexItem } from "./indexing.js";

export abstract class TensorMethods {

  /** `x + y` */
  add(y: TensorLike): Tensor { return math.add(this as unknown as TensorLike, y); }
  /** `x - y` */
  sub(y: TensorLike): Tensor { return math.subtract(this as unknown as TensorLike, y); }
  /** `x * y` */
  mul(y: TensorLike): Tensor { return math.multiply(this as unknown as TensorLike, y); }
  /** `x / y` (true division) */
  div(y: TensorLike): Tensor { return math.divide(this as unknown as TensorLike, y); }
  /** `x // y` */
  floorDiv(y: TensorLike): Tensor { return math.floorDiv(this as unknown as TensorLike, y); }
  /** `x % y` */
  mod(y: TensorLike): Tensor { return math.mod(this as unknown as TensorLike, y); }
  /** `x ** y` */
  pow(y: TensorLike): Tensor { return math.pow(this as unknown as TensorLike, y); }
  /** `-x` */
  neg(): Tensor { return math.negative(this as unknown as TensorLike); }
  /** `abs(x)` */
  abs(): Tensor { return math.abs(this as unknown as TensorLike); }
  /** `x @ y` */
  matmul(y: TensorLike, options?: linalg.MatMulOptions): Tensor { return linalg.matmul(this as unknown as TensorLike, y, options); }
  /** `x == y` (elementwise, as in TensorFlow 2) */
  equal(y: TensorLike): Tensor { return compare.equal(this as unknown as TensorLike, y); }
  /** `x != y` */
  notEqual(y: TensorLike): Tensor { return compare.notEqual(this as unknown as TensorLike, y); }
  /** `x < y` */
  less(y: TensorLike): Tensor { return compare.less(this as unknown as TensorLike, y); }
  /** `x <= y` */
  lessEqual(y: TensorLike): Tensor { return compare.lessEqual(this as unknown as TensorLike, y); }
  /** `x > y` */
  greater(y: TensorLike): Tensor { return compare.greater(this as unknown as TensorLike, y); }
  /** `x >= y` */
  greaterEqual(y: TensorLike): Tensor { return compare.greaterEqual(this as unknown as TensorLike, y); }
  /** `x & y` (bool) */
  logicalAnd(y: TensorLike): Tensor { return compare.logicalAnd(this as unknown as TensorLike, y); }
  /** `x | y` (bool) */
  logicalOr(y: TensorLike): Tensor { return compare.logicalOr(this as unknown as TensorLike, y); }
  /** `~x` (bool) */
  logicalNot(): Tensor { return compare.logicalNot(this as unknown as TensorLike); }
  /** `tf.cast(x, dtype)` */
  cast(dtype: DTypeLike): Tensor { return math.cast(this as unknown as TensorLike, dtype); }
  /** `tf.reshape(x, shape)` */
  reshape(shape: readonly number[]): Tensor { return array.reshape(this as unknown as TensorLike, shape); }
  /** `tf.transpose(x, perm)` */
  transpose(perm?: readonly number[]): Tensor { return array.transpose(this as unknown as TensorLike, perm); }
  /** `x[items]`: `x.at(1, ":", "::-1", "...", tf.newaxis)` or `x.at("1, :, ::-1")` (see api/indexing.ts). */
  at(...items: IndexItem[]): Tensor { return getItem(this as unknown as TensorLike, items); }
  /** `for row in x`: the slices along the first axis; a scalar raises TypeError. */
  *[Symbol.iterator](): Iterator<Tensor> {
    const dims = (this as unknown as Tensor).dims;
    if (dims.length === 0) throw new TFTypeError(iterateScalar());
    for (let i = 0; i < dims[0]!; i++) yield this.at(i);
  }
}

declare module "../runtime/tensor.js" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Tensor extends TensorMethods {}
}
for (const name of Object.getOwnPropertyNames(TensorMethods.prototype)) {
  if (name !== "constructor") Object.defineProperty(Tensor.prototype, name, Object.getOwnPropertyDescriptor(TensorMethods.prototype, name)!);
}
Object.defineProperty(Tensor.prototype, Symbol.iterator, Object.getOwnPropertyDescriptor(TensorMethods.prototype, Symbol.iterator)!);
