// The OpenAI and Azure OpenAI endpoints the mock answers.
import { authorizeAnthropic } from '../anthropic/anthropic-auth.js'
import { type MockExchange, readJsonBody } from '../exchange.js'
import type { RouteEntry } from '../route-table.js'
import { handleChatCompletions } from './chat-completions.js'
import { handleEmbeddings } from './embeddings.js'
import { handleModels, isAnthropicClient } from './models.js'
import { authorizeAzure, authorizeOpenAi } from './openai-auth.js'
import { openAiError } from './openai-error.js'
import { handleResponses } from './responses.js'

function bodyModel(exchange: MockExchange): string | undefined {
  const model = readJsonBody(exchange).model
  return typeof model === 'string' ? model : undefined
}

function deploymentModel(exchange: MockExchange): string | undefined {
  return exchange.params.deployment
}

/** Routes of the OpenAI wire (with or without the `/v1` prefix) and Azure's deployment paths. */
export const openAiRoutes: RouteEntry[] = [
  {
    method: 'POST',
    paths: ['/v1/chat/completions', '/chat/completions'],
    route: {
      wire: 'openai',
      operation: 'chat.completions',
      handle: handleChatCompletions,
      error: openAiError,
      authorize: authorizeOpenAi,
      model: bodyModel,
    },
  },
  {
    method: 'POST',
    paths: ['/v1/responses', '/responses'],
    route: {
      wire: 'openai',
      operation: 'responses',
      handle: handleResponses,
      error: openAiError,
      authorize: authorizeOpenAi,
      model: bodyModel,
    },
  },
  {
    method: 'POST',
    paths: ['/v1/embeddings', '/embeddings'],
    route: {
      wire: 'openai',
      operation: 'embeddings',
      handle: handleEmbeddings,
      error: openAiError,
      authorize: authorizeOpenAi,
      model: bodyModel,
    },
  },
  {
    method: 'GET',
    paths: ['/v1/models', '/models', /^(?:\/v1)?\/models\/(?<id>[^/]+)$/],
    route: {
      wire: 'openai',
      operation: 'models',
      handle: handleModels,
      error: openAiError,
      authorize: (exchange) =>
        isAnthropicClient(exchange) ? authorizeAnthropic(exchange) : authorizeOpenAi(exchange),
    },
  },
  {
    method: 'POST',
    paths: [/^\/openai\/deployments\/(?<deployment>[^/]+)\/chat\/completions$/],
    route: {
      wire: 'azure',
      operation: 'chat.completions',
      handle: handleChatCompletions,
      error: openAiError,
      authorize: authorizeAzure,
      model: deploymentModel,
    },
  },
  {
    method: 'POST',
    paths: [/^\/openai\/deployments\/(?<deployment>[^/]+)\/embeddings$/],
    route: {
      wire: 'azure',
      operation: 'embeddings',
      handle: handleEmbeddings,
      error: openAiError,
      authorize: authorizeAzure,
      model: deploymentModel,
    },
  },
]
