// Gradients of the ops of ops/elementwise_math.ts, as TensorFlow's math_grad.py / nn_grad.py
// define them (complex ones take the conjugate of the derivative). Rounding, classification
// and the truncating divisions have none (TensorFlow answers None).
import type { elementwiseMathOps } from "../../ops/elementwise_math.js";
import {
  abs, add, cast, cos, exp, multiply, negative, sqrt, square, subtract,
} from "../../api/ops/math.js";
import {
  cosh, digamma, multiplyNoNan, polygamma, reciprocal, sinh, xdivy, xlog1py, xlogy, zeta,
} from "../../api/ops/elementwise_math.js";
import { notEqual } from "../../api/ops/compare.js";
import type { Tensor } from "../../runtime/tensor.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";
import { conj, realDiv, unbroadcast } from "./gradient_helpers.js";

const TWO_OVER_ROOT_PI = 2 / Math.sqrt(Math.PI);

/** A unary op's gradient dy · f'(conj x). */
function unaryGradient(derivative: (x: Tensor) => Tensor): GradientFn {
  return ({ inputs: [x] }, [dy]) => [multiply(dy!, derivative(conj(x!)))];
}

/** 1 where x != 0, else 0, in x's dtype (the x-partials of xlogy, xdivy, xlog1py). */
function nonZero(x: Tensor): Tensor { return cast(notEqual(x, 0), x.dtype); }

/** A broadcasting binary op's gradients from its two elementwise partials. */
function binaryGradient(partials: (x: Tensor, y: Tensor, dy: Tensor) => [Tensor, Tensor]): GradientFn {
  return ({ inputs: [x, y] }, [dy]) => {
    const [gx, gy] = partials(x!, y!, dy!);
    return [unbroadcast(gx, x!.dims), unbroadcast(gy, y!.dims)];
  };
}

export const elementwiseMathGradients: GradientTable<typeof elementwiseMathOps> = {
  Floor: null,
  Ceil: null,
  Round: null,
  Rint: null,
  // ReciprocalGrad: -dy · conj(y)².
  Reciprocal: ({ outputs: [y] }, [dy]) => [multiply(negative(dy!), square(conj(y!)))],
  Tan: unaryGradient((x) => square(reciprocal(cos(x)))),
  Asin: unaryGradient((x) => reciprocal(sqrt(subtract(1, square(x))))),
  Acos: unaryGradient((x) => negative(reciprocal(sqrt(subtract(1, square(x)))))),
  Atan: unaryGradient((x) => reciprocal(add(1, square(x)))),
  Sinh: unaryGradient(cosh),
  Cosh: unaryGradient(sinh),
  // In terms of the output, as TensorFlow: 1 / cosh(y) and 1 / sinh(y).
  Asinh: ({ outputs: [y] }, [dy]) => [realDiv(dy!, cosh(conj(y!)))],
  Acosh: ({ outputs: [y] }, [dy]) => [realDiv(dy!, sinh(conj(y!)))],
  Atanh: unaryGradient((x) => reciprocal(subtract(1, square(x)))),
  Expm1: unaryGradient(exp),
  Erf: unaryGradient((x) => multiply(exp(negative(square(x))), TWO_OVER_ROOT_PI)),
  Erfc: unaryGradient((x) => multiply(exp(negative(square(x))), -TWO_OVER_ROOT_PI)),
  Lgamma: unaryGradient(digamma),
  // polygamma(1, x), the trigamma function.
  Digamma: unaryGradient((x) => polygamma(1, x)),
  // SoftplusGrad(dy, x) = dy / (exp(-x) + 1), composed so that its own gradient exists.
  Softplus: ({ inputs: [x] }, [dy]) => [realDiv(dy!, add(exp(negative(x!)), 1))],
  // SoftsignGrad(dy, x) = dy / (1 + |x|)².
  Softsign: ({ inputs: [x] }, [dy]) => {
    const d = add(abs(x!), 1);
    return [realDiv(dy!, multiply(d, d))];
  },
  IsNan: null,
  IsInf: null,
  IsFinite: null,
  // Atan2(y, x): (x, -y) · dy / (x² + y²).
  Atan2: binaryGradient((y, x, dy) => {
    const g = realDiv(dy, add(square(x), square(y)));
    return [multiply(x, g), multiply(negative(y), g)];
  }),
  SquaredDifference: binaryGradient((x, y, dy) => {
    const g = multiply(multiply(dy, 2), subtract(x, y));
    return [g, negative(g)];
  }),
  TruncateDiv: null,
  TruncateMod: null,
  Xlogy: binaryGradient((x, y, dy) => [multiply(dy, xlogy(nonZero(x), y)), multiply(dy, xdivy(x, y))]),
  Xlog1py: binaryGradient((x, y, dy) => [multiply(dy, xlog1py(nonZero(x), y)), multiply(dy, xdivy(x, add(y, 1)))]),
  Xdivy: binaryGradient((x, y, dy) => [multiply(dy, xdivy(nonZero(x), y)), multiply(dy, xdivy(negative(x), square(y)))]),
  MulNoNan: binaryGradient((x, y, dy) => [multiplyNoNan(dy, y), multiplyNoNan(x, dy)]),
  // ∂/∂q ζ(x, q) = -x ζ(x + 1, q); x gets none.
  Zeta: ({ inputs: [x, q] }, [dy]) => [null, unbroadcast(multiply(dy!, multiply(negative(x!), zeta(add(x!, 1), q!))), q!.dims)],
  // ∂/∂x ψ⁽ⁿ⁾(x) = ψ⁽ⁿ⁺¹⁾(x); n gets none.
  Polygamma: ({ inputs: [n, x] }, [dy]) => [null, unbroadcast(multiply(dy!, polygamma(add(n!, 1), x!)), x!.dims)],
};

