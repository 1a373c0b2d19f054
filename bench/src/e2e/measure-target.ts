// Runs the load suite against one system under test: throughput, fixed-rate latency, SSE first
// byte, CPU per request and RSS, in that order.
import { performance } from 'node:perf_hooks'
import { request } from 'undici'
import { type ConstantRateResult, runConstantRate } from './load/constant-rate.js'
import { type FirstByteResult, measureFirstByte } from './load/first-byte.js'
import { runWrk, type WrkResult } from './load/wrk.js'
import type { E2ePlan } from './plan.js'
import { readCpuMicros, readRssBytes } from './proc-stats.js'
import type { ChildHandle, Pinning } from './processes.js'

/** A system under test reachable on loopback. */
export interface Target {
  label: string
  /** Full URL of the chat completions endpoint. */
  url: string
  /** The process whose CPU and memory are read. */
  pid: number
  authorization?: string
  /** The child process, when the harness started it: its output explains a crash. */
  process?: ChildHandle
}

/** Request bodies: non-streaming and streaming chat. */
export interface Bodies {
  chat: string
  stream: string
}

/** wrk result with the SUT's CPU over the same interval. */
export interface ThroughputResult extends WrkResult {
  cpuMicrosPerRequest: number
  /** SUT CPU time ÷ wall time: near 100 % means the SUT's core was the bottleneck. */
  busyPercent: number
}

/** A fixed-rate result with the SUT's CPU per request at that rate. */
export interface RateResult extends ConstantRateResult {
  cpuMicrosPerRequest: number
}

/** Everything measured on one target. */
export interface TargetResult {
  throughput: ThroughputResult
  rates: RateResult[]
  firstByte: FirstByteResult
  rssAfterWarmupBytes: number
  rssAfterLoadBytes: number
  /** Seconds of load carried before the last RSS reading. */
  loadSeconds: number
}

/** Shared context of a suite run. */
export interface SuiteContext {
  plan: E2ePlan
  pinning: Pinning
  bodies: Bodies
  /** Core of the load generator. */
  loadCore: number
  log: (line: string) => void
}

/** A target answered something other than 200 to the pre-flight request. */
export class UnexpectedStatusError extends Error {
  readonly status: number
  constructor(label: string, status: number, body: string) {
    super(`${label} answered ${status}: ${body.slice(0, 300)}`)
    this.name = 'UnexpectedStatusError'
    this.status = status
  }
}

const preflightAttempts = 3

/**
 * Sends one request and throws with the status and body when it is not a 200: run before loading
 * a target so a misconfiguration reads as one clear error, not as thousands of failed requests.
 * A network error is retried twice (a process just started on a busy machine may drop the first
 * connection); a wrong status is not.
 *
 * @example
 * await expectOk(target, bodies.chat)
 */
export async function expectOk(target: Target, body: string): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (target.authorization !== undefined) headers.authorization = target.authorization
  for (let attempt = 1; ; attempt++) {
    let response: Awaited<ReturnType<typeof request>>
    try {
      response = await request(target.url, {
        method: 'POST',
        headers,
        body,
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
      })
    } catch (error) {
      if (attempt >= preflightAttempts) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
      continue
    }
    const text = await response.body.text()
    if (response.statusCode !== 200) throw new UnexpectedStatusError(target.label, response.statusCode, text)
    return
  }
}

async function measureThroughput(target: Target, context: SuiteContext, seconds: number) {
  const cpuBefore = readCpuMicros(target.pid)
  const wallBefore = performance.now()
  const result = await runWrk({
    url: target.url,
    body: context.bodies.chat,
    authorization: target.authorization,
    connections: context.plan.connections,
    durationSeconds: seconds,
    pinning: context.pinning,
    core: context.loadCore,
  })
  const cpuMicros = readCpuMicros(target.pid) - cpuBefore
  const wallMicros = (performance.now() - wallBefore) * 1_000
  return {
    ...result,
    cpuMicrosPerRequest: cpuMicros / Math.max(result.requests, 1),
    busyPercent: (cpuMicros / wallMicros) * 100,
  }
}

/**
 * Measures one target end to end with the plan's durations. When the target's process died
 * meanwhile, the error carries its last output.
 *
 * @example
 * const baseline = await measureTarget({ label: 'baseline', url, pid: proxy.pid }, context)
 */
export async function measureTarget(target: Target, context: SuiteContext): Promise<TargetResult> {
  try {
    return await runSuite(target, context)
  } catch (error) {
    const child = target.process
    if (child === undefined || !child.hasExited() || error instanceof UnexpectedStatusError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(`${message}; ${child.name} exited:\n${child.tail()}`)
  }
}

async function runSuite(target: Target, context: SuiteContext): Promise<TargetResult> {
  const { plan, log } = context
  await expectOk(target, context.bodies.chat)
  await expectOk(target, context.bodies.stream)
  log(`${target.label}: warm-up (2 s closed loop)`)
  await measureThroughput(target, context, 2)
  const rssAfterWarmupBytes = readRssBytes(target.pid)
  let loadSeconds = 0

  log(`${target.label}: max throughput (wrk -t 1 -c ${plan.connections} -d ${plan.throughputSeconds}s)`)
  const throughput = await measureThroughput(target, context, plan.throughputSeconds)
  loadSeconds += throughput.seconds

  const rates: RateResult[] = []
  for (const rate of plan.rates) {
    log(`${target.label}: ${rate} req/s for ${plan.rateSeconds} s`)
    const cpuBefore = readCpuMicros(target.pid)
    const result = await runConstantRate({
      url: target.url,
      body: context.bodies.chat,
      authorization: target.authorization,
      requestsPerSecond: rate,
      durationSeconds: plan.rateSeconds,
    })
    rates.push({
      ...result,
      cpuMicrosPerRequest: (readCpuMicros(target.pid) - cpuBefore) / Math.max(result.completed, 1),
    })
    loadSeconds += plan.rateSeconds
  }

  log(`${target.label}: SSE first byte over ${plan.firstByteRequests} sequential streams`)
  const firstByte = await measureFirstByte({
    url: target.url,
    body: context.bodies.stream,
    authorization: target.authorization,
    requests: plan.firstByteRequests,
    timeoutSeconds: plan.quick ? 20 : 60,
  })

  const remaining = plan.loadSecondsBeforeRss - loadSeconds
  if (remaining >= 1) {
    log(`${target.label}: ${Math.round(remaining)} s more closed-loop load before reading RSS`)
    loadSeconds += (await measureThroughput(target, context, remaining)).seconds
  }
  return {
    throughput,
    rates,
    firstByte,
    rssAfterWarmupBytes,
    rssAfterLoadBytes: readRssBytes(target.pid),
    loadSeconds,
  }
}
