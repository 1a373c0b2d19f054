// The OpenAI Chat Completions codec: every decoder and encoder of this wire in one object.
import type { WireCodec } from '../codec.js'
import { decodeChatRequest } from './decode-request.js'
import { decodeChatResponse } from './decode-response.js'
import { createChatStreamDecoder } from './decode-stream.js'
import { encodeChatRequest } from './encode-request.js'
import { encodeChatResponse } from './encode-response.js'
import { createChatStreamEncoder } from './encode-stream.js'
import { decodeOpenAIError, encodeOpenAIError } from './errors.js'

/** OpenAI Chat Completions (`POST /v1/chat/completions`). */
export const openaiChatCodec: WireCodec = {
  decodeRequest: decodeChatRequest,
  encodeRequest: encodeChatRequest,
  decodeResponse: decodeChatResponse,
  encodeResponse: (response) => encodeChatResponse(response),
  createStreamDecoder: createChatStreamDecoder,
  createStreamEncoder: createChatStreamEncoder,
  encodeError: encodeOpenAIError,
  decodeError: decodeOpenAIError,
}
