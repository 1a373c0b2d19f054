// The OpenAI Responses codec: every decoder and encoder of this wire in one object.
import type { WireCodec } from '../codec.js'
import { decodeOpenAIError, encodeOpenAIError } from '../openai-chat/errors.js'
import { decodeResponsesRequest } from './decode-request.js'
import { decodeResponsesResponse } from './decode-response.js'
import { createResponsesStreamDecoder } from './decode-stream.js'
import { encodeResponsesRequest } from './encode-request.js'
import { encodeResponsesResponse } from './encode-response.js'
import { createResponsesStreamEncoder } from './encode-stream.js'

/** OpenAI Responses (`POST /v1/responses`); errors share OpenAI's envelope. */
export const openaiResponsesCodec: WireCodec = {
  decodeRequest: decodeResponsesRequest,
  encodeRequest: encodeResponsesRequest,
  decodeResponse: decodeResponsesResponse,
  encodeResponse: (response) => encodeResponsesResponse(response),
  createStreamDecoder: createResponsesStreamDecoder,
  createStreamEncoder: createResponsesStreamEncoder,
  encodeError: encodeOpenAIError,
  decodeError: decodeOpenAIError,
}
