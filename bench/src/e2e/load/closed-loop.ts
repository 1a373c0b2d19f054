// One wrk run against one target with the target's CPU over the same interval: the building block
// of the body-size, many-keys and governed runs.
import { performance } from 'node:perf_hooks'
import type { SuiteContext, Target } from '../measure-target.js'
import { readCpuMicros } from '../proc-stats.js'
import { runWrk, type WrkOptions, type WrkResult } from './wrk.js'

/** A wrk result with the target's CPU per completed request and its core's busy share. */
export interface ClosedLoopResult extends WrkResult {
  cpuMicrosPerRequest: number
  busyPercent: number
  /** CPU of the extra processes asked for (e.g. the control plane), per request. */
  extraCpuMicrosPerRequest?: number
}

/**
 * Runs wrk with the plan's connections for `seconds` with `body` and reads the target's CPU.
 *
 * @example
 * const large = await runClosedLoop(floor, context, bodies.chat, 3)
 */
export async function runClosedLoop(
  target: Target,
  context: SuiteContext,
  body: string,
  seconds: number,
  options: { rotate?: WrkOptions['rotate']; extraPid?: number } = {},
): Promise<ClosedLoopResult> {
  const cpuBefore = readCpuMicros(target.pid)
  const extraBefore = options.extraPid === undefined ? 0 : readCpuMicros(options.extraPid)
  const wallBefore = performance.now()
  const result = await runWrk({
    url: target.url,
    body,
    authorization: target.authorization,
    connections: context.plan.connections,
    durationSeconds: seconds,
    pinning: context.pinning,
    core: context.loadCore,
    rotate: options.rotate,
  })
  const cpuMicros = readCpuMicros(target.pid) - cpuBefore
  const wallMicros = (performance.now() - wallBefore) * 1_000
  const requests = Math.max(result.requests, 1)
  return {
    ...result,
    cpuMicrosPerRequest: cpuMicros / requests,
    busyPercent: (cpuMicros / wallMicros) * 100,
    extraCpuMicrosPerRequest:
      options.extraPid === undefined ? undefined : (readCpuMicros(options.extraPid) - extraBefore) / requests,
  }
}
