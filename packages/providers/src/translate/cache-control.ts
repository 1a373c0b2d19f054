// Reads Anthropic-style `cache_control` markers, which some OpenAI-shaped clients also send.
import type { CacheControl } from '../canonical/types.js'
import { isRecord } from './json.js'

/** Reads a `cache_control` marker; anything but `ephemeral` is ignored. */
export function decodeCacheControl(value: unknown): CacheControl | undefined {
  if (!isRecord(value) || value.type !== 'ephemeral') return undefined
  return value.ttl === '5m' || value.ttl === '1h'
    ? { type: 'ephemeral', ttl: value.ttl }
    : { type: 'ephemeral' }
}
