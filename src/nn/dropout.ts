// tf.nn.dropout and tf.nn.experimental.stateless_dropout (nn_ops.py's _dropout): the kept
// values scaled by 1 / (1 - rate), the others zero, where a uniform draw over `noiseShape`
// (x's shape by default, broadcast against x) is at least `rate`. The draw is tf.random.uniform
// (stateful, seeded by get_seed) or tf.random.stateless_uniform (a seed pair), so a seed gives
// TensorFlow's mask.
import type { DType } from "../core/dtypes.js";
import { ValueError } from "../errors/errors.js";
import { dropoutDtypeNotFloating, dropoutRateOutOfRange, dropoutRateNotScalar } from "../errors/random_messages.js";
import { Tensor } from "../runtime/tensor.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { cast, multiply, subtract } from "../api/ops/math.js";
import { realdiv } from "../api/ops/elementwise_math.js";
import { greaterEqual, where } from "../api/ops/compare.js";
import { getSeed } from "../random/seeds.js";
import { uniform, type OpSeed } from "../random/stateful_ops.js";
import { statelessUniform, type AlgorithmLike, type SeedLike } from "../random/stateless_ops.js";

export interface DropoutOptions {
  /** The shape of the keep/drop mask, broadcast against x; null entries take x's dimension. */
  noiseShape?: readonly (number | null)[] | null;
  seed?: OpSeed;
}

export interface StatelessDropoutOptions {
  noiseShape?: readonly (number | null)[] | null;
  rngAlg?: AlgorithmLike;
}

function noiseShapeOf(x: Tensor, noiseShape: readonly (number | null)[] | null | undefined): number[] {
  if (noiseShape === undefined || noiseShape === null) return [...x.dims];
  if (noiseShape.length === x.rank) return noiseShape.map((d, i) => d ?? x.dims[i]!);
  return noiseShape.map((d) => d ?? 1);
}

function dropoutWith(x: TensorLike, rate: number | Tensor, noiseShape: readonly (number | null)[] | null | undefined,
  sample: (shape: number[], dtype: DType) => Tensor, dummyStep: () => void): Tensor {
  const isNumber = typeof rate === "number";
  if (isNumber && (rate < 0 || rate >= 1)) throw new ValueError(dropoutRateOutOfRange(rate));
  const t = convertToTensor(x);
  if (!t.dtype.isFloating) throw new ValueError(dropoutDtypeNotFloating(t.dtype));
  if (isNumber && rate === 0) { dummyStep(); return t; }
  let scaled: Tensor, rateTensor: Tensor;
  if (isNumber) {
    scaled = multiply(t, convertToTensor(1 / (1 - rate), t.dtype));
    rateTensor = convertToTensor(rate, t.dtype);
  } else {
    if (rate.rank !== 0) throw new ValueError(dropoutRateNotScalar(rate.dims));
    rateTensor = rate.dtype === t.dtype ? rate : cast(rate, t.dtype);
    scaled = realdiv(t, subtract(convertToTensor(1, t.dtype), rateTensor));
  }
  const keep = greaterEqual(sample(noiseShapeOf(t, noiseShape), t.dtype), rateTensor);
  return where(keep, scaled, convertToTensor(0, t.dtype));
}

/** tf.nn.dropout: zero each value with probability `rate` and scale the rest by 1 / (1 - rate). */
export function dropout(x: TensorLike, rate: number | Tensor, options: DropoutOptions = {}): Tensor {
  return dropoutWith(x, rate, options.noiseShape,
    (shape, dtype) => uniform(shape, { dtype, seed: options.seed }), () => { getSeed(options.seed); });
}

/** tf.nn.experimental.stateless_dropout: dropout whose mask is a function of the seed pair only. */
export function statelessDropout(x: TensorLike, rate: number | Tensor, seed: SeedLike, options: StatelessDropoutOptions = {}): Tensor {
  return dropoutWith(x, rate, options.noiseShape,
    (shape, dtype) => statelessUniform(shape, seed, { dtype, alg: options.rngAlg }), () => undefined);
}
