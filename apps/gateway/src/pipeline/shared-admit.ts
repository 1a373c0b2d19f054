// Steps "rate limit" and "spend admit" in one Redis round trip, when replicas share counters.
import type { ServerResponse } from 'node:http'
import type { CachedKey } from '@gw/auth-cache'
import {
  budgetExceededError,
  estimateInputTokens,
  hasRateLimits,
  type RateLimitDecision,
  rateLimitedError,
  setRateLimitHeaders,
} from '@gw/budget'
import { GatewayError } from '@gw/contract'
import type { Budgets } from '../governance/create-budgets.js'
import type { SharedGovernance } from '../governance/shared-governance.js'
import { sharedRateLimitDecision } from '../governance/shared-rate-limit.js'
import { ownHeadersOf } from '../http/gateway-response.js'
import { applyRateLimit } from './rate-limit.js'
import type { RequestBody } from './request-state.js'
import { admitSpend, estimateSpend, recordAdmit, requestedModel, type SpendAdmission } from './spend-admit.js'

/** What the combined step leaves on the request state. */
export interface SharedAdmitResult {
  rateLimit: RateLimitDecision | undefined
  spend: SpendAdmission | undefined
}

const none: SharedAdmitResult = Object.freeze({ rateLimit: undefined, spend: undefined })

function local(
  governance: Budgets,
  key: CachedKey,
  body: RequestBody,
  requestId: string,
  outgoing: ServerResponse,
  endUserId: string | null,
): SharedAdmitResult {
  return {
    rateLimit: applyRateLimit(governance, key, body, outgoing),
    spend: admitSpend(governance, key, body, requestId, outgoing, endUserId),
  }
}

/**
 * Takes the key's rate limits and budget reservations atomically in Redis (one Lua script), so
 * N replicas share them exactly. Returns at once for a key with neither. When Redis cannot be
 * reached: `GATEWAY_REDIS_FAILURE_MODE=local` falls back to this replica's counters, `closed`
 * refuses with 503 `service_unavailable`; both count in `gateway_budget_store_fallbacks_total`.
 *
 * @example
 * Object.assign(state, await admitShared(governance, shared, state.key, state.body, requestId, outgoing))
 */
export async function admitShared(
  governance: Budgets,
  shared: SharedGovernance,
  key: CachedKey,
  body: RequestBody,
  requestId: string,
  outgoing: ServerResponse,
  endUserId: string | null = null,
): Promise<SharedAdmitResult> {
  const config = key.config
  const limits = hasRateLimits(config.rate_limits) ? config.rate_limits : null
  if (limits === null && config.budgets.length === 0) return none
  const nowMs = governance.now()
  const plan = governance.enforcer.planFor(config, nowMs)
  const requested = requestedModel(body)
  const estimateMicroUsd = plan === null ? 0 : estimateSpend(governance, key, body, requested)
  let admission: Awaited<ReturnType<SharedGovernance['governor']['admit']>>
  try {
    if (plan !== null && !shared.reconciled.has(config)) {
      shared.reconciled.add(config)
      await shared.governor.reconcile(plan, nowMs)
    }
    admission = await shared.governor.admit({
      keyId: key.claims.vk_id,
      limits,
      estimatedTokens: estimateInputTokens(body.raw.length),
      plan,
      estimateMicroUsd,
      nowMs,
      endUserId,
    })
  } catch (error) {
    shared.reportFailure(error)
    if (shared.failureMode === 'closed') {
      throw new GatewayError(
        'service_unavailable',
        'Budgets and rate limits cannot be checked right now (their store is unreachable); retry shortly',
        { retryAfter: 1 },
      )
    }
    return local(governance, key, body, requestId, outgoing, endUserId)
  }
  if (!admission.ok) {
    if (admission.refusal === 'rate_limit') {
      ownHeadersOf(outgoing).setHeader('retry-after', String(admission.retryAfterS))
      throw rateLimitedError({
        ok: false,
        dimension: admission.dimension,
        retryAfterS: admission.retryAfterS,
        limits: limits ?? { rpm: null, rpd: null, tpm: null },
        limitRequests: null,
        remainingRequests: null,
        remainingTokens: null,
        resetRequestsS: admission.retryAfterS,
        resetTokensS: admission.retryAfterS,
        estimatedTokens: 0,
        state: null,
        minuteStartMs: 0,
      })
    }
    governance.metrics.budgetBlocks.inc({ scope: admission.breach.budget.scope })
    throw budgetExceededError(admission.breach)
  }
  const rateLimit = sharedRateLimitDecision(limits, admission, nowMs)
  if (rateLimit !== undefined) {
    setRateLimitHeaders(rateLimit, ownHeadersOf(outgoing))
  }
  if (admission.warning !== null)
    ownHeadersOf(outgoing).setHeader('x-langwatch-budget-warning', admission.warning)
  if (plan === null) return { rateLimit, spend: undefined }
  let admitTicket = -1
  if (admission.reservation !== null) {
    admitTicket = recordAdmit(
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
  }
  return {
    rateLimit,
    spend: {
      reservation: null,
      shared: admission.reservation,
      estimateMicroUsd,
      excluded: admission.excludedProviders,
      endUserId,
      admitTicket,
    },
  }
}
