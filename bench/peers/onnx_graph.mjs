// Tiny ONNX models built in code: a minimal protobuf writer for the few ModelProto fields a
// one-node graph needs (onnx.proto3: ModelProto, GraphProto, NodeProto, ValueInfoProto,
// TypeProto.Tensor, TensorShapeProto, AttributeProto, OperatorSetIdProto).

/** ONNX TensorProto.DataType codes. */
export const ONNX_TYPE = { float32: 1, int32: 6, int64: 7, float64: 11 };

const enc = new TextEncoder();

function varint(out, value) {
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n; // two's complement for negative int64
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
}
const tag = (out, field, wire) => varint(out, (field << 3) | wire);
function intField(out, field, value) { tag(out, field, 0); varint(out, value); }
function bytesField(out, field, bytes) { tag(out, field, 2); varint(out, bytes.length); for (const b of bytes) out.push(b); }
const strField = (out, field, s) => bytesField(out, field, enc.encode(s));
function msg(build) { const out = []; build(out); return out; }

function valueInfo(name, dtype, shape) {
  return msg((vi) => {
    strField(vi, 1, name);
    bytesField(vi, 2, msg((type) => bytesField(type, 1, msg((tensor) => {
      intField(tensor, 1, ONNX_TYPE[dtype]);
      bytesField(tensor, 2, msg((shp) => {
        for (const d of shape) bytesField(shp, 1, msg((dim) => intField(dim, 1, d)));
      }));
    }))));
  });
}

/** AttributeProto of type INT (2) or INTS (7). */
function attribute(name, value) {
  return msg((a) => {
    strField(a, 1, name);
    if (Array.isArray(value)) { for (const v of value) intField(a, 8, v); intField(a, 20, 7); }
    else { intField(a, 3, value); intField(a, 20, 2); }
  });
}

/**
 * Serialized ModelProto of one node: `op(inputs) -> outputs` with the given attributes.
 * inputs/outputs: [{ name, dtype, shape }]. Opset 17 (ReduceSum takes its axes as an input).
 */
export function oneNodeModel(op, inputs, outputs, attrs = {}, opset = 17) {
  const node = msg((n) => {
    for (const i of inputs) strField(n, 1, i.name);
    for (const o of outputs) strField(n, 2, o.name);
    strField(n, 3, `${op}_0`);
    strField(n, 4, op);
    for (const [k, v] of Object.entries(attrs)) bytesField(n, 5, attribute(k, v));
  });
  const graph = msg((g) => {
    bytesField(g, 1, node);
    strField(g, 2, `tsflow_bench_${op}`);
    for (const i of inputs) bytesField(g, 11, valueInfo(i.name, i.dtype, i.shape));
    for (const o of outputs) bytesField(g, 12, valueInfo(o.name, o.dtype, o.shape));
  });
  return Uint8Array.from(msg((m) => {
    intField(m, 1, 8); // ir_version 8
    strField(m, 2, "tsflow-bench");
    bytesField(m, 7, graph);
    bytesField(m, 8, msg((os) => { strField(os, 1, ""); intField(os, 2, opset); }));
  }));
}
