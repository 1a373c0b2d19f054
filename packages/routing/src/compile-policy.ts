// A routing policy compiled against one key's providers, and its per-model target orders.
import type { RoutingPolicyConfig, RoutingStrategy } from '@gw/contract'
import { type Candidate, modelFamilyOf, type ProviderConfig, type RoutePlan } from '@gw/providers'
import { isNamed, type ProviderNameSet } from './exclude-providers.js'
import { createSmoothWeighted, type SmoothWeighted } from './smooth-weighted.js'

/** One usable target: a credential of the key, its model override, its weight. */
export interface PolicyTarget {
  provider: ProviderConfig
  model: string | null
  weight: number
}

/** The targets of one resolved plan. */
export interface PolicyPlan {
  /** `orders[i]`: target `i` first, then the other usable targets in policy order; undefined if unusable. */
  orders: readonly (RoutePlan | undefined)[]
  /** 1 where the target can serve this plan's model. */
  usable: Uint8Array
}

/** A policy ready to route: targets, picker state, scratch space, per-plan memo. */
export interface CompiledPolicy {
  id: string
  strategy: RoutingStrategy
  sticky: boolean
  targets: readonly PolicyTarget[]
  picker: SmoothWeighted
  /** Reused by each pick (routing is synchronous), so a pick allocates nothing. */
  eligible: Uint8Array
  planFor(plan: RoutePlan): PolicyPlan | undefined
}

/** Which providers a policy may use. */
export interface PolicyFilters {
  providersAllowed: ProviderNameSet
  routingExcluded: ProviderNameSet
  accessExcluded: ProviderNameSet
}

function servesModel(provider: ProviderConfig, model: string): boolean {
  if (provider.models !== undefined) return provider.models.includes(model)
  const family = modelFamilyOf(model)
  return family === undefined ? provider.type === 'openai-compatible' : family.types.includes(provider.type)
}

/**
 * Compiles a policy for one key: targets whose credential the key has and may use (allowed, not
 * excluded), in policy order. A target without a model override serves the requested model when
 * its credential lists it (or serves its family).
 *
 * @example
 * const compiled = compilePolicy(config.routing_policy, providers, filters)
 */
export function compilePolicy(
  policy: RoutingPolicyConfig,
  providers: readonly ProviderConfig[],
  filters: PolicyFilters,
): CompiledPolicy {
  const targets: PolicyTarget[] = []
  for (const target of policy.targets) {
    const provider = providers.find((each) => each.id === target.provider_id)
    if (provider === undefined) continue
    if (filters.providersAllowed !== undefined && !isNamed(filters.providersAllowed, provider)) continue
    if (isNamed(filters.accessExcluded, provider) || isNamed(filters.routingExcluded, provider)) continue
    targets.push({ provider, model: target.model, weight: target.weight })
  }
  const plans = new WeakMap<RoutePlan, PolicyPlan | null>()
  const buildPlan = (plan: RoutePlan): PolicyPlan | null => {
    const requested = plan.candidates[0]?.model
    const usable = new Uint8Array(targets.length)
    const candidates: (Candidate | undefined)[] = targets.map((target, index) => {
      const model =
        target.model ??
        (requested !== undefined && servesModel(target.provider, requested) ? requested : undefined)
      if (model === undefined) return undefined
      usable[index] = 1
      return { provider: target.provider, model }
    })
    if (!usable.includes(1)) return null
    const orders = candidates.map((first) => {
      if (first === undefined) return undefined
      const rest = candidates.filter((each): each is Candidate => each !== undefined && each !== first)
      return { ...plan, candidates: [first, ...rest] }
    })
    return { orders, usable }
  }
  return {
    id: policy.id,
    strategy: policy.strategy,
    sticky: policy.sticky_sessions,
    targets,
    picker: createSmoothWeighted(targets.map((target) => target.weight)),
    eligible: new Uint8Array(targets.length),
    planFor(plan) {
      let compiled = plans.get(plan)
      if (compiled === undefined) {
        compiled = buildPlan(plan)
        plans.set(plan, compiled)
      }
      return compiled ?? undefined
    },
  }
}
