// A key config's routing, compiled once per config object: mode, exclusions, policy.
import type { GatewayKeyConfig, RoutingMode } from '@gw/contract'
import { routeConfigFromKeyConfig } from '@gw/providers'
import { type CompiledPolicy, compilePolicy } from './compile-policy.js'
import type { PlanRestrictions, ProviderNameSet } from './exclude-providers.js'

/** The routing fields of a key config. */
export type KeyRoutingConfig = Pick<
  GatewayKeyConfig,
  | 'providers'
  | 'providers_allowed'
  | 'routing_mode'
  | 'routing_policy'
  | 'routing_excluded_providers'
  | 'access_excluded_providers'
>

/** One key's compiled routing. */
export interface CompiledKeyRouting {
  /** The mode in force: `policy` without a policy (deleted, or no usable target) routes as `fallback_all`. */
  mode: RoutingMode
  restrictions: PlanRestrictions
  policy: CompiledPolicy | undefined
}

const toSet = (names: readonly string[] | null | undefined): ProviderNameSet =>
  names == null || names.length === 0 ? undefined : new Set(names)

/**
 * Whether a config routes differently from today's walk: a mode other than `fallback_all`, or an
 * exclusion. Three field reads: what a key with the default config pays.
 *
 * @example
 * if (!hasRouting(config)) return plan
 */
export function hasRouting(config: KeyRoutingConfig): boolean {
  return (
    config.routing_mode === 'none' ||
    config.routing_mode === 'policy' ||
    config.routing_excluded_providers.length > 0 ||
    config.access_excluded_providers.length > 0
  )
}

/**
 * Compiles a key's routing. `routing_mode` values other than `none` and `policy` (null, or another
 * control plane's names) mean `fallback_all`.
 *
 * @example
 * const routing = compileKeyRouting(key.config)
 */
export function compileKeyRouting(config: KeyRoutingConfig): CompiledKeyRouting {
  const restrictions: PlanRestrictions = {
    firstOnly: config.routing_mode === 'none',
    routingExcluded: toSet(config.routing_excluded_providers),
    accessExcluded: toSet(config.access_excluded_providers),
  }
  if (config.routing_mode === 'none') return { mode: 'none', restrictions, policy: undefined }
  const policyConfig = config.routing_policy
  if (config.routing_mode !== 'policy' || policyConfig == null)
    return { mode: 'fallback_all', restrictions, policy: undefined }
  const { providers } = routeConfigFromKeyConfig({
    providers: config.providers,
    fallback: { chain: [], max_attempts: null },
    model_aliases: {},
    models_allowed: null,
    providers_allowed: null,
  })
  const policy = compilePolicy(policyConfig, providers, {
    providersAllowed: toSet(config.providers_allowed),
    routingExcluded: restrictions.routingExcluded,
    accessExcluded: restrictions.accessExcluded,
  })
  return policy.targets.length === 0
    ? { mode: 'fallback_all', restrictions, policy: undefined }
    : { mode: 'policy', restrictions, policy }
}
