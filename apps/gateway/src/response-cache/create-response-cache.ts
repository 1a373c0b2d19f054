// The response cache of one gateway process: in-process store, or Redis/Valkey when GATEWAY_REDIS_URL is set.
import { createMemoryResponseStore, createRedisResponseStore, type ResponseStore } from '@gw/response-cache'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { GatewayConfig } from '../config.js'

/** What the response-cache step shares across requests. */
export interface ResponseCacheService {
  store: ResponseStore
  /** `redis` when replicas share entries, `memory` otherwise. */
  kind: 'memory' | 'redis'
  maxEntryBytes: number
  defaultTtlMs: number
  maxTtlMs: number
  now: () => number
  close(): Promise<void>
}

/** Options of {@link createResponseCache}. */
export interface ResponseCacheOptions {
  logger: Logger
  now?: () => number
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
  const common = {
    maxEntryBytes: settings.maxEntryBytes,
    defaultTtlMs: settings.defaultTtlMs,
    maxTtlMs: settings.maxTtlMs,
    now,
  }
  const url = config.redis.url
  if (url === undefined) {
    const store = createMemoryResponseStore({ maxBytes: settings.maxBytes, now })
    return { ...common, store, kind: 'memory', close: async () => store.close() }
  }
  let lastWarnMs = Number.NEGATIVE_INFINITY
  const client = new Redis(url, {
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
