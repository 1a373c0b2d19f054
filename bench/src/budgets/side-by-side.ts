// Budgets on vs off with two gateways at once on the gateway core: both sides see the same host, the same ledger ingest.
import { readCpuMicros } from '../e2e/proc-stats.js'
import { median } from '../shared/stats.js'
import type { Child } from './budget-stack.js'
import { closedLoop, constantRate, createPool } from './load.js'

/** One slice: each gateway's CPU per request, and which one served the budgeted key. */
export interface SideBySideSlice {
  /** µs per request of the gateway serving the budgeted key in this slice. */
  onMicros: number
  /** µs per request of the gateway serving the key without budgets. */
  offMicros: number
  /** Index (0 or 1) of the gateway that served the budgeted key. */
  onGateway: number
}

/** Options of {@link measureSideBySide}. */
export interface SideBySideOptions {
  keys: { off: string; on: string }
  /** Requests per second sent to each gateway. */
  rate: number
  slices: number
  sliceSeconds: number
}

/**
 * Runs two gateway processes at once at `rate` each: one serves the budgeted key, the other the
 * key without budgets, and they swap roles every slice. Both sides share the core, the control
 * plane's ingest and every slow second of the host, so the per-slice ratio holds the budgets'
 * cost alone (one process's own luck, a few per cent, cancels over the swaps).
 *
 * @example
 * const slices = await measureSideBySide([a, b], { keys: stack.keys, rate: 1000, slices: 10, sliceSeconds: 3 })
 */
export async function measureSideBySide(
  gateways: readonly [Child, Child],
  options: SideBySideOptions,
): Promise<SideBySideSlice[]> {
  const pools = gateways.map((gateway) => createPool(gateway.url))
  try {
    // Warm-up: both keys through both processes, then one unmeasured slice at the rate.
    for (const pool of pools) {
      await closedLoop(pool, options.keys.off, 3_000, 16)
      await closedLoop(pool, options.keys.on, 3_000, 16)
    }
    await Promise.all(
      pools.map((pool, index) =>
        constantRate(pool, index === 0 ? options.keys.on : options.keys.off, options.rate, 1),
      ),
    )
    const slices: SideBySideSlice[] = []
    for (let slice = 0; slice < options.slices; slice += 1) {
      const onGateway = slice % 2
      const before = gateways.map((gateway) => readCpuMicros(gateway.pid))
      const counts = await Promise.all(
        pools.map((pool, index) =>
          constantRate(
            pool,
            index === onGateway ? options.keys.on : options.keys.off,
            options.rate,
            options.sliceSeconds,
          ).then((result) => result.latenciesMs.length),
        ),
      )
      const micros = gateways.map(
        (gateway, index) =>
          (readCpuMicros(gateway.pid) - (before[index] as number)) / (counts[index] as number),
      )
      slices.push({
        onMicros: micros[onGateway] as number,
        offMicros: micros[1 - onGateway] as number,
        onGateway,
      })
    }
    return slices
  } finally {
    for (const pool of pools) await pool.close()
  }
}

/** One governed configuration measured side by side against the key without budgets. */
export interface SideBySideRow {
  /** What the budgeted key carries, e.g. `one budget only`. */
  label: string
  slices: readonly SideBySideSlice[]
}

/**
 * The section's lines: per configuration, the median per-slice ratio (budgeted ÷ not) and the
 * medians of each side, then every slice.
 *
 * @example
 * renderSideBySide([{ label: 'one budget only', slices: [{ onMicros: 110, offMicros: 100, onGateway: 0 }] }], 1000, 3)
 */
export function renderSideBySide(
  rows: readonly SideBySideRow[],
  rate: number,
  sliceSeconds: number,
): string[] {
  const measured = rows.filter((row) => row.slices.length > 0)
  if (measured.length === 0) return []
  const fmt = (value: number, digits = 1) => value.toFixed(digits)
  const ratio = (slices: readonly SideBySideSlice[]) =>
    median(slices.map((slice) => slice.onMicros / slice.offMicros))
  const side = (slices: readonly SideBySideSlice[], pick: (slice: SideBySideSlice) => number) =>
    fmt(median(slices.map(pick)))
  return [
    `| two gateways at once on the gateway core, ${rate} req/s each, roles swapped every ${sliceSeconds} s (${measured[0]!.slices.length} slices per row) | budgets off, µs per request (median) | budgets on, µs per request (median) | on ÷ off (median of the slices' ratios) |`,
    '|---|---|---|---|',
    ...measured.map(
      (row) =>
        `| ${row.label} | ${side(row.slices, (slice) => slice.offMicros)} | ${side(row.slices, (slice) => slice.onMicros)} | ${fmt(ratio(row.slices), 3)}× |`,
    ),
    '',
    ...measured.map(
      (row) =>
        `Side-by-side slices, ${row.label} (on / off µs, the budgeted key on gateway #): ${row.slices.map((slice) => `${fmt(slice.onMicros)} / ${fmt(slice.offMicros)} (#${slice.onGateway + 1})`).join(', ')}.`,
    ),
  ]
}
