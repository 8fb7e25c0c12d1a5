// Cumulative sums, products and log-sum-exps: tf.math.cumsum, tf.math.cumprod (also tf.cumsum,
// tf.cumprod), tf.math.cumulative_logsumexp.
import { Cumprod, Cumsum, CumulativeLogsumexp } from "../../ops/scan.js";
import { execute1 } from "../../runtime/execute.js";
import { Tensor } from "../../runtime/tensor.js";
import { convertToTensor, type TensorLike } from "./convert.js";

export interface ScanOptions {
  /** Each output leaves out its own element (the first is the identity). */
  exclusive?: boolean;
  /** Accumulate from the end of the axis. */
  reverse?: boolean;
}

function scalarAxis(axis: number | Tensor): number {
  return axis instanceof Tensor ? Number(axis.numpy().item()) : axis;
}

/** tf.math.cumsum(x, axis=0, exclusive=False, reverse=False). */
export function cumsum(x: TensorLike, axis: number | Tensor = 0, options: ScanOptions = {}): Tensor {
  return execute1(Cumsum, [convertToTensor(x)], {
    axis: scalarAxis(axis), exclusive: options.exclusive ?? false, reverse: options.reverse ?? false,
  });
}

/** tf.math.cumprod(x, axis=0, exclusive=False, reverse=False). */
export function cumprod(x: TensorLike, axis: number | Tensor = 0, options: ScanOptions = {}): Tensor {
  return execute1(Cumprod, [convertToTensor(x)], {
    axis: scalarAxis(axis), exclusive: options.exclusive ?? false, reverse: options.reverse ?? false,
  });
}

/**
 * tf.math.cumulative_logsumexp(x, axis=0, exclusive=False, reverse=False): log(cumsum(exp(x)))
 * computed pairwise as max + log1p(exp(min - max)), so it neither overflows nor underflows; an
 * exclusive scan starts from -inf. float16, float32 and float64 only, as TensorFlow.
 */
export function cumulativeLogsumexp(x: TensorLike, axis: number | Tensor = 0, options: ScanOptions = {}): Tensor {
  return execute1(CumulativeLogsumexp, [convertToTensor(x)], {
    axis: scalarAxis(axis), exclusive: options.exclusive ?? false, reverse: options.reverse ?? false,
  });
}
