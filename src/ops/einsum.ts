// tf.einsum's rules and its lowering plan. Two parts, as in TensorFlow:
//  * the Python layer (special_math_ops.py, _einsum_v2): the equation is checked and resolved
//    (spaces dropped, the implicit output made of the labels that appear once, sorted), and
//    more than two operands are split into two-operand contractions (here left to right);
//  * the Einsum op (einsum_op_impl.h) on one or two operands: labels are classified as
//    broadcasting (the ellipsis), batch, free, contracted or reduced; each operand is transposed
//    to [broadcast, batch, free, contracted, reduced] order, its repeated labels are replaced by
//    their diagonal and its reduced labels summed, and it is reshaped to [batch…, F, C]; one
//    batch matmul contracts the two; the result is reshaped and transposed to the output.
// `planEinsum` validates one Einsum (TensorFlow's errors, `[Op:Einsum]`) and computes every
// shape of that lowering once; api/ops/einsum.ts runs it with Transpose, Reshape, Pad, Slice,
// Sum and (Batch)MatMul, whose kernels (CPU, native GEMM, GPU) and gradients already exist.
// As in the Python layer, labels are single characters and the ellipsis is parsed as '0'.
import { broadcastShape } from "../core/broadcast.js";
import { dtypeEnumName, type DTypeName } from "../core/dtypes.js";
import type { TensorSpec } from "../core/tensor_spec.js";
import { InvalidArgumentError, NotFoundError, UnimplementedError, ValueError } from "../errors/errors.js";
import {
  einsumBadSubscripts, einsumBroadcastMismatch, einsumDimensionMismatch, einsumInputCount, einsumInputEllipses,
  einsumLabelsNotRank, einsumOutputEllipses, einsumOutputLabelMissing, einsumOutputLabelRepeated,
  einsumOutputWithoutEllipsis, einsumRankBelowLabels, einsumRankMismatch, einsumRepeatedLabelsRank,
  einsumTooManyNamedLabels, einsumZeroInEquation,
} from "../errors/einsum_messages.js";
import { inputDtypeMismatch, noKernelFor } from "../errors/messages.js";
import { atOp } from "../errors/op_messages.js";

/** The character the Python layer parses an ellipsis as. */
const ELLIPSIS = "0";
const OP = "Einsum";

/** The dtypes of TensorFlow's Einsum kernels (CPU: these; its GPU kernels are a subset). */
export const EINSUM_TYPES: ReadonlySet<DTypeName> = new Set<DTypeName>([
  "float16", "bfloat16", "float32", "float64", "complex64", "complex128", "int32", "int64",
]);

// --- the Python layer --------------------------------------------------------------------------

/** An equation as the Python layer resolves it: one subscript per operand and the output ('0': ellipsis). */
export interface ResolvedEquation {
  readonly inputs: readonly string[];
  readonly output: string;
}

const resolvedCache = new Map<string, ResolvedEquation>();

/**
 * _einsum_v2_parse_and_resolve_equation: validate `equation` for `numInputs` operands (Python's
 * ValueErrors, which mention the equation as given) and resolve it.
 */
export function resolveEquation(equation: string, numInputs: number): ResolvedEquation {
  const key = `${numInputs}:${equation}`;
  const cached = resolvedCache.get(key);
  if (cached !== undefined) return cached;
  let resolved = equation.replaceAll(" ", "");
  const hasEllipsis = equation.includes("...");
  if (hasEllipsis) {
    if (resolved.includes(ELLIPSIS)) throw new ValueError(einsumZeroInEquation(equation));
    resolved = resolved.replaceAll("...", ELLIPSIS);
  }
  const allowed = hasEllipsis ? `a-zA-Z${ELLIPSIS}` : "a-zA-Z";
  const match = new RegExp(`^([${allowed},]*)(->[${allowed}]*)?$`).exec(resolved);
  if (match === null) throw new ValueError(einsumBadSubscripts(resolved));
  const lhs = match[1]!;
  const inputs = lhs.split(",");
  if (numInputs !== inputs.length) throw new ValueError(einsumInputCount(numInputs, equation, inputs.length));
  let output: string;
  if (match[2] === undefined) {
    // Implicit output: the labels appearing once, sorted (so an ellipsis of one operand leads).
    const counts = new Map<string, number>();
    for (const c of lhs) counts.set(c, (counts.get(c) ?? 0) + 1);
    output = [...counts.keys()].filter((c) => c !== "," && counts.get(c) === 1).sort().join("");
  } else {
    output = match[2].slice(2);
  }
  if (new Set(output).size !== output.length) throw new ValueError(einsumOutputLabelRepeated(equation));
  for (const label of output) {
    if (label !== ELLIPSIS && !lhs.includes(label)) throw new ValueError(einsumOutputLabelMissing(label));
  }
  if (hasEllipsis && output.split(ELLIPSIS).length > 2) throw new ValueError(einsumOutputEllipses(equation));
  // TensorFlow checks this with the ranks, for more than two operands; its kernel does not handle
  // it at all (so here it is checked for one or two operands too).
  if (numInputs <= 2) for (const labels of inputs) checkOneEllipsis(labels);
  const result = { inputs, output };
  if (resolvedCache.size >= 256) resolvedCache.clear();
  resolvedCache.set(key, result);
  return result;
}

function checkOneEllipsis(labels: string): void {
  if (labels.indexOf(ELLIPSIS) !== labels.lastIndexOf(ELLIPSIS)) {
    throw new ValueError(einsumInputEllipses(labels.replaceAll(ELLIPSIS, "...")));
  }
}

/** The Python layer's checks of the operands' ranks, made for more than two operands only. */
export function checkOperandRanks(equation: string, resolved: ResolvedEquation, dims: readonly (readonly number[])[]): void {
  resolved.inputs.forEach((labels, i) => {
    const shape = dims[i]!;
    if (labels.includes(ELLIPSIS)) {
      checkOneEllipsis(labels);
      if (labels.length > shape.length + 1) throw new ValueError(einsumTooManyNamedLabels(i, equation, shape));
    } else if (labels.length !== shape.length) {
      throw new ValueError(einsumLabelsNotRank(i, equation, shape));
    }
  });
}

/**
 * More than two operands as a chain of two-operand equations, contracted left to right: each
 * intermediate keeps the labels (in order of appearance) that a later operand or the output
 * still needs. (TensorFlow asks opt_einsum for the order; the result differs only by rounding.)
 */
export function pairwiseSteps(resolved: ResolvedEquation): ResolvedEquation[] {
  const { inputs, output } = resolved;
  const steps: ResolvedEquation[] = [];
  let current = inputs[0]!;
  for (let k = 1; k < inputs.length; k++) {
    let out = output;
    if (k < inputs.length - 1) {
      const needed = inputs.slice(k + 1).join("") + output;
      out = [...new Set(current + inputs[k]!)].filter((c) => needed.includes(c)).join("");
    }
    steps.push({ inputs: [current, inputs[k]!], output: out });
    current = out;
  }
  return steps;
}

/** The equation attribute of the Einsum op: `ij,jk->ik`, ellipses written `...`. */
export function einsumEquation(resolved: ResolvedEquation): string {
  return `${resolved.inputs.join(",")}->${resolved.output}`.replaceAll(ELLIPSIS, "...");
}

// --- the Einsum op -----------------------------------------------------------------------------

/**
 * Kernel lookup and input validation of one Einsum: a dtype without a kernel raises NotFoundError
 * (the op's T is any type), operands of other dtypes than the first TensorFlow's eager message.
 */
export function checkEinsumDtypes(resolved: ResolvedEquation, inputs: readonly TensorSpec[]): void {
  const dtype = inputs[0]!.dtype;
  if (!EINSUM_TYPES.has(dtype.name)) {
    const attrs = `N=${inputs.length}, T=${dtypeEnumName(dtype)}, equation="${einsumEquation(resolved)}"`;
    throw new NotFoundError(atOp(noKernelFor(OP, attrs), OP));
  }
  inputs.forEach((t, i) => {
    if (t.dtype !== dtype) throw new InvalidArgumentError(atOp(inputDtypeMismatch(OP, i, dtype, t.dtype), OP));
  });
}

/** The label kinds of einsum_op_impl.h, in the order an operand's axes are sorted into. */
const enum Kind { Broadcasting = 0, Batch = 1, Free = 2, Contract = 3, Reduce = 4 }

/** The diagonal of repeated labels (each run of k axes of size d), by a reshape, pad and slice. */
export interface DiagonalPlan {
  /** Each run of k axes merged into one of d^k. */
  readonly merged: readonly number[];
  /** Pad's [before, after] per axis of `merged` (a run padded to d·s, s = (d^k − 1)/(d − 1)), or null if none. */
  readonly paddings: readonly number[] | null;
  /** Each padded run split into [d, s]: element (j, 0) is the j-th diagonal element. */
  readonly split: readonly number[];
  /** The slice's size: 1 on each s axis. */
  readonly size: readonly number[];
  /** The result: one axis per distinct label. */
  readonly dims: readonly number[];
}

/** What happens to one operand before the contraction. */
export interface OperandPlan {
  /** Transpose into kind order (null: already there). */
  readonly perm: readonly number[] | null;
  readonly diagonal: DiagonalPlan | null;
  /** The trailing axes of reduced labels, summed (null: none, or all of size 1). */
  readonly reduceAxes: readonly number[] | null;
  /** The reduced operand: [broadcast…, batch…, F, C], or [… , C, F] when `swapped`. */
  readonly dims: readonly number[];
  /** Free and contracted axes were already in [contracted, free] order: the matmul transposes instead. */
  readonly swapped: boolean;
}

export interface EinsumPlan {
  readonly operands: readonly OperandPlan[];
  /** The matmul's transpose flags (two operands). */
  readonly transposeA: boolean;
  readonly transposeB: boolean;
  /** The contraction's result reshaped: [batch…, free labels of operand 0…, of operand 1…]. */
  readonly resultDims: readonly number[];
  /** Transpose of the result into the output's label order (null: already in order). */
  readonly outputPerm: readonly number[] | null;
  readonly outputDims: readonly number[];
  /**
   * The result is all zeros without computing: an empty operand whose labels' sizes TensorFlow's
   * kernel let through inconsistently (it takes a recorded size 0 for "not seen yet").
   */
  readonly zeros: boolean;
}

const planCache = new Map<string, EinsumPlan>();

function invalid(message: string): InvalidArgumentError {
  return new InvalidArgumentError(atOp(message, OP));
}

function isIdentity(perm: readonly number[]): boolean {
  return perm.every((p, i) => p === i);
}

/**
 * Validate one Einsum of one or two operands of shapes `dims` (TensorFlow's ParseEquation and
 * ProcessDimensions) and plan its lowering (ReduceOperand, ContractOperands and the output
 * transpose of einsum_op_impl.h).
 */
export function planEinsum(resolved: ResolvedEquation, dims: readonly (readonly number[])[]): EinsumPlan {
  const key = `${resolved.inputs.join(",")}>${resolved.output}:${dims.map((d) => d.join("x")).join(",")}`;
  const cached = planCache.get(key);
  if (cached !== undefined) return cached;
  const plan = computePlan(resolved, dims);
  if (planCache.size >= 256) planCache.clear();
  planCache.set(key, plan);
  return plan;
}

function computePlan(resolved: ResolvedEquation, dims: readonly (readonly number[])[]): EinsumPlan {
  const numInputs = resolved.inputs.length;
  // ParseEquation: characters to consecutive integer labels (inputs first, then the output), -1 the ellipsis.
  const mapping = new Map<string, number>();
  const toLabels = (subscript: string): number[] => [...subscript].map((c) => {
    if (c === ELLIPSIS) return -1;
    let label = mapping.get(c);
    if (label === undefined) mapping.set(c, (label = mapping.size));
    return label;
  });
  const inputLabels = resolved.inputs.map(toLabels);
  const outputLabels = toLabels(resolved.output);
  const numNamed = mapping.size;
  const inputCounts = inputLabels.map((labels) => {
    const counts = new Array<number>(numNamed).fill(0);
    for (const l of labels) if (l >= 0) counts[l]!++;
    return counts;
  });
  const outputCounts = new Array<number>(numNamed).fill(0);
  for (const l of outputLabels) if (l >= 0) outputCounts[l]!++;
  const kinds: Kind[] = [];
  for (let l = 0; l < numNamed; l++) {
    const removed = outputCounts[l] === 0;
    const unique = numInputs === 1 || inputCounts[0]![l] === 0 || inputCounts[1]![l] === 0;
    kinds.push(removed ? (unique ? Kind.Reduce : Kind.Contract) : (unique ? Kind.Free : Kind.Batch));
  }

  // ProcessDimensions: ranks, each label's size, and the ellipsis as new broadcasting labels.
  const labelDims = new Array<number>(numNamed).fill(0);
  const seen = new Array<boolean>(numNamed).fill(false);
  let inconsistent = false;
  const record = (label: number, axis: number, shape: readonly number[]): void => {
    const want = labelDims[label]!, got = shape[axis]!;
    if (want !== 0 && want !== got) throw invalid(einsumDimensionMismatch(want, axis, shape, got));
    if (seen[label] && want !== got) inconsistent = true;
    labelDims[label] = got;
    seen[label] = true;
  };
  const broadcastLabels = (count: number): number[] => Array.from({ length: count }, (_, j) => numNamed + j);
  let maxBroadcast = 0;
  inputLabels.forEach((labels, i) => {
    const shape = dims[i]!, rank = shape.length;
    const ellipsisAt = labels.indexOf(-1);
    if (ellipsisAt < 0) {
      if (rank !== labels.length) throw invalid(einsumRankMismatch(i, labels.length, rank));
      labels.forEach((l, axis) => record(l, axis, shape));
      return;
    }
    if (rank + 1 < labels.length) throw invalid(einsumRankBelowLabels(i, labels.length - 1, rank));
    const broadcast = rank - labels.length + 1;
    labels.forEach((l, j) => { if (l >= 0) record(l, j < ellipsisAt ? j : j + broadcast - 1, shape); });
    labels.splice(ellipsisAt, 1, ...broadcastLabels(broadcast));
    const counts = inputCounts[i]!;
    while (counts.length < numNamed + broadcast) counts.push(1);
    maxBroadcast = Math.max(maxBroadcast, broadcast);
  });
  const outputEllipsis = outputLabels.indexOf(-1);
  if (outputEllipsis >= 0) outputLabels.splice(outputEllipsis, 1, ...broadcastLabels(maxBroadcast));
  else if (maxBroadcast > 0) throw invalid(einsumOutputWithoutEllipsis(maxBroadcast));
  for (let j = 0; j < maxBroadcast; j++) kinds.push(Kind.Broadcasting);
  const numLabels = kinds.length;

  // ReduceOperand, per operand.
  const freeLabels: number[][] = [];
  const operands = inputLabels.map((labels, i): OperandPlan => {
    const shape = dims[i]!, rank = shape.length;
    const swapped = shouldSwapFreeAndContract(labels, kinds);
    let perm = Array.from({ length: rank }, (_, a) => a);
    if (!swapped) {
      perm.sort((a, b) => (kinds[labels[a]!]! - kinds[labels[b]!]!) || (labels[a]! - labels[b]!));
    }
    const sorted = perm.map((a) => labels[a]!), sortedDims = perm.map((a) => shape[a]!);
    // Runs of a repeated label (adjacent once sorted) become one axis: their diagonal.
    const distinct: number[] = [], distinctDims: number[] = [], runs: number[] = [];
    sorted.forEach((l, a) => {
      if (a > 0 && sorted[a - 1] === l) runs[runs.length - 1]!++;
      else { distinct.push(l); distinctDims.push(sortedDims[a]!); runs.push(1); }
    });
    let diagonal: DiagonalPlan | null = null;
    if (inputCounts[i]!.some((c) => c > 1)) {
      if (distinct.length > 6) throw new UnimplementedError(atOp(einsumRepeatedLabelsRank(distinct.length), OP));
      diagonal = diagonalPlan(distinctDims, runs);
    }
    const batch: number[] = [];
    let free = 1, contract = 1, reduce = 1, reduced = 0;
    const frees: number[] = [];
    distinct.forEach((l, a) => {
      const d = distinctDims[a]!;
      switch (kinds[l]) {
        case Kind.Broadcasting: case Kind.Batch: batch.push(d); break;
        case Kind.Free: free *= d; frees.push(l); break;
        case Kind.Contract: contract *= d; break;
        default: reduce *= d; reduced++;
      }
    });
    freeLabels.push(frees);
    const n = distinct.length;
    return {
      perm: rank >= 2 && !isIdentity(perm) ? perm : null,
      diagonal,
      reduceAxes: reduce !== 1 ? Array.from({ length: reduced }, (_, j) => n - reduced + j) : null,
      dims: swapped ? [...batch, contract, free] : [...batch, free, contract],
      swapped,
    };
  });

  // ContractOperands: a batch matmul of [batch…, F0, C] and [batch…, F1, C] (transposes folded in).
  let batchDims: readonly number[];
  let transposeA = false, transposeB = false, zeros = inconsistent;
  if (numInputs === 1) {
    batchDims = operands[0]!.dims.slice(0, -2);
  } else {
    const a = operands[0]!, b = operands[1]!;
    const broadcast = broadcastShape(a.dims.slice(0, -2), b.dims.slice(0, -2));
    if (broadcast === null) throw invalid(einsumBroadcastMismatch(a.dims, b.dims));
    batchDims = broadcast;
    transposeA = a.swapped;
    transposeB = !b.swapped;
    const ka = a.dims[a.dims.length - (a.swapped ? 2 : 1)]!, kb = b.dims[b.dims.length - (b.swapped ? 2 : 1)]!;
    if (ka !== kb) zeros = true;
  }
  const resultLabels: number[] = [];
  for (let l = 0; l < numLabels; l++) if (kinds[l] === Kind.Broadcasting) resultLabels.push(l);
  for (let l = 0; l < numLabels; l++) if (kinds[l] === Kind.Batch) resultLabels.push(l);
  const resultDims = [...batchDims];
  for (const frees of freeLabels) {
    for (const l of frees) { resultLabels.push(l); resultDims.push(labelDims[l]!); }
  }

  // The output: the result's axes in the output's label order.
  const position = new Array<number>(numLabels).fill(-1);
  resultLabels.forEach((l, a) => { if (position[l] === -1) position[l] = a; });
  const outputPerm = outputLabels.map((l) => position[l]!++);
  return {
    operands, transposeA, transposeB, resultDims,
    outputPerm: outputPerm.length >= 2 && !isIdentity(outputPerm) ? outputPerm : null,
    outputDims: outputPerm.map((a) => resultDims[a]!),
    zeros,
  };
}

/**
 * TensorFlow's ShouldSwapFreeAndContract: the axes are already sorted by kind, but with the
 * contracted labels before the free ones; then the operand is not transposed and the matmul
 * reads it transposed.
 */
function shouldSwapFreeAndContract(labels: readonly number[], kinds: readonly Kind[]): boolean {
  const remap = [0, 1, 3, 2, 4];
  for (let i = 0; i + 1 < labels.length; i++) {
    const a = remap[kinds[labels[i]!]!]!, b = remap[kinds[labels[i + 1]!]!]!;
    if (a > b || (a === b && labels[i]! > labels[i + 1]!)) return false;
  }
  return true;
}

/**
 * The generalized diagonal of runs of repeated axes (TensorFlow strides a run of k axes of size
 * d, merged into d^k elements, by s = (d^k − 1)/(d − 1)). As differentiable ops that every device
 * has: pad the merged axis to d·s, split it into [d, s] and keep column 0.
 */
function diagonalPlan(distinctDims: readonly number[], runs: readonly number[]): DiagonalPlan {
  const merged: number[] = [], paddings: number[] = [], split: number[] = [], size: number[] = [];
  let padded = false;
  distinctDims.forEach((d, a) => {
    const k = runs[a]!;
    const total = d ** k;
    merged.push(total);
    if (k === 1) {
      paddings.push(0, 0); split.push(d); size.push(d);
      return;
    }
    const stride = d > 1 ? (total - 1) / (d - 1) : 1;
    const pad = d * stride - total;
    if (pad > 0) padded = true;
    paddings.push(0, pad); split.push(d, stride); size.push(d, 1);
  });
  return { merged, paddings: padded ? paddings : null, split, size, dims: distinctDims };
}
