// The response cache of one gateway process: in-process store, or Redis/Valkey when GATEWAY_REDIS_URL is set.

import { createRequire } from 'node:module'
import type { GatewayMetrics } from '@gw/otel'
import { createMemoryResponseStore, createRedisResponseStore, type ResponseStore } from '@gw/response-cache'
import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config.js'

// ioredis is loaded when a Redis URL is configured: a gateway without one skips its ~50 ms of start-up.
const loadRedis = (): typeof Redis =>
  (createRequire(import.meta.url)('ioredis') as typeof import('ioredis')).Redis

/** What the response-cache step shares across requests. */
export interface ResponseCacheService {
  store: ResponseStore
  /** `redis` when replicas share entries, `memory` otherwise. */
  kind: 'memory' | 'redis'
  maxEntryBytes: number
  defaultTtlMs: number
  maxTtlMs: number
  now: () => number
  /** Counts one request the cache applied to (`gateway_response_cache_requests_total`). */
  count(result: ResponseCacheResult): void
  close(): Promise<void>
}

/** The `result` label of `gateway_response_cache_requests_total`. */
export type ResponseCacheResult = 'hit' | 'miss' | 'refresh' | 'bypass'

/** Options of {@link createResponseCache}. */
export interface ResponseCacheOptions {
  logger: Logger
  now?: () => number
  /** Where results are counted and the in-process store's size is read; absent → nothing counted. */
  metrics?: Pick<GatewayMetrics, 'responseCacheRequests' | 'observeResponseCacheSize'>
}

const COMMAND_TIMEOUT_MS = 250
const WARN_EVERY_MS = 60_000

/**
 * Creates the store once at start. Nothing is connected or allocated per request, and a key
 * without cache rules never reaches it. A Redis failure is a miss (logged as a warning at most
 * once a minute), never a failed request; the Redis URL is never logged.
 *
 * @example
 * const responseCache = createResponseCache(config, { logger })
 */
export function createResponseCache(
  config: GatewayConfig,
  options: ResponseCacheOptions,
): ResponseCacheService {
  const now = options.now ?? Date.now
  const settings = config.responseCache
  const counter = options.metrics?.responseCacheRequests
  const common = {
    count: (result: ResponseCacheResult) => counter?.inc({ result }),
    maxEntryBytes: settings.maxEntryBytes,
    defaultTtlMs: settings.defaultTtlMs,
    maxTtlMs: settings.maxTtlMs,
    now,
  }
  const url = config.redis.url
  if (url === undefined) {
    const store = createMemoryResponseStore({ maxBytes: settings.maxBytes, now })
    options.metrics?.observeResponseCacheSize(() => ({ bytes: store.bytes, entries: store.size }))
    return { ...common, store, kind: 'memory', close: async () => store.close() }
  }
  let lastWarnMs = Number.NEGATIVE_INFINITY
  const client = new (loadRedis())(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  })
  // Connect on first use: a gateway whose keys never cache opens no connection.
  client.on('error', () => {})
  const store = createRedisResponseStore({
    client,
    maxEntryBytes: settings.maxEntryBytes,
    onError: (error) => {
      if (now() - lastWarnMs < WARN_EVERY_MS) return
      lastWarnMs = now()
      options.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'response_cache_store_unreachable',
      )
    },
  })
  return { ...common, store, kind: 'redis', close: async () => store.close() }
}
