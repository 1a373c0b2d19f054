// Answers Bedrock `Converse` (JSON) and `ConverseStream` (event-stream frames).
import { thinkingSignature } from '../anthropic/message-body.js'
import { jsonHeaders, type MockExchange, type MockReply, nextId, readJsonBody } from '../exchange.js'
import { planTurn, type Turn } from '../plan-turn.js'
import { bedrockStreamError, encodeEvent, eventStreamHeaders } from './event-stream.js'
import { readConverseRequest } from './read-converse-request.js'

const latencyMs = 1

function converseUsage(turn: Turn) {
  const { usage } = turn
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    totalTokens: usage.inputTokens + usage.outputTokens,
    ...(usage.cacheReadTokens + usage.cacheWriteTokens > 0
      ? { cacheReadInputTokens: usage.cacheReadTokens, cacheWriteInputTokens: usage.cacheWriteTokens }
      : {}),
  }
}

function stopReason(turn: Turn): string {
  return turn.toolCalls.length > 0 ? 'tool_use' : 'end_turn'
}

const toolUseId = (turn: Turn, index: number) => `tooluse_${turn.id}_${index}`

/** The Converse response object. */
export function buildConverseResponse(turn: Turn) {
  const content: unknown[] = []
  if (turn.reasoning) {
    content.push({
      reasoningContent: { reasoningText: { text: turn.reasoning.text, signature: thinkingSignature } },
    })
  }
  if (turn.text !== '') content.push({ text: turn.text })
  for (const call of turn.toolCalls) {
    content.push({ toolUse: { toolUseId: toolUseId(turn, call.index), name: call.name, input: call.input } })
  }
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: stopReason(turn),
    usage: converseUsage(turn),
    metrics: { latencyMs },
  }
}

/**
 * The ConverseStream frames: `messageStart`, per block `contentBlockStart` (tool use only) /
 * `contentBlockDelta`… / `contentBlockStop`, `messageStop`, then `metadata` with usage.
 */
export function buildConverseStream(turn: Turn): Uint8Array[] {
  const frames = [encodeEvent('messageStart', { role: 'assistant' })]
  let index = 0
  const block = (deltas: unknown[], start?: unknown) => {
    const contentBlockIndex = index++
    if (start) frames.push(encodeEvent('contentBlockStart', { contentBlockIndex, start }))
    for (const delta of deltas) frames.push(encodeEvent('contentBlockDelta', { contentBlockIndex, delta }))
    frames.push(encodeEvent('contentBlockStop', { contentBlockIndex }))
  }
  if (turn.reasoning) {
    const deltas: unknown[] = turn.reasoning.chunks.map((text) => ({ reasoningContent: { text } }))
    deltas.push({ reasoningContent: { signature: thinkingSignature } })
    block(deltas)
  }
  if (turn.text !== '') block(turn.textChunks.map((text) => ({ text })))
  for (const call of turn.toolCalls) {
    block(
      call.argumentChunks.map((input) => ({ toolUse: { input } })),
      { toolUse: { toolUseId: toolUseId(turn, call.index), name: call.name } },
    )
  }
  frames.push(encodeEvent('messageStop', { stopReason: stopReason(turn) }))
  frames.push(encodeEvent('metadata', { usage: converseUsage(turn), metrics: { latencyMs } }))
  return frames
}

function plan(exchange: MockExchange): Turn {
  const request = readConverseRequest(readJsonBody(exchange), exchange.state.promptCache)
  return planTurn(request, exchange.reply, nextId(exchange))
}

/**
 * Handles `POST /model/{modelId}/converse`.
 *
 * @example
 * handleConverse(exchange).body // '{"output":{"message":{"role":"assistant","content":[{"text":"Hello…"}]}},…}'
 */
export function handleConverse(exchange: MockExchange): MockReply {
  return { status: 200, headers: jsonHeaders, body: JSON.stringify(buildConverseResponse(plan(exchange))) }
}

/** Handles `POST /model/{modelId}/converse-stream`. */
export function handleConverseStream(exchange: MockExchange): MockReply {
  return {
    status: 200,
    headers: eventStreamHeaders,
    frames: buildConverseStream(plan(exchange)),
    streamError: bedrockStreamError,
  }
}
