// Gradients of the comparison and logical ops: comparisons, logic and Where's coordinates are
// not differentiable; SelectV2 routes dy to the branch each element came from, summed back
// over broadcast axes.
import type { compareOps } from "../../ops/compare.js";
import { where } from "../../api/ops/compare.js";
import type { GradientTable } from "../gradient_registry.js";
import { unbroadcast } from "./gradient_helpers.js";

export const compareGradients: GradientTable<typeof compareOps> = {
  Equal: null,
  NotEqual: null,
  Less: null,
  LessEqual: null,
  Greater: null,
  GreaterEqual: null,
  LogicalAnd: null,
  LogicalOr: null,
  LogicalNot: null,
  Where: null,
  SelectV2: ({ inputs: [c, x, y] }, [dy]) => [
    null, unbroadcast(where(c!, dy!, 0), x!.dims), unbroadcast(where(c!, 0, dy!), y!.dims),
  ],
};
