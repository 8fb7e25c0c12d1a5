// GPU kernels of the random ops: the shared host computations (devices/random/kernels.ts),
// uploaded. The numbers are the CPU's to the bit, as TensorFlow's GPU kernels draw the same
// Philox stream; the stateful streams are the GPU's own (a GPU op and a CPU op with the same
// seeds are two kernels, as in TensorFlow). Inputs (bounds, logits, key, counter) are read back.
import type { Storage } from "../../../core/storage.js";
import type { TensorSpec } from "../../../core/tensor_spec.js";
import {
  Multinomial, RandomShuffle, RandomStandardNormal, RandomUniform, RandomUniformInt, StatelessMultinomial,
  StatelessRandomGetKeyCounter, StatelessRandomNormalV2, StatelessRandomUniformFullIntV2, StatelessRandomUniformIntV2,
  StatelessRandomUniformV2, StatelessTruncatedNormalV2, TruncatedNormal, RandomGamma, RandomPoissonV2, StatelessRandomBinomial, StatefulRandomBinomial, StatelessRandomGammaV3, StatelessRandomPoisson, StatelessShuffle, RandomGammaGrad,
} from "../../../ops/random.js";
import {
  keyCounterFromSeed, statefulFloats, statefulMultinomial, statefulShuffle, statefulUniformInts, statelessFloats,
  statelessFullInts, statelessMultinomial, statelessUniformInts, statefulGamma, statefulPoisson, statelessBinomial, statefulBinomial, statelessGamma, statelessPoisson, statelessShuffle, randomGammaGrad, type HostValue,
} from "../../random/kernels.js";
import { registerGpuKernel, type GpuKernelContext, type GpuTensor } from "../kernel.js";
import type { GpuBuffer } from "../memory.js";

const FLOATS = ["float16", "float32"] as const;
const INTS = ["int32"] as const;

function host(ctx: GpuKernelContext, t: GpuTensor): HostValue { return { dtype: t.dtype, dims: t.dims, data: ctx.read(t) }; }
function up(ctx: GpuKernelContext, outputs: readonly TensorSpec[], values: readonly Storage[]): GpuBuffer[] {
  return values.map((v, i) => ctx.upload(outputs[i]!.dtype, v));
}

export function registerRandomKernels(): void {
  registerGpuKernel(RandomUniform, FLOATS, (ctx, _in, attrs, out) => up(ctx, out, [statefulFloats("GPU", "RandomUniform", "uniform", attrs)]));
  registerGpuKernel(RandomStandardNormal, FLOATS, (ctx, _in, attrs, out) => up(ctx, out, [statefulFloats("GPU", "RandomStandardNormal", "normal", attrs)]));
  registerGpuKernel(TruncatedNormal, FLOATS, (ctx, _in, attrs, out) => up(ctx, out, [statefulFloats("GPU", "TruncatedNormal", "truncated_normal", attrs)]));
  registerGpuKernel(RandomUniformInt, INTS, (ctx, [lo, hi], attrs, out) => up(ctx, out, [statefulUniformInts("GPU", attrs, host(ctx, lo!), host(ctx, hi!))]));
  registerGpuKernel(Multinomial, FLOATS, (ctx, [logits], attrs, out) => up(ctx, out, [statefulMultinomial("GPU", attrs, host(ctx, logits!))]), { outputDtype: ["int32"] });
  registerGpuKernel(RandomShuffle, ["float16", "float32", "int32"], (ctx, [value], attrs, out) => up(ctx, out, [statefulShuffle("GPU", attrs, host(ctx, value!))]));
  registerGpuKernel(StatelessRandomUniformV2, FLOATS, (ctx, [k, c], attrs, out) => up(ctx, out, [statelessFloats("uniform", attrs, host(ctx, k!), host(ctx, c!))]));
  registerGpuKernel(StatelessRandomNormalV2, FLOATS, (ctx, [k, c], attrs, out) => up(ctx, out, [statelessFloats("normal", attrs, host(ctx, k!), host(ctx, c!))]));
  registerGpuKernel(StatelessTruncatedNormalV2, FLOATS, (ctx, [k, c], attrs, out) => up(ctx, out, [statelessFloats("truncated_normal", attrs, host(ctx, k!), host(ctx, c!))]));
  registerGpuKernel(StatelessRandomUniformFullIntV2, ["int32", "uint32"], (ctx, [k, c], attrs, out) => up(ctx, out, [statelessFullInts(attrs, host(ctx, k!), host(ctx, c!))]));
  registerGpuKernel(StatelessRandomUniformIntV2, INTS,
    (ctx, [k, c, lo, hi], attrs, out) => up(ctx, out, [statelessUniformInts(attrs, host(ctx, k!), host(ctx, c!), host(ctx, lo!), host(ctx, hi!))]));
  registerGpuKernel(StatelessMultinomial, FLOATS,
    (ctx, [logits, seed], attrs, out) => up(ctx, out, [statelessMultinomial(attrs, host(ctx, logits!), host(ctx, seed!))]), { outputDtype: ["int32"] });
  registerGpuKernel(RandomGamma, FLOATS, (ctx, [alpha], attrs, out) => up(ctx, out, [statefulGamma("GPU", attrs, host(ctx, alpha!))]));
  registerGpuKernel(RandomPoissonV2, ["float16", "float32", "int32"],
    (ctx, [rate], attrs, out) => up(ctx, out, [statefulPoisson("GPU", attrs, host(ctx, rate!))]), { dtype: ["float16", "float32", "int32"] });
  const binomialOut = { dtype: ["float16", "float32", "int32"] } as const;
  registerGpuKernel(StatelessRandomBinomial, FLOATS,
    (ctx, [seed, c, p], attrs, out) => up(ctx, out, [statelessBinomial(attrs, host(ctx, seed!), host(ctx, c!), host(ctx, p!))]), binomialOut);
  registerGpuKernel(StatefulRandomBinomial, FLOATS,
    (ctx, [k, ctr, c, p], attrs, out) => up(ctx, out, [statefulBinomial(attrs, host(ctx, k!), host(ctx, ctr!), host(ctx, c!), host(ctx, p!))]), binomialOut);
  registerGpuKernel(StatelessRandomGammaV3, FLOATS, (ctx, [k, c, a], attrs, out) => up(ctx, out, [statelessGamma(attrs, host(ctx, k!), host(ctx, c!), host(ctx, a!))]));
  registerGpuKernel(StatelessRandomPoisson, ["float16", "float32", "int32"],
    (ctx, [seed, lam], attrs, out) => up(ctx, out, [statelessPoisson(attrs, host(ctx, seed!), host(ctx, lam!))]), { dtype: ["float16", "float32", "int32"] });
  registerGpuKernel(StatelessShuffle, ["float16", "float32", "int32"], (ctx, [v, k, c], attrs, out) => up(ctx, out, [statelessShuffle(attrs, host(ctx, v!), host(ctx, k!), host(ctx, c!))]));
  registerGpuKernel(RandomGammaGrad, ["float32"], (ctx, [a, x], _attrs, out) => up(ctx, out, [randomGammaGrad(host(ctx, a!), host(ctx, x!), out[0]!.dims)]));
  void StatelessRandomGetKeyCounter; void keyCounterFromSeed; // host memory in TensorFlow: it runs on the CPU
}
