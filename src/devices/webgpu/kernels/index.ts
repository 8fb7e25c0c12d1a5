// Registers every WebGPU kernel (imported once, from src/index.ts, after the op table).
import "./math.js";
import "./array.js";
import "./reduce.js";
import "./linalg.js";
import "./resource.js";
