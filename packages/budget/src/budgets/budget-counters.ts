// In-process bucket counters: confirmed spend per window plus reservations in flight, bounded in number.
import { type BudgetWindow, windowEndMs, windowStartMs } from '../windows/budget-window.js'

/** One budget bucket's counts in micro-USD for its current window. */
export interface BucketCounter {
  windowStartMs: number
  windowEndMs: number
  /** Spend confirmed in the current window. */
  spentMicroUsd: number
  /** Estimates reserved by requests in flight (kept across a rollover: they settle in the new window). */
  reservedMicroUsd: number
}

/** Options for {@link createBudgetCounters}. */
export interface BudgetCountersOptions {
  /** Most buckets kept; the oldest is dropped past it. Default 100,000. */
  maxBuckets?: number
}

/** The counters of every bucket this process enforces. */
export interface BudgetCounters {
  /** The bucket's counter, rolled to the window containing `nowMs` (spend zeroed on rollover). */
  bucket(key: string, window: BudgetWindow, nowMs: number): BucketCounter
  /** Whether the bucket is held (seen since it was last evicted). */
  has(key: string): boolean
  readonly size: number
}

/**
 * Rolls `counter` forward when `nowMs` has left its window: a new window starts with no spend,
 * by timestamp alone (no timer, no config event needed to unblock a key).
 *
 * @example
 * rollCounter(counter, 'day', Date.now())
 */
export function rollCounter(counter: BucketCounter, window: BudgetWindow, nowMs: number): BucketCounter {
  if (nowMs >= counter.windowEndMs || nowMs < counter.windowStartMs) {
    counter.windowStartMs = windowStartMs(window, nowMs)
    counter.windowEndMs = windowEndMs(window, counter.windowStartMs)
    counter.spentMicroUsd = 0
  }
  return counter
}

/**
 * Creates the in-process counters. Single-threaded JavaScript makes check-then-reserve over
 * several counters atomic as long as it runs without an `await` in between.
 *
 * @example
 * const counters = createBudgetCounters({ maxBuckets: 10_000 })
 * counters.bucket('bud_1|month', 'month', Date.now()).spentMicroUsd
 */
export function createBudgetCounters(options: BudgetCountersOptions = {}): BudgetCounters {
  const maxBuckets = options.maxBuckets ?? 100_000
  if (!Number.isInteger(maxBuckets) || maxBuckets < 1)
    throw new RangeError('maxBuckets must be a positive integer')
  const buckets = new Map<string, BucketCounter>()
  return {
    bucket(key, window, nowMs) {
      const found = buckets.get(key)
      if (found !== undefined) return rollCounter(found, window, nowMs)
      if (buckets.size >= maxBuckets) buckets.delete(buckets.keys().next().value as string)
      const start = windowStartMs(window, nowMs)
      const created = {
        windowStartMs: start,
        windowEndMs: windowEndMs(window, start),
        spentMicroUsd: 0,
        reservedMicroUsd: 0,
      }
      buckets.set(key, created)
      return created
    },
    has(key) {
      return buckets.has(key)
    },
    get size() {
      return buckets.size
    },
  }
}
