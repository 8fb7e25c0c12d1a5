// Gradients of the elementwise math ops (TensorFlow's math_grad.py). Complex gradients follow
// TensorFlow's convention: dy times the conjugate of the derivative.
import type { mathOps } from "../../ops/math.js";
import type { Tensor } from "../../runtime/tensor.js";
import {
  add, cast, complex, reluGrad, cos, floorDiv, imag, log, multiply, negative, pow, real, sign, sin, subtract,
} from "../../api/ops/math.js";
import { greater, greaterEqual, lessEqual, notEqual, where } from "../../api/ops/compare.js";
import { gather, reshape, zerosLike } from "../../api/ops/array.js";
import { convertToTensor } from "../../api/ops/convert.js";
import type { GradientFn, GradientTable } from "../gradient_registry.js";
import { conj, divNoNan, realDiv, unbroadcast } from "./gradient_helpers.js";

// d(x + y) = dy, summed back to each input's shape.
const addGradient: GradientFn = ({ inputs: [x, y] }, [dy]) => [unbroadcast(dy!, x!.dims), unbroadcast(dy!, y!.dims)];

// The gradient goes to the selected input; ties go to x (x >= y for Maximum, x <= y for Minimum).
function maxMinGradient(select: (x: Tensor, y: Tensor) => Tensor): GradientFn {
  return ({ inputs: [x, y] }, [dy]) => {
    const xmask = select(x!, y!);
    return [unbroadcast(where(xmask, dy!, 0), x!.dims), unbroadcast(where(xmask, 0, dy!), y!.dims)];
  };
}

// Only between floating and complex types; casts from or to integers and bool cut the gradient.
const CAST_GRAD_TYPES = new Set(["float16", "float32", "float64", "bfloat16", "complex64", "complex128"]);

export const mathGradients: GradientTable<typeof mathOps> = {
  AddV2: addGradient,
  Add: addGradient,
  Sub: ({ inputs: [x, y] }, [dy]) => [unbroadcast(dy!, x!.dims), unbroadcast(negative(dy!), y!.dims)],
  // d(x * y) = (dy * conj(y), conj(x) * dy).
  Mul: ({ inputs: [x, y] }, [dy]) => [
    unbroadcast(multiply(dy!, conj(y!)), x!.dims), unbroadcast(multiply(conj(x!), dy!), y!.dims),
  ],
  RealDiv: ({ inputs: [x, y] }, [dy]) => {
    const cx = conj(x!), cy = conj(y!);
    return [unbroadcast(realDiv(dy!, cy), x!.dims), unbroadcast(multiply(dy!, realDiv(realDiv(negative(cx), cy), cy)), y!.dims)];
  },
  DivNoNan: ({ inputs: [x, y] }, [dy]) => {
    const cx = conj(x!), cy = conj(y!);
    return [unbroadcast(divNoNan(dy!, cy), x!.dims), unbroadcast(multiply(dy!, divNoNan(divNoNan(negative(cx), cy), cy)), y!.dims)];
  },
  Neg: (_info, [dy]) => [negative(dy!)],
  Abs: ({ inputs: [x] }, [dy]) => [multiply(dy!, sign(x!))],
  // Piecewise constant: TensorFlow answers zeros rather than None.
  Sign: ({ inputs: [x] }) => [zerosLike(x!)],
  Square: ({ inputs: [x] }, [dy]) => [multiply(dy!, multiply(conj(x!), 2))],
  // In terms of the outputs, as TensorFlow's SqrtGrad/RsqrtGrad/TanhGrad/SigmoidGrad: y is recorded
  // too, so higher derivatives still reach x through it.
  Sqrt: ({ outputs: [y] }, [dy]) => [realDiv(multiply(dy!, 0.5), conj(y!))],
  Rsqrt: ({ outputs: [y] }, [dy]) => {
    const cy = conj(y!);
    return [multiply(dy!, multiply(multiply(multiply(cy, cy), cy), -0.5))];
  },
  Exp: ({ outputs: [y] }, [dy]) => [multiply(dy!, conj(y!))],
  Log: ({ inputs: [x] }, [dy]) => [realDiv(dy!, conj(x!))],
  Log1p: ({ inputs: [x] }, [dy]) => [realDiv(dy!, add(conj(x!), 1))],
  Sin: ({ inputs: [x] }, [dy]) => [multiply(dy!, cos(conj(x!)))],
  Cos: ({ inputs: [x] }, [dy]) => [multiply(negative(dy!), sin(conj(x!)))],
  Tanh: ({ outputs: [y] }, [dy]) => {
    const cy = conj(y!);
    return [multiply(dy!, subtract(1, multiply(cy, cy)))];
  },
  Sigmoid: ({ outputs: [y] }, [dy]) => {
    const cy = conj(y!);
    return [multiply(dy!, multiply(cy, subtract(1, cy)))];
  },
  // ReluGrad: dy where the output is positive (0 at the kink, as TensorFlow).
  Relu: ({ outputs: [y] }, [dy]) => [reluGrad(dy!, y!)],
  // ReluGrad(g, x) is linear in g: its gradient masks the incoming one the same way.
  ReluGrad: ({ inputs: [, x] }, [dd]) => [reluGrad(dd!, x!), zerosLike(x!)],
  Pow: ({ inputs: [x, y], outputs: [z] }, [dy]) => {
    const cx = conj(x!), cy = conj(y!), cz = conj(z!);
    const gx = multiply(multiply(dy!, cy), pow(cx, subtract(cy, 1)));
    // log(x) only where it is finite and real (x > 0; x != 0 for complex): no false singularity at 0.
    const mask = cx.dtype.isComplex ? notEqual(cx, 0) : greater(cx, 0);
    const logX = where(mask, log(where(mask, cx, 1)), 0);
    return [unbroadcast(gx, x!.dims), unbroadcast(multiply(multiply(dy!, cz), logX), y!.dims)];
  },
  Maximum: maxMinGradient(greaterEqual),
  Minimum: maxMinGradient(lessEqual),
  FloorDiv: null,
  FloorMod: ({ inputs: [x, y] }, [dy]) => [
    unbroadcast(dy!, x!.dims), unbroadcast(multiply(dy!, negative(floorDiv(x!, y!))), y!.dims),
  ],
  Cast: ({ inputs: [x] }, [dy]) => [
    CAST_GRAD_TYPES.has(x!.dtype.name) && CAST_GRAD_TYPES.has(dy!.dtype.name) ? cast(dy!, x!.dtype) : null,
  ],
  Complex: ({ inputs: [x, y] }, [dy]) => [unbroadcast(real(dy!), x!.dims), unbroadcast(imag(dy!), y!.dims)],
  Real: (_info, [dy]) => [complex(dy!, convertToTensor(0, dy!.dtype))],
  Imag: (_info, [dy]) => [complex(convertToTensor(0, dy!.dtype), dy!)],
  ComplexAbs: ({ inputs: [x], outputs: [y] }, [dy]) => [
    divNoNan(multiply(complex(dy!, zerosLike(dy!)), x!), complex(y!, zerosLike(y!))),
  ],
  // The gradient of a segment sum gathers dy back by id; dropped (negative) ids get zeros.
  UnsortedSegmentSum: ({ inputs: [data, ids] }, [dy]) => {
    if (dy!.dims[0] === 0) return [zerosLike(data!), null]; // no segments: nothing to gather from
    const valid = greaterEqual(ids!, 0);
    const rows = gather(dy!, where(valid, ids!, 0));
    const mask = reshape(valid, [...ids!.dims, ...data!.dims.slice(ids!.rank).map(() => 1)]);
    return [where(mask, rows, 0), null];
  },
};
