// Translates a complete (non-streamed) response or error body from the provider's wire to the client's.
import { isGatewayError } from '@gw/contract'
import type { CanonicalError } from '../canonical/types.js'
import { targetCodecs, wireCodecs } from './codecs.js'
import type { ClientWire, TargetWire } from './wire.js'

/** Options for {@link translateResponse}. */
export interface TranslateResponseOptions {
  /** The provider's wire (the shape of `body`). */
  from: TargetWire
  /** The client's wire. */
  to: ClientWire
  body: object
  /** The model the client asked for; used when the provider's body names none. */
  requestModel: string
}

/**
 * Translates a response body. The provider's model name is kept when it gives one.
 *
 * @example
 * translateResponse({ from: 'anthropic-messages', to: 'openai-chat', body: message, requestModel: 'gpt-4o' })
 */
export function translateResponse(options: TranslateResponseOptions): object {
  const { from, to, requestModel } = options
  if (from === to) return options.body
  const canonical = targetCodecs[from].decodeResponse(options.body as Record<string, unknown>)
  if (canonical.model === '') canonical.model = requestModel
  return wireCodecs[to].encodeResponse(canonical)
}

/** Options for {@link translateError}. */
export interface TranslateErrorOptions {
  from: TargetWire
  to: ClientWire
  /** The provider's error body (any shape; unknown shapes keep only what can be read). */
  body: unknown
  /** The HTTP status, which the caller keeps. */
  status: number
  /** Bedrock: the exception name of the `x-amzn-errortype` header (cut at its colon). */
  errorType?: string
}

/**
 * Translates a provider error body into the client wire's error shape (status unchanged).
 *
 * @example
 * translateError({ from: 'anthropic-messages', to: 'openai-chat', body, status: 429 })
 * // { error: { type: 'rate_limit_error', code: 'rate_limit_error', message: '…', param: null } }
 */
export function translateError(options: TranslateErrorOptions): object {
  if (options.from === options.to) return options.body as object
  return wireCodecs[options.to].encodeError(
    targetCodecs[options.from].decodeError(options.body, options.status, options.errorType),
  )
}

/**
 * The canonical form of an error thrown while serving a request: a `GatewayError` keeps its
 * status, type, code and message; anything else becomes a generic provider error (its message is
 * not shown, as it may name internal hosts).
 */
export function toCanonicalError(error: unknown): CanonicalError {
  if (isGatewayError(error)) {
    return { status: error.status, errorType: error.type, code: error.code, message: error.message }
  }
  return {
    status: 502,
    errorType: 'api_error',
    code: 'provider_error',
    message: 'The upstream stream failed',
  }
}

/**
 * Encodes an error as a complete body of `wire`'s shape.
 *
 * @example
 * encodeErrorBody('anthropic-messages', new GatewayError('rate_limited', 'Slow down'))
 */
export function encodeErrorBody(wire: ClientWire, error: unknown): object {
  return wireCodecs[wire].encodeError(toCanonicalError(error))
}
