// Special functions on doubles for the CPU kernels (Eigen's / the C library's semantics at
// poles and infinities): erf, erfc, lgamma, digamma, the Hurwitz zeta function and polygamma.
// float32 and the half types compute these in double and round once, as the other kernels do.

const SQRT_PI = Math.sqrt(Math.PI);
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const EPS = 2 ** -53;

/** sin(πx), exact at integers and accurate for large x (reduced modulo 2 first). */
export function sinPi(x: number): number {
  const r = x - 2 * Math.round(x / 2); // [-1, 1]
  if (r === 0 || Math.abs(r) === 1) return 0 * Math.sign(x);
  // sin(π r) = sin(π (±1 - r)) folds r into [-1/2, 1/2].
  const f = r > 0.5 ? 1 - r : r < -0.5 ? -1 - r : r;
  return Math.sin(Math.PI * f);
}
/** cos(πx), exact at half-integers. */
export function cosPi(x: number): number {
  const r = Math.abs(x - 2 * Math.round(x / 2)); // [0, 1]
  if (r === 0.5) return 0;
  return r <= 0.5 ? Math.cos(Math.PI * r) : -Math.cos(Math.PI * (1 - r));
}

// --- erf / erfc ------------------------------------------------------------------------------

/** erf for |x| < 3 by the series (2/√π) e^{-x²} Σ 2^n x^{2n+1} / (2n+1)!!, whose terms are all positive. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x, sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) <= EPS * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x2) * sum;
}

/** erfc for x >= 1 by Laplace's continued fraction (even part), evaluated by Lentz's method. */
function erfcFraction(x: number): number {
  if (x > 27.3) return 0; // e^{-x²} underflows
  const x2 = x * x;
  // erfc(x) = (2x e^{-x²}/√π) / (2x²+1 - 1·2/(2x²+5 - 3·4/(2x²+9 - …)))
  const tiny = 1e-300;
  let f = 2 * x2 + 1, c = f, d = 0;
  for (let n = 1; n < 5000; n++) {
    const a = -(2 * n - 1) * (2 * n);
    const b = 2 * x2 + 4 * n + 1;
    d = b + a * d; if (d === 0) d = tiny;
    c = b + a / c; if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= EPS) break;
  }
  return ((2 * x * Math.exp(-x2)) / SQRT_PI) / f;
}

export function erf(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 3) return erfSeries(x);
  const r = 1 - erfcFraction(a);
  return x < 0 ? -r : r;
}

export function erfc(x: number): number {
  if (x !== x) return x;
  if (x < 1) return x < 0 ? 2 - erfc(-x) : 1 - erfSeries(x);
  return erfcFraction(x);
}

// --- zeta ------------------------------------------------------------------------------------

// Bernoulli numbers B2 … B24; the Euler–Maclaurin corrections divide by (2j)! / B2j.
const BERNOULLI = [1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510, 43867 / 798,
  -174611 / 330, 854513 / 138, -236364091 / 2730];
const EM_DIVISORS = BERNOULLI.map((b, j) => {
  let f = 1;
  for (let k = 2; k <= 2 * j + 2; k++) f *= k;
  return f / b;
});

/** The Hurwitz zeta function ζ(x, q) = Σ_k (q + k)^-x (Eigen's domain: NaN for x < 1, inf at x = 1 and at poles). */
export function zeta(x: number, q: number): number {
  if (x !== x || q !== q) return NaN;
  if (x === 1) return Infinity;
  if (x < 1) return NaN;
  if (q <= 0) {
    if (q === Math.floor(q)) return Infinity;
    if (x !== Math.floor(x)) return NaN; // a negative base to a non-integer power
  }
  if (q === Infinity) return 0;
  // Direct sum up to w = q + N >= 10, then Euler–Maclaurin for the tail.
  let s = 0, k = 0;
  while (k < 9 || q + k < 10) { s += Math.pow(q + k, -x); k++; }
  const w = q + k;
  const wx = Math.pow(w, -x);
  s += (w * wx) / (x - 1) + 0.5 * wx;
  let rising = x, power = wx / w; // x(x+1)…(x+2j-2), w^{-x-2j+1}
  for (let j = 0; j < EM_DIVISORS.length; j++) {
    const t = (rising * power) / EM_DIVISORS[j]!;
    s += t;
    if (Math.abs(t) <= EPS * Math.abs(s)) break;
    rising *= (x + 2 * j + 1) * (x + 2 * j + 2);
    power /= w * w;
  }
  return s;
}

// --- lgamma ----------------------------------------------------------------------------------

const EULER_GAMMA = 0.5772156649015329;
// ζ(k) - 1 = ζ(k, 2) for the series of lgamma around 2.
const ZETA_MINUS_ONE = Array.from({ length: 80 }, (_, k) => (k < 2 ? 0 : zeta(k, 2)));

/** lgamma(2 + t) = (1 - γ) t + Σ_{k≥2} (-1)^k (ζ(k) - 1) t^k / k, for |t| <= 1. */
function lgammaNear2(t: number): number {
  let sum = (1 - EULER_GAMMA) * t, power = -t; // (-t)^k
  for (let k = 2; k < ZETA_MINUS_ONE.length; k++) {
    power *= -t;
    const term = (ZETA_MINUS_ONE[k]! * power) / k;
    sum += term;
    if (Math.abs(term) <= EPS * Math.abs(sum) * 0.5) break;
  }
  return sum;
}

/** log|Γ(x)|: +inf at the poles and at ±inf, as the C library's lgamma. */
export function lgamma(x: number): number {
  if (x !== x) return x;
  if (x === Infinity || x === -Infinity) return Infinity;
  if (x <= 0 && x === Math.floor(x)) return Infinity;
  if (x < 0) return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
  if (x < 1) return lgammaNear2(x - 1) - Math.log(x); // Γ(x) = Γ(x + 1) / x
  if (x <= 3) return lgammaNear2(x - 2);
  if (x < 15) {
    let y = x, p = 1;
    while (y > 3) { y -= 1; p *= y; }
    return lgammaNear2(y - 2) + Math.log(p);
  }
  // Stirling's series.
  const z = 1 / (x * x);
  const series = (1 / x) * (1 / 12 + z * (-1 / 360 + z * (1 / 1260 + z * (-1 / 1680 + z * (1 / 1188 + z * (-691 / 360360 + z * (1 / 156 - z * 3617 / 122400)))))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series;
}

// --- digamma and polygamma -------------------------------------------------------------------

/** ψ(x), the derivative of lgamma: NaN at the poles (0, -1, …) and at -inf, as Eigen's digamma. */
export function digamma(x: number): number {
  if (x !== x) return x;
  if (x === Infinity) return Infinity;
  if (x <= 0 && x === Math.floor(x)) return NaN;
  let result = 0;
  if (x < 0) {
    // Reflection: ψ(x) = ψ(1 - x) - π cot(πx).
    result = (-Math.PI * cosPi(x)) / sinPi(x);
    x = 1 - x;
  }
  while (x < 10) { result -= 1 / x; x += 1; }
  // ψ(x) ~ ln x - 1/(2x) - Σ B2k / (2k x^2k).
  const z = 1 / (x * x);
  const tail = z * (1 / 12 - z * (1 / 120 - z * (1 / 252 - z * (1 / 240 - z * (1 / 132 - z * (691 / 32760 - z / 12))))));
  return result + Math.log(x) - 0.5 / x - tail;
}

/** ψ⁽ⁿ⁾(x) = (-1)^(n+1) n! ζ(n + 1, x); digamma for n = 0; NaN for n not a non-negative integer. */
export function polygamma(n: number, x: number): number {
  if (n !== n || x !== x) return NaN;
  if (n !== Math.floor(n) || n < 0) return NaN;
  if (n === 0) return digamma(x);
  let factorial = 1;
  for (let k = 2; k <= n; k++) factorial *= k;
  return (n % 2 === 1 ? 1 : -1) * factorial * zeta(n + 1, x);
}
