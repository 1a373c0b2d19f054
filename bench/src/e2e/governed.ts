// The "governed" gateway: a second gateway process whose key has a budget (in-process), a policy
// rule, and operator tracing sampled at 0.1 exporting to a local OTLP sink; floor vs it, same run.
import { parseVirtualKeyId } from '@gw/auth-cache'
import type { ControlPlaneStack, GatewayStackOptions } from './gateway-stack.js'
import { type ClosedLoopResult, runClosedLoop } from './load/closed-loop.js'
import { expectOk, type SuiteContext, type Target } from './measure-target.js'
import { pairedRatios, takeTurns } from './paired-load.js'
import type { Outcome } from './report.js'
import { startGatewayProcess } from './stack/gateway-process.js'
import { startOtlpSink } from './stack/otlp-sink.js'

/** The governed run: the floor and the governed gateway taking turns. */
export interface GovernedResult {
  /** The parts that were on (all three unless `--governed` said otherwise). */
  parts: GovernedPart[]
  /** Each block's floor turn and governed turn. */
  blocks: Array<{ floor: ClosedLoopResult; gateway: ClosedLoopResult }>
  /** Median over blocks of governed ÷ floor. */
  cpuRatio: number
  requestsPerSecondRatio: number
  /** OTLP export requests the sink received during the governed load (tracing really on). */
  exports: number
  /** What the governed key carries, for the report. */
  description: string
}

/** The governance parts a run turns on (all three by default; fewer to find which one costs). */
export type GovernedPart = 'budget' | 'policy' | 'tracing'
/** Every part, in the order they are described. */
export const governedParts: readonly GovernedPart[] = ['budget', 'policy', 'tracing']

// A rule the bench body does not trip: the policy step still runs over every request.
const policyConfig = { policy_rules: { tools: { deny: ['^shell_exec$'], allow: null } } }
const partDescriptions: Record<GovernedPart, string> = {
  budget: 'a monthly budget (USD 1,000,000, block; in-process)',
  policy: 'a policy rule (deny tool `^shell_exec$`)',
  tracing: '`OTEL_SAMPLE_RATIO=0.1` exporting operator spans to a local OTLP/HTTP sink',
}

/**
 * Creates the governed key and its budget, starts a gateway with tracing on, and runs the floor
 * and the governed gateway taking turns in the plan's paired blocks (after a 2 s warm-up each).
 *
 * @example
 * const governed = await measureGoverned(stack, stackOptions, floorTarget, context)
 */
export async function measureGoverned(
  stack: ControlPlaneStack,
  options: GatewayStackOptions,
  floor: Target,
  context: SuiteContext,
  parts: readonly GovernedPart[] = governedParts,
): Promise<Outcome<GovernedResult>> {
  const key = await stack.admin.createKeyWithConfig(
    stack.projectId,
    parts.includes('policy') ? policyConfig : {},
  )
  if (parts.includes('budget')) {
    await stack.admin.post('/budgets', {
      scope: 'virtual_key',
      scope_id: parseVirtualKeyId(key),
      window: 'month',
      limit_usd: 1_000_000,
      on_breach: 'block',
    })
  }
  const description = `key with ${parts.map((part) => partDescriptions[part]).join(', ') || 'no governance'}`
  const sink = await startOtlpSink()
  const gateway = await startGatewayProcess({
    controlPlaneUrl: stack.controlPlane.url,
    secrets: stack.secrets,
    pinning: options.pinning,
    core: options.systemCore,
    logLevel: options.logLevel,
    mode: options.mode,
    env: parts.includes('tracing') ? { OTEL_OTLP_ENDPOINT: sink.url, OTEL_SAMPLE_RATIO: '0.1' } : {},
  })
  if (!gateway.ok) {
    await sink.close()
    return gateway
  }
  try {
    const target: Target = {
      label: 'governed gateway',
      url: `${gateway.value.url}/v1/chat/completions`,
      pid: gateway.value.handle.pid,
      authorization: `Bearer ${key}`,
      process: gateway.value.handle,
    }
    const { pairedBlocks, pairedBlockSeconds } = context.plan
    const body = context.bodies.chat
    context.log(
      `governed: floor and governed gateway taking turns, ${pairedBlocks} blocks of ${pairedBlockSeconds} s each`,
    )
    await expectOk(target, body)
    await runClosedLoop(floor, context, body, 2)
    await runClosedLoop(target, context, body, 2)
    const exportsBefore = sink.received().requests
    const blocks = (
      await takeTurns(floor, target, pairedBlocks, (each) =>
        runClosedLoop(each, context, body, pairedBlockSeconds, {
          extraPid: each === target ? stack.controlPlane.handle.pid : undefined,
        }),
      )
    ).map(([floorTurn, governedTurn]) => ({ floor: floorTurn, gateway: governedTurn }))
    // Spans leave in batches: give the last one a moment before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    return {
      ok: true,
      value: {
        parts: [...parts],
        blocks,
        ...pairedRatios(blocks),
        exports: sink.received().requests - exportsBefore,
        description,
      },
    }
  } finally {
    await gateway.value.handle.stop()
    await sink.close()
  }
}
