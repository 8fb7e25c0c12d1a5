// Registers every WebGPU kernel (imported once, from src/index.ts, after the op table).
import "./elementwise.js";
import "./array.js";
import "./reduce.js";
import "./matmul.js";
import "./resource.js";
