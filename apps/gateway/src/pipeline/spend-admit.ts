// Step "spend admit": estimate the request's cost and reserve it in every budget bucket → 402.
import type { ServerResponse } from 'node:http'
import type { CachedKey } from '@gw/auth-cache'
import {
  type BudgetBreach,
  type BudgetReservation,
  budgetExceededError,
  estimateCostMicroUsd,
  estimateInputTokens,
  type SharedReservation,
} from '@gw/budget'
import type { RoutePlan } from '@gw/providers'
import type { Budgets } from '../governance/create-budgets.js'
import { estimatePriceOverride } from '../governance/price-overrides.js'
import { ownHeadersOf } from '../http/gateway-response.js'
import type { RequestBody } from './request-state.js'

/** A request's reservation, carried to "spend confirm". */
export interface SpendAdmission {
  /** The in-process reservation, or null when Redis holds it (`shared`). */
  reservation: BudgetReservation | null
  shared: SharedReservation | null
  estimateMicroUsd: number
  /** Providers whose filtered budget this request would pass: removed from the chain. */
  excluded: readonly BudgetBreach[]
  /** The end user whose template buckets hold the reservation; null without templates. */
  endUserId: string | null
  /** The deferred admit's ticket, handed back when the request ends (-1: none held). */
  admitTicket: number
}

const WARNING_HEADER = 'x-langwatch-budget-warning'

// From the byte scan when there is one (no parse for the estimate), else from the parsed body.
function maxOutputTokens(body: RequestBody): number | null {
  const value =
    body.scanned !== undefined
      ? body.scanned.maxTokens
      : (body.parsed.max_tokens ?? body.parsed.max_completion_tokens ?? body.parsed.max_output_tokens)
  return typeof value === 'number' && value >= 0 ? value : null
}

/**
 * Reserves the estimated cost (input estimate × input price + `max_tokens`, or the default,
 * × output price; 0 for a model without a price) before dispatch, in one synchronous pass over
 * every bucket, so concurrent requests never overshoot a budget. Returns undefined at once for
 * a key without budgets. Throws 402 `budget_exceeded` when a `block` budget would pass its limit.
 * `endUserId` (from `resolveEndUser`) picks the end user's bucket of each per-end-user template.
 *
 * @example
 * state.spend = admitSpend(services.governance, state.key, state.body, state.context.requestId, outgoing, endUser)
 */
export function admitSpend(
  governance: Budgets,
  key: CachedKey,
  body: RequestBody,
  requestId: string,
  outgoing: ServerResponse,
  endUserId: string | null = null,
): SpendAdmission | undefined {
  const config = key.config
  if (config.budgets.length === 0) return undefined
  const nowMs = governance.now()
  const plan = governance.enforcer.planFor(config, nowMs)
  if (plan === null) return undefined
  const requested = requestedModel(body)
  const estimateMicroUsd = estimateSpend(governance, key, body, requested)
  const admission = governance.enforcer.admit(plan, estimateMicroUsd, nowMs, endUserId)
  if (!admission.ok) {
    governance.metrics.budgetBlocks.inc({ scope: admission.breach.budget.scope })
    throw budgetExceededError(admission.breach)
  }
  if (admission.warning !== null) ownHeadersOf(outgoing).setHeader(WARNING_HEADER, admission.warning)
  const admitTicket = recordAdmit(
    governance,
    key,
    requestId,
    requested,
    admission.reservation.budgets,
    estimateMicroUsd,
    nowMs,
    endUserId,
    admission.reservation,
  )
  return {
    reservation: admission.reservation,
    shared: null,
    estimateMicroUsd,
    excluded: admission.excludedProviders,
    endUserId,
    admitTicket,
  }
}

/** The body's `model` as the client sent it ('' when absent). */
export function requestedModel(body: RequestBody): string {
  if (body.scanned !== undefined) return body.scanned.model ?? ''
  return typeof body.parsed.model === 'string' ? body.parsed.model : ''
}

/**
 * The pre-dispatch estimate in micro-USD (0 for a model without a price): a credential's price
 * override over the catalogue (the highest one when several credentials override the model).
 *
 * @example
 * const estimate = estimateSpend(governance, key, body, requestedModel(body))
 */
export function estimateSpend(
  governance: Budgets,
  key: CachedKey,
  body: RequestBody,
  requested: string,
): number {
  const model = key.config.model_aliases[requested] ?? requested
  const price = estimatePriceOverride(key.config, model) ?? governance.catalog.price(model)
  if (price === undefined) return 0
  return estimateCostMicroUsd({
    inputTokens: estimateInputTokens(body.raw.length),
    maxOutputTokens: maxOutputTokens(body),
    defaultOutputTokens: governance.defaultOutputTokens,
    price,
  })
}

/**
 * Hands the request's `admitSpend` record to the deferred admits: written to the spool only if
 * the request is still running after `GATEWAY_SPEND_ADMIT_DELAY_MS` (`held` not done by then).
 * Returns the ticket that "spend confirm" hands back when the request ends.
 */
export function recordAdmit(
  governance: Budgets,
  key: CachedKey,
  requestId: string,
  model: string,
  budgets: readonly { id: string }[],
  estimateMicroUsd: number,
  nowMs: number,
  endUserId: string | null,
  held: { readonly done: boolean },
): number {
  return governance.admits.admit({
    key,
    requestId,
    model,
    budgets,
    estimateMicroUsd,
    occurredAtMs: nowMs,
    endUserId,
    held,
  })
}

/**
 * Removes from the chain every provider whose filtered budget is exhausted; 402 when none is left.
 *
 * @example
 * state.plan = excludeBudgetedProviders(state.plan, state.spend)
 */
export function excludeBudgetedProviders(plan: RoutePlan, spend: SpendAdmission | undefined): RoutePlan {
  if (spend === undefined || spend.excluded.length === 0) return plan
  const excluded = new Set(spend.excluded.map((breach) => breach.budget.providerKey))
  const candidates = plan.candidates.filter((candidate) => !excluded.has(candidate.provider.id))
  if (candidates.length === plan.candidates.length) return plan
  if (candidates.length === 0) throw budgetExceededError(spend.excluded[0]!)
  return { ...plan, candidates }
}
