// Order statistics for benchmark samples: nearest-rank percentiles and one summary shape.

/** A summary of latency-like samples, in the samples' own unit. */
export interface SampleSummary {
  count: number
  mean: number
  p50: number
  p90: number
  p99: number
  max: number
}

/**
 * Nearest-rank percentile of an ascending array (`p` in 0–100). NaN when empty.
 *
 * @example
 * percentile([1, 2, 3, 4], 50) // 2
 */
export function percentile(sortedAscending: ArrayLike<number>, p: number): number {
  const n = sortedAscending.length
  if (n === 0) return Number.NaN
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * n)
  return sortedAscending[Math.max(rank, 1) - 1] as number
}

/**
 * Sorts a copy of `samples` and summarises it. All fields are NaN when empty.
 *
 * @example
 * summarize([3, 1, 2]).p50 // 2
 */
export function summarize(samples: ArrayLike<number>): SampleSummary {
  const sorted = Float64Array.from(samples).sort()
  let total = 0
  for (const value of sorted) total += value
  const count = sorted.length
  return {
    count,
    mean: count === 0 ? Number.NaN : total / count,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: count === 0 ? Number.NaN : (sorted[count - 1] as number),
  }
}

/**
 * Median of a few repeated measurements (start-up runs and the like). NaN when empty.
 *
 * @example
 * median([5, 1, 3]) // 3
 */
export function median(values: readonly number[]): number {
  return percentile(Float64Array.from(values).sort(), 50)
}
