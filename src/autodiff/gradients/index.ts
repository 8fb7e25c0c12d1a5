// Registers every op family's gradients; imported by the tape, so that they are in place
// whenever a gradient can be asked for.
import { arrayOps } from "../../ops/array.js";
import { compareOps } from "../../ops/compare.js";
import { linalgOps } from "../../ops/linalg.js";
import { mathOps } from "../../ops/math.js";
import { reduceOps } from "../../ops/reduce.js";
import { indexingOps } from "../../ops/indexing.js";
import { shapeOps } from "../../ops/shape_ops.js";
import { scanOps } from "../../ops/scan.js";
import { sortOps } from "../../ops/sort.js";
import { segmentOps } from "../../ops/segment.js";
import { reduceExtraOps } from "../../ops/reduce_extra.js";
import { setGradients } from "../gradient_registry.js";
import { arrayGradients } from "./array.js";
import { compareGradients } from "./compare.js";
import { linalgGradients } from "./linalg.js";
import { mathGradients } from "./math.js";
import { reduceGradients } from "./reduce.js";
import { indexingGradients } from "./indexing.js";
import { shapeOpGradients } from "./shape_ops.js";
import { scanGradients } from "./scan.js";
import { sortGradients } from "./sort.js";
import { segmentGradients } from "./segment.js";
import { reduceExtraGradients } from "./reduce_extra.js";

setGradients(mathOps, mathGradients);
setGradients(compareOps, compareGradients);
setGradients(arrayOps, arrayGradients);
setGradients(linalgOps, linalgGradients);
setGradients(reduceOps, reduceGradients);
setGradients(indexingOps, indexingGradients);
setGradients(shapeOps, shapeOpGradients);
setGradients(scanOps, scanGradients);
setGradients(sortOps, sortGradients);
setGradients(segmentOps, segmentGradients);
setGradients(reduceExtraOps, reduceExtraGradients);
