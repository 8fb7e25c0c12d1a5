// Gradients of the scans (TensorFlow's math_grad.py): a cumsum's is the cumsum of dy the other
// way; a cumprod's divides a reversed cumsum of prod * dy by x (div_no_nan, as TensorFlow); a
// cumulative_logsumexp's scans log|dy| - out the other way, split by sign so that logs exist.
import type { scanOps } from "../../ops/scan.js";
import { cumprod, cumsum, cumulativeLogsumexp } from "../../api/ops/scan.js";
import { add, exp, log, multiply, negative, subtract } from "../../api/ops/math.js";
import { greater, less, where } from "../../api/ops/compare.js";
import { constant } from "../../api/ops/convert.js";
import type { GradientTable } from "../gradient_registry.js";
import { divNoNan } from "./gradient_helpers.js";

export const scanGradients: GradientTable<typeof scanOps> = {
  Cumsum: ({ attrs: { axis, exclusive, reverse } }, [dy]) =>
    [cumsum(dy!, axis, { exclusive, reverse: !reverse })],
  Cumprod: ({ inputs: [x], attrs: { axis, exclusive, reverse } }, [dy]) => {
    const prod = cumprod(x!, axis, { exclusive, reverse });
    const out = cumsum(multiply(prod, dy!), axis, { exclusive, reverse: !reverse });
    return [divNoNan(out, x!)];
  },
  CumulativeLogsumexp: ({ inputs: [x], outputs: [out], attrs: { axis, exclusive, reverse } }, [dy]) => {
    const lowest = constant(dy!.dtype.min as number, dy!.dtype);
    const logPositive = where(greater(dy!, 0), log(dy!), lowest);
    const logNegative = where(less(dy!, 0), log(negative(dy!)), lowest);
    const back = (logPart: typeof dy) =>
      exp(add(cumulativeLogsumexp(subtract(logPart!, out!), axis, { exclusive, reverse: !reverse }), x!));
    return [subtract(back(logPositive), back(logNegative))];
  },
};
