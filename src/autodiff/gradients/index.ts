// Registers every op family's gradients; imported by the tape, so that they are in place
// whenever a gradient can be asked for.
import { arrayOps } from "../../ops/array.js";
import { compareOps } from "../../ops/compare.js";
import { linalgOps } from "../../ops/linalg.js";
import { mathOps } from "../../ops/math.js";
import { reduceOps } from "../../ops/reduce.js";
import { setGradients } from "../gradient_registry.js";
import { arrayGradients } from "./array.js";
import { compareGradients } from "./compare.js";
import { linalgGradients } from "./linalg.js";
import { mathGradients } from "./math.js";
import { reduceGradients } from "./reduce.js";
import { linalgDecompositionOps } from "../../ops/linalg_decompositions.js";
import { linalgMatrixOps } from "../../ops/linalg_matrix.js";
import { linalgDecompositionGradients } from "./linalg_decompositions.js";
import { linalgMatrixGradients } from "./linalg_matrix.js";

setGradients(mathOps, mathGradients);
setGradients(compareOps, compareGradients);
setGradients(arrayOps, arrayGradients);
setGradients(linalgOps, linalgGradients);
setGradients(reduceOps, reduceGradients);
setGradients(linalgDecompositionOps, linalgDecompositionGradients);
setGradients(linalgMatrixOps, linalgMatrixGradients);
