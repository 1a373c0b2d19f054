// The Anthropic endpoints the mock answers.
import { type MockExchange, readJsonBody } from '../exchange.js'
import type { RouteEntry } from '../route-table.js'
import { authorizeAnthropic } from './anthropic-auth.js'
import { anthropicError } from './anthropic-error.js'
import { handleCountTokens } from './count-tokens.js'
import { handleMessages } from './messages.js'

function bodyModel(exchange: MockExchange): string | undefined {
  const model = readJsonBody(exchange).model
  return typeof model === 'string' ? model : undefined
}

/** `POST /v1/messages` and `POST /v1/messages/count_tokens`. */
export const anthropicRoutes: RouteEntry[] = [
  {
    method: 'POST',
    paths: ['/v1/messages'],
    route: {
      wire: 'anthropic',
      operation: 'messages',
      handle: handleMessages,
      error: anthropicError,
      authorize: authorizeAnthropic,
      model: bodyModel,
    },
  },
  {
    method: 'POST',
    paths: ['/v1/messages/count_tokens'],
    route: {
      wire: 'anthropic',
      operation: 'count_tokens',
      handle: handleCountTokens,
      error: anthropicError,
      authorize: authorizeAnthropic,
      model: bodyModel,
    },
  },
]
