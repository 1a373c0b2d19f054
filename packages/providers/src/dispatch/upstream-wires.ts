// Per upstream wire: the codec its bodies speak, how its streams are framed, its error shape and usage.
import type { IncomingHttpHeaders } from 'node:http'
import { createAnthropicStreamObserver } from '../anthropic/anthropic-stream-observer.js'
import { mapAnthropicUsage } from '../anthropic/anthropic-usage.js'
import { encodeBedrockAnthropicBody } from '../bedrock/invoke-anthropic.js'
import type { CanonicalError } from '../canonical/types.js'
import { createGeminiStreamObserver, readGeminiResponseUsage } from '../gemini/gemini-usage.js'
import { createOpenAIStreamObserver } from '../openai/openai-stream-observer.js'
import { mapOpenAIUsage } from '../openai/openai-usage.js'
import type { StreamObserver } from '../spec/provider-adapter.js'
import type { UpstreamWire } from '../spec/upstream-wire.js'
import type { Usage } from '../spec/usage.js'
import { decodeAnthropicError } from '../translate/anthropic-messages/errors.js'
import { bedrockErrorType, decodeBedrockError } from '../translate/bedrock-converse/errors.js'
import { decodeConverseUsage } from '../translate/bedrock-converse/usage.js'
import { targetCodecs } from '../translate/codecs.js'
import { decodeGeminiError } from '../translate/gemini/errors.js'
import { isRecord } from '../translate/json.js'
import type { TargetWire } from '../translate/wire.js'
import { encodeVertexAnthropicBody } from '../vertex/endpoint.js'

/**
 * How a 2xx stream body is cut into events: SSE lines, or AWS event-stream frames carrying
 * Converse events (`converse`) or base64 Anthropic events (`invoke-anthropic`).
 */
export type StreamFraming = 'sse' | 'converse' | 'invoke-anthropic'

/** What the dispatcher needs to know about one {@link UpstreamWire}. */
export interface UpstreamWireProfile {
  /** The codec of its bodies and stream events. */
  codec: TargetWire
  framing: StreamFraming
  /** Last touch on a body in `codec`'s shape (Anthropic bodies on Bedrock and Vertex). */
  finishBody?(body: Record<string, unknown>, clientHeaders: IncomingHttpHeaders | undefined): object
  /** A non-2xx answer → canonical error; its `status` is the one the client gets and fallback judges. */
  decodeError(body: unknown, status: number, headers: IncomingHttpHeaders): CanonicalError
}

const clientWireError =
  (wire: TargetWire) =>
  (body: unknown, status: number): CanonicalError =>
    targetCodecs[wire].decodeError(body, status)

const bedrockError = (body: unknown, status: number, headers: IncomingHttpHeaders): CanonicalError => {
  const header = headers['x-amzn-errortype']
  return decodeBedrockError(body, status, bedrockErrorType(typeof header === 'string' ? header : undefined))
}

function anthropicBetas(headers: IncomingHttpHeaders | undefined): string[] {
  const header = headers?.['anthropic-beta']
  const joined = typeof header === 'string' ? header : (header ?? []).join(',')
  return joined
    .split(',')
    .map((beta) => beta.trim())
    .filter((beta) => beta !== '')
}

/** Every upstream wire's profile. */
export const upstreamWireProfiles: Readonly<Record<UpstreamWire, UpstreamWireProfile>> = {
  'openai-chat': { codec: 'openai-chat', framing: 'sse', decodeError: clientWireError('openai-chat') },
  'openai-responses': {
    codec: 'openai-responses',
    framing: 'sse',
    decodeError: clientWireError('openai-responses'),
  },
  'anthropic-messages': {
    codec: 'anthropic-messages',
    framing: 'sse',
    decodeError: clientWireError('anthropic-messages'),
  },
  'gemini-generate': { codec: 'gemini', framing: 'sse', decodeError: decodeGeminiError },
  'vertex-gemini': { codec: 'gemini', framing: 'sse', decodeError: decodeGeminiError },
  'vertex-anthropic': {
    codec: 'anthropic-messages',
    framing: 'sse',
    finishBody: encodeVertexAnthropicBody,
    // Vertex answers auth and quota errors in Google's shape, model errors in Anthropic's.
    decodeError: (body, status) =>
      isRecord(body) && body.type === 'error'
        ? decodeAnthropicError(body, status)
        : decodeGeminiError(body, status),
  },
  'bedrock-converse': { codec: 'bedrock-converse', framing: 'converse', decodeError: bedrockError },
  'bedrock-invoke-anthropic': {
    codec: 'anthropic-messages',
    framing: 'invoke-anthropic',
    finishBody: (body, headers) => encodeBedrockAnthropicBody(body, { betas: anthropicBetas(headers) }),
    decodeError: bedrockError,
  },
}

/** The usage of a whole JSON answer in `codec`'s shape, or undefined when it reports none. */
export function readCodecUsage(codec: TargetWire, body: Record<string, unknown>): Usage | undefined {
  if (codec === 'gemini') return readGeminiResponseUsage(body)
  const usage = body.usage
  if (!isRecord(usage)) return undefined
  if (codec === 'bedrock-converse') return decodeConverseUsage(usage)
  return codec === 'anthropic-messages' ? mapAnthropicUsage(usage) : mapOpenAIUsage(usage)
}

/**
 * A side-channel observer for SSE streams in `codec`'s shape; undefined for Converse, whose usage
 * the stream translator reads from the decoded finish part.
 */
export function createCodecObserver(codec: TargetWire): StreamObserver | undefined {
  switch (codec) {
    case 'anthropic-messages':
      return createAnthropicStreamObserver()
    case 'gemini':
      return createGeminiStreamObserver()
    case 'bedrock-converse':
      return undefined
    default:
      return createOpenAIStreamObserver(codec)
  }
}
