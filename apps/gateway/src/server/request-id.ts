// Request ids: keep a sane client X-Request-Id, otherwise mint a monotonic ULID-based one.
import { randomFillSync } from 'node:crypto'
import { monotonicFactory } from 'ulid'

const saneRequestId = /^[A-Za-z0-9._:-]{1,128}$/

/**
 * Returns the client's `X-Request-Id` when it is 1–128 characters of `[A-Za-z0-9._:-]`
 * (safe to echo in headers and logs), else undefined.
 *
 * @example
 * acceptRequestId('abc-123') // 'abc-123'
 * acceptRequestId('a b') // undefined
 */
export function acceptRequestId(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && saneRequestId.test(header) ? header : undefined
}

/**
 * Creates a generator of `req_<ULID>` ids, sortable by time and strictly increasing within
 * one process (the ULID factory is built once; ids in the same millisecond increment).
 *
 * @example
 * const nextRequestId = createRequestIdGenerator()
 * nextRequestId() // 'req_01JD3M5Q8W7F0T4ZK1A2B3C4D5'
 */
export function createRequestIdGenerator(): () => string {
  const nextUlid = monotonicFactory(createPooledRandom())
  return () => `req_${nextUlid()}`
}

/**
 * ulid's default source asks the OS for one byte per character (16 calls per new
 * millisecond), which showed up at ~5 % of the gateway's CPU under load; this refills a pool.
 */
function createPooledRandom(poolSize = 4096): () => number {
  const pool = new Uint8Array(poolSize)
  let next = poolSize
  return () => {
    if (next === poolSize) {
      randomFillSync(pool)
      next = 0
    }
    return pool[next++]! / 256
  }
}
