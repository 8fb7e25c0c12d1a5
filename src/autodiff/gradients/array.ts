// Gradients of the array ops (TensorFlow's array_grad.py).
import { int32 } from "../../core/dtypes.js";
import { sizeOf } from "../../core/tensor_shape.js";
import {
  GatherV2, MatrixSetDiagV3, MirrorPad, Pad, StridedSlice, type arrayOps, type HostInts, type PadAttrs,
} from "../../ops/array.js";
import { execute1 } from "../../runtime/execute.js";
import { MatrixDiagPartV3 } from "../../ops/linalg_matrix.js";
import type { Tensor } from "../../runtime/tensor.js";
import { unsortedSegmentSum } from "../../api/ops/math.js";
import { range, reshape, slice, stridedSlice, transpose, zeros } from "../../api/ops/array.js";
import { reduceSum } from "../../api/ops/reduce.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";

/** Paddings as Pad's attribute. */
function paddingsAttr(pairs: readonly (readonly [number, number])[]): HostInts {
  return { values: pairs.flat(), dims: [pairs.length, 2] };
}

/** 0, 1, …, n-1 (int32) shaped `dims`: fed through an op that moves elements, it tells each output element's source. */
export function positions(dims: readonly number[]): Tensor {
  return reshape(range(0, sizeOf(dims), 1, int32), dims);
}

/**
 * The gradient of an op that copies input elements: dy summed into the input's shape by the
 * source of each output element (`sources`: flat input positions with dy's shape, as the op
 * computes them from positions()); repeated sources accumulate.
 */
export function scatterToSources(dy: Tensor, sources: Tensor, inputDims: readonly number[]): Tensor {
  return reshape(unsortedSegmentSum(reshape(dy, [-1]), reshape(sources, [-1]), sizeOf(inputDims)), inputDims);
}

/** The main diagonals (first `n` entries) of the matrices in the last two axes (matrix_diag_part, k = 0). */
function diagonalPart(t: Tensor, n: number): Tensor {
  const r = t.rank, rows = t.dims[r - 2]!, cols = t.dims[r - 1]!;
  const batch = t.dims.slice(0, -2);
  if (n === 0) return zeros([...batch, 0], t.dtype);
  const flat = reshape(t, [sizeOf(batch), rows * cols]);
  return reshape(stridedSlice(flat, [0, 0], [sizeOf(batch), (n - 1) * (cols + 1) + 1], [1, cols + 1]), [...batch, n]);
}

function inversePerm(p: readonly number[]): number[] {
  const inv = new Array<number>(p.length);
  p.forEach((d, i) => { inv[d] = i; });
  return inv;
}

// Ops that only reshape: dy reshaped back.
const reshapeBack: GradientFn = ({ inputs: [x] }, [dy]) => [reshape(dy!, x!.dims)];

// Pad/PadV2: the inner block of dy; PadV2's constant gets none (as in TensorFlow).
const padGradient: GradientFn<PadAttrs> = ({ inputs, attrs: { paddings } }, [dy]) => {
  const x = inputs[0]!;
  const dx = slice(dy!, x.dims.map((_, i) => paddings.values[2 * i]!), x.dims);
  return inputs.length === 2 ? [dx, null] : [dx];
};

export const arrayGradients: GradientTable<typeof arrayOps> = {
  Reshape: reshapeBack,
  ExpandDims: reshapeBack,
  Squeeze: reshapeBack,
  Fill: (_info, [dy]) => [reduceSum(dy!)],
  Identity: (_info, [dy]) => [dy!],
  StopGradient: null,
  ZerosLike: null,
  Range: null,
  Pack: ({ inputs, attrs: { axis } }, [dy]) => {
    const rank = dy!.rank, a = axis < 0 ? axis + rank : axis;
    return inputs.map((x, k) => reshape(slice(dy!, dy!.dims.map((_, i) => (i === a ? k : 0)), dy!.dims.map((d, i) => (i === a ? 1 : d))), x.dims));
  },
  ConcatV2: ({ inputs, plan: { axis: a } }, [dy]) => {
    const rank = inputs[0]!.rank;
    if (rank === 0) return inputs.map((_, k) => reshape(slice(dy!, [k], [1]), []));
    let at = 0;
    return inputs.map((x) => {
      const begin = x.dims.map((_, i) => (i === a ? at : 0));
      at += x.dims[a]!;
      return slice(dy!, begin, x.dims);
    });
  },
  Transpose: ({ plan: { perm } }, [dy]) => [transpose(dy!, inversePerm(perm))],
  ConjugateTranspose: ({ plan: { perm } }, [dy]) => [transpose(dy!, inversePerm(perm), { conjugate: true })],
  Slice: ({ inputs: [x], plan: { begin, sizes } }, [dy]) => {
    const pads = x!.dims.map((d, i) => [begin[i]!, d - begin[i]! - sizes[i]!] as const);
    return [execute1(Pad, [dy!], { paddings: paddingsAttr(pads) })];
  },
  // Unit strides pad dy back into place; other strides scatter it by source position.
  StridedSlice: ({ inputs: [x], attrs, plan }, [dy]) => {
    if (plan.strides.every((s) => s === 1)) {
      const g = reshape(dy!, plan.processing);
      const pads = x!.dims.map((d, i) => [plan.begin[i]!, d - plan.begin[i]! - plan.processing[i]!] as const);
      return [execute1(Pad, [g], { paddings: paddingsAttr(pads) })];
    }
    return [scatterToSources(dy!, execute1(StridedSlice, [positions(x!.dims)], attrs), x!.dims)];
  },
  // Rows of dy summed into the params rows they were gathered from (duplicates accumulate): the
  // source row of each output row is GatherV2 applied to the row positions of params.
  GatherV2: ({ inputs: [params, indices], plan: { axis, batchDims } }, [dy]) => {
    const p = params!;
    const rowDims = p.dims.slice(0, axis + 1);
    const sources = execute1(GatherV2, [positions(rowDims), indices!], { axis, batchDims });
    const inner = sizeOf(p.dims.slice(axis + 1));
    const summed = unsortedSegmentSum(reshape(dy!, [sources.size, inner]), reshape(sources, [-1]), sizeOf(rowDims));
    return [reshape(summed, p.dims), null];
  },
  // Tile: dy seen as [m0, d0, m1, d1, …] and summed over the multiples' axes.
  Tile: ({ inputs: [x], attrs: { multiples } }, [dy]) => {
    const t = x!;
    if (t.rank === 0) return [dy!];
    const split = t.dims.flatMap((d, i) => [multiples.values[i]!, d]);
    return [reduceSum(reshape(dy!, split), t.dims.map((_, i) => 2 * i))];
  },
  Pad: padGradient,
  PadV2: padGradient,
  MirrorPad: ({ inputs: [x], attrs }, [dy]) => [
    scatterToSources(dy!, execute1(MirrorPad, [positions(x!.dims)], attrs), x!.dims),
  ],
  MatrixDiagV3: ({ inputs, attrs }, [dy]) => {
    const d = inputs[0]!;
    const [lower, upper] = attrs.k ?? [0, 0];
    // The padding value (input 1, when given) gets no gradient, as in TensorFlow.
    const rest = inputs.slice(1).map(() => null);
    if (lower === 0 && upper === 0) {
      return [diagonalPart(dy!, d.dims[d.rank - 1]!), ...rest];
    }
    const zero = zeros([], dy!.dtype);
    return [execute1(MatrixDiagPartV3, [dy!, zero], { k: [lower, upper], align: attrs.align ?? "RIGHT_LEFT" }), ...rest];
  },
  MatrixSetDiagV3: ({ inputs: [, d] }, [dy]) => {
    const n = d!.dims[d!.rank - 1]!;
    return [execute1(MatrixSetDiagV3, [dy!, zeros(d!.dims, dy!.dtype)], {}), diagonalPart(dy!, n)];
  },
};
