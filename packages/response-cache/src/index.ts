// Public API of @gw/response-cache: the request key, the stores, capture of answers and their replay.

export {
  parseResponseCacheHeader,
  type ResponseCacheDirective,
  responseCacheDirectives,
} from './cache-header.js'
export { type CacheKeyInput, computeCacheKey } from './cache-key.js'
export {
  type CachedResponse,
  type CachedResponseMeta,
  decodeCachedResponse,
  encodeCachedResponse,
  sizeOfEntry,
} from './cached-response.js'
export { EventBoundaries } from './event-boundaries.js'
export {
  createMemoryResponseStore,
  type MemoryResponseStore,
  type MemoryResponseStoreOptions,
} from './memory-store.js'
export {
  createRedisResponseStore,
  type RedisLikeClient,
  type RedisResponseStoreOptions,
} from './redis-store.js'
export { type ReplayOptions, type ReplayOutcome, replayResponse } from './replay-response.js'
export { ResponseCapture, type ResponseCaptureOptions } from './response-capture.js'
export type { ResponseStore } from './response-store.js'
export { stableStringify } from './stable-json.js'
