// Anthropic count_tokens bodies for the clouds' token-count endpoints, and their answers read back.

import { encodeBedrockAnthropicBody } from '../bedrock/invoke-anthropic.js'
import { isBedrockAnthropicModel } from '../bedrock/model-ids.js'
import type { CanonicalError } from '../canonical/types.js'
import type { CountTokensWire, UpstreamWire } from '../spec/upstream-wire.js'
import { translateRequest } from '../translate/translate-request.js'
import { upstreamWireProfiles } from './upstream-wires.js'

/** The wire whose error shape each count endpoint answers in. */
const errorWire: Readonly<Record<CountTokensWire, UpstreamWire>> = {
  'gemini-count-tokens': 'gemini-generate',
  'vertex-gemini-count-tokens': 'vertex-gemini',
  'vertex-anthropic-count-tokens': 'vertex-anthropic',
  'bedrock-count-tokens': 'bedrock-converse',
}

function pick(body: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of names) if (body[name] !== undefined) out[name] = body[name]
  return out
}

// count_tokens bodies carry no max_tokens; the translators and InvokeModel bodies expect one.
function asMessagesBody(body: Record<string, unknown>): Record<string, unknown> {
  return { ...body, max_tokens: typeof body.max_tokens === 'number' ? body.max_tokens : 1 }
}

function translated(body: Record<string, unknown>, to: 'gemini' | 'bedrock-converse', model: string) {
  const options = { from: 'anthropic-messages' as const, to, body: asMessagesBody(body), model }
  return translateRequest(options).body as Record<string, unknown>
}

/**
 * The count request body for `wire`: Gemini API `{generateContentRequest}`, Vertex Gemini
 * `{contents, systemInstruction, tools}`, Vertex Claude the Anthropic body itself, Bedrock
 * `{input: {invokeModel: {body}}}` for Claude and `{input: {converse: …}}` for other models.
 * Throws the translators' `GatewayError`s for content they cannot carry.
 *
 * @example
 * encodeCountTokensBody('bedrock-count-tokens', { model: 'x', messages }, 'anthropic.claude-haiku-4-5-20251001-v1:0')
 */
export function encodeCountTokensBody(
  wire: CountTokensWire,
  body: Record<string, unknown>,
  bodyModel: string,
): object {
  switch (wire) {
    case 'gemini-count-tokens': {
      const request = pick(translated(body, 'gemini', bodyModel), ['contents', 'systemInstruction', 'tools'])
      return { generateContentRequest: { model: `models/${bodyModel}`, ...request } }
    }
    case 'vertex-gemini-count-tokens':
      return pick(translated(body, 'gemini', bodyModel), ['contents', 'systemInstruction', 'tools'])
    case 'vertex-anthropic-count-tokens':
      return { ...body, model: bodyModel }
    case 'bedrock-count-tokens': {
      if (isBedrockAnthropicModel(bodyModel)) {
        const invoke = encodeBedrockAnthropicBody(asMessagesBody(body))
        return { input: { invokeModel: { body: JSON.stringify(invoke) } } }
      }
      const converse = pick(translated(body, 'bedrock-converse', bodyModel), [
        'messages',
        'system',
        'toolConfig',
      ])
      return { input: { converse } }
    }
  }
}

/**
 * The input-token count of a 2xx answer (`totalTokens`, `input_tokens` or `inputTokens`), or
 * undefined when the answer has none.
 *
 * @example
 * readCountTokensAnswer('gemini-count-tokens', { totalTokens: 12 }) // 12
 */
export function readCountTokensAnswer(wire: CountTokensWire, answer: unknown): number | undefined {
  if (typeof answer !== 'object' || answer === null) return undefined
  const record = answer as Record<string, unknown>
  const value =
    wire === 'gemini-count-tokens' || wire === 'vertex-gemini-count-tokens'
      ? record.totalTokens
      : wire === 'bedrock-count-tokens'
        ? record.inputTokens
        : record.input_tokens
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** A non-2xx answer of `wire` in canonical form. */
export function decodeCountTokensError(
  wire: CountTokensWire,
  body: unknown,
  status: number,
  headers: Parameters<(typeof upstreamWireProfiles)[UpstreamWire]['decodeError']>[2],
): CanonicalError {
  return upstreamWireProfiles[errorWire[wire]].decodeError(body, status, headers)
}
