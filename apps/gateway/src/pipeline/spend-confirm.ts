// Step "spend confirm": settle the reservation to the actual cost, or release it; record either in the spool.
import type { CachedKey } from '@gw/auth-cache'
import type { RateLimitDecision } from '@gw/budget'
import type { ForwardResult } from '@gw/providers'
import type { Budgets } from '../governance/create-budgets.js'
import { overrideCostMicroUsd } from '../governance/price-overrides.js'
import { settleRateTokens, settleShared } from '../governance/shared-governance.js'
import { encodeConfirm, encodeFail } from '../governance/spend-records.js'
import type { SpendAdmission } from './spend-admit.js'

/** What {@link confirmSpend} and {@link releaseSpend} read from the request state (the state itself fits). */
export interface SpendSettlement {
  readonly context: { readonly requestId: string }
  rateLimit: RateLimitDecision | undefined
  spend: SpendAdmission | undefined
}

/**
 * Settles a completed request. The cost is the response's usage at the serving credential's price
 * override, else at catalogue prices; when the
 * provider answered 2xx without usage or without a price, the reservation's estimate is charged
 * (never less than was reserved for), and so is a stream the client left before its usage event.
 * An error answer with no usage, or a client gone before the response started, releases it. A
 * request of a key with budgets sends a `confirmSpend` to the spool (the ledger settles budgets and
 * feeds spend per key and model from it); a key without budgets does only with
 * `GATEWAY_SPEND_RECORD=all`, so a key with no governance pays nothing here by default. An answer
 * from the response cache costs 0 and no tokens, and its record says `cache_hit: true`.
 *
 * @example
 * confirmSpend(services.governance, state.key, state, state.result)
 */
export function confirmSpend(
  governance: Budgets,
  key: CachedKey,
  settlement: SpendSettlement,
  result: ForwardResult,
): void {
  const { spend, rateLimit } = settlement
  const usage = result.usage
  // No usage: an error answer, or a client gone before the stream started, costs nothing; a
  // stream the client left mid-way is charged its estimate (output is bounded by max_tokens).
  if (usage === undefined && (result.status >= 400 || (result.clientAborted && !result.streamed))) {
    releaseSpend(
      governance,
      key,
      settlement,
      result.clientAborted ? 'client_aborted' : `status_${result.status}`,
    )
    return
  }
  if (rateLimit !== undefined) {
    settleRateTokens(governance, rateLimit, usage === undefined ? 0 : usage.inputTokens + usage.outputTokens)
  }
  // A key without budgets (nothing admitted) costs nothing here unless spend reports ask for it.
  if (spend === undefined && !governance.recordAllSpend) return
  if (usage !== undefined) {
    const overridden = overrideCostMicroUsd(key.config, result.providerId, result.model, usage)
    // Telemetry and metrics read the same figure (they run after this step).
    if (overridden !== undefined) result.costMicroUsd = overridden
  }
  const cost = result.costMicroUsd ?? spend?.estimateMicroUsd ?? 0
  const nowMs = governance.now()
  if (spend !== undefined) {
    if (spend.reservation !== null)
      governance.enforcer.settle(spend.reservation, cost, result.providerId, nowMs)
    if (spend.shared !== null) settleShared(governance, spend.shared, cost, result.providerId, nowMs)
    governance.admits.finish(spend.admitTicket)
  }
  governance.spool.appendEncoded(
    'confirmSpend',
    encodeConfirm({
      key,
      requestId: settlement.context.requestId,
      endUserId: spend?.endUserId,
      providerId: result.providerId,
      model: result.model,
      costMicroUsd: cost,
      cacheHit: result.cacheHit === true,
      usage,
      occurredAtMs: nowMs,
    }),
  )
}

/**
 * Releases a request's reservation (refused later in the pipeline, or failed without output) and
 * records `failSpend`. A request that reserved nothing records nothing.
 *
 * @example
 * releaseSpend(services.governance, state.key, state, 'provider_error')
 */
export function releaseSpend(
  governance: Budgets,
  key: CachedKey,
  settlement: SpendSettlement,
  reason: string,
): void {
  const { spend, rateLimit } = settlement
  if (rateLimit !== undefined) settleRateTokens(governance, rateLimit, 0)
  if (spend === undefined) return
  const held = spend.reservation ?? spend.shared
  if (held === null || held.done) return
  if (spend.reservation !== null) governance.enforcer.release(spend.reservation)
  if (spend.shared !== null) settleShared(governance, spend.shared, 0, null, governance.now())
  governance.admits.finish(spend.admitTicket)
  governance.spool.appendEncoded(
    'failSpend',
    encodeFail(key, settlement.context.requestId, reason, governance.now()),
  )
}
