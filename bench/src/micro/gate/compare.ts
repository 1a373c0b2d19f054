// The CI gate's verdicts: each microbenchmark's time as a ratio to a reference operation of the
// same run, compared with the committed baseline ratio; more than `limit`× the baseline fails.

/** The committed baseline (bench/micro-baseline.json). */
export interface GateBaseline {
  /** What the ratios are relative to (the reference operation's description). */
  reference: string
  /** When and where it was recorded, for the reader. */
  recorded: string
  /** Benchmark name → its median time ÷ the reference's median time. */
  ratios: Record<string, number>
}

/** One benchmark of this run: its ratio to the reference, or why there is none. */
export type GateMeasurement = { name: string; ratio: number } | { name: string; skipped: string }

/** The verdict on one benchmark. */
export interface GateRow {
  name: string
  status: 'ok' | 'regressed' | 'new, not gated' | 'skipped' | 'not in this run'
  ratio?: number
  baselineRatio?: number
  /** ratio ÷ baselineRatio. */
  factor?: number
  detail?: string
}

/** Every row and the names of the benchmarks that fail the gate. */
export interface GateResult {
  rows: GateRow[]
  failed: string[]
}

/**
 * Compares a run with the baseline: a benchmark fails when its ratio exceeds `limit` × its
 * baseline ratio. A benchmark absent from the baseline is "new, not gated"; a skipped one, or a
 * baseline entry this run did not measure, is reported and does not fail.
 *
 * @example
 * const result = compareWithBaseline([{ name: 'hashKey', ratio: 0.4 }], baseline, 2)
 * if (result.failed.length > 0) process.exitCode = 1
 */
export function compareWithBaseline(
  measurements: readonly GateMeasurement[],
  baseline: GateBaseline,
  limit: number,
): GateResult {
  const rows: GateRow[] = []
  const seen = new Set<string>()
  for (const measurement of measurements) {
    seen.add(measurement.name)
    const baselineRatio = Object.hasOwn(baseline.ratios, measurement.name)
      ? baseline.ratios[measurement.name]
      : undefined
    if ('skipped' in measurement) {
      rows.push({ name: measurement.name, status: 'skipped', baselineRatio, detail: measurement.skipped })
      continue
    }
    const { name, ratio } = measurement
    if (baselineRatio === undefined || !(baselineRatio > 0)) {
      rows.push({ name, status: 'new, not gated', ratio })
      continue
    }
    const factor = ratio / baselineRatio
    rows.push({ name, status: factor > limit ? 'regressed' : 'ok', ratio, baselineRatio, factor })
  }
  for (const [name, baselineRatio] of Object.entries(baseline.ratios)) {
    if (!seen.has(name)) rows.push({ name, status: 'not in this run', baselineRatio })
  }
  return { rows, failed: rows.filter((row) => row.status === 'regressed').map((row) => row.name) }
}

/**
 * A new baseline from this run's ratios; benchmarks skipped in this run keep their previous
 * ratio, so refreshing on a machine that lacks a tool does not drop them from the gate. With
 * `partial` (a `--filter` run) every previous entry this run did not measure is kept too, and
 * `recorded` says which names were re-recorded when; a full update drops names no benchmark has.
 *
 * @example
 * writeFileSync(file, `${JSON.stringify(updateBaseline(measurements, previous, reference, recorded), null, 2)}\n`)
 */
export function updateBaseline(
  measurements: readonly GateMeasurement[],
  previous: GateBaseline | undefined,
  reference: string,
  recorded: string,
  options: { partial?: boolean } = {},
): GateBaseline {
  const partial = options.partial === true && previous !== undefined
  const ratios: Record<string, number> = partial ? { ...previous.ratios } : {}
  const measured: string[] = []
  for (const measurement of measurements) {
    if ('ratio' in measurement) {
      ratios[measurement.name] = roundRatio(measurement.ratio)
      measured.push(measurement.name)
    } else if (previous !== undefined && Object.hasOwn(previous.ratios, measurement.name)) {
      ratios[measurement.name] = previous.ratios[measurement.name] as number
    }
  }
  if (!partial) return { reference, recorded, ratios }
  if (previous.reference !== reference) {
    throw new Error(
      'the reference operation changed since the baseline was recorded: re-record every benchmark (no --filter)',
    )
  }
  const note = measured.length === 0 ? '' : `; ${measured.join(', ')} re-recorded ${recorded}`
  return { reference, recorded: `${previous.recorded}${note}`, ratios }
}

const roundRatio = (ratio: number) => Number(ratio.toPrecision(4))

/**
 * One line per benchmark and a last line with the verdict, naming every regressed benchmark.
 *
 * @example
 * console.log(renderGateResult(result, 2).join('\n'))
 */
export function renderGateResult(result: GateResult, limit: number): string[] {
  const format = (value: number | undefined, digits: number) =>
    value === undefined ? '—' : value.toFixed(digits)
  const lines = result.rows.map((row) => {
    const numbers = `ratio ${format(row.ratio, 4)} (baseline ${format(row.baselineRatio, 4)}, ×${format(row.factor, 2)})`
    const detail = row.detail === undefined ? '' : `: ${row.detail}`
    return `${row.status === 'regressed' ? 'FAIL' : '    '} ${row.name.padEnd(44)} ${row.status.padEnd(15)} ${numbers}${detail}`
  })
  lines.push(
    result.failed.length === 0
      ? `bench gate: passed (no benchmark above ${limit}× its baseline ratio)`
      : `bench gate: FAILED: ${result.failed.join(', ')} above ${limit}× the baseline ratio (bench/micro-baseline.json)`,
  )
  return lines
}
