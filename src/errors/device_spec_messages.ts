// Messages raised while parsing device names (src/runtime/device_spec.ts): TensorFlow's
// DeviceSpec.from_string texts, and Python's int() text for a non-numeric index.

/** Python's int() of text that is not a base-10 integer. */
export function invalidIntLiteral(text: string): string {
  return `invalid literal for int() with base 10: '${text}'`;
}

/** A device spec naming two device types (`/cpu:0/gpu:0`). */
export function multipleDeviceTypes(spec: string): string {
  return `Multiple device types are not allowed while parsing the device spec: ${spec}.`;
}

/** A device spec part that is no known field (`/foo:1`). */
export function unknownDeviceSpecAttribute(attribute: string, spec: string): string {
  return `Unknown attribute '${attribute}' is encountered while parsing the device spec: '${spec}'.`;
}
