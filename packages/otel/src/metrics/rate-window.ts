// Counts events per second in a small ring of one-second buckets to report a smoothed rate.

/** Options of {@link createRateWindow}. */
export interface RateWindowOptions {
  /** Seconds averaged over. Default 10. */
  windowSeconds?: number
  /** Clock in milliseconds. Default `performance.now`. */
  now?: () => number
}

/** A sliding-window event rate. */
export interface RateWindow {
  /** Counts one event at `atMs` (default: now). Constant time, no allocation. */
  record(atMs?: number): void
  /** Events per second over the last `windowSeconds` whole seconds (the current one excluded). */
  rate(atMs?: number): number
}

/**
 * Creates a per-second rate over a sliding window. Recording touches one bucket; reading sums
 * the buckets, so the cost of a scrape does not grow with traffic.
 *
 * @example
 * const window = createRateWindow({ windowSeconds: 10 })
 * window.record()
 * window.rate() // requests per second over the last 10 s
 */
export function createRateWindow({
  windowSeconds = 10,
  now = () => performance.now(),
}: RateWindowOptions = {}): RateWindow {
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError(`createRateWindow: windowSeconds must be a positive integer, got ${windowSeconds}`)
  }
  // One spare bucket holds the second in progress, which the rate leaves out (it is partial).
  const size = windowSeconds + 1
  const seconds = new Float64Array(size).fill(-1)
  const counts = new Uint32Array(size)

  return {
    record(atMs = now()) {
      const second = Math.floor(atMs / 1000)
      const index = second % size
      if (seconds[index] !== second) {
        seconds[index] = second
        counts[index] = 0
      }
      counts[index]! += 1
    },
    rate(atMs = now()) {
      const current = Math.floor(atMs / 1000)
      let total = 0
      for (let index = 0; index < size; index++) {
        const second = seconds[index]!
        if (second < current && second >= current - windowSeconds) total += counts[index]!
      }
      return total / windowSeconds
    },
  }
}
