// The floor and the gateway under the same load, taking turns in short blocks: max throughput
// (wrk) and a fixed 1,000 req/s. The targets' ratios and added latency are judged on this.
import { performance } from 'node:perf_hooks'
import { median, summarize } from '../shared/stats.js'
import { type ClosedLoopResult, runClosedLoop } from './load/closed-loop.js'
import { runConstantRate } from './load/constant-rate.js'
import type { SuiteContext, Target } from './measure-target.js'
import { readCpuMicros } from './proc-stats.js'

/** What a turn's ratio reads. */
export interface LoadTurn {
  requestsPerSecond: number
  cpuMicrosPerRequest: number
}

/** One block: the floor's turn and the gateway's, back to back (the order alternates). */
export interface PairedBlock {
  floor: ClosedLoopResult
  gateway: ClosedLoopResult
  /** Which gateway process took the turn (0-based; block `i` uses process `i % instances`). */
  instance: number
}

/** One target's turns at the fixed rate, pooled. */
export interface RateSide {
  /** Latency percentiles over every block's samples together (ms). */
  p50: number
  p99: number
  samples: number
  errors: number
  cpuMicrosPerRequest: number
}

/** What {@link measurePairedLoad} measured. */
export interface PairedLoadResult {
  blockSeconds: number
  /** Gateway processes the blocks rotated over (same build, same configuration). */
  instances: number
  blocks: PairedBlock[]
  /** Median over blocks of gateway ÷ floor. */
  cpuRatio: number
  requestsPerSecondRatio: number
  rate: {
    requestsPerSecond: number
    blockSeconds: number
    blocks: number
    floor: RateSide
    gateway: RateSide
  }
}

/**
 * Gateway ÷ floor per block, then the median (nearest rank: use an odd number of blocks): a block where the host was slow for both cancels
 * out, and one disturbed turn moves the result less than it would move a mean.
 *
 * @example
 * pairedRatios([{ floor: f1, gateway: g1 }, { floor: f2, gateway: g2 }]).cpuRatio
 */
export function pairedRatios(blocks: ReadonlyArray<{ floor: LoadTurn; gateway: LoadTurn }>): {
  cpuRatio: number
  requestsPerSecondRatio: number
} {
  return {
    cpuRatio: median(
      blocks.map((block) => block.gateway.cpuMicrosPerRequest / block.floor.cpuMicrosPerRequest),
    ),
    requestsPerSecondRatio: median(
      blocks.map((block) => block.gateway.requestsPerSecond / block.floor.requestsPerSecond),
    ),
  }
}

/**
 * One side's fixed-rate blocks pooled: percentiles over all samples, CPU per request over all
 * requests.
 *
 * @example
 * const side = poolRateTurns([{ samples, completed: 3_000, errors: 0, cpuMicros: 600_000 }])
 */
export function poolRateTurns(
  turns: ReadonlyArray<{ samples: Float64Array; completed: number; errors: number; cpuMicros: number }>,
): RateSide {
  const all = new Float64Array(turns.reduce((sum, turn) => sum + turn.samples.length, 0))
  let at = 0
  for (const turn of turns) {
    all.set(turn.samples, at)
    at += turn.samples.length
  }
  const summary = summarize(all)
  const completed = turns.reduce((sum, turn) => sum + turn.completed, 0)
  return {
    p50: summary.p50,
    p99: summary.p99,
    samples: all.length,
    errors: turns.reduce((sum, turn) => sum + turn.errors, 0),
    cpuMicrosPerRequest: turns.reduce((sum, turn) => sum + turn.cpuMicros, 0) / Math.max(completed, 1),
  }
}

/**
 * Measured one after the other minutes apart, the floor's CPU per request moved between 49 and
 * 97 µs on this kind of host in one day: a ratio of two such readings says more about the host
 * than about the gateway. Here both run in `blocks` short blocks, taking turns (floor first in
 * even blocks, gateway first in odd ones), at max load and then at 1,000 req/s.
 *
 * Two processes of the same gateway build also differ: paired the same way, two identical
 * gateways read 1–7 % apart, one process staying ahead for the whole run (memory layout, what
 * the JIT settled on). So the gateway's turns rotate over `gateways`, several processes started
 * alike, block `i` on process `i % gateways.length`: the median is over processes, not one
 * process's luck.
 *
 * @example
 * const paired = await measurePairedLoad(floorTarget, [gatewayA, gatewayB, gatewayC], context)
 */
export async function measurePairedLoad(
  floor: Target,
  gateways: readonly Target[],
  context: SuiteContext,
): Promise<PairedLoadResult> {
  const { plan, log } = context
  const started = performance.now()
  const blocks = (
    await takeTurns(floor, gateways, plan.pairedBlocks, (target) =>
      runClosedLoop(target, context, context.bodies.chat, plan.pairedBlockSeconds),
    )
  ).map(([floorTurn, gatewayTurn], index) => ({
    floor: floorTurn,
    gateway: gatewayTurn,
    instance: index % gateways.length,
  }))
  log(`paired max load: ${blocks.length} blocks in ${((performance.now() - started) / 1_000).toFixed(0)} s`)

  const requestsPerSecond = 1_000
  const rateBlocks = await takeTurns(floor, gateways, plan.pairedBlocks, async (target) => {
    const cpuBefore = readCpuMicros(target.pid)
    const result = await runConstantRate({
      url: target.url,
      body: context.bodies.chat,
      authorization: target.authorization,
      requestsPerSecond,
      durationSeconds: plan.pairedRateSeconds,
      warmupSeconds: 0.5,
    })
    return {
      samples: result.serviceSamples,
      completed: result.completed,
      errors: result.errors,
      cpuMicros: readCpuMicros(target.pid) - cpuBefore,
    }
  })
  return {
    blockSeconds: plan.pairedBlockSeconds,
    instances: gateways.length,
    blocks,
    ...pairedRatios(blocks),
    rate: {
      requestsPerSecond,
      blockSeconds: plan.pairedRateSeconds,
      blocks: plan.pairedBlocks,
      floor: poolRateTurns(rateBlocks.map(([floorTurn]) => floorTurn)),
      gateway: poolRateTurns(rateBlocks.map(([, gatewayTurn]) => gatewayTurn)),
    },
  }
}

/**
 * Runs `measure` on two targets in `blocks` blocks, taking turns (`first` leads in even blocks,
 * `second` in odd ones), and returns each block's pair as `[first's, second's]`. Given several
 * `second` targets, block `i` uses `second[i % second.length]`.
 *
 * @example
 * const blocks = await takeTurns(floor, [gateway], 7, (target) => runClosedLoop(target, context, body, 4))
 */
export async function takeTurns<T>(
  first: Target,
  seconds: Target | readonly Target[],
  blocks: number,
  measure: (target: Target) => Promise<T>,
): Promise<Array<[T, T]>> {
  const rotation: readonly Target[] = Array.isArray(seconds) ? seconds : [seconds as Target]
  if (rotation.length === 0) throw new RangeError('takeTurns: no second target')
  const pairs: Array<[T, T]> = []
  for (let index = 0; index < blocks; index++) {
    const second = rotation[index % rotation.length] as Target
    if (index % 2 === 0) {
      const a = await measure(first)
      pairs.push([a, await measure(second)])
    } else {
      const b = await measure(second)
      pairs.push([await measure(first), b])
    }
  }
  return pairs
}
