// Translates a request body from the client's wire to the provider's wire.
import { applyParameters, parameterColumn } from './apply-parameters.js'
import { targetCodecs, wireCodecs } from './codecs.js'
import { sourceParamName } from './context.js'
import { isReasoningModel } from './model-capabilities.js'
import type { ClientWire, TargetWire } from './wire.js'

/** `max_tokens` sent to Anthropic when the client gave no limit (and no catalogue value was passed). */
export const defaultAnthropicMaxTokens = 4096

/** Options for {@link translateRequest}. */
export interface TranslateRequestOptions {
  /** The client's wire (the shape of `body`). */
  from: ClientWire
  /** The provider's wire: a client wire, or a provider-only one (`gemini`, `bedrock-converse`). */
  to: TargetWire
  body: object
  /** Provider model id written into the translated body. */
  model: string
  /** `max_tokens` for Anthropic when the client sent none; pass the catalogue's maximum when known. Default 4096. */
  defaultMaxTokens?: number
  /**
   * Whether the target model is a reasoning model (takes reasoning settings; for OpenAI, refuses
   * `temperature`/`top_p`). Default: guessed from the model id by `isReasoningModel`.
   */
  reasoningModel?: boolean
  /**
   * The target model's output-token limit from the catalogue, when known: a larger client limit is
   * clamped to it (Claude Code asks for 32000, more than many models allow). Default: no clamp.
   */
  maxOutputTokensLimit?: number
}

/** A translated body and the client parameters it could not carry. */
export interface TranslatedRequest {
  body: object
  /** Client parameter names, for the `X-LangWatch-Params-Dropped` header. */
  droppedParams: string[]
}

/**
 * Translates a request body. Pure: no I/O, no clock. Throws `GatewayError('unsupported_parameter')`
 * when dropping a parameter would change the meaning of the request (see the parameter table).
 *
 * @example
 * const { body, droppedParams } = translateRequest({
 *   from: 'openai-chat',
 *   to: 'anthropic-messages',
 *   body: { model: 'claude', messages: [{ role: 'user', content: 'Hi' }], seed: 7 },
 *   model: 'claude-sonnet-4-5',
 * })
 * // body.max_tokens === 4096, droppedParams → ['seed']
 */
export function translateRequest(options: TranslateRequestOptions): TranslatedRequest {
  const { from, to, model } = options
  const body = options.body as Record<string, unknown>
  if (from === to) return { body: { ...body, model }, droppedParams: [] }
  const applied = applyParameters(from, parameterColumn(from, to), body)
  const dropped = new Set(applied.dropped)
  const canonical = wireCodecs[from].decodeRequest(applied.body, { drop: (param) => dropped.add(param) })
  const limit = options.maxOutputTokensLimit
  if (limit !== undefined && canonical.maxOutputTokens !== undefined && canonical.maxOutputTokens > limit) {
    canonical.maxOutputTokens = limit
  }
  const translated = targetCodecs[to].encodeRequest(canonical, {
    model,
    defaultMaxTokens: options.defaultMaxTokens ?? defaultAnthropicMaxTokens,
    reasoningModel: options.reasoningModel ?? isReasoningModel(to, model),
    drop: (param) => dropped.add(sourceParamName(from, param)),
  })
  return { body: translated, droppedParams: [...dropped] }
}
