// Gradients of the scans (TensorFlow's math_grad.py): a cumsum's is the cumsum of dy the other
// way; a cumprod's divides a reversed cumsum of prod * dy by x (div_no_nan, as TensorFlow).
import type { scanOps } from "../../ops/scan.js";
import { cumprod, cumsum } from "../../api/ops/scan.js";
import { multiply } from "../../api/ops/math.js";
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
};
