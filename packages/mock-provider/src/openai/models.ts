// Answers `GET /v1/models` and `GET /v1/models/{id}` in OpenAI's shape, or Anthropic's when the client is Anthropic's.

import { anthropicError } from '../anthropic/anthropic-error.js'
import { headerValue } from '../credentials.js'
import { jsonHeaders, type MockExchange, type MockReply } from '../exchange.js'
import { openAiError } from './openai-error.js'

/** Models the mock lists; any other model name is answered too. */
export const mockModelIds = [
  'mock-model',
  'gpt-4o',
  'gpt-4o-mini',
  'o4-mini',
  'text-embedding-3-small',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
]

const created = 1_700_000_000
const openAiModels = mockModelIds.map((id) => ({
  id,
  object: 'model',
  created,
  owned_by: id.startsWith('claude') ? 'anthropic' : 'openai',
}))
const anthropicModels = mockModelIds
  .filter((id) => id.startsWith('claude') || id === 'mock-model')
  .map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-01-01T00:00:00Z' }))

const openAiListBody = JSON.stringify({ object: 'list', data: openAiModels })
const anthropicListBody = JSON.stringify({
  data: anthropicModels,
  has_more: false,
  first_id: anthropicModels[0]?.id ?? null,
  last_id: anthropicModels.at(-1)?.id ?? null,
})

/** Anthropic's SDK sends `anthropic-version`; OpenAI's never does. */
export function isAnthropicClient(exchange: MockExchange): boolean {
  return headerValue(exchange.headers, 'anthropic-version') !== undefined
}

/**
 * Lists the models (precomputed bodies), or retrieves one by `params.id`.
 *
 * @example
 * handleModels(exchange).body // '{"object":"list","data":[{"id":"mock-model",…}]}'
 */
export function handleModels(exchange: MockExchange): MockReply {
  const anthropic = isAnthropicClient(exchange)
  const id = exchange.params.id
  if (id === undefined)
    return { status: 200, headers: jsonHeaders, body: anthropic ? anthropicListBody : openAiListBody }
  const decoded = decodeURIComponent(id)
  const model = (anthropic ? anthropicModels : openAiModels).find((entry) => entry.id === decoded)
  if (model) return { status: 200, headers: jsonHeaders, body: JSON.stringify(model) }
  const message = `The model '${decoded}' does not exist`
  return anthropic ? anthropicError(404, `model: ${decoded}`) : openAiError(404, message)
}
