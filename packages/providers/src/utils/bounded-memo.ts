// A string-keyed memo that forgets everything once full: cheap on the hot path, bounded under a flood.

/**
 * `compute(key)` remembered per key, for at most `max` distinct keys; the next new key empties
 * the memo and starts over (no LRU bookkeeping per lookup: the keys it serves, model names,
 * routes, provider ids, repeat far more often than that). A `compute` that throws is not
 * remembered, so the next call throws again.
 *
 * @example
 * const quoted = boundedMemo(512, (value) => JSON.stringify(value))
 * quoted('gpt-4o') // '"gpt-4o"', computed once
 */
export function boundedMemo<T>(max: number, compute: (key: string) => T): (key: string) => T {
  if (!(max >= 1)) throw new RangeError('boundedMemo: max must be at least 1')
  const memo = new Map<string, T>()
  return (key) => {
    const known = memo.get(key)
    if (known !== undefined || memo.has(key)) return known as T
    const value = compute(key)
    if (memo.size >= max) memo.clear()
    memo.set(key, value)
    return value
  }
}
