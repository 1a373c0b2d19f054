// Static routing: `none` and `fallback_all` plans with routing- and access-excluded providers removed.
import { GatewayError } from '@gw/contract'
import type { Candidate, ProviderConfig, RoutePlan } from '@gw/providers'

/** A set of provider names (ids, handles or types); undefined when empty. */
export type ProviderNameSet = ReadonlySet<string> | undefined

/** Whether a provider is named by a set (by id, handle or type). */
export function isNamed(names: ProviderNameSet, provider: ProviderConfig): boolean {
  if (names === undefined) return false
  return (
    names.has(provider.id) ||
    names.has(provider.type) ||
    (provider.handle !== undefined && names.has(provider.handle))
  )
}

// The client named this provider itself (`provider/model`): routing exclusions do not apply to it.
function isNamedExplicitly(requested: string, provider: ProviderConfig): boolean {
  const slash = requested.indexOf('/')
  if (slash <= 0) return false
  const prefix = requested.slice(0, slash)
  return prefix === provider.id || prefix === provider.handle || prefix === provider.type
}

/** What {@link restrictPlan} applies. */
export interface PlanRestrictions {
  /** `none`: keep the first eligible candidate only, one attempt. */
  firstOnly: boolean
  routingExcluded: ProviderNameSet
  accessExcluded: ProviderNameSet
}

/**
 * The plan without access-excluded providers and, unless the client named it as `provider/model`,
 * without routing-excluded ones; `firstOnly` keeps the first and sets `maxAttempts` 1. Throws 400
 * `no_provider_configured` when nothing is left.
 *
 * @example
 * restrictPlan(plan, { firstOnly: true, routingExcluded: undefined, accessExcluded: new Set(['anthropic']) })
 */
export function restrictPlan(plan: RoutePlan, restrictions: PlanRestrictions): RoutePlan {
  const kept: Candidate[] = []
  plan.candidates.forEach((candidate, index) => {
    if (isNamed(restrictions.accessExcluded, candidate.provider)) return
    if (
      isNamed(restrictions.routingExcluded, candidate.provider) &&
      !(index === 0 && isNamedExplicitly(plan.requestedModel, candidate.provider))
    )
      return
    kept.push(candidate)
  })
  if (kept.length === 0) {
    throw new GatewayError(
      'no_provider_configured',
      `Model "${plan.requestedModel}" resolves only to providers this key excludes ` +
        '(access_excluded_providers / routing_excluded_providers): pick another model or change the key',
      { meta: { model: plan.requestedModel } },
    )
  }
  if (restrictions.firstOnly) return { ...plan, candidates: kept.slice(0, 1), maxAttempts: 1 }
  return kept.length === plan.candidates.length ? plan : { ...plan, candidates: kept }
}
