// Spend record payloads as JSON text from a per-key template: no object built or walked per request.
import type { CachedKey } from '@gw/auth-cache'
import type { Usage } from '@gw/providers'
import { boundedMemo } from '@gw/providers/internal'

// The key's identity fields serialised once per verified bundle claims (a new bundle is a new object).
const identities = new WeakMap<CachedKey['claims'], string>()

function identityOf(key: CachedKey): string {
  const { claims } = key
  let text = identities.get(claims)
  if (text === undefined) {
    text = JSON.stringify({
      vk_id: claims.vk_id,
      org_id: claims.org_id,
      project_id: claims.project_id,
      team_id: claims.team_id,
      principal_id: claims.principal_id,
    }).slice(1, -1)
    identities.set(claims, text)
  }
  return text
}

/**
 * `JSON.stringify` of a model name or provider id, remembered (at most 512): they repeat from one
 * record to the next, and a lookup costs less than quoting again.
 */
const quoted: (value: string) => string = boundedMemo(512, JSON.stringify as (value: string) => string)

/** A number as JSON writes it (a non-finite one becomes null, as JSON.stringify does). */
function num(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null'
}

function head(key: CachedKey, requestId: string, endUserId: string | null | undefined): string {
  const identity = identityOf(key)
  const endUser = endUserId == null ? '' : `,"end_user_id":${JSON.stringify(endUserId)}`
  return `{"gateway_request_id":${JSON.stringify(requestId)}${identity === '' ? '' : `,${identity}`}${endUser}`
}

/** What an `admitSpend` record says. */
export interface AdmitFacts {
  key: CachedKey
  requestId: string
  model: string
  budgets: readonly { id: string }[]
  estimateMicroUsd: number
  occurredAtMs: number
  endUserId: string | null
}

/**
 * The `admitSpend` payload as JSON text.
 *
 * @example
 * spool.appendEncoded('admitSpend', encodeAdmit(facts))
 */
export function encodeAdmit(facts: AdmitFacts): string {
  let ids = ''
  for (const budget of facts.budgets) ids += `${ids === '' ? '' : ','}${JSON.stringify(budget.id)}`
  return `${head(facts.key, facts.requestId, facts.endUserId)},"model":${quoted(facts.model)},"budget_ids":[${ids}],"estimated_cost_micro_usd":${num(facts.estimateMicroUsd)},"occurred_at":${num(facts.occurredAtMs)}}`
}

/** What a `confirmSpend` record says. */
export interface ConfirmFacts {
  key: CachedKey
  requestId: string
  endUserId: string | null | undefined
  providerId: string | null
  model: string
  costMicroUsd: number
  cacheHit: boolean
  usage: Usage | undefined
  occurredAtMs: number
}

function encodeUsage(usage: Usage): string {
  return `,"usage":{"input_tokens":${num(usage.inputTokens)},"output_tokens":${num(usage.outputTokens)},"cache_read_input_tokens":${num(usage.cacheReadInputTokens)},"cache_creation_input_tokens":${num(usage.cacheCreationInputTokens)},"reasoning_tokens":${num(usage.reasoningTokens)}}`
}

/**
 * The `confirmSpend` payload as JSON text.
 *
 * @example
 * spool.appendEncoded('confirmSpend', encodeConfirm(facts))
 */
export function encodeConfirm(facts: ConfirmFacts): string {
  const provider = facts.providerId === null ? 'null' : quoted(facts.providerId)
  return `${head(facts.key, facts.requestId, facts.endUserId)},"model_provider_id":${provider},"model":${quoted(facts.model)},"cost_micro_usd":${num(facts.costMicroUsd)}${facts.cacheHit ? ',"cache_hit":true' : ''}${facts.usage === undefined ? '' : encodeUsage(facts.usage)},"occurred_at":${num(facts.occurredAtMs)}}`
}

/**
 * The `failSpend` payload as JSON text.
 *
 * @example
 * spool.appendEncoded('failSpend', encodeFail(key, requestId, 'status_502', Date.now()))
 */
export function encodeFail(key: CachedKey, requestId: string, reason: string, occurredAtMs: number): string {
  return `${head(key, requestId, null)},"reason":${JSON.stringify(reason)},"occurred_at":${num(occurredAtMs)}}`
}
