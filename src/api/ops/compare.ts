// Comparison and logical functions: tf.equal, tf.less, tf.logical_and, tf.where, …
import { bool } from "../../core/dtypes.js";
import { ValueError } from "../../errors/errors.js";
import { whereNeedsBothBranches } from "../../errors/op_messages.js";
import {
  Equal, Greater, GreaterEqual, Less, LessEqual, LogicalAnd, LogicalNot, LogicalOr, NotEqual, SelectV2, Where,
} from "../../ops/compare.js";
import { execute1 } from "../../runtime/execute.js";
import type { Tensor } from "../../runtime/tensor.js";
import { binary, boolArg, convertPreferring, matchingTensors } from "./args.js";
import type { TensorLike } from "./convert.js";

/** Elementwise x == y (bool). */
export function equal(x: TensorLike, y: TensorLike): Tensor { return binary(Equal, x, y); }
/** Elementwise x != y (bool). */
export function notEqual(x: TensorLike, y: TensorLike): Tensor { return binary(NotEqual, x, y); }
/** Elementwise x < y (bool). */
export function less(x: TensorLike, y: TensorLike): Tensor { return binary(Less, x, y); }
/** Elementwise x <= y (bool). */
export function lessEqual(x: TensorLike, y: TensorLike): Tensor { return binary(LessEqual, x, y); }
/** Elementwise x > y (bool). */
export function greater(x: TensorLike, y: TensorLike): Tensor { return binary(Greater, x, y); }
/** Elementwise x >= y (bool). */
export function greaterEqual(x: TensorLike, y: TensorLike): Tensor { return binary(GreaterEqual, x, y); }

/** Elementwise x AND y on bool tensors. */
export function logicalAnd(x: TensorLike, y: TensorLike): Tensor { return execute1(LogicalAnd, [boolArg(x), boolArg(y)], {}); }
/** Elementwise x OR y on bool tensors. */
export function logicalOr(x: TensorLike, y: TensorLike): Tensor { return execute1(LogicalOr, [boolArg(x), boolArg(y)], {}); }
/** Elementwise NOT x on a bool tensor. */
export function logicalNot(x: TensorLike): Tensor { return execute1(LogicalNot, [boolArg(x)], {}); }

/** How many elements of `t` are nonzero (true; NaN counts; -0 does not). */
function countNonzero(t: Tensor): number {
  if (t.dtype.isString) return 0; // rejected by Where's dtype list
  const s = t.hostData();
  let n = 0;
  if (t.dtype.isComplex) {
    const c = s as Float32Array | Float64Array;
    for (let i = 0; i < c.length; i += 2) if (c[i] !== 0 || c[i + 1] !== 0) n++;
  } else if (t.dtype.isBigInt) {
    for (const v of s as BigInt64Array | BigUint64Array) if (v !== 0n) n++;
  } else if (t.dtype.name === "float16" || t.dtype.name === "bfloat16") {
    for (const v of s as Uint16Array) if ((v & 0x7fff) !== 0) n++;
  } else {
    for (const v of s as Float64Array) if (v !== 0) n++;
  }
  return n;
}

/**
 * tf.where. With x and y: elements of x where `condition` is true and of y elsewhere
 * (SelectV2; condition, x and y broadcast together). With the condition alone: the int64
 * coordinates of its true (nonzero) elements, shape [numTrue, rank] (Where).
 */
export function where(condition: TensorLike): Tensor;
export function where(condition: TensorLike, x: TensorLike, y: TensorLike): Tensor;
export function where(condition: TensorLike, x?: TensorLike, y?: TensorLike): Tensor {
  if (x === undefined && y === undefined) {
    const c = convertPreferring(condition, bool);
    return execute1(Where, [c], { numTrue: countNonzero(c) });
  }
  if (x === undefined || y === undefined) throw new ValueError(whereNeedsBothBranches());
  const [t, e] = matchingTensors([x, y]);
  return execute1(SelectV2, [boolArg(condition), t!, e!], {});
}
