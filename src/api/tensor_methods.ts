// Python's operators on tensors and variables, as methods (`a + b` → `a.add(b)`): one
// definition shared by Tensor and Variable, since a variable is accepted wherever a tensor is.
import type { DTypeLike } from "../core/dtypes.js";
import * as math from "../ops/math.js";
import * as compare from "../ops/compare.js";
import * as array from "../ops/array.js";
import * as linalg from "../ops/linalg.js";
import type { TensorLike } from "./convert.js";
import type { Tensor } from "./tensor.js";

export abstract class TensorMethods {
  private self(): TensorLike { return this as unknown as TensorLike; }

  /** `x + y` */
  add(y: TensorLike): Tensor { return math.add(this.self(), y); }
  /** `x - y` */
  sub(y: TensorLike): Tensor { return math.subtract(this.self(), y); }
  /** `x * y` */
  mul(y: TensorLike): Tensor { return math.multiply(this.self(), y); }
  /** `x / y` (true division) */
  div(y: TensorLike): Tensor { return math.divide(this.self(), y); }
  /** `x // y` */
  floorDiv(y: TensorLike): Tensor { return math.floorDiv(this.self(), y); }
  /** `x % y` */
  mod(y: TensorLike): Tensor { return math.mod(this.self(), y); }
  /** `x ** y` */
  pow(y: TensorLike): Tensor { return math.pow(this.self(), y); }
  /** `-x` */
  neg(): Tensor { return math.negative(this.self()); }
  /** `abs(x)` */
  abs(): Tensor { return math.abs(this.self()); }
  /** `x @ y` */
  matmul(y: TensorLike, options?: linalg.MatMulOptions): Tensor { return linalg.matmul(this.self(), y, options); }
  /** `x == y` (elementwise, as in TensorFlow 2) */
  equal(y: TensorLike): Tensor { return compare.equal(this.self(), y); }
  /** `x != y` */
  notEqual(y: TensorLike): Tensor { return compare.notEqual(this.self(), y); }
  /** `x < y` */
  less(y: TensorLike): Tensor { return compare.less(this.self(), y); }
  /** `x <= y` */
  lessEqual(y: TensorLike): Tensor { return compare.lessEqual(this.self(), y); }
  /** `x > y` */
  greater(y: TensorLike): Tensor { return compare.greater(this.self(), y); }
  /** `x >= y` */
  greaterEqual(y: TensorLike): Tensor { return compare.greaterEqual(this.self(), y); }
  /** `x & y` (bool) */
  logicalAnd(y: TensorLike): Tensor { return compare.logicalAnd(this.self(), y); }
  /** `x | y` (bool) */
  logicalOr(y: TensorLike): Tensor { return compare.logicalOr(this.self(), y); }
  /** `~x` (bool) */
  logicalNot(): Tensor { return compare.logicalNot(this.self()); }
  /** `tf.cast(x, dtype)` */
  cast(dtype: DTypeLike): Tensor { return math.cast(this.self(), dtype); }
  /** `tf.reshape(x, shape)` */
  reshape(shape: readonly number[]): Tensor { return array.reshape(this.self(), shape); }
  /** `tf.transpose(x, perm)` */
  transpose(perm?: readonly number[]): Tensor { return array.transpose(this.self(), perm); }
}
