// Budgets, rate limits and the spend spool of one gateway process, built once at start.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type BudgetEnforcer,
  createBudgetEnforcer,
  createRateLimiter,
  createSpendSpool,
  type RateLimiter,
  type SpendSpool,
} from '@gw/budget'
import type { ControlPlaneClient } from '@gw/contract'
import type { GatewayMetrics } from '@gw/otel'
import type { Catalog } from '@gw/providers'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config.js'
import { createDeferredAdmits, type DeferredAdmits } from './deferred-admits.js'
import { createEndUserBucketStore, createEndUserSync, type EndUserSync } from './end-user-sync.js'
import { createSharedGovernance, type SharedGovernance } from './shared-governance.js'

/** What the rate-limit and spend steps share. */
export interface Budgets {
  limiter: RateLimiter
  enforcer: BudgetEnforcer
  spool: SpendSpool
  /** Admit records held back `GATEWAY_SPEND_ADMIT_DELAY_MS` (dropped when the request ends first). */
  admits: DeferredAdmits
  catalog: Catalog
  /** Redis-shared counters when `GATEWAY_REDIS_URL` is set. */
  shared: SharedGovernance | undefined
  /** First-sight reads of per-end-user buckets from `/budget-bucket-spend`. */
  endUsers: EndUserSync
  metrics: GatewayMetrics
  /** Output tokens assumed when a request sets no maximum. */
  defaultOutputTokens: number
  /** `GATEWAY_SPEND_RECORD=all`: keys without budgets leave spend records too (spend reports). */
  recordAllSpend: boolean
  now: () => number
}

/** Options of {@link createBudgets}. */
export interface BudgetsOptions {
  client: ControlPlaneClient
  catalog: Catalog
  metrics: GatewayMetrics
  logger: Logger
  nodeId: string
  now?: () => number
}

const WARN_EVERY_MS = 60_000

/**
 * Creates the in-process limiter and enforcer and opens the spend spool, which ships to the
 * control plane's `/spend-commands` (a failure is logged as a warning at most once a minute).
 *
 * @example
 * const governance = createBudgets(config, { client, catalog: providers.catalog, metrics, logger, nodeId })
 */
export function createBudgets(config: GatewayConfig, options: BudgetsOptions): Budgets {
  const { budgets } = config
  const now = options.now ?? Date.now
  let lastWarnMs = Number.NEGATIVE_INFINITY
  const spool = createSpendSpool({
    directory: budgets.spoolDir ?? join(tmpdir(), 'langwatch-gateway-spool'),
    podId: options.nodeId,
    maxBytes: budgets.spoolMaxBytes,
    flushIntervalMs: budgets.spoolFlushMs,
    send: (records) => options.client.sendSpendCommands(records),
    sendBody: (body) => options.client.sendSpendCommandsBody(body),
    onShipError: (error) => {
      if (now() - lastWarnMs < WARN_EVERY_MS) return
      lastWarnMs = now()
      options.logger.warn(
        { err: error instanceof Error ? error.message : String(error), ...spool.stats() },
        'spend_spool_ship_failed',
      )
    },
  })
  const enforcer = createBudgetEnforcer({ warnRatio: budgets.warnRatio })
  const shared = createSharedGovernance(config, {
    metrics: options.metrics,
    logger: options.logger,
    warnRatio: budgets.warnRatio,
    now,
  })
  const store = createEndUserBucketStore(enforcer, shared, now)
  return {
    limiter: createRateLimiter(),
    enforcer,
    spool,
    admits: createDeferredAdmits(spool, budgets.admitDelayMs),
    recordAllSpend: budgets.record === 'all',
    catalog: options.catalog,
    shared,
    endUsers: createEndUserSync({ client: options.client, store, logger: options.logger, now }),
    metrics: options.metrics,
    defaultOutputTokens: budgets.defaultOutputTokens,
    now,
  }
}
