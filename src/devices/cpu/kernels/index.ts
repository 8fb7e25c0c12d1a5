// Importing this module registers every CPU kernel.
import "./math.js";
import "./compare.js";
import "./array.js";
import "./linalg.js";
import "./reduce.js";
import "./resource.js";
// Native kernels register over the reference ones where the addon is available.
import "./native/linalg.js";
import "./native/elementwise.js";
