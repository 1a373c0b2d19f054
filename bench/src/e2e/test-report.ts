// A whole e2e report for the renderer and target tests: the floor and the gateway's suites, and a paired run.
import { summarize } from '../shared/stats.js'
import type { ClosedLoopResult } from './load/closed-loop.js'
import type { TargetResult } from './measure-target.js'
import type { PairedLoadResult } from './paired-load.js'
import { createPlan } from './plan.js'
import type { E2eReport } from './report.js'

/** wrk's figures for `seconds` of load at that rate, with the target's CPU per request. */
export function turn(cpuMicrosPerRequest: number, requestsPerSecond: number, seconds = 4): ClosedLoopResult {
  return {
    requests: requestsPerSecond * seconds,
    seconds,
    requestsPerSecond,
    errors: 0,
    statusErrors: 0,
    p50Ms: 1,
    p99Ms: 2,
    cpuMicrosPerRequest,
    busyPercent: 99,
  }
}

// One target's suite: max load, then 1,000 req/s with a given p99.
function suite(cpuMicrosPerRequest: number, requestsPerSecond: number, p99At1000: number): TargetResult {
  const service = { ...summarize([0.5, 0.6]), p99: p99At1000 }
  return {
    throughput: turn(cpuMicrosPerRequest, requestsPerSecond, 15),
    rates: [
      {
        requestsPerSecond: 1_000,
        sent: 15_000,
        completed: 15_000,
        errors: 0,
        service,
        corrected: service,
        serviceSamples: new Float64Array(),
        cpuMicrosPerRequest: 200,
      },
    ],
    firstByte: { firstByte: summarize([0.4, 0.5]), wholeStream: summarize([0.6]), errors: 0 },
    rssAfterWarmupBytes: 90 * 1_048_576,
    rssAfterLoadBytes: 95 * 1_048_576,
    loadSeconds: 60,
  }
}

const paired: PairedLoadResult = {
  blockSeconds: 4,
  instances: 2,
  blocks: [
    { floor: turn(50, 20_000), gateway: turn(65, 15_000), instance: 0 },
    { floor: turn(52, 19_000), gateway: turn(70, 14_000), instance: 1 },
    { floor: turn(60, 17_000), gateway: turn(84, 11_900), instance: 0 },
  ],
  cpuRatio: 1.3,
  requestsPerSecondRatio: 0.75,
  rate: {
    requestsPerSecond: 1_000,
    blockSeconds: 3,
    blocks: 3,
    floor: { p50: 0.45, p99: 1.9, samples: 7_500, errors: 0, cpuMicrosPerRequest: 180 },
    gateway: { p50: 0.52, p99: 2.4, samples: 7_500, errors: 0, cpuMicrosPerRequest: 240 },
  },
}

const notRun = { ok: false as const, reason: 'not run (--only)' }

/**
 * A report whose suites, run one after the other, say 2.00× CPU, 0.50× req/s and +3 ms at p99,
 * while its paired blocks (when `withPaired`) say 1.30×, 0.75× and +0.5 ms.
 *
 * @example
 * evaluateTargets(testReport(true))
 */
export function testReport(withPaired: boolean): E2eReport {
  return {
    plan: createPlan(false),
    pinning: { enabled: true },
    machine: {
      cores: 2,
      cpuModel: 'test',
      ramGiB: 8,
      node: 'v20',
      os: 'test',
      commit: 'abc',
      loadAtStart: 0,
    },
    command: 'pnpm bench:e2e',
    startedAt: new Date(0),
    upstream: 'mock',
    gatewayLogLevel: 'info',
    gatewayMode: 'built',
    direct: notRun,
    // One after the other: the floor read cheap, the gateway dear (2.0×, 0.5×, +3 ms at p99).
    floor: { ok: true, value: suite(50, 20_000, 1.0) },
    baseline: notRun,
    gateway: { ok: true, value: suite(100, 10_000, 4.0) },
    paired: withPaired ? { ok: true, value: paired } : notRun,
    bodySizes: notRun,
    manyKeys: notRun,
    governed: notRun,
    startup: notRun,
    coldStart: notRun,
    firstBytePaired: true,
    durationSeconds: 600,
  }
}
