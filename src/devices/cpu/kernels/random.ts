// CPU kernels of the random ops: the shared host computations (devices/random/kernels.ts).
import { ALL_TYPES } from "../../../ops/op_def.js";
import {
  Multinomial, RandomShuffle, RandomStandardNormal, RandomUniform, RandomUniformInt, StatelessMultinomial,
  StatelessRandomGetKeyCounter, StatelessRandomNormalV2, StatelessRandomUniformFullIntV2, StatelessRandomUniformIntV2,
  StatelessRandomUniformV2, StatelessTruncatedNormalV2, TruncatedNormal, RandomGamma, RandomPoissonV2, StatelessRandomBinomial, StatefulRandomBinomial, StatelessRandomGammaV3, StatelessRandomPoisson, RandomIndexShuffle, StatelessShuffle, RandomGammaGrad,
} from "../../../ops/random.js";
import {
  keyCounterFromSeed, statefulFloats, statefulMultinomial, statefulShuffle, statefulUniformInts, statelessFloats,
  statelessFullInts, statelessMultinomial, statelessUniformInts, statefulGamma, statefulPoisson, statelessBinomial, statefulBinomial, statelessGamma, statelessPoisson, statelessShuffle, randomIndexShuffle, randomGammaGrad, type HostValue,
} from "../../random/kernels.js";
import { registerCpuKernel, type CpuTensor } from "../kernel.js";

const FLOATS = ["float16", "bfloat16", "float32", "float64"] as const;
const INTS = ["int32", "int64"] as const;

function host(t: CpuTensor): HostValue { return { dtype: t.dtype, dims: t.dims, data: t.buffer }; }

export function registerRandomKernels(): void {
  registerCpuKernel(RandomUniform, FLOATS, (_in, attrs) => [statefulFloats("CPU", "RandomUniform", "uniform", attrs)]);
  registerCpuKernel(RandomStandardNormal, FLOATS, (_in, attrs) => [statefulFloats("CPU", "RandomStandardNormal", "normal", attrs)]);
  registerCpuKernel(TruncatedNormal, FLOATS, (_in, attrs) => [statefulFloats("CPU", "TruncatedNormal", "truncated_normal", attrs)]);
  registerCpuKernel(RandomUniformInt, INTS, ([lo, hi], attrs) => [statefulUniformInts("CPU", attrs, host(lo!), host(hi!))]);
  registerCpuKernel(Multinomial, FLOATS, ([logits], attrs) => [statefulMultinomial("CPU", attrs, host(logits!))]);
  registerCpuKernel(RandomShuffle, ALL_TYPES, ([value], attrs) => [statefulShuffle("CPU", attrs, host(value!))]);
  registerCpuKernel(StatelessRandomGetKeyCounter, INTS, ([seed]) => keyCounterFromSeed(host(seed!)));
  registerCpuKernel(StatelessRandomUniformV2, FLOATS, ([k, c], attrs) => [statelessFloats("uniform", attrs, host(k!), host(c!))]);
  registerCpuKernel(StatelessRandomNormalV2, FLOATS, ([k, c], attrs) => [statelessFloats("normal", attrs, host(k!), host(c!))]);
  registerCpuKernel(StatelessTruncatedNormalV2, FLOATS, ([k, c], attrs) => [statelessFloats("truncated_normal", attrs, host(k!), host(c!))]);
  registerCpuKernel(StatelessRandomUniformFullIntV2, ["int32", "int64", "uint32", "uint64"],
    ([k, c], attrs) => [statelessFullInts(attrs, host(k!), host(c!))]);
  registerCpuKernel(StatelessRandomUniformIntV2, INTS,
    ([k, c, lo, hi], attrs) => [statelessUniformInts(attrs, host(k!), host(c!), host(lo!), host(hi!))]);
  registerCpuKernel(RandomGamma, ["float16", "float32", "float64"], ([alpha], attrs) => [statefulGamma("CPU", attrs, host(alpha!))]);
  registerCpuKernel(RandomPoissonV2, ["float16", "float32", "float64", "int32", "int64"], ([rate], attrs) => [statefulPoisson("CPU", attrs, host(rate!))]);
  registerCpuKernel(StatelessRandomBinomial, FLOATS, ([seed, c, p], attrs) => [statelessBinomial(attrs, host(seed!), host(c!), host(p!))]);
  registerCpuKernel(StatefulRandomBinomial, FLOATS, ([k, ctr, c, p], attrs) => [statefulBinomial(attrs, host(k!), host(ctr!), host(c!), host(p!))]);
  registerCpuKernel(StatelessRandomGammaV3, FLOATS, ([k, c, a], attrs) => [statelessGamma(attrs, host(k!), host(c!), host(a!))]);
  registerCpuKernel(StatelessRandomPoisson, ["float16", "float32", "float64", "int32", "int64"],
    ([seed, lam], attrs) => [statelessPoisson(attrs, host(seed!), host(lam!))]);
  registerCpuKernel(StatelessShuffle, ALL_TYPES, ([value, k, c], attrs) => [statelessShuffle(attrs, host(value!), host(k!), host(c!))]);
  registerCpuKernel(RandomIndexShuffle, ["int32", "int64", "uint32", "uint64"],
    ([index, seed, max], attrs, [out]) => [randomIndexShuffle(attrs, host(index!), host(seed!), host(max!), out!.dims)]);
  registerCpuKernel(RandomGammaGrad, ["float32", "float64"], ([a, x], _attrs, [out]) => [randomGammaGrad(host(a!), host(x!), out!.dims)]);
  registerCpuKernel(StatelessMultinomial, FLOATS, ([logits, seed], attrs) => [statelessMultinomial(attrs, host(logits!), host(seed!))]);
}
