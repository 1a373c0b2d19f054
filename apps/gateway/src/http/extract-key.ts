// Finds the virtual key a client presented: Authorization Bearer, x-api-key or x-goog-api-key.
import type { IncomingHttpHeaders } from 'node:http'

const bearerPrefix = /^bearer\s+/i

/**
 * Returns the presented key, or undefined when the request carries none. Authorization wins,
 * then `x-api-key` (Anthropic SDKs), then `x-goog-api-key` (Gemini SDKs).
 *
 * @example
 * extractPresentedKey({ authorization: 'Bearer lw_vk_live_…' }) // 'lw_vk_live_…'
 */
export function extractPresentedKey(headers: IncomingHttpHeaders): string | undefined {
  return extractBearerKey(headers.authorization) ?? extractApiKeyHeader(headers)
}

/**
 * The key of an `Authorization: Bearer <key>` value (scheme case-insensitive, whitespace around
 * the key ignored), or undefined for any other value.
 *
 * @example
 * extractBearerKey('bearer  lw_vk_live_x ') // 'lw_vk_live_x'
 * extractBearerKey('Basic abc') // undefined
 */
export function extractBearerKey(authorization: string | undefined): string | undefined {
  if (authorization === undefined || !bearerPrefix.test(authorization)) return undefined
  const key = authorization.replace(bearerPrefix, '').trim()
  return key === '' ? undefined : key
}

/**
 * The key of `x-api-key`, else `x-goog-api-key` (trimmed; the first of repeated headers), or
 * undefined. What {@link extractPresentedKey} uses when Authorization carries no bearer key.
 *
 * @example
 * extractApiKeyHeader({ 'x-api-key': 'lw_vk_live_a' }) // 'lw_vk_live_a'
 */
export function extractApiKeyHeader(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'] ?? headers['x-goog-api-key']
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
