// CPU kernels of the comparison and logical ops.
import type { DType } from "../../../core/dtypes.js";
import { allocStorage, type Storage } from "../../../core/storage.js";
import { InternalError } from "../../../errors/errors.js";
import { registerCpuKernel } from "../kernel.js";
import {
  Equal, Greater, GreaterEqual, Less, LessEqual, LogicalAnd, LogicalNot, LogicalOr, NotEqual, SelectV2, Where,
} from "../../../ops/compare.js";
import { ALL_TYPES, REAL_NUMBER_TYPES } from "../../../ops/op_def.js";
import { binaryKernel } from "./binary.js";
import { broadcastIndex, stridesOf } from "./broadcast.js";
import { unaryKernel } from "./unary.js";
import { whereConditionChanged } from "../../../errors/device_messages.js";

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether element i of storage `s` of `dtype` is nonzero (NaN is; -0 is not). */
function nonzeroTest(dtype: DType, s: Storage): (i: number) => boolean {
  if (dtype.isComplex) {
    const c = s as Float32Array | Float64Array;
    return (i) => c[2 * i] !== 0 || c[2 * i + 1] !== 0;
  }
  if (dtype.isBigInt) {
    const b = s as BigInt64Array | BigUint64Array;
    return (i) => b[i] !== 0n;
  }
  if (dtype.name === "float16" || dtype.name === "bfloat16") {
    const h = s as Uint16Array;
    return (i) => (h[i]! & 0x7fff) !== 0;
  }
  const v = s as Float64Array;
  return (i) => v[i] !== 0;
}

/** Register the CPU reference kernels of the comparison and selection ops. */
export function registerCompareKernels(): void {
  registerCpuKernel(Equal, ALL_TYPES, binaryKernel({
    number: (a, b) => (a === b ? 1 : 0),
    bigint: (a, b) => a === b,
    complexPredicate: (ar, ai, br, bi) => ar === br && ai === bi,
    string: bytesEqual,
  }));

  registerCpuKernel(NotEqual, ALL_TYPES, binaryKernel({
    number: (a, b) => (a !== b ? 1 : 0),
    bigint: (a, b) => a !== b,
    complexPredicate: (ar, ai, br, bi) => ar !== br || ai !== bi,
    string: (a, b) => !bytesEqual(a, b),
  }));

  // Ordered comparisons: false whenever a NaN is involved.
  registerCpuKernel(Less, REAL_NUMBER_TYPES, binaryKernel({ number: (a, b) => (a < b ? 1 : 0), bigint: (a, b) => a < b }));
  registerCpuKernel(LessEqual, REAL_NUMBER_TYPES, binaryKernel({ number: (a, b) => (a <= b ? 1 : 0), bigint: (a, b) => a <= b }));
  registerCpuKernel(Greater, REAL_NUMBER_TYPES, binaryKernel({ number: (a, b) => (a > b ? 1 : 0), bigint: (a, b) => a > b }));
  registerCpuKernel(GreaterEqual, REAL_NUMBER_TYPES, binaryKernel({ number: (a, b) => (a >= b ? 1 : 0), bigint: (a, b) => a >= b }));

  registerCpuKernel(LogicalAnd, ["bool"], binaryKernel({ number: (a, b) => (a !== 0 && b !== 0 ? 1 : 0) }));
  registerCpuKernel(LogicalOr, ["bool"], binaryKernel({ number: (a, b) => (a !== 0 || b !== 0 ? 1 : 0) }));
  registerCpuKernel(LogicalNot, ["bool"], unaryKernel({ number: (a) => (a === 0 ? 1 : 0) }));

  // SelectV2 copies storage slots as they are (half bit patterns, bigints, byte strings, …).
  registerCpuKernel(SelectV2, ALL_TYPES, (inputs, _attrs, outputs) => {
    const [c, t, e] = inputs as [typeof inputs[0], typeof inputs[0], typeof inputs[0]];
    const out = outputs[0]!;
    const n = out.dims.reduce((p, q) => p * q, 1);
    const ic = broadcastIndex(c.dims, out.dims), it = broadcastIndex(t.dims, out.dims), ie = broadcastIndex(e.dims, out.dims);
    const cond = c.buffer as Uint8Array;
    const result = allocStorage(out.dtype, n);
    const lanes = out.dtype.isComplex ? 2 : 1;
    const a = t.buffer as ArrayLike<unknown>, b = e.buffer as ArrayLike<unknown>;
    const r = result as unknown as unknown[];
    for (let i = 0; i < n; i++) {
      const take = cond[ic ? ic[i]! : i] !== 0;
      const src = take ? a : b;
      const at = lanes * (take ? (it ? it[i]! : i) : (ie ? ie[i]! : i));
      for (let l = 0; l < lanes; l++) r[lanes * i + l] = src[at + l];
    }
    return [result];
  });

  // Where: the coordinates of nonzero elements, row-major, as int64 [numTrue, rank].
  registerCpuKernel(Where, ALL_TYPES.filter((d) => d !== "string"), (inputs, { numTrue }) => {
    const x = inputs[0]!;
    const rank = x.dims.length;
    const size = x.dims.reduce((p, q) => p * q, 1);
    const strides = stridesOf(x.dims);
    const test = nonzeroTest(x.dtype, x.buffer);
    const out = new BigInt64Array(numTrue * rank);
    let k = 0;
    for (let i = 0; i < size; i++) {
      if (!test(i)) continue;
      if (k === numTrue) throw new InternalError(whereConditionChanged());
      for (let ax = 0; ax < rank; ax++) out[k * rank + ax] = BigInt(Math.floor(i / strides[ax]!) % x.dims[ax]!);
      k++;
    }
    if (k !== numTrue) throw new InternalError(whereConditionChanged());
    return [out];
  });
}
