// The end-to-end targets, each checked against one run: held, missed, or not measured.
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

const both = (report: E2eReport): [TargetResult, TargetResult] | undefined =>
  report.gateway.ok && report.baseline.ok ? [report.gateway.value, report.baseline.value] : undefined

const atRate = (result: TargetResult, requestsPerSecond: number) =>
  result.rates.find((entry) => entry.requestsPerSecond === requestsPerSecond)

function addedAt1000(report: E2eReport, percentile: 'p50' | 'p99', boundMs: number) {
  const pair = both(report)
  if (pair === undefined) return undefined
  const gateway = atRate(pair[0], 1_000)?.service[percentile]
  const baseline = atRate(pair[1], 1_000)?.service[percentile]
  if (gateway === undefined || baseline === undefined) return undefined
  const added = gateway - baseline
  return { shown: `${formatNumber(added, 3)} ms`, held: added <= boundMs }
}

const checks: TargetCheck[] = [
  {
    name: 'CPU per request vs baseline (at max)',
    bound: '≤ 1.5×',
    measure(report) {
      const pair = both(report)
      if (pair === undefined) return undefined
      const ratio = pair[0].throughput.cpuMicrosPerRequest / pair[1].throughput.cpuMicrosPerRequest
      return { shown: `${ratio.toFixed(2)}×`, held: ratio <= 1.5 }
    },
  },
  {
    name: 'max req/s vs baseline',
    bound: '≥ 0.67×',
    measure(report) {
      const pair = both(report)
      if (pair === undefined) return undefined
      const ratio = pair[0].throughput.requestsPerSecond / pair[1].throughput.requestsPerSecond
      return { shown: `${ratio.toFixed(2)}×`, held: ratio >= 0.67 }
    },
  },
  {
    name: 'added latency p50 at 1,000 req/s',
    bound: '≤ 0.5 ms',
    measure: (report) => addedAt1000(report, 'p50', 0.5),
  },
  {
    name: 'added latency p99 at 1,000 req/s',
    bound: '≤ 1.5 ms',
    measure: (report) => addedAt1000(report, 'p99', 1.5),
  },
  {
    name: 'SSE first byte over baseline (p50)',
    bound: '≤ 0.5 ms',
    measure(report) {
      const pair = both(report)
      if (pair === undefined) return undefined
      const added = pair[0].firstByte.firstByte.p50 - pair[1].firstByte.firstByte.p50
      return { shown: `${formatNumber(added, 3)} ms`, held: added <= 0.5 }
    },
  },
  {
    name: 'gateway RSS after load',
    bound: '< 120 MB',
    measure(report) {
      if (!report.gateway.ok) return undefined
      const bytes = report.gateway.value.rssAfterLoadBytes
      const megabytes = bytes / 1e6
      // From source, tsx's loader is part of the process (~25 MB): say so beside the number.
      const tsx = report.gatewayMode.startsWith('from source') ? ', includes tsx' : ''
      const after = formatNumber(report.gateway.value.loadSeconds)
      return {
        shown: `${formatNumber(megabytes, 1)} MB (${formatBytes(bytes)}) after ${after} s${tsx}`,
        held: megabytes < 120,
      }
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
    bound: '< 5 s for 50,000 keys',
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
          held: allCached && readyMs < 5_000,
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
        held: allCached && projected < 5_000,
      }
    },
  },
]

/**
 * One row per target: name, bound, measured value, and held / missed / not measured.
 *
 * @example
 * renderTable(['Target', 'Bound', 'Measured', 'Result'], evaluateTargets(report))
 */
export function evaluateTargets(report: E2eReport): Cell[][] {
  return checks.map((check) => {
    const result = check.measure(report)
    if (result === undefined) return [check.name, check.bound, '—', 'not measured']
    return [check.name, check.bound, result.shown, result.held ? 'held' : 'missed']
  })
}
