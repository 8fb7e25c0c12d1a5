// Dataset.from_generator: elements pulled from a JS generator (sync or async) made by calling
// `generator()` once per iterator, each converted to the output signature's dtypes and checked
// against it as TensorFlow checks every yielded element.
import type { TensorSpec } from "../api/tensor_spec.js";
import { convertToTensor, type TensorLike } from "../api/ops/convert.js";
import { FailedPreconditionError, InvalidArgumentError } from "../errors/errors.js";
import { generatorElementMismatch, generatorStructureMismatch, generatorNotCheckpointable } from "../errors/data_messages.js";
import { pyValueRepr } from "../format/pyrepr.js";
import type { Tensor } from "../runtime/tensor.js";
import type { ElementLike } from "./element.js";
import { isPromise, UNKNOWN, type Components, type DatasetNode, type NodeIterator } from "./node.js";
import { flatten, isContainer, pack, sameStructure, structureRepr, type Structure } from "./structure.js";

/** What `generator()` returns: a sync or async iterator of elements. */
export type ElementSource = Iterator<ElementLike> | AsyncIterator<ElementLike>;

export class GeneratorNode implements DatasetNode {
  readonly pythonName = "_FlatMapDataset";
  constructor(private readonly generator: () => ElementSource | Iterable<ElementLike> | AsyncIterable<ElementLike>, readonly spec: Structure<TensorSpec>) {}
  cardinality(): number { return UNKNOWN; }

  makeIterator(): NodeIterator {
    const made = this.generator();
    const source: ElementSource =
      typeof (made as Iterator<ElementLike>).next === "function" ? (made as ElementSource)
        : Symbol.asyncIterator in (made as object) ? (made as AsyncIterable<ElementLike>)[Symbol.asyncIterator]()
          : (made as Iterable<ElementLike>)[Symbol.iterator]();
    const spec = this.spec;
    let done = false;
    const convert = (r: IteratorResult<ElementLike>): Components => {
      if (r.done) { done = true; return null; }
      return conform(r.value, spec);
    };
    return {
      next() {
        if (done) return null;
        const r = source.next();
        return isPromise(r) ? r.then(convert) : convert(r);
      },
      save() { throw new FailedPreconditionError(generatorNotCheckpointable()); },
      restore() { throw new FailedPreconditionError(generatorNotCheckpointable()); },
    };
  }
}

/** A yielded value converted to the signature (structure.normalize_element) and checked. */
function conform(value: ElementLike, spec: Structure<TensorSpec>): Tensor[] {
  const specs = flatten(spec);
  let leaves: unknown[];
  try {
    // A single-spec signature takes the value whole (a list is one tensor, not a tuple).
    if (!isContainer(spec)) leaves = [value];
    else {
      if (!isContainer(value) || !sameStructure(value as Structure<unknown>, spec)) throw new TypeError();
      leaves = flatten(value as Structure<unknown>);
    }
    const tensors = leaves.map((v, i) => convertToTensor(v as TensorLike, specs[i]!.dtype));
    const mismatch = tensors.some((t, i) => !specs[i]!.isCompatibleWith(t));
    if (mismatch) {
      const got = structureRepr(isContainer(spec) ? pack(spec, tensors) : tensors[0]!, (t) => String(specOf(t as Tensor)));
      throw new InvalidArgumentError(generatorElementMismatch(got, structureRepr(spec)));
    }
    return tensors;
  } catch (e) {
    if (e instanceof InvalidArgumentError) throw e;
    throw new InvalidArgumentError(generatorStructureMismatch(structureRepr(spec), pyValueRepr(value)));
  }
}

function specOf(t: Tensor): string {
  return `TensorSpec(shape=${String(t.shape)}, dtype=tf.${t.dtype.name}, name=None)`;
}

