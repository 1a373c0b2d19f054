// The strategies: which usable, healthy target of a policy a request goes to first.
import type { CircuitBreakers } from '@gw/providers'
import type { CompiledPolicy, PolicyPlan } from './compile-policy.js'
import type { RoutingStats } from './routing-stats.js'

/** What a pick reads. */
export interface PickContext {
  breakers: Pick<CircuitBreakers, 'state'>
  stats: RoutingStats
  /** A credential whose latency was not sampled for this long gets one probe request. */
  probeAfterMs: number
}

// Marks usable targets whose breaker is not open; returns how many.
function markEligible(policy: CompiledPolicy, plan: PolicyPlan, breakers: PickContext['breakers']): number {
  const eligible = policy.eligible
  let count = 0
  for (let index = 0; index < eligible.length; index++) {
    const ok = plan.usable[index] === 1 && breakers.state(policy.targets[index]!.provider.id) !== 'open'
    eligible[index] = ok ? 1 : 0
    if (ok) count++
  }
  return count
}

function pickLeastLatency(policy: CompiledPolicy, context: PickContext, at: number): number {
  const { eligible, targets } = policy
  let best = -1
  let bestLatency = Number.POSITIVE_INFINITY
  for (let index = 0; index < targets.length; index++) {
    if (eligible[index] !== 1) continue
    const id = targets[index]!.provider.id
    // A credential without a recent sample gets one request, so a recovered one is seen again.
    if (context.stats.sampleAgeMs(id, at) > context.probeAfterMs) {
      context.stats.markProbed(id, at)
      return index
    }
    const latency = context.stats.latencyOf(id) ?? 0
    if (latency < bestLatency) {
      best = index
      bestLatency = latency
    }
  }
  return best
}

function pickLeastBusy(policy: CompiledPolicy, context: PickContext): number {
  const { eligible, targets } = policy
  let least = Number.POSITIVE_INFINITY
  for (let index = 0; index < targets.length; index++) {
    if (eligible[index] === 1) least = Math.min(least, context.stats.inFlight(targets[index]!.provider.id))
  }
  // Ties (the common case at low load) share by weight.
  for (let index = 0; index < targets.length; index++) {
    if (eligible[index] === 1 && context.stats.inFlight(targets[index]!.provider.id) !== least)
      eligible[index] = 0
  }
  return policy.picker.pick(eligible)
}

/**
 * The index of the target to try first under the policy's strategy, among usable targets whose
 * breaker is not open; when all are open, the first usable one (the walker then reports the open
 * circuits). Allocation-free.
 *
 * @example
 * const index = pickTarget(policy, policy.planFor(plan)!, { breakers, stats, probeAfterMs: 2_000 }, performance.now())
 */
export function pickTarget(
  policy: CompiledPolicy,
  plan: PolicyPlan,
  context: PickContext,
  at: number,
): number {
  if (markEligible(policy, plan, context.breakers) === 0) return plan.usable.indexOf(1)
  let index: number
  if (policy.strategy === 'least_latency') index = pickLeastLatency(policy, context, at)
  else if (policy.strategy === 'least_busy') index = pickLeastBusy(policy, context)
  else index = policy.picker.pick(policy.eligible)
  // Every eligible weight 0: the first eligible target.
  return index === -1 ? policy.eligible.indexOf(1) : index
}
