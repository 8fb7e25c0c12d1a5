// Clipping (TensorFlow's clip_ops.py): tf.clipByValue, tf.clipByNorm, tf.clipByGlobalNorm and
// tf.linalg.globalNorm, op for op as TensorFlow composes them, so that they run wherever those
// ops run (on the GPU for float32), differentiate through them and raise their errors.
import { TensorShape } from "../../core/tensor_shape.js";
import { TypeError as TFTypeError, ValueError } from "../../errors/errors.js";
import { globalNormNeedsList, shapesIncompatible } from "../../errors/array_messages.js";
import { NDArray } from "../../format/ndarray.js";
import { L2Loss } from "../../ops/reduce_extra.js";
import { execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { parseDeviceSpec } from "../../runtime/device_spec.js";
import { currentScope, runInScope } from "../../runtime/scope.js";
import { identity, onesLike, stack, zeros } from "./array.js";
import { greater, where } from "./compare.js";
import { convertToTensor, type TensorLike } from "./convert.js";
import { IndexedSlices } from "./indexed_slices.js";
import { cast, divide, maximum, minimum, multiply, sqrt, subtract, add } from "./math.js";
import { reduceSum, type ReductionAxis } from "./reduce.js";

/** TensorShape.assert_is_compatible_with for the fully known shapes of eager tensors. */
function assertSameShape(values: Tensor, result: Tensor): void {
  const a = values.dims, b = result.dims;
  if (a.length !== b.length || a.some((d, i) => d !== b[i])) {
    throw new ValueError(shapesIncompatible(new TensorShape(a).toString(), new TensorShape(b).toString()));
  }
}

/** `fn` in the device scope of `t`'s device (TensorFlow's eager `colocate_with(t)`). */
function colocated<T>(t: Tensor, fn: () => T): T {
  return runInScope({ ...currentScope(), device: parseDeviceSpec(t.device) }, fn);
}

/** The dense values of a tensor-like or of IndexedSlices. */
function valuesOf(t: TensorLike | IndexedSlices): Tensor {
  return convertToTensor(t instanceof IndexedSlices ? t.values : t);
}

/** The result for `t`: IndexedSlices with t's indices when t was IndexedSlices. */
function like(t: TensorLike | IndexedSlices, values: Tensor): Tensor | IndexedSlices {
  return t instanceof IndexedSlices ? new IndexedSlices(values, t.indices, t.denseShape) : values;
}

/**
 * tf.clip_by_value: `t` with its values clipped to [clipValueMin, clipValueMax] — minimum with
 * the upper bound, then maximum with the lower one (so gradients flow as TensorFlow's: to `t`
 * where it lies within the bounds, ties included, to a bound where it is clipped). The bounds are
 * scalars or tensors that broadcast to t's shape; JS numbers take t's dtype (an integer tensor
 * with a fractional bound raises TensorFlow's TypeError), bounds that would broadcast the result
 * larger than `t` raise its ValueError. IndexedSlices in, IndexedSlices out.
 */
export function clipByValue(t: IndexedSlices, clipValueMin: TensorLike, clipValueMax: TensorLike): IndexedSlices;
export function clipByValue(t: TensorLike, clipValueMin: TensorLike, clipValueMax: TensorLike): Tensor;
export function clipByValue(t: TensorLike | IndexedSlices, clipValueMin: TensorLike, clipValueMax: TensorLike): Tensor | IndexedSlices {
  const values = valuesOf(t);
  const tMin = minimum(values, clipValueMax);
  assertSameShape(values, tMin);
  const tMax = maximum(tMin, clipValueMin);
  assertSameShape(values, tMax);
  return like(t, tMax);
}

/** np.isscalar of a clip norm: JS numbers and bigints (and NumPy scalars) but no tensor or list. */
function isPythonScalar(v: unknown): v is number | bigint {
  return typeof v === "number" || typeof v === "bigint";
}

/**
 * tf.clip_by_norm: `t * clipNorm / max(l2norm(t), clipNorm)`, the L2 norm taken over `axes` (all
 * axes by default) with TensorFlow's two-tap `where` so that a zero norm gives zero gradients.
 * A negative scalar clipNorm counts as 0; a tensor clipNorm is clamped at 0 and cast to t's
 * dtype. Integer inputs raise Sqrt's InvalidArgumentError, as in TensorFlow. IndexedSlices in,
 * IndexedSlices out.
 */
export function clipByNorm(t: IndexedSlices, clipNorm: TensorLike, axes?: ReductionAxis): IndexedSlices;
export function clipByNorm(t: TensorLike, clipNorm: TensorLike, axes?: ReductionAxis): Tensor;
export function clipByNorm(t: TensorLike | IndexedSlices, clipNorm: TensorLike, axes?: ReductionAxis): Tensor | IndexedSlices {
  const values = valuesOf(t);
  let norm: TensorLike;
  if (isPythonScalar(clipNorm)) norm = Number(clipNorm) < 0 ? 0 : Number(clipNorm);
  else if (clipNorm instanceof NDArray && clipNorm.shape.length === 0) norm = Math.max(Number(clipNorm.item()), 0);
  else norm = cast(maximum(clipNorm, 0), values.dtype);
  const l2sum = reduceSum(multiply(values, values), axes, true);
  const pred = greater(l2sum, 0);
  const l2sumSafe = where(pred, l2sum, onesLike(l2sum));
  const l2norm = where(pred, sqrt(l2sumSafe), l2sum);
  const intermediate = multiply(values, norm);
  assertSameShape(values, intermediate);
  return like(t, identity(divide(intermediate, maximum(l2norm, norm))));
}

/** A list of tensors, IndexedSlices and nulls (Python's None), as t_list. */
export type TensorList = readonly (TensorLike | IndexedSlices | null | undefined)[];

/** What clipByGlobalNorm gives for an entry of type E: IndexedSlices, null, or a Tensor. */
export type Clipped<E> = E extends IndexedSlices ? IndexedSlices : E extends null | undefined ? null : Tensor;
/** clipByGlobalNorm's list for a t_list of type L, entry by entry (tuples stay tuples). */
export type ClippedList<L extends TensorList> = { -readonly [K in keyof L]: Clipped<L[K]> };

/** Python's `type(v)` of a JS value, as TensorFlow's messages print it. */
function pyType(v: unknown): string {
  let name: string;
  if (v === null || v === undefined) name = "NoneType";
  else if (v instanceof Tensor) name = "tensorflow.python.framework.ops.EagerTensor";
  else if (v instanceof IndexedSlices) name = "tensorflow.python.framework.indexed_slices.IndexedSlices";
  else if (v instanceof NDArray || ArrayBuffer.isView(v)) name = "numpy.ndarray";
  else if (typeof v === "number") name = Number.isInteger(v) ? "int" : "float";
  else if (typeof v === "bigint") name = "int";
  else if (typeof v === "boolean") name = "bool";
  else if (typeof v === "string") name = "str";
  else if (typeof v === "object" && v.constructor?.name === "Variable") name = "tensorflow.python.ops.resource_variable_ops.ResourceVariable";
  else if (typeof v === "object" && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) name = "dict";
  else name = "object";
  return `<class '${name}'>`;
}

/** t_list as TensorFlow checks it: a sequence (a JS array), not a string or a tensor. */
function checkSequence(tList: unknown): asserts tList is TensorList {
  if (!Array.isArray(tList)) throw new TFTypeError(globalNormNeedsList(pyType(tList)));
}

/** The values of each entry (IndexedSlices give theirs), null for null entries. */
function listValues(tList: TensorList): (Tensor | null)[] {
  return tList.map((t) => (t === null || t === undefined ? null : valuesOf(t)));
}

/**
 * tf.linalg.global_norm: sqrt(sum of every entry's squared L2 norm), null entries ignored; each
 * entry's half squared norm (L2Loss) is computed on the entry's device, as TensorFlow colocates
 * it. Entries must share one floating dtype (Pack's InvalidArgumentError otherwise).
 */
export function globalNorm(tList: TensorList): Tensor {
  checkSequence(tList);
  const halves = listValues(tList).filter((v): v is Tensor => v !== null).map((v) => colocated(v, () => execute1(L2Loss, [v], {})));
  const halfSquaredNorm = reduceSum(halves.length === 0 ? zeros([0]) : stack(halves));
  return sqrt(multiply(halfSquaredNorm, 2));
}

/**
 * tf.clip_by_global_norm: `[listClipped, globalNorm]`, each `t_list[i] * clipNorm /
 * max(globalNorm, clipNorm)` (computed on its own device, cast to its dtype); null entries stay
 * null, IndexedSlices stay IndexedSlices. `useNorm` replaces the computed global norm. A global
 * norm that is not finite makes every value NaN, as TensorFlow signals it.
 */
export function clipByGlobalNorm<const L extends TensorList>(tList: L, clipNorm: TensorLike, useNorm?: TensorLike | null): [ClippedList<L>, Tensor] {
  checkSequence(tList);
  const norm = useNorm === undefined || useNorm === null ? globalNorm(tList) : convertToTensor(useNorm);
  const one = convertToTensor(1, norm.dtype);
  const scaleForFinite = multiply(clipNorm, minimum(divide(one, norm), divide(one, clipNorm)));
  // use_norm - use_norm is 0 for finite norms and NaN otherwise.
  const scale = add(scaleForFinite, subtract(norm, norm));
  const values = listValues(tList);
  const clipped = values.map((v, i) => {
    if (v === null) return null;
    const c = colocated(v, () => identity(multiply(v, cast(scale, v.dtype))));
    return like(tList[i]!, c);
  });
  return [clipped as ClippedList<L>, norm];
}
