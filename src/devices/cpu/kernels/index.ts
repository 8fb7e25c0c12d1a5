// Importing this module registers every CPU kernel.
import "./math.js";
import "./compare.js";
import "./array.js";
import "./linalg.js";
import "./reduce.js";
import "./resource.js";
