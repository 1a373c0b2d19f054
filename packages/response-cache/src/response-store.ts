// The interface every response store implements (in process, Redis).
import type { CachedResponse } from './cached-response.js'

/** Where entries live. Lookups may be async (Redis); a failing store answers a miss. */
export interface ResponseStore {
  /** The live entry under `key`, or undefined. */
  get(key: string): Promise<CachedResponse | undefined> | CachedResponse | undefined
  /** Stores `entry` under `key` for `ttlMs`. */
  set(key: string, entry: CachedResponse, ttlMs: number): Promise<void> | void
  /** Releases connections. */
  close(): Promise<void> | void
}
