// Credential check of the Gemini API: `x-goog-api-key` header or `?key=`, refused the way Google refuses them.
import { headerValue, safeEqual } from '../credentials.js'
import type { MockBodyReply, MockExchange } from '../exchange.js'
import { googleError } from './gemini-error.js'

const invalidKeyDetails = [
  {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: 'API_KEY_INVALID',
    domain: 'googleapis.com',
    metadata: { service: 'generativelanguage.googleapis.com' },
  },
]

/** Google answers a wrong key with 400 `API_KEY_INVALID` and a missing one with 403. */
export function authorizeGemini(exchange: MockExchange): MockBodyReply | undefined {
  const expected = exchange.settings.apiKey
  if (expected === undefined) return undefined
  const presented = headerValue(exchange.headers, 'x-goog-api-key') ?? exchange.query.get('key') ?? undefined
  if (presented === undefined) {
    return googleError(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    )
  }
  if (safeEqual(presented, expected)) return undefined
  return googleError(400, 'API key not valid. Please pass a valid API key.', invalidKeyDetails)
}
