// Node's util.inspect hook, by its registered symbol so that browsers need no `util`.
export const inspectSymbol: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;
