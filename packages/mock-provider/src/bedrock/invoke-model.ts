// Answers Bedrock `InvokeModel` and `InvokeModelWithResponseStream` for Anthropic models (and Titan embeddings).

import { buildMessage } from '../anthropic/message-body.js'
import { renderMessageEvents } from '../anthropic/message-stream.js'
import { planMessages } from '../anthropic/messages.js'
import { createEmbeddingVector } from '../embedding-vector.js'
import { jsonHeaders, type MockExchange, MockInputError, type MockReply, readJsonBody } from '../exchange.js'
import { estimateTokens } from '../reply-text.js'
import { bedrockStreamError, encodeEvent, eventStreamHeaders } from './event-stream.js'

const anthropicVersion = 'bedrock-2023-05-31'

/** The model id of the path, decoded (`anthropic.claude-…-v1:0`, an inference profile or an ARN). */
export function bedrockModel(exchange: MockExchange): string {
  return decodeURIComponent(exchange.params.model ?? '')
}

function invokeTitanEmbedding(exchange: MockExchange): MockReply {
  const body = readJsonBody(exchange)
  if (typeof body.inputText !== 'string')
    throw new MockInputError(400, 'Malformed input request: #: required key [inputText] not found')
  const dimensions =
    typeof body.dimensions === 'number' ? body.dimensions : exchange.settings.embeddingDimensions
  const result = {
    embedding: createEmbeddingVector(body.inputText, dimensions),
    inputTextTokenCount: estimateTokens(body.inputText.length),
  }
  return { status: 200, headers: jsonHeaders, body: JSON.stringify(result) }
}

function requireAnthropic(model: string): void {
  if (!model.includes('anthropic')) {
    throw new MockInputError(
      400,
      `The mock answers InvokeModel for Anthropic models and Titan embeddings, not ${model}.`,
    )
  }
}

/**
 * Handles `POST /model/{modelId}/invoke`: the Anthropic message as the body, token counts and
 * latency in the `x-amzn-bedrock-*` headers.
 *
 * @example
 * handleInvokeModel(exchange).headers['x-amzn-bedrock-output-token-count'] // '8'
 */
export function handleInvokeModel(exchange: MockExchange): MockReply {
  const model = bedrockModel(exchange)
  if (model.includes('titan-embed')) return invokeTitanEmbedding(exchange)
  requireAnthropic(model)
  const { request, turn } = planMessages(exchange, { model, version: anthropicVersion })
  return {
    status: 200,
    headers: {
      ...jsonHeaders,
      'x-amzn-bedrock-input-token-count': String(turn.usage.inputTokens),
      'x-amzn-bedrock-output-token-count': String(turn.usage.outputTokens),
      'x-amzn-bedrock-invocation-latency': '1',
    },
    body: JSON.stringify(buildMessage(turn, request.model)),
  }
}

/**
 * Handles `POST /model/{modelId}/invoke-with-response-stream`: each Anthropic stream event as a
 * `chunk` frame `{"bytes":"<base64 JSON>"}`; `message_stop` carries `amazon-bedrock-invocationMetrics`.
 */
export function handleInvokeModelWithResponseStream(exchange: MockExchange): MockReply {
  const model = bedrockModel(exchange)
  requireAnthropic(model)
  const { request, turn } = planMessages(exchange, { model, version: anthropicVersion })
  const metrics = {
    'amazon-bedrock-invocationMetrics': {
      inputTokenCount: turn.usage.inputTokens,
      outputTokenCount: turn.usage.outputTokens,
      invocationLatency: 1,
      firstByteLatency: 1,
    },
  }
  const frames = renderMessageEvents(turn, request.model, metrics)
    .filter(([name]) => name !== 'ping')
    .map(([, data]) => encodeEvent('chunk', { bytes: Buffer.from(data).toString('base64') }))
  return { status: 200, headers: eventStreamHeaders, frames, streamError: bedrockStreamError }
}
