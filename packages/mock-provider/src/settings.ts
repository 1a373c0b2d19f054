// Validates the mock's options once and applies their defaults.
import type { MockSettings } from './exchange.js'
import { createReplyText } from './reply-text.js'
import type { MockProviderOptions } from './types.js'

/** The reply when none is configured. */
export const defaultReplyText = 'Hello from the mock provider.'

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0)
    throw new TypeError(`mock provider: ${name} must be a number >= 0`)
  return value
}

/**
 * Resolves options into settings; throws a `TypeError` naming the bad option.
 *
 * @example
 * resolveSettings({ streamChunks: 3 }).reply.chunks.length // 3
 */
export function resolveSettings(options: MockProviderOptions): MockSettings {
  const streamChunks = nonNegative('streamChunks', options.streamChunks, 6)
  if (streamChunks < 1) throw new TypeError('mock provider: streamChunks must be >= 1')
  const embeddingDimensions = nonNegative('embeddingDimensions', options.embeddingDimensions, 8)
  if (embeddingDimensions < 1) throw new TypeError('mock provider: embeddingDimensions must be >= 1')
  if (options.apiKey === '') throw new TypeError('mock provider: apiKey must not be empty')
  const settings: MockSettings = {
    latencyMs: nonNegative('latencyMs', options.latencyMs, 0),
    chunkDelayMs: nonNegative('chunkDelayMs', options.chunkDelayMs, 0),
    reply: createReplyText(options.replyText ?? defaultReplyText, streamChunks),
    streamChunks,
    embeddingDimensions,
    now: options.now ?? Date.now,
  }
  if (options.apiKey !== undefined) settings.apiKey = options.apiKey
  if (options.aws) settings.aws = { ...options.aws }
  if (options.vertexPublicKey !== undefined) settings.vertexPublicKey = options.vertexPublicKey
  return settings
}
