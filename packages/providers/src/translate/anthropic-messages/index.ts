// The Anthropic Messages codec: every decoder and encoder of this wire in one object.
import type { WireCodec } from '../codec.js'
import { decodeAnthropicRequest } from './decode-request.js'
import { decodeAnthropicResponse } from './decode-response.js'
import { createAnthropicStreamDecoder } from './decode-stream.js'
import { encodeAnthropicRequest } from './encode-request.js'
import { encodeAnthropicResponse } from './encode-response.js'
import { createAnthropicStreamEncoder } from './encode-stream.js'
import { decodeAnthropicError, encodeAnthropicError } from './errors.js'

/** Anthropic Messages (`POST /v1/messages`). */
export const anthropicMessagesCodec: WireCodec = {
  decodeRequest: decodeAnthropicRequest,
  encodeRequest: encodeAnthropicRequest,
  decodeResponse: decodeAnthropicResponse,
  encodeResponse: encodeAnthropicResponse,
  createStreamDecoder: createAnthropicStreamDecoder,
  createStreamEncoder: createAnthropicStreamEncoder,
  encodeError: encodeAnthropicError,
  decodeError: decodeAnthropicError,
}
