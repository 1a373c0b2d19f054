// Deterministic JSON: object keys sorted at every depth, so equal values always give equal text.

/**
 * Serialises `value` like `JSON.stringify`, with the keys of every object sorted, so two
 * requests that differ only in key order hash the same. `undefined` members are left out.
 *
 * @example
 * stableStringify({ b: 1, a: { d: 2, c: 3 } }) // '{"a":{"c":3,"d":2},"b":1}'
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) {
    let out = '['
    for (let index = 0; index < value.length; index++) {
      if (index > 0) out += ','
      out += value[index] === undefined ? 'null' : stableStringify(value[index])
    }
    return `${out}]`
  }
  const record = value as Record<string, unknown>
  const names = Object.keys(record).sort()
  let out = '{'
  let first = true
  for (const name of names) {
    const member = record[name]
    if (member === undefined) continue
    if (!first) out += ','
    first = false
    out += `${JSON.stringify(name)}:${stableStringify(member)}`
  }
  return `${out}}`
}
