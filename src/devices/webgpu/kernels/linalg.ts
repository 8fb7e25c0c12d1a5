// MatMul and BatchMatMulV2 in WGSL (float32, int32; int32 wraps as the CPU kernel does).
// Two register-tiled kernels, chosen per adapter:
//  * real GPUs: a workgroup computes a BM x BN tile of C; each K step stages BM x BK of A and
//    BK x BN of B in workgroup memory (vec4 loads where the contiguous extent allows; double
//    buffered, the next tile's loads in flight during the multiply), and each thread
//    accumulates a TM x TN block from vec4 reads of the staged tiles;
//  * software adapters (llvmpipe): no workgroup memory, as barriers are slow there; each thread
//    reads its TM rows of A and TN columns of B straight from the buffers.
// Transposes are folded into the index arithmetic (specialised per shader); batch dims
// broadcast through per-dim strides in the uniform, with the batch index in the z dimension.
import type { DTypeName } from "../../../core/dtypes.js";
import { sizeOf } from "../../../core/tensor_shape.js";
import { BatchMatMulV2, MatMul, type MatMulAttrs } from "../../../ops/linalg.js";
import { registerGpuKernel, type GpuKernelContext, type GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import { storageType, uniformBlock, Words } from "../wgsl.js";

/**
 * Tile shapes, to be tuned per adapter class. `gpu` / `gpuSmall`: BM x BN tile, BK deep,
 * TM x TN per thread ((BM / TM) * (BN / TN) threads; TM, TN multiples of 4; BK a multiple of
 * 4; 2 * BK * (BM + BN) * 4 bytes of workgroup memory, at most 16 KiB for every adapter); the
 * small tile serves products with fewer than `bigTileMinGroups` big tiles (it keeps more cores
 * busy). `software`: TM x TN per thread, WX x WY threads per workgroup.
 * Measured on an H200 (Dawn/Vulkan, driver 580): 128x128x8 with 8x8 per thread ~29 TFLOP/s at
 * n = 4096 and 8192, ~25 at 2048; at n = 1024 (64 big tiles) 64x64x16 with 4x4 ~14, while
 * BK = 16/32 with 128-wide tiles and 8x8 on 64x64 were slower. On llvmpipe the software
 * kernel with 8x8 per thread and 4x4 threads did best (~9 GFLOP/s on 2 cores).
 */
export const MATMUL_TILES = {
  gpu: { BM: 128, BN: 128, BK: 8, TM: 8, TN: 8 },
  gpuSmall: { BM: 64, BN: 64, BK: 16, TM: 4, TN: 4 },
  bigTileMinGroups: 256,
  software: { TM: 8, TN: 8, WX: 4, WY: 4 },
};

type GpuTile = typeof MATMUL_TILES.gpu;

/** Which kernel runs: per adapter ("auto"), or forced (tests, benchmarks). */
export const matmulConfig: { kernel: "auto" | "tiled" | "software" } = { kernel: "auto" };

interface Shape {
  M: number; N: number; K: number;
  ta: boolean; tb: boolean;
  /** Batch dims (collapsed) with the A and B element strides of each. */
  batch: number[]; aStr: number[]; bStr: number[];
}

// Uniform words: M, N, K, zBase, rowTileBase, batch dims, A strides, B strides.
const U = 5;

/** WGSL computing `aoff`, `boff`, `coff` for batch index `t`. */
function batchOffsets(rank: number): string {
  const lines = ["  var aoff = 0u; var boff = 0u; let coff = t * M * N;"];
  if (rank > 0) lines.push("  var rem = t;");
  for (let d = rank - 1; d >= 0; d--) {
    const dim = `uw(${U + d}u)`, as = `uw(${U + rank + d}u)`, bs = `uw(${U + 2 * rank + d}u)`;
    if (d === 0) lines.push(`  aoff = aoff + rem * ${as}; boff = boff + rem * ${bs};`);
    else lines.push(`  { let c = rem % ${dim}; rem = rem / ${dim}; aoff = aoff + c * ${as}; boff = boff + c * ${bs}; }`);
  }
  return lines.join("\n");
}

// Element (row i, depth p) of A and (depth p, column j) of B, honouring the transposes.
const aIndex = (ta: boolean, i: string, p: string) => (ta ? `aoff + (${p}) * M + (${i})` : `aoff + (${i}) * K + (${p})`);
const bIndex = (tb: boolean, p: string, j: string) => (tb ? `boff + (${j}) * K + (${p})` : `boff + (${p}) * N + (${j})`);

const header = (t: string, rank: number, vecA: boolean, vecB: boolean, vecC: boolean) => `
@group(0) @binding(0) var<storage, read> A: array<${vecA ? `vec4<${t}>` : t}>;
@group(0) @binding(1) var<storage, read> B: array<${vecB ? `vec4<${t}>` : t}>;
@group(0) @binding(2) var<storage, read_write> C: array<${vecC ? `vec4<${t}>` : t}>;
${uniformBlock(3, U + 3 * rank)}`;

const codeCache = new Map<string, string>();

/** The software kernel: TM x TN of C per thread, operands read from the buffers. */
function softwareShader(t: string, s: Shape): string {
  const { TM, TN, WX, WY } = MATMUL_TILES.software;
  const rank = s.batch.length;
  const vecC = s.N % 4 === 0;
  const key = `sw|${t}|${s.ta}|${s.tb}|${rank}|${vecC}|${TM}|${TN}|${WX}|${WY}`;
  let code = codeCache.get(key);
  if (code !== undefined) return code;
  const G = TN / 4;
  const body: string[] = [];
  // Rows and columns past the edge are clamped for loading (no branches in the K loop) and
  // skipped when storing.
  for (let i = 0; i < TM; i++) body.push(`  let r${i} = min(row0 + ${i}u, M - 1u);`);
  for (let j = 0; j < TN; j++) body.push(`  let c${j} = min(col0 + ${j}u, N - 1u);`);
  body.push(`  var acc: array<vec4<${t}>, ${TM * G}>;`);
  body.push("  for (var p = 0u; p < K; p = p + 1u) {");
  for (let g = 0; g < G; g++) {
    body.push(`    let b${g} = vec4<${t}>(${[0, 1, 2, 3].map((c) => `B[${bIndex(s.tb, "p", `c${4 * g + c}`)}]`).join(", ")});`);
  }
  for (let i = 0; i < TM; i++) {
    body.push(`    { let a = A[${aIndex(s.ta, `r${i}`, "p")}];`);
    for (let g = 0; g < G; g++) body.push(`      acc[${i * G + g}] = acc[${i * G + g}] + a * b${g};`);
    body.push("    }");
  }
  body.push("  }");
  body.push(...storeLines(TM, G, vecC, (i) => `row0 + ${i}u`, (g) => `col0 + ${4 * g}u`));
  code = `${header(t, rank, false, false, vecC)}
@compute @workgroup_size(${WX}, ${WY})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let M = uw(0u); let N = uw(1u); let K = uw(2u);
  let t = wid.z + uw(3u);
  let row0 = (gid.y + uw(4u) * ${WY}u) * ${TM}u;
  let col0 = gid.x * ${TN}u;
  if (row0 >= M || col0 >= N) { return; }
${batchOffsets(rank)}
${body.join("\n")}
}
`;
  codeCache.set(key, code);
  return code;
}

/** Store the TM x (4G) accumulators (acc[i * G + g] holds row i, columns 4g…4g+3). */
function storeLines(TM: number, G: number, vecC: boolean, row: (i: number) => string, col: (g: number) => string): string[] {
  const out: string[] = [];
  for (let i = 0; i < TM; i++) {
    out.push(`  { let r = ${row(i)}; if (r < M) {`);
    for (let g = 0; g < G; g++) {
      const v = `acc[${i * G + g}]`;
      if (vecC) out.push(`    { let c = ${col(g)}; if (c < N) { C[(coff + r * N + c) / 4u] = ${v}; } }`);
      else {
        out.push(`    { let c = ${col(g)}; let o = coff + r * N + c;`);
        for (let e = 0; e < 4; e++) out.push(`      if (c + ${e}u < N) { C[o + ${e}u] = ${v}[${e}]; }`);
        out.push("    }");
      }
    }
    out.push("  } }");
  }
  return out;
}

/** The workgroup-memory kernel for real GPUs. */
function gpuShader(t: string, s: Shape, tile: GpuTile): string {
  const { BM, BN, BK, TM, TN } = tile;
  const rank = s.batch.length;
  // vec4 loads need the contiguous extent of an operand to be a multiple of 4 (which also
  // aligns every batch offset); vec4 stores need N a multiple of 4.
  const vecA = (s.ta ? s.M : s.K) % 4 === 0, vecB = (s.tb ? s.K : s.N) % 4 === 0, vecC = s.N % 4 === 0;
  const key = `gpu|${t}|${s.ta}|${s.tb}|${rank}|${vecA}|${vecB}|${vecC}|${BM}|${BN}|${BK}|${TM}|${TN}`;
  let code = codeCache.get(key);
  if (code !== undefined) return code;
  const WX = BN / TN, WY = BM / TM, NT = WX * WY;
  const GM = TM / 4, GN = TN / 4;
  const zero = `${t}(0)`;
  const decl: string[] = [], fetch: string[] = [], put: string[] = [];
  // Tiles of A (BM rows x BK depth) go to As[k][m], of B (BK x BN) to Bs[k][n], two of each:
  // the next tile is fetched into registers while the current one is multiplied.
  const stage = (which: "A" | "B", trans: boolean, vec: boolean) => {
    const isA = which === "A";
    const outer = isA ? BM : BN; // the tile's M (or N) extent
    // Contiguous axis in memory: depth (k) for A untransposed / B transposed, else the m/n axis.
    const depthContig = isA ? !trans : trans;
    const sh = isA ? "As" : "Bs";
    const size = (BK * outer) / 4;
    const limit = isA ? "M" : "N";
    const base = isA ? "m0" : "n0";
    const idx = (mn: string, k: string) => (isA ? aIndex(trans, mn, k) : bIndex(trans, k, mn));
    const per = vec ? 4 : 1;
    const total = (outer * BK) / per;
    for (let l = 0; l < Math.ceil(total / NT); l++) {
      const reg = `r${which}${l}`;
      decl.push(`  var ${reg}: ${vec ? `vec4<${t}>` : t};`);
      // A tile with fewer loads than threads leaves the last threads idle.
      const guard = (l + 1) * NT > total ? ` if (lid + ${l * NT}u < ${total}u)` : "";
      const where = depthContig
        ? `let e = lid + ${l * NT}u; let mn = e / ${BK / per}u; let k = (e % ${BK / per}u) * ${per}u;`
        : `let e = lid + ${l * NT}u; let k = e / ${outer / per}u; let mn = (e % ${outer / per}u) * ${per}u;`;
      fetch.push(`   ${guard} { ${where}`, `      let gm = ${base} + mn; let gk = k0 + k;`);
      fetch.push(`      ${reg} = ${vec ? `vec4<${t}>(${zero})` : zero};`);
      // With vec4 all four lanes lie inside or outside together (the extent is a multiple of 4).
      fetch.push(`      if (gm < ${limit} && gk < K) { ${reg} = ${which}[${vec ? `(${idx("gm", "gk")}) / 4u` : idx("gm", "gk")}]; }`, "    }");
      put.push(`   ${guard} { ${where}`);
      if (vec && depthContig) for (let c = 0; c < 4; c++) put.push(`      ${sh}[buf * ${size}u + ((k + ${c}u) * ${outer}u + mn) / 4u][mn % 4u] = ${reg}[${c}];`);
      else if (vec) put.push(`      ${sh}[buf * ${size}u + (k * ${outer}u + mn) / 4u] = ${reg};`);
      else put.push(`      ${sh}[buf * ${size}u + (k * ${outer}u + mn) / 4u][mn % 4u] = ${reg};`);
      put.push("    }");
    }
  };
  stage("A", s.ta, vecA);
  stage("B", s.tb, vecB);
  const compute: string[] = [];
  compute.push(`    for (var kk = 0u; kk < ${BK}u; kk = kk + 1u) {`);
  // Thread rows: GM groups of 4, group g at g * (BM / GM) + ty * 4 (likewise columns), so that
  // neighbouring threads read neighbouring vec4s.
  for (let g = 0; g < GM; g++) compute.push(`      let a${g} = As[cur * ${(BK * BM) / 4}u + kk * ${BM / 4}u + ${(g * BM) / GM / 4}u + ty];`);
  for (let g = 0; g < GN; g++) compute.push(`      let b${g} = Bs[cur * ${(BK * BN) / 4}u + kk * ${BN / 4}u + ${(g * BN) / GN / 4}u + tx];`);
  for (let i = 0; i < TM; i++) {
    for (let g = 0; g < GN; g++) compute.push(`      acc[${i * GN + g}] = acc[${i * GN + g}] + a${Math.floor(i / 4)}[${i % 4}] * b${g};`);
  }
  compute.push("    }");
  code = `${header(t, rank, vecA, vecB, vecC)}
var<workgroup> As: array<vec4<${t}>, ${(2 * BK * BM) / 4}>;
var<workgroup> Bs: array<vec4<${t}>, ${(2 * BK * BN) / 4}>;
@compute @workgroup_size(${WX}, ${WY})
fn main(@builtin(local_invocation_id) local: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let M = uw(0u); let N = uw(1u); let K = uw(2u);
  let t = wid.z + uw(3u);
  let m0 = (wid.y + uw(4u)) * ${BM}u;
  let n0 = wid.x * ${BN}u;
  let tx = local.x; let ty = local.y;
${batchOffsets(rank)}
  var acc: array<vec4<${t}>, ${TM * GN}>;
${decl.join("\n")}
  let tiles = (K + ${BK - 1}u) / ${BK}u;
  {
    let k0 = 0u; let buf = 0u;
${fetch.join("\n")}
${put.join("\n")}
  }
  workgroupBarrier();
  for (var kt = 0u; kt < tiles; kt = kt + 1u) {
    let cur = kt & 1u;
    let more = kt + 1u < tiles;
    if (more) {
      let k0 = (kt + 1u) * ${BK}u;
${fetch.join("\n")}
    }
${compute.join("\n")}
    if (more) {
      let buf = cur ^ 1u;
${put.join("\n")}
    }
    workgroupBarrier();
  }
${storeLines(TM, GN, vecC, (i) => `m0 + ${(Math.floor(i / 4) * BM) / GM}u + ty * 4u + ${i % 4}u`, (g) => `n0 + ${(g * BN) / GN}u + tx * 4u`).join("\n")}
}
`;
  codeCache.set(key, code);
  return code;
}

/** Batch dims of the output with A's and B's element strides (0 where broadcast), collapsed. */
function batchLayout(a: readonly number[], b: readonly number[], out: readonly number[], aSize: number, bSize: number): { batch: number[]; aStr: number[]; bStr: number[] } {
  const strides = (dims: readonly number[], size: number) => {
    const lead = out.length - dims.length;
    const own: number[] = [];
    let acc = size;
    for (let d = dims.length - 1; d >= 0; d--) { own[d] = acc; acc *= dims[d]!; }
    return out.map((_, d) => (d < lead || dims[d - lead] === 1 ? 0 : own[d - lead]!));
  };
  const as = strides(a, aSize), bs = strides(b, bSize);
  const batch: number[] = [], aStr: number[] = [], bStr: number[] = [];
  out.forEach((d, i) => {
    if (d === 1) return;
    const k = batch.length - 1;
    // Merge with the previous dim when both operands step through the two as through one.
    if (k >= 0 && aStr[k] === as[i]! * d && bStr[k] === bs[i]! * d) {
      batch[k] *= d; aStr[k] = as[i]!; bStr[k] = bs[i]!;
    } else { batch.push(d); aStr.push(as[i]!); bStr.push(bs[i]!); }
  });
  return { batch, aStr, bStr };
}

function runMatMul(ctx: GpuKernelContext, a: GpuTensor, b: GpuTensor, attrs: MatMulAttrs, out: TensorSpec): GpuBuffer {
  const y = ctx.alloc(out);
  const ra = a.dims.length, rb = b.dims.length, ro = out.dims.length;
  const ta = attrs.transposeA || attrs.adjointA, tb = attrs.transposeB || attrs.adjointB;
  const M = out.dims[ro - 2]!, N = out.dims[ro - 1]!;
  const K = a.dims[ra - (ta ? 2 : 1)]!;
  const batches = sizeOf(out.dims.slice(0, -2));
  if (M === 0 || N === 0 || batches === 0) return y;
  const layout = batchLayout(a.dims.slice(0, -2), b.dims.slice(0, -2), out.dims.slice(0, -2), a.dims[ra - 2]! * a.dims[ra - 1]!, b.dims[rb - 2]! * b.dims[rb - 1]!);
  const s: Shape = { M, N, K, ta, tb, ...layout };
  const t = storageType(out.dtype);
  let code: string, tileM: number, tileN: number;
  if (matmulConfig.kernel === "software" || (matmulConfig.kernel === "auto" && ctx.isSoftware)) {
    const { TM, TN, WX, WY } = MATMUL_TILES.software;
    code = softwareShader(t, s);
    tileM = TM * WY; tileN = TN * WX;
  } else {
    const big = MATMUL_TILES.gpu;
    const bigGroups = Math.ceil(M / big.BM) * Math.ceil(N / big.BN) * batches;
    const tile = bigGroups >= MATMUL_TILES.bigTileMinGroups ? big : MATMUL_TILES.gpuSmall;
    const { BM, BN } = tile;
    code = gpuShader(t, s, tile);
    tileM = BM; tileN = BN;
  }
  const max = ctx.maxWorkgroupsPerDimension;
  const gx = Math.ceil(N / tileN), gyAll = Math.ceil(M / tileM);
  // Chunks of at most `max` row tiles and batches per dispatch (the limit per dimension).
  for (let z0 = 0; z0 < batches; z0 += max) {
    for (let y0 = 0; y0 < gyAll; y0 += max) {
      const w = new Words().u32(M, N, K, z0, y0, ...s.batch, ...s.aStr, ...s.bStr);
      ctx.dispatch({ code, buffers: [a.buffer, b.buffer, y], uniform: w.build(), groups: [gx, Math.min(max, gyAll - y0), Math.min(max, batches - z0)] });
    }
  }
  return y;
}

const TYPES: readonly DTypeName[] = ["float32", "int32"];

/** Register the WGSL kernels of the matrix products. */
export function registerLinalgKernels(): void {
  for (const op of [MatMul, BatchMatMulV2]) {
    registerGpuKernel<MatMulAttrs>(op, TYPES, (ctx, inputs, attrs, outputs) => [runMatMul(ctx, inputs[0]!, inputs[1]!, attrs, outputs[0]!)]);
  }
}
