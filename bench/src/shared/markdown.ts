// Markdown output: tables, number formatting, and section replacement inside BENCHMARKS.md.

/** A table cell; numbers are expected to be formatted by the caller. */
export type Cell = string | number

/**
 * Renders a GitHub-flavoured Markdown table. Pipes inside cells are escaped.
 *
 * @example
 * renderTable(['name', 'ns/op'], [['hashKey', '84']])
 */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const escapeCell = (cell: Cell) => String(cell).replaceAll('|', '\\|')
  const line = (cells: readonly Cell[]) => `| ${cells.map(escapeCell).join(' | ')} |`
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n')
}

const markers = (id: string) => ({ start: `<!-- bench:${id}:start -->`, end: `<!-- bench:${id}:end -->` })

/**
 * Replaces the section between `<!-- bench:<id>:start -->` and `<!-- bench:<id>:end -->`, or
 * appends it when absent, leaving every other section as it was.
 *
 * @example
 * replaceSection(existing, 'micro', '## Microbenchmarks\n…')
 */
export function replaceSection(document: string, id: string, body: string): string {
  const { start, end } = markers(id)
  const block = `${start}\n${body.trim()}\n${end}`
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from !== -1 && to > from) return document.slice(0, from) + block + document.slice(to + end.length)
  const head = document.trimEnd()
  return `${head === '' ? '' : `${head}\n\n`}${block}\n`
}

/**
 * Formats a number with a fixed count of significant-looking decimals; `—` for NaN/undefined.
 *
 * @example
 * formatNumber(1234.567, 1) // '1,234.6'
 */
export function formatNumber(value: number | undefined, decimals = 0): string {
  if (value === undefined || !Number.isFinite(value)) return '—'
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
}

/**
 * Formats a duration in nanoseconds with a unit that keeps 3–4 significant digits.
 *
 * @example
 * formatNanoseconds(1530) // '1.53 µs'
 */
export function formatNanoseconds(ns: number | undefined): string {
  if (ns === undefined || !Number.isFinite(ns)) return '—'
  if (ns < 1_000) return `${ns.toFixed(ns < 10 ? 2 : 1)} ns`
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(2)} µs`
  return `${(ns / 1_000_000).toFixed(2)} ms`
}

/**
 * Formats a byte count (binary units).
 *
 * @example
 * formatBytes(2048) // '2.0 KiB'
 */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—'
  const magnitude = Math.abs(bytes)
  if (magnitude < 1024) return `${Math.round(bytes)} B`
  if (magnitude < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`
}

/**
 * A ratio `a ÷ b` as `1.23×`; `—` when either side is missing or `b` is zero.
 *
 * @example
 * formatRatio(60, 45) // '1.33×'
 */
export function formatRatio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '—'
  return `${(a / b).toFixed(2)}×`
}
