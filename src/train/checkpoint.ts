// tf.train.Checkpoint: object-based checkpoints (tensorflow/python/checkpoint/checkpoint.py).
// Saving walks the object graph breadth-first from the checkpoint (node 0), names every
// variable by the escaped local names on its first path (`model/dense/kernel/.ATTRIBUTES/
// VARIABLE_VALUE`), appends optimizers' slot variables as extra nodes (`<variable path>/
// .OPTIMIZER_SLOT/<optimizer path>/<slot>/.ATTRIBUTES/VARIABLE_VALUE`), and stores the
// TrackableObjectGraph proto under `_CHECKPOINTABLE_OBJECT_GRAPH`, in one TensorBundle.
// Restoring matches the checkpoint's graph to the live one edge by edge from the root
// (or, for checkpoints without a graph, variables by name), checks every dtype and shape,
// and only then assigns into the existing variables in place.
import { stat } from "node:fs/promises";
import { device } from "../api/device_scope.js";
import type { Tensor } from "../runtime/tensor.js";
import { Variable } from "../api/variable.js";
import { string as stringDType } from "../core/dtypes.js";
import { TensorShape } from "../core/tensor_shape.js";
import {
  AssertionError, InvalidArgumentError, NotFoundError, NotImplementedError, ValueError,
} from "../errors/errors.js";
import {
  attributesNotRestored, incompatibleRestoreShape, isRestoreOpMessage, keyNotFoundInCheckpoint, noCheckpointSpecified,
  noRestoreOps, notTrackable, nothingToLoad, objectGraphLabel, objectGraphNotStringScalar, onlyRootMatched,
  restoreDtypeMismatch, restoreNotFound, restoreOpMessage, slotVariableLabel, slotVariableReused, unboundPythonObjects,
  unnamedNode, unresolvedObject, unusedAttributes,
} from "../errors/train_messages.js";
import { writeBundle } from "../io/tensor_bundle_file.js";
import { hostTensor } from "../runtime/copies.js";
import { loadCheckpoint, type CheckpointReader } from "./checkpoint_reader.js";
import { pyDirname, pyJoin, updateCheckpointState } from "./checkpoint_state.js";
import {
  checkpointKey, decodeObjectGraph, encodeObjectGraph, nodeNames, objectPathToString, objectToText,
  OBJECT_GRAPH_PROTO_KEY, slotVariableKey, VARIABLE_VALUE_KEY,
  type ObjectReference, type SlotVariableReference, type TrackableObject, type TrackableObjectGraph,
} from "./object_graph.js";
import {
  attributesOf, childrenOf, describe, isSlotOptimizer, isTrackable, trackableChildren,
  type SaveableAttribute, type SlotOptimizer, type Trackable,
} from "./trackable.js";
import { deferRestoration, restoreDeferred } from "./deferred_restoration.js";

// ---------------------------------------------------------------------------------------
// The live object graph

interface LiveGraph {
  /** Nodes in checkpoint order: breadth-first from the root, then slot variables. */
  nodes: object[];
  ids: Map<object, number>;
  /** Escaped path of each node (slot variables: their slot key). */
  paths: Map<object, string>;
  /** Each node's edges (slot variables: none). */
  children: ObjectReference[][];
  slotVariables: Map<number, SlotVariableReference[]>;
}

/** TensorFlow's breadth_first_traversal + serialize_slot_variables. */
function walk(root: object): LiveGraph {
  const nodes: object[] = [root];
  const ids = new Map<object, number>([[root, 0]]);
  const paths = new Map<object, string[]>([[root, []]]);
  const childLists: [string, object][][] = [];
  for (let i = 0; i < nodes.length; i++) {
    const kids = childrenOf(nodes[i]!);
    childLists.push(kids);
    for (const [name, child] of kids) {
      if (ids.has(child)) continue;
      ids.set(child, nodes.length);
      paths.set(child, [...paths.get(nodes[i]!)!, name]);
      nodes.push(child);
    }
  }
  const children = childLists.map((kids) => kids.map(([localName, c]) => ({ nodeId: ids.get(c)!, localName })));
  const pathStrings = new Map<object, string>();
  for (const [o, p] of paths) pathStrings.set(o, objectPathToString(p));

  const slotVariables = new Map<number, SlotVariableReference[]>();
  const nonSlot = nodes.length;
  for (let optId = 0; optId < nonSlot; optId++) {
    const opt = nodes[optId]!;
    if (!isSlotOptimizer(opt)) continue;
    for (const slotName of opt.getSlotNames()) {
      for (let varId = 0; varId < nonSlot; varId++) {
        const original = nodes[varId]!;
        if (!(original instanceof Variable)) continue;
        const slot = opt.getSlot(original, slotName);
        if (slot === undefined || slot === null) continue;
        if (ids.has(slot)) {
          throw new NotImplementedError(slotVariableReused(slot.repr()));
        }
        const id = nodes.length;
        ids.set(slot, id);
        nodes.push(slot);
        children.push([]);
        pathStrings.set(slot, slotVariableKey(pathStrings.get(original)!, pathStrings.get(opt)!, slotName));
        const refs = slotVariables.get(optId) ?? [];
        refs.push({ originalVariableNodeId: varId, slotName, slotVariableNodeId: id });
        slotVariables.set(optId, refs);
      }
    }
  }
  return { nodes, ids, paths: pathStrings, children, slotVariables };
}

/** The name TensorFlow records as `full_name` (the variable's name without `:0`). */
function fullName(v: Variable): string { return v.name.replace(/:0$/, ""); }

/** TensorFlow's add_checkpoint_values_check: nodes with values, and every ancestor of one. */
function markCheckpointValues(g: TrackableObjectGraph): void {
  const parents = new Map<number, Set<number>>();
  const marked = new Set<number>();
  g.nodes.forEach((n, id) => {
    if (n.attributes.length > 0 || n.slotVariables.length > 0 || n.registeredSaver !== undefined) marked.add(id);
    for (const c of n.children) {
      const s = parents.get(c.nodeId) ?? new Set<number>();
      s.add(id);
      parents.set(c.nodeId, s);
    }
  });
  const queue = [...marked];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const p of parents.get(id) ?? []) {
      if (!marked.has(p)) { marked.add(p); queue.push(p); }
    }
  }
  g.nodes.forEach((n, id) => { n.hasCheckpointValues = marked.has(id); });
}

/** The object graph proto and the tensors to save, read now (later updates do not change them). */
function serialize(root: object): { graph: TrackableObjectGraph; tensors: [string, Tensor][] } {
  const live = walk(root);
  const tensors: [string, Tensor][] = [];
  const graph: TrackableObjectGraph = {
    nodes: live.nodes.map((obj, id): TrackableObject => {
      const node: TrackableObject = { children: live.children[id]!, attributes: [], slotVariables: live.slotVariables.get(id) ?? [] };
      if (obj instanceof Variable) {
        const key = checkpointKey(live.paths.get(obj)!, VARIABLE_VALUE_KEY);
        node.attributes.push({ name: VARIABLE_VALUE_KEY, fullName: fullName(obj), checkpointKey: key });
        tensors.push([key, obj.value()]);
      }
      for (const [name, saveable] of attributesOf(obj)) {
        const key = checkpointKey(live.paths.get(obj)!, name);
        node.attributes.push({ name, fullName: "", checkpointKey: key });
        tensors.push([key, saveable.save()]);
      }
      return node;
    }),
  };
  markCheckpointValues(graph);
  tensors.push([OBJECT_GRAPH_PROTO_KEY, hostTensor(stringDType, [], [encodeObjectGraph(graph)])]);
  return { graph, tensors };
}

/** Every node of the live graph that saves a value (variables and slot variables). */
function liveVariables(root: object): Variable[] {
  return walk(root).nodes.filter((o): o is Variable => o instanceof Variable);
}

// ---------------------------------------------------------------------------------------
// Load statuses

/** What `restore`/`read` return: assertions about how the checkpoint matched the objects. */
export interface LoadStatus {
  /**
   * Every value in the checkpoint was matched to an object, and every existing variable
   * was restored; otherwise AssertionError naming what is unresolved. Returns the status.
   */
  assertConsumed(): this;
  /** Every existing variable reachable from the checkpoint got a value (extra checkpoint values are fine). */
  assertExistingObjectsMatched(): this;
  /** Something besides the root matched. */
  assertNontrivialMatch(): this;
  /** Silences warnings about an incomplete restore (tsflow prints none); returns the status. */
  expectPartial(): this;
  /** No-op (eager): TensorFlow's graph-mode hook. */
  runRestoreOps(): void;
  /** No-op (eager): TensorFlow's graph-mode hook. */
  initializeOrRestore(): void;
}

/** State of one object-based restore (TensorFlow's _CheckpointRestoreCoordinator). */
class RestoreCoordinator {
  /** Checkpoint node id -> the live object it was matched to. */
  readonly objectByProtoId = new Map<number, object>();
  readonly protoIdByObject = new Map<object, number>();
  /** Node id -> attributes in the checkpoint that no object took. */
  readonly unusedAttributes = new Map<number, string[]>();
  private names: Map<number, string> | undefined;

  constructor(readonly graph: TrackableObjectGraph, readonly savePath: string) {}

  bind(id: number, obj: object): boolean {
    if (this.objectByProtoId.has(id) || this.protoIdByObject.has(obj)) return false;
    this.objectByProtoId.set(id, obj);
    this.protoIdByObject.set(obj, id);
    return true;
  }

  unbind(id: number): void {
    const obj = this.objectByProtoId.get(id);
    this.objectByProtoId.delete(id);
    if (obj !== undefined) this.protoIdByObject.delete(obj);
  }

  nodeName(id: number): string {
    this.names ??= nodeNames(this.graph);
    return this.names.get(id) ?? unnamedNode(id);
  }
}

/** TensorFlow's CheckpointLoadStatus. */
class CheckpointLoadStatus implements LoadStatus {
  /** @internal */
  constructor(private readonly coordinator: RestoreCoordinator, private readonly root: object) {}

  assertConsumed(): this {
    const c = this.coordinator;
    this.assertExistingObjectsMatched();
    c.graph.nodes.forEach((node, id) => {
      if (node.attributes.length === 0) return;
      if (!c.objectByProtoId.has(id)) {
        throw new AssertionError(unresolvedObject(c.nodeName(id), objectToText(node)));
      }
    });
    if (c.unusedAttributes.size > 0) {
      const objects = [...c.unusedAttributes].map(([id, attributes]) =>
        ({ name: c.nodeName(id), description: describe(c.objectByProtoId.get(id)!), attributes }));
      throw new AssertionError(unusedAttributes(objects));
    }
    return this;
  }

  private unusedPythonObjects(): Variable[] {
    return liveVariables(this.root).filter((v) => !this.coordinator.protoIdByObject.has(v));
  }

  assertExistingObjectsMatched(): this {
    const unused = this.unusedPythonObjects();
    if (unused.length > 0) {
      throw new AssertionError(unboundPythonObjects(unused.length, unused.slice(0, 10).map((v) => v.repr())));
    }
    return this;
  }

  assertNontrivialMatch(): this {
    if (this.coordinator.objectByProtoId.size <= 1) {
      const unused = this.unusedPythonObjects();
      if (unused.length > 0) {
        throw new AssertionError(onlyRootMatched(unused.map((v) => v.repr())));
      }
      throw new AssertionError(nothingToLoad(describe(this.root)));
    }
    return this;
  }

  expectPartial(): this { return this; }
  runRestoreOps(): void {}
  initializeOrRestore(): void {}
}

/** TensorFlow's NameBasedSaverStatus: a checkpoint without an object graph, matched by variable names. */
class NameBasedSaverStatus implements LoadStatus {
  /** @internal */
  constructor(
    private readonly root: object, private readonly restored: ReadonlySet<Variable>,
    private readonly optional: ReadonlySet<Variable>,
  ) {}

  assertConsumed(): this {
    const missing = liveVariables(this.root).filter((v) => !this.restored.has(v) && !this.optional.has(v));
    if (missing.length > 0) {
      throw new AssertionError(attributesNotRestored(missing.map((v) => v.repr()), VARIABLE_VALUE_KEY));
    }
    return this;
  }
  assertExistingObjectsMatched(): this { return this.assertConsumed(); }
  assertNontrivialMatch(): this { return this.assertConsumed(); }
  expectPartial(): this { return this; }
  runRestoreOps(): void {}
  initializeOrRestore(): void {}
}

/** TensorFlow's InitializationOnlyStatus: `restore(null)`; every assertion fails. */
class InitializationOnlyStatus implements LoadStatus {
  private fail(): never { throw new AssertionError(noCheckpointSpecified()); }
  assertConsumed(): this { return this.fail(); }
  assertExistingObjectsMatched(): this { return this.fail(); }
  assertNontrivialMatch(): this { return this.fail(); }
  expectPartial(): this { return this; }
  runRestoreOps(): void {
    throw new AssertionError(noRestoreOps());
  }
  initializeOrRestore(): void {}
}

// ---------------------------------------------------------------------------------------
// Restoring

/** Keras 2 (optimizer_v2) slot names, as TensorFlow checkpoints of Keras models hold them. */
const LEGACY_SLOT_NAMES: Readonly<Record<string, readonly string[]>> = {
  m: ["momentum"], v: ["velocity"], vhat: ["velocity_hat"], rms: ["velocity"], mg: ["average_gradient"],
};

function resolveSlotName(opt: SlotOptimizer, name: string): string | undefined {
  const names = opt.getSlotNames();
  if (names.includes(name)) return name;
  return (LEGACY_SLOT_NAMES[name] ?? []).find((n) => names.includes(n));
}

interface Assignment { variable: Variable; key: string }
interface AttributeRestore { saveable: SaveableAttribute; key: string }
interface SlotCreation { opt: SlotOptimizer; original: Variable; slotName: string; nodeId: number; key: string }

/**
 * Check all assignments (dtype, then shape) and read their tensors; nothing is assigned
 * unless every one passes.
 */
function prepare(
  reader: CheckpointReader, assignments: readonly Assignment[], creations: readonly SlotCreation[],
  attributeRestores: readonly AttributeRestore[] = [],
): { values: Tensor[]; slotValues: Tensor[]; attributeValues: Tensor[] } {
  const dtypes = reader.getVariableToDtypeMap();
  const shapes = reader.getVariableToShapeMap();
  const wanted = [
    ...assignments.map((a) => ({ key: a.key, dtype: a.variable.dtype, shape: a.variable.shape, name: a.variable.name })),
    ...creations.map((c) => ({ key: c.key, dtype: c.original.dtype, shape: c.original.shape, name: slotVariableLabel(c.original.name, c.slotName) })),
  ];
  for (const key of [...wanted.map((w) => w.key), ...attributeRestores.map((a) => a.key)]) {
    if (!reader.hasTensor(key)) throw new NotFoundError(restoreOpMessage(keyNotFoundInCheckpoint(key)));
  }
  const mismatched = wanted.filter((w) => dtypes[w.key] !== w.dtype)
    .map((w) => ({ key: w.key, expected: w.dtype, stored: dtypes[w.key]! }));
  if (mismatched.length > 0) throw new InvalidArgumentError(restoreOpMessage(restoreDtypeMismatch(mismatched)));
  for (const w of wanted) {
    const stored = new TensorShape(shapes[w.key]!);
    if (!w.shape.isCompatibleWith(stored)) {
      throw new ValueError(incompatibleRestoreShape(stored.toString(), w.shape.toString(), w.name));
    }
  }
  const values = assignments.map((a) => reader.getTensor(a.key));
  const slotValues = creations.map((c) => reader.getTensor(c.key));
  const attributeValues = attributeRestores.map((a) => reader.getTensor(a.key));
  // A slot takes its variable's current shape, which must match the stored one exactly.
  creations.forEach((c, i) => {
    const dims = c.original.value().dims;
    const got = slotValues[i]!.dims;
    if (dims.length !== got.length || dims.some((d, j) => d !== got[j])) {
      throw new ValueError(incompatibleRestoreShape(
        new TensorShape(got).toString(), new TensorShape(dims).toString(), slotVariableLabel(c.original.name, c.slotName)));
    }
  });
  return { values, slotValues, attributeValues };
}

function variableValueKey(node: TrackableObject): string | undefined {
  return node.attributes.find((a) => a.name === VARIABLE_VALUE_KEY)?.checkpointKey;
}

/**
 * One pass of matching the checkpoint's graph to live objects, from the root at restore time
 * or from an object created later under a matched parent (a deferred restoration); values
 * are checked together and assigned by `apply`.
 */
class GraphMatch {
  private readonly assignments: Assignment[] = [];
  private readonly attributeRestores: AttributeRestore[] = [];

  constructor(private readonly c: RestoreCoordinator, private readonly reader: CheckpointReader) {}

  /** Note the checkpoint node's attributes that `obj` takes no value from; queue those it takes. */
  private visit(id: number, obj: object, queueValues = true): void {
    const node = this.c.graph.nodes[id];
    if (node === undefined) return;
    const saveables = new Map(attributesOf(obj));
    const takes = (name: string): boolean => (obj instanceof Variable && name === VARIABLE_VALUE_KEY) || saveables.has(name);
    const unused = node.attributes.filter((a) => !takes(a.name)).map((a) => a.name);
    if (unused.length > 0) this.c.unusedAttributes.set(id, unused);
    else this.c.unusedAttributes.delete(id);
    if (!queueValues) return;
    for (const a of node.attributes) {
      if (obj instanceof Variable && a.name === VARIABLE_VALUE_KEY) this.assignments.push({ variable: obj, key: a.checkpointKey });
      const saveable = saveables.get(a.name);
      if (saveable !== undefined) this.attributeRestores.push({ saveable, key: a.checkpointKey });
    }
  }

  /**
   * Bind node `id` to `obj` and the checkpoint's edges below it to the live ones, breadth-first;
   * an object already matched elsewhere keeps its first match. Edges with no live object yet
   * wait for one (`restoreDeferred`).
   */
  matchFrom(id: number, obj: object): void {
    const c = this.c, graph = c.graph;
    if (!c.bind(id, obj)) return;
    this.visit(id, obj);
    const queue = [id];
    while (queue.length > 0) {
      const parentId = queue.shift()!;
      const parent = c.objectByProtoId.get(parentId)!;
      const live = new Map(childrenOf(parent));
      for (const ref of graph.nodes[parentId]?.children ?? []) {
        if (ref.nodeId < 0 || ref.nodeId >= graph.nodes.length || c.objectByProtoId.has(ref.nodeId)) continue;
        const child = live.get(ref.localName);
        if (child === undefined) {
          const target = parent instanceof RootView ? parent.deferTarget(ref.localName) : parent;
          deferRestoration(target, ref.localName, (created) => new GraphMatch(c, this.reader).restoreCreated(ref.nodeId, created));
          continue;
        }
        if (!c.bind(ref.nodeId, child)) continue;
        this.visit(ref.nodeId, child);
        queue.push(ref.nodeId);
      }
    }
  }

  private restoreCreated(id: number, obj: object): void {
    const c = this.c;
    if (c.objectByProtoId.has(id)) return;
    const before = new Set(c.objectByProtoId.keys());
    try {
      this.matchFrom(id, obj);
      this.apply();
    } catch (e) {
      // Nothing was assigned: forget the matches so that a later object can take them.
      for (const nodeId of [...c.objectByProtoId.keys()]) if (!before.has(nodeId)) c.unbind(nodeId);
      throw e;
    }
  }

  /** Slot variables, once both the optimizer and the variable are matched; missing slots are created. */
  private slotCreations(): SlotCreation[] {
    const c = this.c, graph = c.graph;
    const creations: SlotCreation[] = [];
    for (const [id, obj] of [...c.objectByProtoId]) {
      if (!isSlotOptimizer(obj)) continue;
      for (const ref of graph.nodes[id]!.slotVariables) {
        const original = c.objectByProtoId.get(ref.originalVariableNodeId);
        if (!(original instanceof Variable) || c.objectByProtoId.has(ref.slotVariableNodeId)) continue;
        const slotNode = graph.nodes[ref.slotVariableNodeId];
        const key = slotNode === undefined ? undefined : variableValueKey(slotNode);
        const slotName = resolveSlotName(obj, ref.slotName);
        if (slotName === undefined || key === undefined) continue;
        const slot = obj.getSlot(original, slotName);
        if (slot !== undefined && slot !== null) {
          if (c.bind(ref.slotVariableNodeId, slot)) this.visit(ref.slotVariableNodeId, slot);
        } else if (typeof obj.build === "function" && original.dtype.kind === "float" && !original.isDisposed) {
          creations.push({ opt: obj, original, slotName, nodeId: ref.slotVariableNodeId, key });
        }
      }
    }
    return creations;
  }

  /** Check every value matched so far, then change state: slots, saveable attributes, variables. */
  apply(): void {
    const c = this.c;
    const creations = this.slotCreations();
    const { values, slotValues, attributeValues } = prepare(this.reader, this.assignments, creations, this.attributeRestores);
    creations.forEach((cr, i) => {
      if (cr.opt.getSlot(cr.original, cr.slotName) === undefined) cr.opt.build!([cr.original]);
      const slot = cr.opt.getSlot(cr.original, cr.slotName);
      if (slot === undefined || slot === null) return;
      if (c.bind(cr.nodeId, slot)) {
        this.visit(cr.nodeId, slot, false);
        slot.assign(slotValues[i]!, { readValue: false });
      }
    });
    this.attributeRestores.forEach((a, i) => a.saveable.restore(attributeValues[i]!));
    this.assignments.forEach((a, i) => a.variable.assign(values[i]!, { readValue: false }));
    this.assignments.length = 0;
    this.attributeRestores.length = 0;
  }
}

/** Object-based restore of `reader` into the graph rooted at `root`. */
function restoreObjectGraph(root: object, reader: CheckpointReader, graph: TrackableObjectGraph): RestoreCoordinator {
  const c = new RestoreCoordinator(graph, reader.prefix);
  const match = new GraphMatch(c, reader);
  match.matchFrom(0, root);
  match.apply();
  return c;
}

/** Name-based restore (a TF1 `tf.compat.v1.train.Saver` checkpoint): variables match keys by name. */
function restoreByName(root: object, reader: CheckpointReader): Set<Variable> {
  const assignments = liveVariables(root).filter((v) => reader.hasTensor(fullName(v))).map((v) => ({ variable: v, key: fullName(v) }));
  const { values } = prepare(reader, assignments, []);
  assignments.forEach((a, i) => a.variable.assign(values[i]!, { readValue: false }));
  return new Set(assignments.map((a) => a.variable));
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// tf.train.Checkpoint

/**
 * `tf.train.Checkpoint({ root, ...others })`: the graph's node 0 is `root` itself, with the
 * checkpoint's other objects and its save_counter attached as extra children (TensorFlow's
 * attached dependencies). Restores waiting for a child wait on the object that will get it.
 */
class RootView implements Trackable {
  constructor(
    readonly root: object, private readonly attached: () => [string, object][], private readonly checkpoint: object,
  ) {}
  [trackableChildren](): [string, object][] {
    const own = childrenOf(this.root);
    const names = new Set(own.map(([n]) => n));
    return [...own, ...this.attached().filter(([n]) => !names.has(n))];
  }
  /** Who will be assigned the missing child `localName`: the checkpoint (save_counter) or the root. */
  deferTarget(localName: string): object {
    return localName === "save_counter" ? this.checkpoint : this.root;
  }
  toString(): string { return describe(this.root); }
}

/** The objects a Checkpoint saves: variables, arrays, plain objects, optimizers, trackable objects. */
export type CheckpointObjects = Readonly<Record<string, unknown>>;

/**
 * `tf.train.Checkpoint`: `new tf.train.Checkpoint({ step, model, optimizer })` saves and
 * restores those objects and everything they reach (see `tf.train.trackableChildren` for
 * user classes). The objects are its dependencies under their keys (sorted, as TensorFlow
 * sorts keyword arguments), plus `save_counter` once created.
 */
export class Checkpoint<T extends CheckpointObjects = CheckpointObjects> implements Trackable {
  /** The objects given to the constructor. */
  readonly objects: Readonly<T>;
  private readonly sorted: [string, object][];
  private counter: Variable | null = null;
  /** The graph's root: this checkpoint, or the `root` object given (with the others attached to it). */
  private readonly graphRoot: object;

  constructor(objects: T = {} as T) {
    this.objects = objects;
    this.sorted = [];
    for (const k of Object.keys(objects).sort()) {
      const v = objects[k];
      if (!isTrackable(v)) {
        throw new ValueError(notTrackable(k, v));
      }
      if (k !== "root") this.sorted.push([k, v]);
    }
    const root = objects.root;
    this.graphRoot = root === undefined ? this : new RootView(root as object, () => this[trackableChildren](), this);
  }

  /** The checkpoint's dependencies: its objects by sorted key, then `save_counter` once created. */
  [trackableChildren](): [string, object][] {
    return this.counter === null ? [...this.sorted] : [...this.sorted, ["save_counter", this.counter]];
  }

  /** int64 variable, 0 until the first `save()`, which increments it and numbers the checkpoint with it. */
  get saveCounter(): Variable {
    if (this.counter === null) {
      this.counter = device("/device:CPU:0", () => new Variable(0n, { name: "save_counter", dtype: "int64", trainable: false }));
      // A save_counter read before the counter existed takes its value now.
      restoreDeferred(this, "save_counter", this.counter);
    }
    return this.counter;
  }

  /**
   * Write the checkpoint at `filePrefix` (its `.index` and `.data-00000-of-00001` files):
   * no numbering, no `checkpoint` state file. Returns `filePrefix`.
   */
  async write(filePrefix: string): Promise<string> {
    const { tensors } = serialize(this.graphRoot);
    await writeBundle(filePrefix, tensors);
    return filePrefix;
  }

  /**
   * Increment `saveCounter`, write the checkpoint `${filePrefix}-${saveCounter}`, and record
   * it in the directory's `checkpoint` state file. Returns the checkpoint's path.
   */
  async save(filePrefix: string): Promise<string> {
    const n = this.saveCounter.assignAdd(1n).numpy().item();
    const path = await this.write(`${filePrefix}-${String(n)}`);
    await updateCheckpointState(pyDirname(path), path, [path]);
    return path;
  }

  /**
   * Restore a checkpoint written by `write` (or `save`) into the existing objects: values
   * are matched through the checkpoint's object graph (by variable names for checkpoints
   * without one) and assigned in place. Every dtype and shape is checked before any
   * variable changes (InvalidArgumentError / ValueError, TensorFlow's messages).
   */
  async read(savePath: string): Promise<LoadStatus> {
    const reader = await loadCheckpoint(savePath);
    if (!reader.hasTensor(OBJECT_GRAPH_PROTO_KEY)) {
      const restored = restoreByName(this.graphRoot, reader);
      return new NameBasedSaverStatus(this.graphRoot, restored, new Set(this.counter === null ? [] : [this.counter]));
    }
    const bytes = reader.getTensor(OBJECT_GRAPH_PROTO_KEY).hostData();
    if (!Array.isArray(bytes) || bytes.length !== 1) {
      throw new ValueError(objectGraphNotStringScalar(savePath, OBJECT_GRAPH_PROTO_KEY));
    }
    const graph = decodeObjectGraph(bytes[0]!, objectGraphLabel(savePath, OBJECT_GRAPH_PROTO_KEY));
    const coordinator = restoreObjectGraph(this.graphRoot, reader, graph);
    return new CheckpointLoadStatus(coordinator, this.graphRoot);
  }

  /**
   * Restore a checkpoint written by `save` (as `read`, and `saveCounter` is restored too).
   * `savePath` may also be a SavedModel directory (its `variables/variables` is read);
   * `null` (no latest checkpoint) restores nothing and returns a status whose assertions fail.
   */
  async restore(savePath: string | null): Promise<LoadStatus> {
    // The counter exists before reading, so that it is restored with everything else.
    void this.saveCounter;
    if (savePath === null) return new InitializationOnlyStatus();
    let path = savePath;
    if (await isDirectory(path) && (await exists(pyJoin(path, "saved_model.pb")) || await exists(pyJoin(path, "saved_model.pbtxt")))) {
      path = pyJoin(pyJoin(path, "variables"), "variables");
    }
    let status: LoadStatus;
    try {
      status = await this.read(path);
    } catch (e) {
      if (e instanceof NotFoundError && !isRestoreOpMessage(e.message)) throw new NotFoundError(restoreNotFound(savePath, e.message));
      throw e;
    }
    return status;
  }
}
