// Recursively freezes plain objects and arrays, and the matching read-only type.

/** `T` with every nested property and array element read-only. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer Item)[]
    ? readonly DeepReadonly<Item>[]
    : T extends object
      ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
      : T

/**
 * Freezes `value` and everything reachable from it, then returns it.
 *
 * @example
 * const config = deepFreeze({ server: { ports: [1, 2] } })
 * Object.isFrozen(config.server.ports) // true
 */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value as DeepReadonly<T>
}
