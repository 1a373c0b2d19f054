// The codec of each client wire.
import { anthropicMessagesCodec } from './anthropic-messages/index.js'
import type { WireCodec } from './codec.js'
import { openaiChatCodec } from './openai-chat/index.js'
import { openaiResponsesCodec } from './openai-responses/index.js'
import type { ClientWire } from './wire.js'

/** Every wire's decoders and encoders, by wire. */
export const wireCodecs: Readonly<Record<ClientWire, WireCodec>> = {
  'openai-chat': openaiChatCodec,
  'openai-responses': openaiResponsesCodec,
  'anthropic-messages': anthropicMessagesCodec,
}
