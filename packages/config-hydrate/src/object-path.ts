// Reads and writes values at a key path inside nested plain objects.

/** The value at `path`, or undefined when any step is missing. */
export function readAtPath(root: object, path: readonly string[]): unknown {
  let node: unknown = root
  for (const key of path) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined
  }
  return node
}

/** Sets the value at `path`, creating missing parent objects. */
export function writeAtPath(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = root
  for (const key of path.slice(0, -1)) {
    node[key] ??= {}
    node = node[key] as Record<string, unknown>
  }
  node[path[path.length - 1] as string] = value
}
