// TensorFlow's TrackableObjectGraph proto (tensorflow/core/protobuf/trackable_object_graph.proto),
// which a checkpoint stores as the DT_STRING scalar `_CHECKPOINTABLE_OBJECT_GRAPH`: node 0 is the
// root, every node lists its children by local name, the tensors it saves (attributes) with
// their checkpoint keys, and (for optimizers) its slot variables. Encoded as proto3 does:
// default scalars are left out, fields in number order.
import { cEscape } from "./checkpoint_state.js";
import { DataLossError } from "../errors/errors.js";
import { damagedAt, wireFaults } from "../errors/io_messages.js";
import { objectGraphNodeLabel, slotNodeName, unnamedNode } from "../errors/train_messages.js";

/** An edge: `nodeId` is reached from its parent under `localName`. */
export interface ObjectReference { nodeId: number; localName: string }

/** A tensor an object saves: `name` ("VARIABLE_VALUE" for a variable) and its checkpoint key. */
export interface SerializedTensor {
  name: string;
  /** The variable's graph name (without `:0`), for name-based restores. */
  fullName: string;
  checkpointKey: string;
  optionalRestore?: boolean;
}

/** A slot variable an optimizer owns: slot `slotName` of node `originalVariableNodeId` is node `slotVariableNodeId`. */
export interface SlotVariableReference { originalVariableNodeId: number; slotName: string; slotVariableNodeId: number }

export interface RegisteredSaver { name: string; objectName: string }

export interface TrackableObject {
  children: ObjectReference[];
  attributes: SerializedTensor[];
  slotVariables: SlotVariableReference[];
  registeredSaver?: RegisteredSaver;
  /** Whether this node or a descendant holds values (absent in checkpoints of older TensorFlow). */
  hasCheckpointValues?: boolean;
}

export interface TrackableObjectGraph { nodes: TrackableObject[] }

/** The checkpoint key under which the object graph is stored. */
export const OBJECT_GRAPH_PROTO_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";

// ---------------------------------------------------------------------------------------
// A minimal protobuf writer

class Writer {
  private chunks: number[] = [];
  varint(v: number): this {
    let n = v;
    if (n < 0) {
      // int32 negatives are sign-extended to 10 bytes.
      let b = BigInt.asUintN(64, BigInt(n));
      while (b >= 0x80n) { this.chunks.push(Number(b & 0x7fn) | 0x80); b >>= 7n; }
      this.chunks.push(Number(b));
      return this;
    }
    while (n >= 0x80) { this.chunks.push((n % 0x80) | 0x80); n = Math.floor(n / 0x80); }
    this.chunks.push(n);
    return this;
  }
  tag(no: number, wire: number): this { return this.varint(no * 8 + wire); }
  bytes(no: number, b: Uint8Array): this {
    this.tag(no, 2).varint(b.length);
    for (const x of b) this.chunks.push(x);
    return this;
  }
  /** A proto3 string: left out when empty. */
  string(no: number, s: string): this { return s === "" ? this : this.bytes(no, new TextEncoder().encode(s)); }
  /** A proto3 int32/bool: left out when zero. */
  int(no: number, v: number): this { return v === 0 ? this : this.tag(no, 0).varint(v); }
  message(no: number, m: Uint8Array): this { return this.bytes(no, m); }
  finish(): Uint8Array { return Uint8Array.from(this.chunks); }
}

function encodeObject(o: TrackableObject): Uint8Array {
  const w = new Writer();
  for (const c of o.children) w.message(1, new Writer().int(1, c.nodeId).string(2, c.localName).finish());
  for (const a of o.attributes) {
    w.message(2, new Writer().string(1, a.name).string(2, a.fullName).string(3, a.checkpointKey)
      .int(4, a.optionalRestore === true ? 1 : 0).finish());
  }
  for (const s of o.slotVariables) {
    w.message(3, new Writer().int(1, s.originalVariableNodeId).string(2, s.slotName).int(3, s.slotVariableNodeId).finish());
  }
  if (o.registeredSaver !== undefined) {
    w.message(4, new Writer().string(1, o.registeredSaver.name).string(2, o.registeredSaver.objectName).finish());
  }
  if (o.hasCheckpointValues !== undefined) w.message(5, new Writer().int(1, o.hasCheckpointValues ? 1 : 0).finish());
  return w.finish();
}

/** The serialized proto, as TensorFlow's `SerializeToString` lays it out. */
export function encodeObjectGraph(g: TrackableObjectGraph): Uint8Array {
  const w = new Writer();
  for (const n of g.nodes) w.message(1, encodeObject(n));
  return w.finish();
}

// ---------------------------------------------------------------------------------------
// A minimal protobuf reader

type Field = { no: number; varint: bigint } | { no: number; bytes: Uint8Array } | { no: number; fixed: Uint8Array };

function* fields(b: Uint8Array, what: string): Generator<Field> {
  let pos = 0;
  const fail = (fault: string): never => { throw new DataLossError(damagedAt(what, fault, pos)); };
  const varint = (): bigint => {
    let v = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= b.length) fail(wireFaults.truncatedVarint);
      const c = b[pos++]!;
      v |= BigInt(c & 0x7f) << shift;
      if ((c & 0x80) === 0) return BigInt.asUintN(64, v);
    }
    return fail(wireFaults.varintTooLong);
  };
  const take = (n: number): Uint8Array => {
    if (n > b.length - pos) fail(wireFaults.truncated(n, b.length - pos));
    const out = b.subarray(pos, pos + n);
    pos += n;
    return out;
  };
  while (pos < b.length) {
    const tag = Number(varint());
    const no = Math.floor(tag / 8);
    switch (tag & 7) {
      case 0: yield { no, varint: varint() }; break;
      case 1: yield { no, fixed: take(8) }; break;
      case 2: yield { no, bytes: take(Number(varint())) }; break;
      case 5: yield { no, fixed: take(4) }; break;
      default: fail(wireFaults.unsupportedWireType(tag & 7));
    }
  }
}

const dec = new TextDecoder();
const int32 = (v: bigint): number => Number(BigInt.asIntN(32, v));

function decodeObject(b: Uint8Array, what: string): TrackableObject {
  const o: TrackableObject = { children: [], attributes: [], slotVariables: [] };
  for (const f of fields(b, what)) {
    if (!("bytes" in f)) continue;
    if (f.no === 1) {
      const r: ObjectReference = { nodeId: 0, localName: "" };
      for (const g of fields(f.bytes, what)) {
        if (g.no === 1 && "varint" in g) r.nodeId = int32(g.varint);
        else if (g.no === 2 && "bytes" in g) r.localName = dec.decode(g.bytes);
      }
      o.children.push(r);
    } else if (f.no === 2) {
      const t: SerializedTensor = { name: "", fullName: "", checkpointKey: "" };
      for (const g of fields(f.bytes, what)) {
        if ("bytes" in g) {
          if (g.no === 1) t.name = dec.decode(g.bytes);
          else if (g.no === 2) t.fullName = dec.decode(g.bytes);
          else if (g.no === 3) t.checkpointKey = dec.decode(g.bytes);
        } else if (g.no === 4 && "varint" in g) t.optionalRestore = g.varint !== 0n;
      }
      o.attributes.push(t);
    } else if (f.no === 3) {
      const s: SlotVariableReference = { originalVariableNodeId: 0, slotName: "", slotVariableNodeId: 0 };
      for (const g of fields(f.bytes, what)) {
        if (g.no === 1 && "varint" in g) s.originalVariableNodeId = int32(g.varint);
        else if (g.no === 2 && "bytes" in g) s.slotName = dec.decode(g.bytes);
        else if (g.no === 3 && "varint" in g) s.slotVariableNodeId = int32(g.varint);
      }
      o.slotVariables.push(s);
    } else if (f.no === 4) {
      const r: RegisteredSaver = { name: "", objectName: "" };
      for (const g of fields(f.bytes, what)) {
        if (g.no === 1 && "bytes" in g) r.name = dec.decode(g.bytes);
        else if (g.no === 2 && "bytes" in g) r.objectName = dec.decode(g.bytes);
      }
      o.registeredSaver = r;
    } else if (f.no === 5) {
      let v = false;
      for (const g of fields(f.bytes, what)) if (g.no === 1 && "varint" in g) v = g.varint !== 0n;
      o.hasCheckpointValues = v;
    }
  }
  return o;
}

/** Decode a serialized TrackableObjectGraph. */
export function decodeObjectGraph(bytes: Uint8Array, what = OBJECT_GRAPH_PROTO_KEY): TrackableObjectGraph {
  const g: TrackableObjectGraph = { nodes: [] };
  for (const f of fields(bytes, what)) {
    if (f.no === 1 && "bytes" in f) g.nodes.push(decodeObject(f.bytes, objectGraphNodeLabel(what, g.nodes.length)));
  }
  return g;
}

// ---------------------------------------------------------------------------------------
// Names (tensorflow/python/trackable/trackable_utils.py)

const ESCAPE = ".";
/** Marks the slot part of a slot variable's key: `<variable path>/.OPTIMIZER_SLOT/<optimizer path>/<slot>`. */
export const OPTIMIZER_SLOTS_NAME = `${ESCAPE}OPTIMIZER_SLOT`;
/** Separates an object's path from its attribute's name: `<path>/.ATTRIBUTES/<name>`. */
export const OBJECT_ATTRIBUTES_NAME = `${ESCAPE}ATTRIBUTES`;
/** The attribute name of a variable's value. */
export const VARIABLE_VALUE_KEY = "VARIABLE_VALUE";

/** TensorFlow's `escape_local_name`: `.` → `..`, `/` → `.S`. */
export function escapeLocalName(name: string): string {
  return name.replaceAll(ESCAPE, ESCAPE + ESCAPE).replaceAll("/", `${ESCAPE}S`);
}

/** The path of an object from the root's edge names: escaped names joined by `/`. */
export function objectPathToString(names: readonly string[]): string {
  return names.map(escapeLocalName).join("/");
}

/** `<object path>/.ATTRIBUTES/<escaped attribute name>`. */
export function checkpointKey(objectPath: string, localName: string): string {
  return `${objectPath}/${OBJECT_ATTRIBUTES_NAME}/${escapeLocalName(localName)}`;
}

/** `<variable path>/.OPTIMIZER_SLOT/<optimizer path>/<escaped slot name>`. */
export function slotVariableKey(variablePath: string, optimizerPath: string, slotName: string): string {
  return `${variablePath}/${OPTIMIZER_SLOTS_NAME}/${optimizerPath}/${escapeLocalName(slotName)}`;
}

// ---------------------------------------------------------------------------------------
// Text format (Python's `str(proto)`), as TensorFlow's assertion messages print nodes


/** A TrackableObject in protobuf text format, as Python prints `str(node)`. */
export function objectToText(o: TrackableObject): string {
  const lines: string[] = [];
  const block = (name: string, body: string[]): void => {
    lines.push(`${name} {`, ...body.map((l) => `  ${l}`), "}");
  };
  const str = (k: string, v: string): string[] => (v === "" ? [] : [`${k}: "${cEscape(v)}"`]);
  const int = (k: string, v: number): string[] => (v === 0 ? [] : [`${k}: ${v}`]);
  for (const c of o.children) block("children", [...int("node_id", c.nodeId), ...str("local_name", c.localName)]);
  for (const a of o.attributes) {
    block("attributes", [...str("name", a.name), ...str("full_name", a.fullName), ...str("checkpoint_key", a.checkpointKey),
      ...(a.optionalRestore === true ? ["optional_restore: true"] : [])]);
  }
  for (const s of o.slotVariables) {
    block("slot_variables", [...int("original_variable_node_id", s.originalVariableNodeId), ...str("slot_name", s.slotName),
      ...int("slot_variable_node_id", s.slotVariableNodeId)]);
  }
  if (o.registeredSaver !== undefined) {
    block("registered_saver", [...str("name", o.registeredSaver.name), ...str("object_name", o.registeredSaver.objectName)]);
  }
  if (o.hasCheckpointValues !== undefined) block("has_checkpoint_values", o.hasCheckpointValues ? ["value: true"] : []);
  return lines.map((l) => `${l}\n`).join("");
}

/**
 * TensorFlow's ObjectGraphProtoPrettyPrinter: `(root).model.dense.kernel` for every node
 * reachable from the root, and `<optimizer>'s state '<slot>' for <variable>` for slots.
 */
export function nodeNames(g: TrackableObjectGraph): Map<number, string> {
  const path = new Map<number, string[]>([[0, ["(root)"]]]);
  const queue = [0];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const c of g.nodes[id]?.children ?? []) {
      if (path.has(c.nodeId)) continue;
      path.set(c.nodeId, [...path.get(id)!, c.localName]);
      queue.push(c.nodeId);
    }
  }
  const names = new Map<number, string>();
  for (const [id, p] of path) names.set(id, p.join("."));
  g.nodes.forEach((n, id) => {
    for (const s of n.slotVariables) {
      names.set(s.slotVariableNodeId, slotNodeName(
        names.get(id) ?? unnamedNode(id), s.slotName, names.get(s.originalVariableNodeId) ?? unnamedNode(s.originalVariableNodeId)));
    }
  });
  return names;
}
