// Native elementwise, reduction, arg-reduction and cast kernels (registered over the
// TypeScript reference kernels).

/** The addon's elementwise functions. */
export interface NativeElementwise {}
