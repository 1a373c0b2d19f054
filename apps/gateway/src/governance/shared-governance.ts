// Redis-shared counters for replicas (GATEWAY_REDIS_URL) and what happens while Redis is unreachable.

import { createRequire } from 'node:module'
import {
  createRedisGovernor,
  type RateLimitDecision,
  type RateLimiter,
  type RedisGovernor,
  type SharedReservation,
} from '@gw/budget'
import type { GatewayMetrics } from '@gw/otel'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config.js'

// ioredis is loaded when a Redis URL is configured: a gateway without one skips its ~50 ms of start-up.
const loadRedis = (): typeof Redis =>
  (createRequire(import.meta.url)('ioredis') as typeof import('ioredis')).Redis

/** Budgets and rate limits in Redis, with the deployment's failure mode. */
export interface SharedGovernance {
  governor: RedisGovernor
  client: Redis
  failureMode: 'local' | 'closed'
  /** Config objects whose budgets were already reconciled with Redis. */
  reconciled: WeakSet<object>
  /** Counts a fallback and logs it as a warning at most once a minute. */
  reportFailure(error: unknown): void
}

const WARN_EVERY_MS = 60_000
// A Redis round trip that takes longer than this is treated as Redis being unreachable. Generous:
// a script that ran but answered late still holds its reservation, so a timeout that fires too
// eagerly under load would count a request both in Redis and in the fallback.
const COMMAND_TIMEOUT_MS = 1_000

/**
 * Connects to `GATEWAY_REDIS_URL` (undefined when unset). Commands fail at once while the
 * connection is down (no offline queue), so a request never waits for Redis to come back:
 * it takes the `GATEWAY_REDIS_FAILURE_MODE` path instead. Throws at start on a URL that is not
 * `redis://` or `rediss://`.
 *
 * @example
 * const shared = createSharedGovernance(config, { metrics, logger, warnRatio: 0.8 })
 */
export function createSharedGovernance(
  config: GatewayConfig,
  options: { metrics: GatewayMetrics; logger: Logger; warnRatio: number; now: () => number },
): SharedGovernance | undefined {
  const url = config.redis.url
  if (url === undefined) return undefined
  let protocol: string
  try {
    protocol = new URL(url).protocol
  } catch {
    protocol = ''
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new Error('GATEWAY_REDIS_URL must be a redis:// or rediss:// URL')
  }
  const client = new (loadRedis())(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  })
  let lastWarnMs = Number.NEGATIVE_INFINITY
  const reportFailure = (error: unknown) => {
    options.metrics.budgetStoreFallbacks.inc({ mode: config.redis.failureMode })
    const nowMs = options.now()
    if (nowMs - lastWarnMs < WARN_EVERY_MS) return
    lastWarnMs = nowMs
    options.logger.warn(
      { err: error instanceof Error ? error.message : String(error), mode: config.redis.failureMode },
      'budget_store_unreachable',
    )
  }
  // Connection errors are reported through the requests that meet them; this keeps them from
  // becoming unhandled 'error' events.
  client.on('error', () => {})
  return {
    governor: createRedisGovernor({ client, warnRatio: options.warnRatio }),
    client,
    failureMode: config.redis.failureMode,
    reconciled: new WeakSet(),
    reportFailure,
  }
}

/**
 * Settles (or, with a charge of 0, releases) a Redis reservation in the background; a failure is
 * reported, never thrown into the request.
 *
 * @example
 * settleShared(governance, spend.shared, cost, result.providerId, Date.now())
 */
export function settleShared(
  governance: { shared: SharedGovernance | undefined },
  reservation: SharedReservation,
  actualMicroUsd: number,
  providerId: string | null,
  nowMs: number,
): void {
  const shared = governance.shared
  if (shared === undefined) return
  shared.governor.settle(reservation, actualMicroUsd, providerId, nowMs).catch(shared.reportFailure)
}

/**
 * Settles an admitted request's TPM count to its actual tokens: in Redis (in the background, a
 * failure reported, never thrown) when Redis counted it, in this process otherwise.
 *
 * @example
 * settleRateTokens(governance, state.rateLimit, usage.inputTokens + usage.outputTokens)
 */
export function settleRateTokens(
  governance: { shared: SharedGovernance | undefined; limiter: RateLimiter; now: () => number },
  decision: RateLimitDecision,
  actualTokens: number,
): void {
  const tokens = decision.shared
  if (tokens === undefined) {
    governance.limiter.settleTokens(decision, actualTokens)
    return
  }
  const shared = governance.shared
  if (shared === undefined) return
  shared.governor.settleTokens(tokens, actualTokens, governance.now()).catch(shared.reportFailure)
}
