// Renders the soak's results as the `soak` section of BENCHMARKS.md.
import { formatBytes, formatNumber, renderTable } from '../shared/markdown.js'
import { percentile } from '../shared/stats.js'
import type { PhaseTally } from './soak-load.js'

/** One measured phase. */
export interface SoakPhase {
  tally: PhaseTally
  rss: number[]
  /** Control-plane CPU time over wall time (1 = one core busy). */
  cpuShare: number
  durationMs: number
}

/** What the section shows. */
export interface SoakReport {
  machine: string
  gatewayMode: string
  quiet: SoakPhase
  soak: SoakPhase
}

function latency(phase: SoakPhase, p: number): number {
  const sorted = Float64Array.from(phase.tally.validLatenciesMs).sort()
  return sorted.length === 0 ? Number.NaN : percentile(sorted, p)
}

/**
 * The markdown of the soak section: latency of valid requests quiet vs under the mix, peak RSS,
 * control-plane CPU, and what each kind of request was answered.
 *
 * @example
 * writeBenchmarkSection('soak', renderSoakSection(report))
 */
export function renderSoakSection(report: SoakReport): string {
  const { quiet, soak } = report
  const row = (name: string, phase: SoakPhase) => [
    name,
    formatNumber(phase.durationMs / 1000),
    formatNumber(phase.tally.validLatenciesMs.length / (phase.durationMs / 1000)),
    formatNumber(latency(phase, 50), 2),
    formatNumber(latency(phase, 99), 2),
    formatBytes(Math.max(...phase.rss)),
    `${formatNumber(phase.cpuShare * 100, 1)} %`,
  ]
  const ratio = latency(soak, 50) / latency(quiet, 50)
  const peak = Math.max(...soak.rss)
  const answers = [...soak.tally.statuses.entries()].sort(([a], [b]) => a.localeCompare(b))
  return [
    '## Hardening soak (issue 13)',
    '',
    report.machine,
    '',
    `Gateway from ${report.gatewayMode}; load generator, mock upstream and control plane on core 0, gateway on core 1.`,
    'Closed loops: 8 valid, then 8 valid + 8 unknown keys (well-formed, random secrets) + 4 brotli',
    'bombs (53 bytes → 32 MiB; half without a key, half with an unknown key).',
    '',
    renderTable(
      ['phase', 's', 'valid req/s', 'valid p50 ms', 'valid p99 ms', 'gateway peak RSS', 'control-plane CPU'],
      [row('quiet', quiet), row('mixed', soak)],
    ),
    '',
    `- Valid p50 under the mix: ${formatNumber(ratio, 2)}× the quiet run (bound: 2×) — ${ratio <= 2 ? 'met' : 'NOT met'}.`,
    `- Gateway peak RSS: ${formatBytes(peak)} (bound: 200 MB) — ${peak < 200 * 1024 * 1024 ? 'met' : 'NOT met'}.`,
    '',
    renderTable(
      ['answer (mixed phase)', 'count'],
      answers.map(([label, value]) => [label, formatNumber(value)]),
    ),
  ].join('\n')
}
