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
  const authorization = headers.authorization
  if (authorization !== undefined && bearerPrefix.test(authorization)) {
    const key = authorization.replace(bearerPrefix, '').trim()
    if (key !== '') return key
  }
  const apiKey = headers['x-api-key'] ?? headers['x-goog-api-key']
  const value = Array.isArray(apiKey) ? apiKey[0] : apiKey
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
