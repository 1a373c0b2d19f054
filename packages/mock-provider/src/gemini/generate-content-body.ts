// Renders a planned turn as Gemini `GenerateContentResponse` objects: whole, or as stream chunks.
import type { Turn } from '../plan-turn.js'
import { estimateTokens } from '../reply-text.js'

type Part = Record<string, unknown>

/** `usageMetadata`: candidates exclude thoughts, the total includes them. */
export function usageMetadata(turn: Turn, candidatesTokens?: number) {
  const { usage } = turn
  const candidates = candidatesTokens ?? usage.outputTokens - usage.reasoningTokens
  return {
    promptTokenCount: usage.inputTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: usage.inputTokens + candidates + usage.reasoningTokens,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.inputTokens }],
    ...(usage.reasoningTokens > 0 ? { thoughtsTokenCount: usage.reasoningTokens } : {}),
  }
}

function functionCallParts(turn: Turn): Part[] {
  return turn.toolCalls.map((call) => ({ functionCall: { name: call.name, args: call.input } }))
}

function chunk(turn: Turn, model: string, parts: Part[], finished: boolean, candidatesTokens?: number) {
  const candidate: Record<string, unknown> = { content: { parts, role: 'model' } }
  if (finished) candidate.finishReason = 'STOP'
  candidate.index = 0
  return {
    candidates: [candidate],
    usageMetadata: usageMetadata(turn, candidatesTokens),
    modelVersion: model,
    responseId: `resp_${turn.id}`,
  }
}

/**
 * The whole answer: thought part (when asked), then the text or the function calls.
 *
 * @example
 * buildGenerateContent(turn, 'gemini-2.0-flash', false).candidates[0].finishReason // 'STOP'
 */
export function buildGenerateContent(turn: Turn, model: string, includeThoughts: boolean) {
  const parts: Part[] = []
  if (includeThoughts && turn.reasoning) parts.push({ text: turn.reasoning.text, thought: true })
  if (turn.text !== '') parts.push({ text: turn.text })
  parts.push(...functionCallParts(turn))
  return chunk(turn, model, parts, true)
}

/**
 * The stream chunks: a thought chunk (when asked), one chunk per text delta with cumulative
 * usage, or one chunk with all function calls; the last carries `finishReason`.
 */
export function buildGenerateContentChunks(turn: Turn, model: string, includeThoughts: boolean) {
  const chunks: object[] = []
  if (includeThoughts && turn.reasoning) {
    chunks.push(chunk(turn, model, [{ text: turn.reasoning.text, thought: true }], false, 0))
  }
  if (turn.toolCalls.length > 0) {
    chunks.push(chunk(turn, model, functionCallParts(turn), true))
    return chunks
  }
  let chars = 0
  turn.textChunks.forEach((text, index) => {
    chars += text.length
    const last = index === turn.textChunks.length - 1
    chunks.push(chunk(turn, model, [{ text }], last, last ? undefined : estimateTokens(chars)))
  })
  return chunks
}
