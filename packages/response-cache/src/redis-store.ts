// Redis/Valkey response store, shared by every replica: one binary value per key with a PX expiry.
import { type CachedResponse, decodeCachedResponse, encodeCachedResponse } from './cached-response.js'
import type { ResponseStore } from './response-store.js'

/** The few ioredis calls the store makes (an ioredis `Redis` fits). */
export interface RedisLikeClient {
  getBuffer(key: string): Promise<Buffer | null>
  set(key: string, value: Buffer, mode: 'PX', ttlMs: number): Promise<unknown>
  disconnect(): void
}

/** Options of {@link createRedisResponseStore}. */
export interface RedisResponseStoreOptions {
  client: RedisLikeClient
  /** Key prefix. Default `lw:rcache:`. */
  prefix?: string
  /** Largest entry written (bytes); larger ones are skipped. */
  maxEntryBytes: number
  /** Called when Redis fails; the lookup then answers a miss and the store call is dropped. */
  onError?: (error: unknown) => void
}

/**
 * Creates the shared store. A Redis failure never fails a request: a lookup answers a miss and a
 * write is dropped, each reported to `onError`.
 *
 * @example
 * const store = createRedisResponseStore({ client: new Redis(url, { enableOfflineQueue: false }), maxEntryBytes: 1 << 20 })
 */
export function createRedisResponseStore(options: RedisResponseStoreOptions): ResponseStore {
  const { client } = options
  const prefix = options.prefix ?? 'lw:rcache:'
  const report = (error: unknown) => options.onError?.(error)
  return {
    async get(key) {
      try {
        return decodeCachedResponse(await client.getBuffer(prefix + key))
      } catch (error) {
        report(error)
        return undefined
      }
    },
    async set(key: string, entry: CachedResponse, ttlMs: number) {
      const bytes = encodeCachedResponse(entry)
      if (bytes.length > options.maxEntryBytes || ttlMs <= 0) return
      try {
        await client.set(prefix + key, bytes, 'PX', Math.ceil(ttlMs))
      } catch (error) {
        report(error)
      }
    },
    close() {
      client.disconnect()
    },
  }
}
