// Registers every WebGPU kernel (imported once, from src/index.ts, after the op table).
import "./elementwise.js";
