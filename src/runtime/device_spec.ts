// TensorFlow device names: parsing every form `tf.device` accepts, merging nested specs and
// writing the canonical full name.
import { ValueError } from "../errors/errors.js";
import { invalidIntLiteral, multipleDeviceTypes, unknownDeviceSpecAttribute } from "../errors/device_spec_messages.js";

export interface DeviceSpec {
  readonly job?: string;
  readonly replica?: number;
  readonly task?: number;
  /** Upper-case device type (`CPU`, `GPU`). */
  readonly deviceType?: string;
  readonly deviceIndex?: number;
}

const KNOWN_TYPES = new Set(["CPU", "GPU", "TPU"]);

/** Python's int() of a spec field, with its error for anything else. */
function parseIndex(text: string): number | undefined {
  if (text === "*") return undefined;
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new ValueError(invalidIntLiteral(text));
  return Number(text);
}

// Parsed specs by text: optimizers enter `tf.device(v.device)` for every variable on every step.
// Specs are immutable, so one parse serves every caller; the cache is emptied when it grows large.
const parsedSpecs = new Map<string, DeviceSpec>();
const MAX_PARSED_SPECS = 256;

/** Parse `CPU:0`, `/cpu:0`, `/device:GPU:1`, `/job:localhost/replica:0/task:0/device:CPU:0`, `GPU`, … */
export function parseDeviceSpec(spec: string): DeviceSpec {
  let parsed = parsedSpecs.get(spec);
  if (parsed === undefined) {
    parsed = Object.freeze(parseUncached(spec));
    if (parsedSpecs.size >= MAX_PARSED_SPECS) parsedSpecs.clear();
    parsedSpecs.set(spec, parsed);
  }
  return parsed;
}

function parseUncached(spec: string): DeviceSpec {
  let job: string | undefined, replica: number | undefined, task: number | undefined;
  let deviceType: string | undefined, deviceIndex: number | undefined;
  const setType = (t: string, index: string | undefined) => {
    if (deviceType !== undefined) throw new ValueError(multipleDeviceTypes(spec));
    deviceType = t.toUpperCase();
    if (index !== undefined) deviceIndex = parseIndex(index);
  };
  for (const part of spec.split("/")) {
    if (part === "") continue;
    const y = part.split(":");
    if (y.length === 2 && y[0] === "job") job = y[1];
    else if (y.length === 2 && y[0] === "replica") replica = parseIndex(y[1]!);
    else if (y.length === 2 && y[0] === "task") task = parseIndex(y[1]!);
    else if ((y.length === 1 || y.length === 2) && KNOWN_TYPES.has(y[0]!.toUpperCase())) setType(y[0]!, y[1]);
    else if (y.length === 3 && y[0] === "device") setType(y[1]!, y[2]);
    else throw new ValueError(unknownDeviceSpecAttribute(y[0]!, spec));
  }
  return { job, replica, task, deviceType, deviceIndex };
}

/** TensorFlow's DeviceSpec.make_merged_spec: each field the inner spec names overrides the outer's. */
export function mergeDeviceSpecs(outer: DeviceSpec, inner: DeviceSpec): DeviceSpec {
  return {
    job: inner.job ?? outer.job,
    replica: inner.replica ?? outer.replica,
    task: inner.task ?? outer.task,
    deviceType: inner.deviceType ?? outer.deviceType,
    deviceIndex: inner.deviceIndex ?? outer.deviceIndex,
  };
}

/** `/job:localhost/replica:0/task:0/device:CPU:0`, with `*` for unspecified fields. */
export function deviceSpecToString(s: DeviceSpec): string {
  let out = "";
  if (s.job !== undefined) out += `/job:${s.job}`;
  if (s.replica !== undefined) out += `/replica:${s.replica}`;
  if (s.task !== undefined) out += `/task:${s.task}`;
  if (s.deviceType !== undefined) out += `/device:${s.deviceType}:${s.deviceIndex ?? "*"}`;
  return out;
}

/** Canonical full name of a local device. */
export function fullDeviceName(deviceType: string, index: number): string {
  return `/job:localhost/replica:0/task:0/device:${deviceType}:${index}`;
}
