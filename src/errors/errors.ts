// TensorFlow's exception classes. ValueError and TypeError are Python built-ins that
// TensorFlow raises for bad arguments; the others are tf.errors.OpError subclasses with
// TensorFlow's canonical error codes. `err.name` is always the class name.

/** Python's ValueError: an argument has the right type but a wrong value. */
export class ValueError extends Error {
  constructor(message: string) { super(message); this.name = "ValueError"; }
}

/** Python's TypeError (a subclass of JavaScript's, so `instanceof TypeError` also holds). */
export class TypeError extends globalThis.TypeError {
  constructor(message: string) { super(message); this.name = "TypeError"; }
}

/** Python's RuntimeError. */
export class RuntimeError extends Error {
  constructor(message: string) { super(message); this.name = "RuntimeError"; }
}

/** Python's NotImplementedError. */
export class NotImplementedError extends Error {
  constructor(message: string) { super(message); this.name = "NotImplementedError"; }
}

/** Python's AttributeError: e.g. `assign` on what a boolean-mask subscript of a variable returns. */
export class AttributeError extends Error {
  constructor(message: string) { super(message); this.name = "AttributeError"; }
}

/** Python's AssertionError: raised by checkpoint load statuses' `assert*` methods. */
export class AssertionError extends Error {
  constructor(message: string) { super(message); this.name = "AssertionError"; }
}

/** tf.errors.OpError: the base of errors raised while running an op. */
export class OpError extends Error {
  /** TensorFlow's canonical error code (error_codes.proto). */
  readonly errorCode: number;
  constructor(message: string, errorCode: number) {
    super(message);
    this.name = "OpError";
    this.errorCode = errorCode;
  }
}

function opError(name: string, code: number) {
  const cls = class extends OpError {
    constructor(message: string) { super(message, code); this.name = name; }
  };
  Object.defineProperty(cls, "name", { value: name });
  return cls;
}

export const CancelledError = opError("CancelledError", 1);
export type CancelledError = InstanceType<typeof CancelledError>;
export const UnknownError = opError("UnknownError", 2);
export type UnknownError = InstanceType<typeof UnknownError>;
export const InvalidArgumentError = opError("InvalidArgumentError", 3);
export type InvalidArgumentError = InstanceType<typeof InvalidArgumentError>;
export const DeadlineExceededError = opError("DeadlineExceededError", 4);
export type DeadlineExceededError = InstanceType<typeof DeadlineExceededError>;
export const NotFoundError = opError("NotFoundError", 5);
export type NotFoundError = InstanceType<typeof NotFoundError>;
export const AlreadyExistsError = opError("AlreadyExistsError", 6);
export type AlreadyExistsError = InstanceType<typeof AlreadyExistsError>;
export const PermissionDeniedError = opError("PermissionDeniedError", 7);
export type PermissionDeniedError = InstanceType<typeof PermissionDeniedError>;
export const ResourceExhaustedError = opError("ResourceExhaustedError", 8);
export type ResourceExhaustedError = InstanceType<typeof ResourceExhaustedError>;
export const FailedPreconditionError = opError("FailedPreconditionError", 9);
export type FailedPreconditionError = InstanceType<typeof FailedPreconditionError>;
export const AbortedError = opError("AbortedError", 10);
export type AbortedError = InstanceType<typeof AbortedError>;
export const OutOfRangeError = opError("OutOfRangeError", 11);
export type OutOfRangeError = InstanceType<typeof OutOfRangeError>;
export const UnimplementedError = opError("UnimplementedError", 12);
export type UnimplementedError = InstanceType<typeof UnimplementedError>;
export const InternalError = opError("InternalError", 13);
export type InternalError = InstanceType<typeof InternalError>;
export const UnavailableError = opError("UnavailableError", 14);
export type UnavailableError = InstanceType<typeof UnavailableError>;
export const DataLossError = opError("DataLossError", 15);
export type DataLossError = InstanceType<typeof DataLossError>;
export const UnauthenticatedError = opError("UnauthenticatedError", 16);
export type UnauthenticatedError = InstanceType<typeof UnauthenticatedError>;
