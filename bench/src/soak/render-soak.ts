// Renders the soak's results as the `soak` section of BENCHMARKS.md.
import { formatBytes, formatNumber, renderTable } from '../shared/markdown.js'
import { summarize } from '../shared/stats.js'
import type { PhaseTally } from './soak-load.js'
import type { SoakRates } from './soak-traffic.js'

/** One measured phase. */
export interface SoakPhase {
  tally: PhaseTally
  /** Gateway VmRSS samples, bytes. */
  rss: number[]
  /** Gateway CPU time over wall time (1 = one core busy). */
  gatewayCpuShare: number
  /** Control-plane CPU time over wall time. */
  controlPlaneCpuShare: number
  /** Control plane + upstream + load generator CPU over wall time: near 1 = their shared core was the limit. */
  loadCoreCpuShare: number
  durationMs: number
}

/** What the section shows. */
export interface SoakReport {
  machine: string
  /** How the gateway ran (built or source, and why). */
  gatewayMode: string
  /** Why processes were not pinned, when they were not. */
  pinned: string | undefined
  rates: SoakRates
  attackerAddresses: number
  quiet: SoakPhase
  soak: SoakPhase
}

const mebibytes = 1024 * 1024
const rssBound = 200 * 1000 * 1000

/**
 * The markdown of the soak section: latency of valid requests quiet vs under the floods, peak
 * RSS, gateway and control-plane CPU, and what each kind of request was answered.
 *
 * @example
 * writeBenchmarkSection('soak', renderSoakSection(report))
 */
export function renderSoakSection(report: SoakReport): string {
  const { quiet, soak, rates } = report
  const service = (phase: SoakPhase) => summarize(phase.tally.serviceMs)
  const corrected = (phase: SoakPhase) => summarize(phase.tally.correctedMs)
  const row = (name: string, phase: SoakPhase) => [
    name,
    formatNumber(phase.durationMs / 1000),
    formatNumber(phase.tally.serviceMs.length / (phase.durationMs / 1000)),
    formatNumber(service(phase).p50, 2),
    formatNumber(service(phase).p99, 2),
    formatNumber(corrected(phase).p99, 2),
    formatBytes(Math.max(...phase.rss)),
    formatBytes(phase.rss.at(-1)),
    `${formatNumber(phase.gatewayCpuShare * 100, 1)} %`,
    `${formatNumber(phase.controlPlaneCpuShare * 100, 1)} %`,
    `${formatNumber(phase.loadCoreCpuShare * 100, 1)} %`,
  ]
  const ratio50 = service(soak).p50 / service(quiet).p50
  const ratio99 = service(soak).p99 / service(quiet).p99
  const peak = Math.max(...quiet.rss, ...soak.rss)
  const answers = [...soak.tally.statuses.entries()].sort(([a], [b]) => a.localeCompare(b))
  const placement =
    report.pinned === undefined
      ? 'Load generator, mock upstream and control plane pinned to core 0, gateway alone on core 1 (`taskset`).'
      : `Not pinned (${report.pinned}).`
  return [
    '## Hardening soak (issue 13)',
    '',
    report.machine,
    '',
    `Gateway ${report.gatewayMode}. ${placement}`,
    `Open loop (requests leave on schedule whether or not earlier ones answered): a quiet phase of`,
    `${formatNumber(rates.valid)} valid req/s, then the same valid traffic plus ${formatNumber(rates.unknownKeys)} unknown keys/s`,
    `(distinct, well-formed, random secrets), ${formatNumber(rates.junk)} brotli bombs/s (53 bytes → 32 MiB; half`,
    `without a key, half with an unknown key) — both from ${report.attackerAddresses} loopback addresses — and`,
    `${formatNumber(rates.keyedJunk)} compressed junk bodies/s with the valid key (half brotli bombs, half corrupt gzip).`,
    'RSS: `VmRSS` of the gateway every 250 ms; CPU: `utime + stime` over wall time (100 % = one core).',
    '',
    renderTable(
      [
        'phase',
        's',
        'valid 200/s',
        'valid p50 ms',
        'valid p99 ms',
        'p99 from schedule ms',
        'gateway peak RSS',
        'RSS at end',
        'gateway CPU',
        'control-plane CPU',
        'core-0 CPU (CP + upstream + load)',
      ],
      [row('quiet', quiet), row('soak', soak)],
    ),
    '',
    `- Valid p50 under the floods: ${formatNumber(ratio50, 2)}× the quiet run (bound: 2×) — ${ratio50 <= 2 ? 'met' : 'NOT met'}; p99: ${formatNumber(ratio99, 2)}×.`,
    `- Gateway peak RSS: ${formatBytes(peak)} = ${formatNumber(peak / 1e6)} MB (bound: 200 MB) — ${peak < rssBound ? 'met' : 'NOT met'}; quiet peak ${formatNumber(Math.max(...quiet.rss) / mebibytes, 1)} MiB.`,
    '',
    renderTable(
      ['answer (soak phase)', 'count', 'error code'],
      answers.map(([label, value]) => [label, formatNumber(value), soak.tally.codes.get(label) ?? '']),
    ),
  ].join('\n')
}
