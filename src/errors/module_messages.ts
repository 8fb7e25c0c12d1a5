// Texts of tf.Module's errors (tensorflow/python/module/module.py). Values Python would quote
// come preformatted (Python reprs).

/** A name that is not a Python identifier; `nameRepr` is its Python repr (`'my module'`). */
export function invalidModuleName(nameRepr: string): string {
  return `${nameRepr} is not a valid module name. Module names must be valid Python identifiers (e.g. a valid class name).`;
}

/** A non-string name (Python's re.match raises on it). */
export function moduleNameNotString(typeName: string): string {
  return `expected string or bytes-like object, got '${typeName}'`;
}
