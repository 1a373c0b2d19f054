// Builds the GatewayKeyConfig document of §4 from a key, its project and the project's providers.
import type { BudgetConfig, GatewayKeyConfig, ProviderSlot } from '@gw/contract'
import { keyGuardrails, noProjectGuardrails, type ProjectGuardrails } from '../guardrails/key-guardrails.js'
import {
  keyRoutingPolicy,
  noRoutingPolicies,
  type ProjectRoutingPolicies,
} from '../routing/project-routing-policies.js'
import { keepKnownAttachments } from './keep-known-attachments.js'
import { expiresAtSeconds, type VirtualKeyRecord } from './virtual-key-store.js'

/** The fields of a key row its config document is built from. */
export type KeyConfigKey = Pick<
  VirtualKeyRecord,
  | 'id'
  | 'organization_id'
  | 'project_id'
  | 'team_id'
  | 'principal_id'
  | 'display_prefix'
  | 'status'
  | 'expires_at'
  | 'config'
  | 'revision'
>

/** What {@link buildKeyConfig} needs. */
export interface KeyConfigSources {
  key: KeyConfigKey
  /** The project's OTLP token (opened), or null. */
  projectOtlpToken: string | null
  /**
   * The project's provider slots. Treated as immutable: the set of their ids is memoised per
   * array (a bootstrap page builds thousands of configs over one array), so pass a new array
   * when the slots change.
   */
  providers: ProviderSlot[]
  /** The project's guardrails and attachments; absent → only the key policy's attachments. */
  guardrails?: ProjectGuardrails
  /** The budgets that apply to the key, with their current spend; none when absent. */
  budgets?: BudgetConfig[]
  /** The project's routing policies; absent → none (`routing_policy` null). */
  routingPolicies?: ProjectRoutingPolicies
}

// A bootstrap page builds thousands of configs over one project's providers: one id set each.
const providerIdSets = new WeakMap<readonly ProviderSlot[], ReadonlySet<string>>()

function providerIdsOf(providers: readonly ProviderSlot[]): ReadonlySet<string> {
  let ids = providerIdSets.get(providers)
  if (ids === undefined) {
    ids = new Set(providers.map((provider) => provider.id))
    providerIdSets.set(providers, ids)
  }
  return ids
}

/**
 * The config document the gateway caches for a key. Budgets come from `sources.budgets` and
 * guardrails from `sources.guardrails`; cache rules are the key policy's; a fallback chain skips providers deleted since the key was configured.
 *
 * @example
 * const config = buildKeyConfig({ key, projectOtlpToken: null, providers })
 */
export function buildKeyConfig(sources: KeyConfigSources): GatewayKeyConfig {
  const { key, providers } = sources
  const policy = key.config
  const providerIds = providerIdsOf(providers)
  const attached = keyGuardrails(
    sources.guardrails ?? noProjectGuardrails,
    key.id,
    key.project_id,
    policy.guardrail_attachments,
  )
  return {
    vk_id: key.id,
    organization_id: key.organization_id,
    project_id: key.project_id,
    team_id: key.team_id,
    principal_id: key.principal_id,
    revision: String(key.revision),
    project_otlp_token: sources.projectOtlpToken,
    display_prefix: key.display_prefix,
    vk_tags: policy.tags,
    providers,
    fallback: {
      chain: policy.fallback.chain.filter((id) => providerIds.has(id)),
      max_attempts: policy.fallback.max_attempts,
    },
    model_aliases: policy.model_aliases,
    models_allowed: policy.models_allowed,
    providers_allowed: policy.providers_allowed,
    routing_mode: policy.routing_mode,
    routing_policy_id: policy.routing_policy_id,
    routing_policy: keyRoutingPolicy(
      sources.routingPolicies ?? noRoutingPolicies,
      policy.routing_policy_id,
      providerIds,
    ),
    routing_excluded_providers: policy.routing_excluded_providers,
    access_excluded_providers: policy.access_excluded_providers,
    rate_limits: policy.rate_limits,
    guardrails: attached.guardrails,
    guardrail_attachments: keepKnownAttachments(attached.guardrail_attachments, attached.guardrails),
    policy_rules: policy.policy_rules,
    budgets: sources.budgets ?? [],
    cache_rules: policy.cache_rules,
    expires_at: expiresAtSeconds(key),
  }
}
