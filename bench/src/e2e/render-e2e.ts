// Renders the e2e section of BENCHMARKS.md: side-by-side table, added latency, and targets held/missed.

import { renderMachine } from '../shared/machine.js'
import { type Cell, formatBytes, formatNumber, formatRatio, renderTable } from '../shared/markdown.js'
import { median } from '../shared/stats.js'
import type { TargetResult } from './measure-target.js'
import { renderExtraRuns } from './render-extra.js'
import { renderPaired } from './render-paired.js'
import type { E2eReport, Outcome } from './report.js'
import { evaluateTargets } from './targets.js'

type Pick = (result: TargetResult) => number | undefined

const value = (outcome: Outcome<TargetResult>, pick: Pick) => (outcome.ok ? pick(outcome.value) : undefined)
const rate = (result: TargetResult, requestsPerSecond: number) =>
  result.rates.find((entry) => entry.requestsPerSecond === requestsPerSecond)

function metricRows(report: E2eReport): Cell[][] {
  const rows: Array<[string, Pick, (n: number | undefined) => string]> = [
    [
      `max req/s (wrk, ${report.plan.connections} connections)`,
      (r) => r.throughput.requestsPerSecond,
      (n) => formatNumber(n),
    ],
    [
      'SUT core busy during max run',
      (r) => r.throughput.busyPercent,
      (n) => (n === undefined ? '—' : `${formatNumber(n)} %`),
    ],
    ['CPU µs per request at max', (r) => r.throughput.cpuMicrosPerRequest, (n) => formatNumber(n, 1)],
  ]
  for (const requestsPerSecond of report.plan.rates) {
    rows.push(
      [
        `CPU µs per request at ${requestsPerSecond} req/s`,
        (r) => rate(r, requestsPerSecond)?.cpuMicrosPerRequest,
        (n) => formatNumber(n, 1),
      ],
      [
        `latency p50 at ${requestsPerSecond} req/s (ms)`,
        (r) => rate(r, requestsPerSecond)?.service.p50,
        (n) => formatNumber(n, 3),
      ],
      [
        `latency p99 at ${requestsPerSecond} req/s (ms)`,
        (r) => rate(r, requestsPerSecond)?.service.p99,
        (n) => formatNumber(n, 3),
      ],
      [
        `latency p99 at ${requestsPerSecond} req/s from schedule (ms)`,
        (r) => rate(r, requestsPerSecond)?.corrected.p99,
        (n) => formatNumber(n, 3),
      ],
    )
  }
  rows.push(
    ['SSE first byte p50 (ms)', (r) => r.firstByte.firstByte.p50, (n) => formatNumber(n, 3)],
    ['SSE first byte p99 (ms)', (r) => r.firstByte.firstByte.p99, (n) => formatNumber(n, 3)],
    ['RSS after warm-up', (r) => r.rssAfterWarmupBytes, formatBytes],
    ['RSS after load', (r) => r.rssAfterLoadBytes, formatBytes],
    ['seconds of load before that RSS', (r) => r.loadSeconds, (n) => formatNumber(n)],
    ['failed requests (all runs)', countErrors, (n) => formatNumber(n)],
  )
  return rows.map(([name, pick, format]) => {
    const gateway = value(report.gateway, pick)
    const floor = value(report.floor, pick)
    const reference = value(report.baseline, pick)
    return [
      name,
      format(value(report.direct, pick)),
      format(floor),
      format(reference),
      format(gateway),
      formatRatio(reference, floor),
      formatRatio(gateway, floor),
    ]
  })
}

function countErrors(result: TargetResult): number {
  return (
    result.throughput.errors +
    result.rates.reduce((total, entry) => total + entry.errors, 0) +
    result.firstByte.errors
  )
}

function addedLatencyRows(report: E2eReport): Cell[][] {
  const difference = (a: Outcome<TargetResult>, b: Outcome<TargetResult>, pick: Pick) => {
    const left = value(a, pick)
    const right = value(b, pick)
    return left === undefined || right === undefined ? '—' : formatNumber(left - right, 3)
  }
  const rows: Cell[][] = []
  const lines: Array<[string, Pick]> = report.plan.rates.flatMap(
    (requestsPerSecond) =>
      [
        [`p50 at ${requestsPerSecond} req/s`, (r: TargetResult) => rate(r, requestsPerSecond)?.service.p50],
        [`p99 at ${requestsPerSecond} req/s`, (r: TargetResult) => rate(r, requestsPerSecond)?.service.p99],
      ] as Array<[string, Pick]>,
  )
  lines.push(
    ['SSE first byte p50', (r) => r.firstByte.firstByte.p50],
    ['SSE first byte p99', (r) => r.firstByte.firstByte.p99],
  )
  for (const [name, pick] of lines) {
    rows.push([
      name,
      difference(report.floor, report.direct, pick),
      difference(report.baseline, report.floor, pick),
      difference(report.gateway, report.floor, pick),
      difference(report.gateway, report.direct, pick),
    ])
  }
  return rows
}

function describeOutcome(label: string, outcome: Outcome<unknown>): string | undefined {
  return outcome.ok ? undefined : `- ${label}: ${outcome.reason}`
}

function renderStartup(report: E2eReport): string {
  const lines: string[] = []
  if (report.startup.ok) {
    for (const { runsMs, description } of report.startup.value) {
      lines.push(
        `- Start-up (spawn → \`/startupz\` 200, ${description}): median ${formatNumber(median(runsMs))} ms over ${runsMs.length} runs (${runsMs.map((run) => formatNumber(run)).join(', ')} ms).`,
      )
    }
  }
  if (report.coldStart.ok) {
    const cold = report.coldStart.value
    const stopped =
      cold.unsent > 0 ? `; stopped by the time budget with ${formatNumber(cold.unsent)} keys not tried` : ''
    const runs = cold.readyRuns
      .map(
        (run) =>
          `${formatNumber(run.readyMs)} ms with ${formatNumber(run.cachedAtReady)} keys cached (CPU until ready: gateway ${formatNumber(run.gatewayCpuSeconds, 2)} s, control plane ${formatNumber(run.controlPlaneCpuSeconds, 2)} s)`,
      )
      .join('; ')
    lines.push(
      `- Cold start with ${formatNumber(cold.keys)} keys in the control plane (seeding ${formatNumber(cold.seedSeconds, 1)} s, not counted): ${cold.readyRuns.length} fresh gateway(s) with \`LW_GATEWAY_AUTH_CACHE_BOOTSTRAP_ALL_KEYS=true\`, each from spawn to \`/startupz\` 200: ${runs}. Then, on the last one, ${cold.driver} per key (${cold.concurrency} concurrent): ${formatNumber(cold.served)} served, ${formatNumber(cold.failed)} failed, ${formatNumber(cold.misses)} cache misses in ${formatNumber(cold.driveSeconds, 2)} s (CPU meanwhile: gateway ${formatNumber(cold.driveCpuSeconds.gateway, 1)} s, control plane ${formatNumber(cold.driveCpuSeconds.controlPlane, 1)} s)${stopped}.`,
    )
  }
  return lines.join('\n')
}

/**
 * Builds the Markdown of the e2e section.
 *
 * @example
 * writeBenchmarkSection('e2e', renderE2eSection(report))
 */
export function renderE2eSection(report: E2eReport): string {
  const pinning = report.pinning.enabled
    ? '`taskset`: load generators (wrk, the Node latency/SSE client) and the upstream on core 0, the system under test alone on core 1'
    : `unpinned (${report.pinning.reason}): every process shares every core, so numbers are noisier`
  const problems = [
    describeOutcome('direct to upstream', report.direct),
    describeOutcome('floor', report.floor),
    describeOutcome('reference proxy (previous baseline)', report.baseline),
    describeOutcome('gateway', report.gateway),
    describeOutcome('body sizes', report.bodySizes),
    describeOutcome('many keys', report.manyKeys),
    describeOutcome('governed gateway', report.governed),
    describeOutcome('start-up', report.startup),
    describeOutcome('cold start', report.coldStart),
  ].filter((line) => line !== undefined)
  return [
    '## End to end',
    '',
    renderMachine(report.machine, report.command, report.startedAt),
    `- Mode: ${report.plan.quick ? 'quick' : 'full'} (${Math.round(report.durationSeconds)} s). Pinning: ${pinning}.`,
    `- Upstream: ${report.upstream}, on loopback. Non-streaming body: a two-message chat; streaming: the same with \`"stream": true\`.`,
    '- **Floor** (`floor-proxy.ts`): `node:http` + undici `Pool.stream()` straight into the response, the request body read whole and sent as one buffer (no parsing), client abort by the socket’s `close` event, nothing else. Every ratio and target below is against it. **Reference proxy (previous baseline)** (`baseline-proxy.ts`): the same plus a buffered body, an `AbortController` per request and header filtering; kept as a second reference.',
    `- Gateway under load: ${report.gatewayMode}; floor and reference proxy: plain Node (types erased once by the TypeScript compiler); gateway \`LOG_LEVEL=${report.gatewayLogLevel}\`${report.gatewayLogLevel === 'info' || report.gatewayLogLevel === 'debug' ? '' : ' (no per-request access line)'}; control plane (in-memory PGlite) on core 0 beside the load generator; auth cache warmed by one request before measuring.`,
    '',
    renderTable(
      [
        'Metric',
        'direct to upstream',
        'floor',
        'reference proxy (previous baseline)',
        'gateway',
        'reference ÷ floor',
        'gateway ÷ floor',
      ],
      metricRows(report),
    ),
    '',
    '### Added latency (ms)',
    '',
    renderTable(
      ['Percentile', 'floor − direct', 'reference − floor', 'gateway − floor', 'gateway − direct'],
      addedLatencyRows(report),
    ),
    '',
    'Latency is measured from handing the request to the client to the last response byte; the',
    '"from schedule" rows start at the planned send time instead, adding the sender\'s own timer lag',
    '(coordinated-omission corrected). Added latency uses the former. Differences of percentiles, not',
    'percentiles of differences: read them as "how much later the gateway\'s p99 is".',
    ...(report.firstBytePaired
      ? [
          "SSE first byte of the floor, the reference proxy and the gateway: measured together after the gateway's load,",
          'taking turns in 10 blocks, so contention from other processes hits both alike.',
        ]
      : []),
    '',
    ...renderPaired(report),
    ...renderExtraRuns(report),
    '### Targets',
    '',
    renderTable(['Target', 'Bound', 'Measured', 'Result'], evaluateTargets(report)),
    '',
    renderStartup(report),
    ...(problems.length > 0 ? ['', '### Not measured in this run', '', ...problems] : []),
  ].join('\n')
}
