// A cached answer: what the client received (bytes and SSE event boundaries) and the wire it is in.
import type { ClientWire } from '@gw/providers/internal'

/** Facts about a cached answer, stored beside its bytes. */
export interface CachedResponseMeta {
  /** The client wire the bytes are in (the wire of the request that produced them). */
  wire: ClientWire
  /** Always a 2xx status: errors are never cached. */
  status: number
  contentType: string
  /** Streams: the byte length of each SSE event, in order; absent for a complete JSON body. */
  events?: number[]
  /** OpenAI Chat streams: whether the bytes carry the usage chunk (`stream_options.include_usage`). */
  includeUsage?: boolean
  /** The provider credential and model that produced it. */
  providerId: string
  model: string
  /** Unix ms when it was stored (for `Age`). */
  storedAtMs: number
}

/** One entry of the cache. */
export interface CachedResponse {
  meta: CachedResponseMeta
  body: Buffer
}

/** Bytes an entry occupies in a store: its body, its encoded facts and a fixed overhead. */
export function sizeOfEntry(entry: CachedResponse): number {
  return entry.body.length + 64 + (entry.meta.events?.length ?? 0) * 8 + entry.meta.model.length * 2
}

/**
 * Encodes an entry as one buffer (4-byte big-endian length of the JSON facts, the facts, the
 * body), for stores that hold bytes (Redis).
 *
 * @example
 * await redis.set(key, encodeCachedResponse(entry), 'PX', ttlMs)
 */
export function encodeCachedResponse(entry: CachedResponse): Buffer {
  const meta = Buffer.from(JSON.stringify(entry.meta))
  const head = Buffer.allocUnsafe(4)
  head.writeUInt32BE(meta.length, 0)
  return Buffer.concat([head, meta, entry.body])
}

/**
 * Decodes {@link encodeCachedResponse}'s bytes; undefined when they are not an entry (a foreign or
 * truncated value is a miss, never an error).
 *
 * @example
 * const entry = decodeCachedResponse(await redis.getBuffer(key))
 */
export function decodeCachedResponse(bytes: Buffer | null | undefined): CachedResponse | undefined {
  if (bytes === null || bytes === undefined || bytes.length < 4) return undefined
  const metaLength = bytes.readUInt32BE(0)
  if (4 + metaLength > bytes.length) return undefined
  try {
    const meta = JSON.parse(bytes.subarray(4, 4 + metaLength).toString()) as CachedResponseMeta
    if (typeof meta !== 'object' || meta === null || typeof meta.wire !== 'string') return undefined
    return { meta, body: bytes.subarray(4 + metaLength) }
  } catch {
    return undefined
  }
}
