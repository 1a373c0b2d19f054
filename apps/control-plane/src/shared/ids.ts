// Identifiers: ULIDs (sortable by creation), prefixed by kind except virtual keys, whose id is the bare ULID inside the key.
import { monotonicFactory } from 'ulid'

const nextUlid = monotonicFactory()

/** Kinds of prefixed identifiers. */
export type IdPrefix = 'org' | 'team' | 'proj' | 'prn' | 'mp' | 'gr' | 'bud' | 'rp'

/**
 * A new ULID at `nowMs` (monotonic within one millisecond).
 *
 * @example
 * newUlid(Date.now()) // '01J9ZK3V7Q8R2W5X6Y7Z8A9B0C'
 */
export function newUlid(nowMs: number): string {
  return nextUlid(nowMs)
}

/**
 * A new prefixed id, e.g. `org_01J9ZK…`.
 *
 * @example
 * newId('proj', Date.now())
 */
export function newId(prefix: IdPrefix, nowMs: number): string {
  return `${prefix}_${nextUlid(nowMs)}`
}
