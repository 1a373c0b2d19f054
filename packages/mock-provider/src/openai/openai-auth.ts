// Credential checks of the OpenAI wire (Bearer) and the Azure OpenAI wire (`api-key` or Bearer).
import { bearerToken, headerValue, safeEqual } from '../credentials.js'
import type { MockBodyReply, MockExchange } from '../exchange.js'
import { jsonHeaders } from '../exchange.js'
import { openAiError } from './openai-error.js'

const missingKeyMessage =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."

/** OpenAI: `Authorization: Bearer <apiKey>`, else 401 `invalid_api_key`. */
export function authorizeOpenAi(exchange: MockExchange): MockBodyReply | undefined {
  const expected = exchange.settings.apiKey
  if (expected === undefined) return undefined
  const token = bearerToken(exchange.headers)
  if (token === undefined) return openAiError(401, missingKeyMessage)
  return safeEqual(token, expected) ? undefined : openAiError(401)
}

/** Azure's own 401 body, which differs from OpenAI's. */
export function azureAuthError(): MockBodyReply {
  return {
    status: 401,
    headers: jsonHeaders,
    body: JSON.stringify({
      error: {
        code: '401',
        message:
          'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
      },
    }),
  }
}

/** Azure: `api-version` query required (404 as Azure does), then `api-key` or Bearer. */
export function authorizeAzure(exchange: MockExchange): MockBodyReply | undefined {
  if (!exchange.query.get('api-version')) {
    return {
      status: 404,
      headers: jsonHeaders,
      body: '{"error":{"code":"404","message":"Resource not found"}}',
    }
  }
  const expected = exchange.settings.apiKey
  if (expected === undefined) return undefined
  const presented = headerValue(exchange.headers, 'api-key') ?? bearerToken(exchange.headers)
  return safeEqual(presented, expected) ? undefined : azureAuthError()
}
