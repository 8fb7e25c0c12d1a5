// The seeded PRNG for reproducible random test inputs: the examples' mulberry32, one copy.
export { mulberry32 } from "../../examples/spirals.js";
