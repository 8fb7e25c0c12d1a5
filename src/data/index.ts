// tf.data
export { Dataset, AUTOTUNE, INFINITE_CARDINALITY, UNKNOWN_CARDINALITY } from "./dataset.js";
export type {
  ElementFunction, MapResult, MapOptions, BatchOptions, PaddedBatchOptions, ShuffleOptions, RangeOptions,
  GeneratorOptions, EnumerateOptions, WindowOptions, InterleaveOptions, NumpyIterator,
} from "./dataset.js";
export { DatasetIterator, AsyncDatasetIterator, Optional } from "./iterator.js";
export type { Element, ElementSpec, Structure } from "./structure.js";
export type { ElementLike } from "./element.js";
export type { DatasetNode, NodeIterator, Components, IteratorContext, StateValue } from "./node.js";
export { TextLineDataset } from "./text_line.js";
export type { TextLineOptions, CompressionType, Filenames } from "./text_line.js";
export { DatasetSpec } from "./window.js";
