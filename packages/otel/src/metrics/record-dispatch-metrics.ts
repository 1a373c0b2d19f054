// Records the dispatch step's metrics: upstream time by provider and each fallback by reason.
import { boundLabel } from './bound-label.js'
import type { GatewayMetrics } from './gateway-metrics.js'

/** Why a candidate was left; any other reason is counted as `other`. */
export const FALLBACK_REASONS: ReadonlySet<string> = new Set([
  'circuit_open',
  'provider_error',
  'provider_timeout',
  'provider_unavailable',
  'rate_limited',
  'not_found',
  'network_error',
  'unsupported_api',
  'budget_exceeded',
])

/** What one dispatch did, with provider labels already bounded (provider types, not credential ids). */
export interface DispatchMetricsFacts {
  /** Seconds spent in the provider call(s), streams included; undefined when nothing was called. */
  durationSeconds: number | undefined
  /** Provider label of the candidate that answered. */
  provider: string | undefined
  /** Each candidate passed over before the answer, in order. */
  fallbacks: ReadonlyArray<{ provider: string; reason: string | undefined }>
  /** Token counts of the answer, when the provider reported them. */
  usage?: DispatchUsage | undefined
  /** Cost in micro-USD, when usage and price are known. */
  costMicroUsd?: number | undefined
}

/** Token counts as @gw/providers reports them. */
export interface DispatchUsage {
  inputTokens: number
  outputTokens: number
  cacheReadInputTokens: number
  cacheCreationInputTokens: number
  reasoningTokens: number
}

function addTokens(metrics: GatewayMetrics, provider: string, type: string, count: number): void {
  if (count > 0) metrics.tokens.inc({ provider, type }, count)
}

// Per request: five kinds, no array or label object kept.
function recordUsage(metrics: GatewayMetrics, provider: string, usage: DispatchUsage): void {
  addTokens(metrics, provider, 'input', usage.inputTokens)
  addTokens(metrics, provider, 'output', usage.outputTokens)
  addTokens(metrics, provider, 'cache_read', usage.cacheReadInputTokens)
  addTokens(metrics, provider, 'cache_write', usage.cacheCreationInputTokens)
  addTokens(metrics, provider, 'reasoning', usage.reasoningTokens)
}

/**
 * Observes `gateway_provider_duration_seconds`, counts `gateway_fallback_events_total`, and adds
 * the answer's tokens and cost to `gateway_tokens_total` and `gateway_spend_usd_total`.
 * Telemetry never throws into a request: a bad value is dropped, not raised.
 *
 * @example
 * recordDispatchMetrics(metrics, { durationSeconds: 0.42, provider: 'openai', fallbacks: [{ provider: 'azure', reason: 'provider_timeout' }] })
 */
export function recordDispatchMetrics(metrics: GatewayMetrics, facts: DispatchMetricsFacts): void {
  try {
    if (facts.durationSeconds !== undefined && facts.provider !== undefined && facts.durationSeconds >= 0)
      metrics.providerDuration.observe({ provider: facts.provider }, facts.durationSeconds)
    if (facts.provider !== undefined && facts.usage !== undefined)
      recordUsage(metrics, facts.provider, facts.usage)
    if (facts.provider !== undefined && facts.costMicroUsd !== undefined && facts.costMicroUsd > 0)
      metrics.spendUsd.inc({ provider: facts.provider }, facts.costMicroUsd / 1_000_000)
    for (const fallback of facts.fallbacks)
      metrics.fallbackEvents.inc({
        provider: fallback.provider,
        reason: boundLabel(fallback.reason, FALLBACK_REASONS),
      })
  } catch {}
}
