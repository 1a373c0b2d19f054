// The end-to-end targets, against the floor of the same run: PASS, MISS, or not measured.
import { type Cell, formatBytes, formatNumber } from '../shared/markdown.js'
import { median } from '../shared/stats.js'
import type { TargetResult } from './measure-target.js'
import type { E2eReport } from './report.js'

interface TargetCheck {
  name: string
  bound: string
  /** The measured value and whether it holds; undefined when not measured. */
  measure(report: E2eReport): { shown: string; held: boolean } | undefined
}

// Every ratio is against the floor (floor-proxy.ts), measured in the same run.
const both = (report: E2eReport): [TargetResult, TargetResult] | undefined =>
  report.gateway.ok && report.floor.ok ? [report.gateway.value, report.floor.value] : undefined

const atRate = (result: TargetResult, requestsPerSecond: number) =>
  result.rates.find((entry) => entry.requestsPerSecond === requestsPerSecond)

function addedAt1000(report: E2eReport, percentile: 'p50' | 'p99', boundMs: number) {
  if (report.paired.ok) {
    const { rate } = report.paired.value
    const added = rate.gateway[percentile] - rate.floor[percentile]
    return {
      shown: `${formatNumber(added, 3)} ms (${rate.blocks} paired blocks, ${formatNumber(rate.gateway.samples)} samples)`,
      held: added <= boundMs,
    }
  }
  const pair = both(report)
  if (pair === undefined) return undefined
  const gateway = atRate(pair[0], 1_000)?.service[percentile]
  const floor = atRate(pair[1], 1_000)?.service[percentile]
  if (gateway === undefined || floor === undefined) return undefined
  const added = gateway - floor
  return { shown: `${formatNumber(added, 3)} ms (one run each)`, held: added <= boundMs }
}

/**
 * Gateway ÷ floor at max load: the paired run's median when it ran (the targets are judged on
 * it), else the two suite runs measured minutes apart.
 */
function maxLoadRatio(
  report: E2eReport,
  of: 'cpu' | 'throughput',
): { value: number; how: string } | undefined {
  const pair = both(report)
  const suite =
    pair === undefined
      ? undefined
      : of === 'cpu'
        ? pair[0].throughput.cpuMicrosPerRequest / pair[1].throughput.cpuMicrosPerRequest
        : pair[0].throughput.requestsPerSecond / pair[1].throughput.requestsPerSecond
  if (report.paired.ok) {
    const paired = report.paired.value
    const value = of === 'cpu' ? paired.cpuRatio : paired.requestsPerSecondRatio
    const alone = suite === undefined ? '' : `; ${suite.toFixed(2)}× in the runs one after the other`
    return { value, how: `median of ${paired.blocks.length} paired blocks${alone}` }
  }
  return suite === undefined ? undefined : { value: suite, how: 'one run each, minutes apart' }
}

const mebibyte = 1_048_576

const checks: TargetCheck[] = [
  {
    name: 'CPU per request vs floor at max (auth, routing, metrics, access log)',
    bound: '≤ 1.4×',
    measure(report) {
      const ratio = maxLoadRatio(report, 'cpu')
      if (ratio === undefined) return undefined
      return {
        shown: `${ratio.value.toFixed(2)}× (${ratio.how}; log level ${report.gatewayLogLevel})`,
        held: ratio.value <= 1.4,
      }
    },
  },
  {
    name: 'max req/s vs floor',
    bound: '≥ 0.7×',
    measure(report) {
      const ratio = maxLoadRatio(report, 'throughput')
      if (ratio === undefined) return undefined
      return { shown: `${ratio.value.toFixed(2)}× (${ratio.how})`, held: ratio.value >= 0.7 }
    },
  },
  {
    name: 'governed (budget, policy, tracing 0.1): CPU per request vs floor',
    bound: '≤ 1.5×',
    measure(report) {
      if (!report.governed.ok || report.governed.value.parts.length < 3) return undefined
      const { cpuRatio, blocks } = report.governed.value
      return {
        shown: `${cpuRatio.toFixed(2)}× (median of ${blocks.length} paired blocks)`,
        held: cpuRatio <= 1.5,
      }
    },
  },
  {
    name: 'governed: max req/s vs floor',
    bound: '≥ 0.65×',
    measure(report) {
      if (!report.governed.ok || report.governed.value.parts.length < 3) return undefined
      const { requestsPerSecondRatio, blocks } = report.governed.value
      return {
        shown: `${requestsPerSecondRatio.toFixed(2)}× (median of ${blocks.length} paired blocks)`,
        held: requestsPerSecondRatio >= 0.65,
      }
    },
  },
  {
    name: 'added latency p99 at 1,000 req/s (gateway − floor)',
    bound: '≤ 1.0 ms',
    measure: (report) => addedAt1000(report, 'p99', 1.0),
  },
  {
    name: 'SSE first byte over floor (p50)',
    bound: '≤ 0.3 ms',
    measure(report) {
      const pair = both(report)
      if (pair === undefined) return undefined
      const added = pair[0].firstByte.firstByte.p50 - pair[1].firstByte.firstByte.p50
      return { shown: `${formatNumber(added, 3)} ms`, held: added <= 0.3 }
    },
  },
  {
    name: 'gateway RSS after load vs floor',
    bound: "≤ floor's + 15 MiB",
    measure(report) {
      const pair = both(report)
      if (pair === undefined) return undefined
      const added = pair[0].rssAfterLoadBytes - pair[1].rssAfterLoadBytes
      // From source, tsx's loader is part of the process (~25 MB): say so beside the number.
      const tsx = report.gatewayMode.startsWith('from source') ? ', includes tsx' : ''
      return {
        // A gateway below the floor reads "−3.4 MiB", not "+-3.4 MiB".
        shown: `${formatBytes(pair[0].rssAfterLoadBytes)} vs ${formatBytes(pair[1].rssAfterLoadBytes)}: ${added < 0 ? '−' : '+'}${formatNumber(Math.abs(added) / mebibyte, 1)} MiB${tsx}`,
        held: added <= 15 * mebibyte,
      }
    },
  },
  {
    name: '200 KB same-shape passthrough: CPU per request vs floor (non-stream)',
    bound: '< 1.3×',
    measure(report) {
      if (!report.bodySizes.ok) return undefined
      const row = report.bodySizes.value.find((each) => each.label === '200 KB' && !each.stream)
      if (row === undefined) return undefined
      const ratio = row.gateway.cpuMicrosPerRequest / row.floor.cpuMicrosPerRequest
      return { shown: `${ratio.toFixed(2)}×`, held: ratio < 1.3 }
    },
  },
  {
    name: 'start-up to /startupz 200 (median)',
    bound: '< 1 s',
    measure(report) {
      if (!report.startup.ok) return undefined
      // The built entry is what production runs; source start-up adds tsx's transpiling.
      const runs = report.startup.value.find((result) => result.mode === 'built') ?? report.startup.value[0]
      if (runs === undefined) return undefined
      const milliseconds = median(runs.runsMs)
      return { shown: `${formatNumber(milliseconds)} ms (${runs.mode})`, held: milliseconds < 1_000 }
    },
  },
  {
    name: 'cold start: ready with every key cached (bootstrap pull, median)',
    bound: '< 3 s for 50,000 keys',
    measure(report) {
      if (!report.coldStart.ok) return undefined
      const cold = report.coldStart.value
      const readyMs = median(cold.readyRuns.map((run) => run.readyMs))
      const cachedAtReady = Math.min(...cold.readyRuns.map((run) => run.cachedAtReady))
      const allCached = cachedAtReady >= cold.keys && cold.misses === 0 && cold.failed === 0
      const runs = `median of ${cold.readyRuns.length}`
      if (cold.keys >= 50_000) {
        return {
          shown: `${formatNumber(cachedAtReady)} keys cached at ready in ${formatNumber(readyMs)} ms (${runs})`,
          held: allCached && readyMs < 3_000,
        }
      }
      // Fewer keys (--quick): the pull's part of the time scales with the keys, the start-up does not.
      const startup = report.startup.ok
        ? median(
            (report.startup.value.find((each) => each.mode === 'built') ?? report.startup.value[0])?.runsMs ??
              [],
          )
        : 0
      const projected = startup + (readyMs - startup) * (50_000 / cold.keys)
      return {
        shown: `${formatNumber(cachedAtReady)} keys cached at ready in ${formatNumber(readyMs)} ms, ${runs} (≈ ${formatNumber(projected / 1_000, 1)} s projected to 50,000)`,
        held: allCached && projected < 3_000,
      }
    },
  },
]

/**
 * One row per target: name, bound, measured value, and PASS / MISS / not measured.
 *
 * @example
 * renderTable(['Target', 'Bound', 'Measured', 'Result'], evaluateTargets(report))
 */
export function evaluateTargets(report: E2eReport): Cell[][] {
  return checks.map((check) => {
    const result = check.measure(report)
    if (result === undefined) return [check.name, check.bound, '—', 'not measured']
    return [check.name, check.bound, result.shown, result.held ? 'PASS' : 'MISS']
  })
}
