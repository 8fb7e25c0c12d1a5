// Python's subscripts `t[...]` as `t.at(...items)`: TypeScript cannot overload `[]`, so each
// item of Python's subscript is one argument (or a whole subscript is one string, split at its
// commas). Items lower exactly as TensorFlow's `_slice_helper` builds them into one StridedSlice:
// an integer shrinks its axis, a slice sets begin/end/stride (a missing bound sets the begin or
// end mask), `"..."` sets the ellipsis mask and `tf.newaxis` (null) the new-axis mask. A bool
// tensor as the whole subscript is `tf.boolean_mask(t, mask)`, as in TensorFlow.
import { TypeError as TFTypeError } from "../errors/errors.js";
import { invalidIndexItem } from "../errors/index_messages.js";
import { StridedSlice, type HostInts, type StridedSliceAttrs } from "../ops/array.js";
import { execute1 } from "../runtime/execute.js";
import { Tensor } from "../runtime/tensor.js";
import { convertToTensor, type TensorLike } from "./ops/convert.js";
import { booleanMask } from "./ops/shape_ops.js";

/** Python's `tf.newaxis` (`None` in a subscript): inserts an axis of length 1. */
export const newaxis = null;

/** A Python slice `start:stop:step`; a missing (or null) part takes the whole axis's bound. */
export interface SliceSpec {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}

/**
 * One item of a subscript: an integer (shrinks the axis; negative counts from the end), a
 * slice (`"1:3"`, `"::-1"`, or `{ start, stop, step }`), `"..."`, `tf.newaxis` (null), a
 * scalar int32/int64 tensor, or a string holding several items separated by commas
 * (`"1:, ::2, newaxis, ..."`). A bool tensor alone (`t.at(mask)`) selects by boolean mask.
 */
export type IndexItem = number | string | SliceSpec | null | Tensor;

type Parsed = { kind: "index"; value: number } | { kind: "slice"; spec: SliceSpec } | { kind: "ellipsis" } | { kind: "newaxis" };

const INTEGER = /^[+-]?\d+$/;

function invalid(got: string): never {
  throw new TFTypeError(invalidIndexItem(got));
}

function sliceBound(text: string, whole: string): number | null {
  const t = text.trim();
  if (t === "" || t === "None") return null;
  if (!INTEGER.test(t)) invalid(`'${whole}'`);
  return Number(t);
}

function parsePiece(piece: string, whole: string): Parsed {
  const p = piece.trim();
  if (p === "...") return { kind: "ellipsis" };
  if (p === "newaxis" || p === "tf.newaxis" || p === "None") return { kind: "newaxis" };
  if (INTEGER.test(p)) return { kind: "index", value: Number(p) };
  const parts = p.split(":");
  if (parts.length < 2 || parts.length > 3) invalid(`'${whole}'`);
  return { kind: "slice", spec: { start: sliceBound(parts[0]!, whole), stop: sliceBound(parts[1]!, whole), step: parts.length === 3 ? sliceBound(parts[2]!, whole) : null } };
}

function checkInteger(x: unknown): number {
  if (typeof x === "number" && Number.isInteger(x)) return x;
  return invalid(String(x));
}

function parseItem(item: IndexItem): Parsed[] {
  if (item === null) return [{ kind: "newaxis" }];
  if (typeof item === "number") return [{ kind: "index", value: checkInteger(item) }];
  if (typeof item === "string") return item.split(",").map((piece) => parsePiece(piece, item));
  if (item instanceof Tensor) {
    // _check_index: a scalar of an integer index dtype.
    const ok = item.rank === 0 && (item.dtype.name === "int32" || item.dtype.name === "int64" || item.dtype.name === "int16");
    if (!ok) invalid(item.repr());
    return [{ kind: "index", value: Number((item.hostData() as ArrayLike<number | bigint>)[0]) }];
  }
  if (typeof item === "object") {
    const bound = (x: number | null | undefined) => (x === undefined || x === null ? null : checkInteger(x));
    return [{ kind: "slice", spec: { start: bound(item.start), stop: bound(item.stop), step: bound(item.step) } }];
  }
  return invalid(String(item));
}

/** The StridedSlice attributes of a subscript, as TensorFlow's `_slice_helper` builds them. */
export function subscriptAttrs(items: readonly IndexItem[]): StridedSliceAttrs {
  const begin: number[] = [], end: number[] = [], strides: number[] = [];
  let beginMask = 0, endMask = 0, ellipsisMask = 0, newAxisMask = 0, shrinkAxisMask = 0;
  const parsed = items.flatMap(parseItem);
  parsed.forEach((p, index) => {
    const bit = index < 32 ? 1 << index : 0;
    switch (p.kind) {
      case "slice": {
        const { start, stop, step } = p.spec;
        if (start === null || start === undefined) { begin.push(0); beginMask |= bit; } else begin.push(start);
        if (stop === null || stop === undefined) { end.push(0); endMask |= bit; } else end.push(stop);
        strides.push(step === null || step === undefined ? 1 : step);
        break;
      }
      case "ellipsis": begin.push(0); end.push(0); strides.push(1); ellipsisMask |= bit; break;
      case "newaxis": begin.push(0); end.push(0); strides.push(1); newAxisMask |= bit; break;
      case "index": begin.push(p.value); end.push(p.value + 1); strides.push(1); shrinkAxisMask |= bit; break;
    }
  });
  const ints = (values: number[]): HostInts => ({ values, dims: [values.length] });
  return { begin: ints(begin), end: ints(end), strides: ints(strides), beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask };
}

/** The mask when a subscript is one bool tensor (TensorFlow's `_slice_helper` then boolean-masks). */
export function booleanMaskItem(items: readonly IndexItem[]): Tensor | null {
  const only = items.length === 1 ? items[0] : undefined;
  return only instanceof Tensor && only.dtype.name === "bool" ? only : null;
}

/** Python's `x[items]`: one StridedSlice, or tf.boolean_mask for a bool tensor alone. */
export function getItem(x: TensorLike, items: readonly IndexItem[]): Tensor {
  const mask = booleanMaskItem(items);
  if (mask !== null) return booleanMask(x, mask);
  return execute1(StridedSlice, [convertToTensor(x)], subscriptAttrs(items));
}
