// tf.nn's pooling (nn_ops.py): max_pool1d/2d/3d, avg_pool1d/2d/3d, the rank-dispatching
// max_pool/avg_pool, and tf.nn.pool. ksize and strides go through _get_sequence as in
// TensorFlow; the 1-D forms run the 2-D ops on a height of 1.
import { ValueError } from "../errors/errors.js";
import {
  convolutionRank, dataFormatChoice, maxPoolWithArgmaxNhwcOnly, poolSameDilationUnsupported, poolStridesExceedWindow, stridesWithDilation, poolingTypeInvalid, poolInputRankMismatch, poolRankUnknown,
} from "../errors/nn_conv_messages.js";
import { AvgPool, AvgPool3D, MaxPool, MaxPool3D, MaxPoolWithArgmax, type PoolAttrs } from "../ops/nn_conv.js";
import { asDType, type DTypeLike } from "../core/dtypes.js";
import type { OpDef } from "../ops/op_def.js";
import { execute, execute1 } from "../runtime/execute.js";
import type { Tensor } from "../runtime/tensor.js";
import { expandDims, squeeze } from "../api/ops/array.js";
import { batchToSpace, spaceToBatchNd } from "../api/ops/space_to_batch.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { convertPadding, windowSequence, type Padding, type WindowArg } from "./conv.js";

export interface PoolOptions {
  dataFormat?: string;
}

type PoolOp = OpDef<PoolAttrs, unknown>;

function pool2d(op: PoolOp, input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: Padding, dataFormat: string, explicitAllowed: boolean): Tensor {
  const x = convertToTensor(input);
  const channelIndex = dataFormat.startsWith("NC") ? 1 : 3;
  const p = explicitAllowed ? convertPadding(padding, 4) : { padding: padding as "SAME" | "VALID", explicitPaddings: [] };
  return execute1(op, [x], {
    ksize: windowSequence(ksize, 2, channelIndex, "ksize"), strides: windowSequence(strides, 2, channelIndex, "strides"), ...p, dataFormat,
  });
}

function pool1d(op: PoolOp, input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: Padding, format: string, explicitAllowed: boolean): Tensor {
  let dataFormat: string, expanding: number, channelIndex: number;
  if (format === "NWC" || format === "NHWC") { dataFormat = "NHWC"; expanding = -3; channelIndex = 2; }
  else if (format === "NCW" || format === "NCHW") { dataFormat = "NCHW"; expanding = -2; channelIndex = 1; }
  else throw new ValueError(dataFormatChoice("'NWC' or 'NCW'", format));
  const x = expandDims(convertToTensor(input), expanding);
  let p = { padding: padding as "SAME" | "VALID" | "EXPLICIT", explicitPaddings: [] as number[] };
  if (explicitAllowed && typeof padding !== "string") {
    // A 1-D explicit padding list has 3 pairs; the 2-D op gets a zero pair for the new axis.
    const c = convertPadding(padding, 3);
    const pairs = [[c.explicitPaddings[0]!, c.explicitPaddings[1]!], [c.explicitPaddings[2]!, c.explicitPaddings[3]!], [c.explicitPaddings[4]!, c.explicitPaddings[5]!]];
    pairs.splice(expanding === -3 ? 1 : 2, 0, [0, 0]);
    p = { padding: "EXPLICIT", explicitPaddings: pairs.flat() };
  }
  const y = execute1(op, [x], {
    ksize: [1, ...windowSequence(ksize, 1, channelIndex, "ksize")],
    strides: [1, ...windowSequence(strides, 1, channelIndex, "strides")],
    ...p, dataFormat,
  });
  return squeeze(y, [expanding]);
}

function pool3d(op: PoolOp, input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: "SAME" | "VALID", dataFormat: string): Tensor {
  const x = convertToTensor(input);
  const channelIndex = dataFormat.startsWith("NC") ? 1 : 4;
  return execute1(op, [x], {
    ksize: windowSequence(ksize, 3, channelIndex, "ksize"), strides: windowSequence(strides, 3, channelIndex, "strides"),
    padding, explicitPaddings: [], dataFormat,
  });
}

/** tf.nn.max_pool1d(input, ksize, strides, padding, { dataFormat = "NWC" }). */
export function maxPool1d(input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: Padding, options: PoolOptions = {}): Tensor {
  return pool1d(MaxPool, input, ksize, strides, padding, options.dataFormat ?? "NWC", true);
}

/** tf.nn.max_pool2d(input, ksize, strides, padding, { dataFormat = "NHWC" }); padding may be explicit. */
export function maxPool2d(input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: Padding, options: PoolOptions = {}): Tensor {
  return pool2d(MaxPool, input, ksize, strides, padding, options.dataFormat ?? "NHWC", true);
}

/** tf.nn.max_pool3d(input, ksize, strides, padding, { dataFormat = "NDHWC" }). */
export function maxPool3d(input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: "SAME" | "VALID", options: PoolOptions = {}): Tensor {
  return pool3d(MaxPool3D, input, ksize, strides, padding, options.dataFormat ?? "NDHWC");
}

/** tf.nn.avg_pool1d(input, ksize, strides, padding, { dataFormat = "NWC" }). */
export function avgPool1d(input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: "SAME" | "VALID", options: PoolOptions = {}): Tensor {
  return pool1d(AvgPool, input, ksize, strides, padding, options.dataFormat ?? "NWC", false);
}

/** tf.nn.avg_pool2d(input, ksize, strides, padding, { dataFormat = "NHWC" }). */
export function avgPool2d(input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: "SAME" | "VALID", options: PoolOptions = {}): Tensor {
  return pool2d(AvgPool, input, ksize, strides, padding, options.dataFormat ?? "NHWC", false);
}

/** tf.nn.avg_pool3d(input, ksize, strides, padding, { dataFormat = "NDHWC" }). */
export function avgPool3d(input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: "SAME" | "VALID", options: PoolOptions = {}): Tensor {
  return pool3d(AvgPool3D, input, ksize, strides, padding, options.dataFormat ?? "NDHWC");
}

function byRank(kind: "max" | "avg", input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: Padding, dataFormat: string | undefined): Tensor {
  const x = convertToTensor(input);
  const n = x.rank - 2;
  if (n === 1) return kind === "max" ? maxPool1d(x, ksize, strides, padding, { dataFormat: dataFormat ?? "NWC" }) : avgPool1d(x, ksize, strides, padding as "SAME", { dataFormat: dataFormat ?? "NWC" });
  if (n === 2) return kind === "max" ? maxPool2d(x, ksize, strides, padding, { dataFormat: dataFormat ?? "NHWC" }) : avgPool2d(x, ksize, strides, padding as "SAME", { dataFormat: dataFormat ?? "NHWC" });
  if (n === 3) return (kind === "max" ? maxPool3d : avgPool3d)(x, ksize, strides, padding as "SAME", { dataFormat: dataFormat ?? "NDHWC" });
  throw new ValueError(poolRankUnknown(x.dims, dataFormat));
}

export interface MaxPoolWithArgmaxOptions {
  /** Only "NHWC" (the default). */
  dataFormat?: string;
  /** The argmax dtype: int64 (default) or int32. */
  outputDtype?: DTypeLike;
  /** Flatten the batch into the index too (default false). */
  includeBatchInIndex?: boolean;
}

/**
 * tf.nn.max_pool_with_argmax(input, ksize, strides, padding, { outputDtype, includeBatchInIndex })
 * → `[output, argmax]`: the max pool and, for each output, the flat index of the window's
 * first maximum, `(y * width + x) * channels + c` (`((b * height + y) * …` with the batch).
 */
export function maxPoolWithArgmax(
  input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: "SAME" | "VALID", options: MaxPoolWithArgmaxOptions = {},
): [Tensor, Tensor] {
  const dataFormat = options.dataFormat ?? "NHWC";
  if (dataFormat !== "NHWC") throw new ValueError(maxPoolWithArgmaxNhwcOnly(dataFormat));
  const targmax = asDType(options.outputDtype ?? "int64").name as "int32" | "int64";
  const [output, argmax] = execute(MaxPoolWithArgmax, [convertToTensor(input)], {
    ksize: windowSequence(ksize, 2, 3, "ksize"), strides: windowSequence(strides, 2, 3, "strides"),
    padding, explicitPaddings: [], dataFormat, targmax, includeBatchInIndex: options.includeBatchInIndex ?? false,
  });
  return [output!, argmax!];
}

/** tf.nn.max_pool(input, ksize, strides, padding, { dataFormat }): max_pool1d/2d/3d by rank. */
export function maxPool(input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: Padding, options: PoolOptions = {}): Tensor {
  return byRank("max", input, ksize, strides, padding, options.dataFormat);
}

/** tf.nn.avg_pool(input, ksize, strides, padding, { dataFormat }): avg_pool1d/2d/3d by rank. */
export function avgPool(input: TensorLike, ksize: WindowArg, strides: WindowArg, padding: "SAME" | "VALID", options: PoolOptions = {}): Tensor {
  return byRank("avg", input, ksize, strides, padding, options.dataFormat);
}

export interface PoolFnOptions {
  dataFormat?: string;
  dilations?: WindowArg;
}

/**
 * tf.nn.pool(input, windowShape, poolingType, strides?, padding = "VALID", { dataFormat,
 * dilations }): "MAX" or "AVG" pooling over the N spatial axes. Dilations above 1 (VALID
 * padding, strides 1) run as TensorFlow's with_space_to_batch: the input's spatial axes go
 * into the batch with the dilation as block, pool, and come back.
 */
export function pool(
  input: TensorLike, windowShape: readonly number[], poolingType: "MAX" | "AVG", strides?: WindowArg, padding: "SAME" | "VALID" = "VALID", options: PoolFnOptions = {},
): Tensor {
  const x = convertToTensor(input);
  const n = windowShape.length;
  if (n < 1 || n > 3) throw new ValueError(convolutionRank(n + 2));
  if (x.rank !== n + 2) throw new ValueError(poolInputRankMismatch(n + 2, x.rank));
  if (poolingType !== "MAX" && poolingType !== "AVG") throw new ValueError(poolingTypeInvalid(String(poolingType)));
  const seq = (v: WindowArg | undefined): number[] =>
    v === undefined ? Array<number>(n).fill(1) : typeof v === "number" ? Array<number>(n).fill(v) : [...v];
  const dil = seq(options.dilations), s = seq(strides);
  const dilated = dil.some((d) => d > 1);
  if (dilated && s.some((v) => v > 1)) throw new ValueError(stridesWithDilation());
  if (padding === "SAME" && dilated) throw new ValueError(poolSameDilationUnsupported());
  if (s.some((v, i) => v > windowShape[i]!)) throw new ValueError(poolStridesExceedWindow());
  const kind = poolingType === "MAX" ? "max" : "avg";
  if (!dilated) return byRank(kind, x, [...windowShape], s, padding, options.dataFormat);
  // with_space_to_batch: a channels-first layout puts a block of 1 on its channel axis.
  const channelsFirst = options.dataFormat?.startsWith("NC") ?? false;
  const spatial = x.dims.slice(channelsFirst ? 2 : 1, (channelsFirst ? 2 : 1) + n);
  const extra = spatial.map((size, i) => (dil[i]! - (size % dil[i]!)) % dil[i]!);
  const block = channelsFirst ? [1, ...dil] : dil;
  const pairs = (channelsFirst ? [[0, 0], ...extra.map((e) => [0, e])] : extra.map((e) => [0, e])) as [number, number][];
  const converted = spaceToBatchNd(x, block, pairs);
  return batchToSpace(byRank(kind, converted, [...windowShape], s, "VALID", options.dataFormat), block, pairs);
}
