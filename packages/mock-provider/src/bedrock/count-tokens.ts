// Answers Bedrock CountTokens (`POST /model/{modelId}/count-tokens`) with `{inputTokens}`.
import { countTextChars, countToolChars } from '../count-text.js'
import { jsonHeaders, type MockExchange, MockInputError, type MockReply, readJsonBody } from '../exchange.js'
import { estimateTokens } from '../reply-text.js'

function parseInvokeBody(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') throw new MockInputError(400, 'input.invokeModel.body must be a string')
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    throw new MockInputError(400, 'input.invokeModel.body is not valid JSON')
  }
}

/**
 * Counts an `input.invokeModel.body` (a JSON string) or an `input.converse` request, as the real
 * API accepts exactly one of them.
 *
 * @example
 * handleBedrockCountTokens(exchange).body // '{"inputTokens":9}'
 */
export function handleBedrockCountTokens(exchange: MockExchange): MockReply {
  const input = readJsonBody(exchange).input as Record<string, unknown> | undefined
  const invoke = input?.invokeModel as Record<string, unknown> | undefined
  const converse = input?.converse as Record<string, unknown> | undefined
  if ((invoke === undefined) === (converse === undefined)) {
    throw new MockInputError(400, 'input must carry exactly one of invokeModel or converse')
  }
  const request = invoke === undefined ? (converse as Record<string, unknown>) : parseInvokeBody(invoke.body)
  const tools = request.tools ?? (request.toolConfig as { tools?: unknown } | undefined)?.tools
  const chars = countTextChars({ messages: request.messages, system: request.system }) + countToolChars(tools)
  return { status: 200, headers: jsonHeaders, body: JSON.stringify({ inputTokens: estimateTokens(chars) }) }
}
