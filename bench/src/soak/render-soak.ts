// Renders the soak's results as the `soak` section of BENCHMARKS.md.
import { formatBytes, formatNumber, renderTable } from '../shared/markdown.js'
import { summarize } from '../shared/stats.js'
import type { HeapReading } from './gateway-metric.js'
import type { ProcSample } from './proc-sampler.js'
import type { PhaseTally } from './soak-load.js'
import type { SoakRates } from './soak-traffic.js'

/** One measured phase. */
export interface SoakPhase {
  tally: PhaseTally
  /** The gateway's RSS samples, peak fds, CPU and wait for a CPU. */
  gateway: ProcSample
  controlPlane: ProcSample
  /** Control plane + upstream + load generator CPU over wall time: near 1 = their shared core was the limit. */
  loadCoreCpuShare: number
  /** Time the valid-traffic client's thread (the one that timestamps) waited for a CPU, over wall time. */
  generatorRunQueueShare: number
  /** The gateway's heap reading with the largest V8 heap (sampled every 2 s from /metrics). */
  heapPeak: HeapReading
  /** Unknown keys the gateway looked up in the control plane (auth cache misses). */
  controlPlaneLookups: number
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
  /** The gateway 10 s after the floods stopped: what it still holds. */
  recovery: { rss: number; heap: HeapReading }
}

const rssBound = 200 * 1000 * 1000
const percent = (share: number) => `${formatNumber(share * 100, 1)} %`

function answered(phase: SoakPhase): number {
  let total = 0
  for (const [label, value] of phase.tally.statuses) if (/ \d{3}$/.test(label)) total += value
  return total
}

/** Gateway CPU µs per answered request (any status): robust to other processes, unlike latency. */
function cpuPerAnswer(phase: SoakPhase): number {
  return (phase.gateway.cpuShare * phase.durationMs * 1_000) / Math.max(answered(phase), 1)
}

function describeTraffic(report: SoakReport): string[] {
  const { rates } = report
  const placement =
    report.pinned === undefined
      ? "Load generator, mock upstream and control plane pinned to core 0, gateway alone on core 1 (`taskset`). The valid requests are sent and timed on the load generator's main thread, the floods from a worker thread of their own, so a busy flood sender does not delay the valid answers' timestamps."
      : `Not pinned (${report.pinned}).`
  return [
    `Gateway ${report.gatewayMode}. ${placement}`,
    'Open loop (each stream sends on its own fixed schedule whether or not earlier requests answered;',
    'at most 2,000 in flight per stream, the rest counted as "not sent"): a quiet phase of',
    `${formatNumber(rates.valid)} valid req/s, then the same valid traffic plus ${formatNumber(rates.unknownKeys)} unknown keys/s`,
    `(distinct, well-formed, random secrets) and ${formatNumber(rates.junk)} brotli bombs/s (53 bytes → 32 MiB; half`,
    `without a key, half with an unknown key), both from ${report.attackerAddresses} loopback addresses, and`,
    `${formatNumber(rates.keyedJunk)} compressed junk bodies/s with the valid key (half brotli bombs, half corrupt gzip).`,
    'RSS: `VmRSS` every 250 ms; CPU: `utime + stime` over wall time (100 % = one core); "waited for',
    'CPU": `run_delay` of the main thread (`/proc/<pid>/schedstat`) over wall time — other processes',
    'holding the core; lookups: `gateway_auth_cache_events_total{event="miss"}`.',
  ]
}

/**
 * The markdown of the soak section: latency of valid requests quiet vs under the floods, peak
 * RSS, gateway and control-plane CPU, and what each kind of request was answered.
 *
 * @example
 * writeBenchmarkSection('soak', renderSoakSection(report))
 */
export function renderSoakSection(report: SoakReport): string {
  const { quiet, soak } = report
  const service = (phase: SoakPhase) => summarize(phase.tally.serviceMs)
  const latencyRow = (name: string, phase: SoakPhase) => [
    name,
    formatNumber(phase.durationMs / 1000),
    formatNumber(phase.tally.serviceMs.length / (phase.durationMs / 1000)),
    formatNumber(service(phase).p50, 2),
    formatNumber(service(phase).p99, 2),
    formatNumber(summarize(phase.tally.correctedMs).p99, 2),
    percent(phase.gateway.runQueueShare),
    percent(phase.generatorRunQueueShare),
  ]
  const resourceRow = (name: string, phase: SoakPhase) => [
    name,
    formatBytes(Math.max(...phase.gateway.rss)),
    formatBytes(phase.gateway.rss.at(-1)),
    formatNumber(phase.gateway.peakFds),
    `${formatBytes(phase.heapPeak.heapTotal)} / ${formatBytes(phase.heapPeak.heapUsed)} / ${formatBytes(phase.heapPeak.external)}`,
    percent(phase.gateway.cpuShare),
    formatNumber(cpuPerAnswer(phase)),
    formatNumber(phase.controlPlaneLookups / (phase.durationMs / 1000)),
    percent(phase.controlPlane.cpuShare),
    percent(phase.loadCoreCpuShare),
  ]
  const ratio50 = service(soak).p50 / service(quiet).p50
  const ratio99 = service(soak).p99 / service(quiet).p99
  const peak = Math.max(...quiet.gateway.rss, ...soak.gateway.rss)
  const answers = [...soak.tally.statuses.entries()].sort(([a], [b]) => a.localeCompare(b))
  return [
    '## Hardening soak (issue 13)',
    '',
    report.machine,
    '',
    ...describeTraffic(report),
    '',
    renderTable(
      [
        'phase',
        's',
        'valid 200/s',
        'valid p50 ms',
        'valid p99 ms',
        'p99 from schedule ms',
        'gateway waited for CPU',
        'valid-traffic client waited for CPU',
      ],
      [latencyRow('quiet', quiet), latencyRow('soak', soak)],
    ),
    '',
    renderTable(
      [
        'phase',
        'gateway peak RSS',
        'RSS at end',
        'peak fds',
        'largest V8 heap: total / used / external',
        'gateway CPU',
        'gateway CPU µs / answer',
        'control-plane lookups/s',
        'control-plane CPU',
        'core 0 CPU (control plane + upstream + load)',
      ],
      [resourceRow('quiet', quiet), resourceRow('soak', soak)],
    ),
    '',
    `- Valid p50 under the floods: ${formatNumber(ratio50, 2)}× the quiet run (bound: 2×) — ${ratio50 <= 2 ? 'met' : 'NOT met'}; p99: ${formatNumber(ratio99, 2)}×.`,
    `- Gateway peak RSS: ${formatBytes(peak)} = ${formatNumber(peak / 1e6)} MB (bound: 200 MB) — ${peak < rssBound ? 'met' : 'NOT met'}.`,
    `- 10 s after the floods stopped: RSS ${formatBytes(report.recovery.rss)}, V8 heap ${formatBytes(report.recovery.heap.heapTotal)} total / ${formatBytes(report.recovery.heap.heapUsed)} used.`,
    '',
    renderTable(
      ['answer (soak phase)', 'count', 'error code'],
      answers.map(([label, value]) => [label, formatNumber(value), soak.tally.codes.get(label) ?? '']),
    ),
  ].join('\n')
}
