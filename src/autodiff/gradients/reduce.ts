// Gradients of the reductions (TensorFlow's math_grad.py).
import { reducedDims, type reduceOps, type ReduceAttrs } from "../../ops/reduce.js";
import type { Tensor } from "../../runtime/tensor.js";
import { cast, multiply } from "../../api/ops/math.js";
import { equal, logicalAnd, where } from "../../api/ops/compare.js";
import { reshape, tile } from "../../api/ops/array.js";
import { reduceProd, reduceSum } from "../../api/ops/reduce.js";
import { convertToTensor } from "../../api/ops/convert.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";
import { conj, realDiv } from "./gradient_helpers.js";

/** dy of a reduction shaped with the reduced axes kept (as 1), so that it broadcasts against x. */
function keptGradient(x: Tensor, t: Tensor, axes: readonly number[]): Tensor {
  return reshape(t, reducedDims(x.dims, axes, true));
}
/** dy of a reduction repeated over the reduced axes: the gradient of Sum. */
function sumGradient(x: Tensor, dy: Tensor, axes: readonly number[]): Tensor {
  return tile(keptGradient(x, dy, axes), x.dims.map((d, i) => (axes.includes(i) ? d : 1)));
}

// Max/Min: dy shared equally among the elements equal to the result (TensorFlow's tie rule).
const maxMinGradient: GradientFn<ReduceAttrs> = ({ inputs: [x], outputs: [y], attrs: { axes } }, [dy]) => {
  const indicators = cast(equal(keptGradient(x!, y!, axes), x!), dy!.dtype);
  const selected = reduceSum(indicators, axes, true);
  return [multiply(realDiv(indicators, selected), keptGradient(x!, dy!, axes))];
};

export const reduceGradients: GradientTable<typeof reduceOps> = {
  Sum: ({ inputs: [x], attrs: { axes } }, [dy]) => [sumGradient(x!, dy!, axes)],
  Mean: ({ inputs: [x], attrs: { axes } }, [dy]) => {
    const count = axes.reduce((n, a) => n * x!.dims[a]!, 1);
    return [realDiv(sumGradient(x!, dy!, axes), convertToTensor(count, dy!.dtype))];
  },
  // d prod / d x_i is the product of the other elements. Without cumprod it is computed from the
  // product of the nonzero elements and the number of zeros: P/x_i with no zero, P at the one zero
  // (0 elsewhere), 0 with two or more; no division by zero. (TensorFlow uses exclusive cumprods;
  // the first derivative is the same.)
  Prod: ({ inputs: [x], attrs: { axes } }, [dy]) => {
    const t = x!;
    const isZero = equal(t, 0);
    const safe = where(isZero, 1, t);
    const zeros = reduceSum(cast(isZero, "int32"), axes, true);
    const nonzeroProduct = reduceProd(safe, axes, true);
    const others = where(equal(zeros, 0), realDiv(nonzeroProduct, safe),
      where(logicalAnd(equal(zeros, 1), isZero), nonzeroProduct, 0));
    return [multiply(keptGradient(t, dy!, axes), conj(others))];
  },
  Max: maxMinGradient,
  Min: maxMinGradient,
  Any: null,
  All: null,
  ArgMax: null,
  ArgMin: null,
};
