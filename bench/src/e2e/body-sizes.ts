// CPU per request of the floor and the gateway under the same realistic bodies (190 B, 50 KB,
// 200 KB; non-stream and stream), taking turns per body so both see the same machine.

import { createBodies, createSizedBodies } from './bodies.js'
import { type ClosedLoopResult, runClosedLoop } from './load/closed-loop.js'
import { type Bodies, expectOk, type SuiteContext, type Target } from './measure-target.js'

/** One body size and mode, measured on both targets. */
export interface BodySizeRow {
  label: string
  bytes: number
  stream: boolean
  floor: ClosedLoopResult
  gateway: ClosedLoopResult
}

/**
 * The sizes of the run: the short chat and two agent turns.
 *
 * @example
 * for (const { label, bodies } of bodySizes('gpt-4o-mini')) console.log(label, bodies.chat.length)
 */
export function bodySizes(model: string): Array<{ label: string; bodies: Bodies }> {
  return [
    { label: '190 B', bodies: createBodies(model) },
    { label: '50 KB', bodies: createSizedBodies(model, 50_000) },
    { label: '200 KB', bodies: createSizedBodies(model, 200_000) },
  ]
}

/**
 * For each size and mode: 1 s of warm-up on each target, then `seconds` of wrk on the floor and
 * on the gateway, one after the other.
 *
 * @example
 * const rows = await measureBodySizes(floorTarget, gatewayTarget, context, 3)
 */
export async function measureBodySizes(
  floor: Target,
  gateway: Target,
  context: SuiteContext,
  seconds: number,
): Promise<BodySizeRow[]> {
  const rows: BodySizeRow[] = []
  for (const { label, bodies } of bodySizes('gpt-4o-mini')) {
    for (const stream of [false, true]) {
      const body = stream ? bodies.stream : bodies.chat
      const mode = stream ? 'stream' : 'non-stream'
      context.log(`bodies: ${label} ${mode}, floor then gateway, ${seconds} s each`)
      const measured: ClosedLoopResult[] = []
      for (const target of [floor, gateway]) {
        await expectOk(target, body)
        await runClosedLoop(target, context, body, 1)
        measured.push(await runClosedLoop(target, context, body, seconds))
      }
      const [floorResult, gatewayResult] = measured as [ClosedLoopResult, ClosedLoopResult]
      rows.push({ label, bytes: Buffer.byteLength(body), stream, floor: floorResult, gateway: gatewayResult })
    }
  }
  return rows
}
