// The codec of each wire: client wires (both directions) and provider-only wires (requests out, answers in).
import { anthropicMessagesCodec } from './anthropic-messages/index.js'
import { bedrockConverseCodec } from './bedrock-converse/index.js'
import type { TargetCodec, WireCodec } from './codec.js'
import { geminiCodec } from './gemini/index.js'
import { openaiChatCodec } from './openai-chat/index.js'
import { openaiResponsesCodec } from './openai-responses/index.js'
import type { ClientWire, TargetWire } from './wire.js'

/** Every client wire's decoders and encoders, by wire. */
export const wireCodecs: Readonly<Record<ClientWire, WireCodec>> = {
  'openai-chat': openaiChatCodec,
  'openai-responses': openaiResponsesCodec,
  'anthropic-messages': anthropicMessagesCodec,
}

/** The provider half of every wire a request can target, by wire. */
export const targetCodecs: Readonly<Record<TargetWire, TargetCodec>> = {
  ...wireCodecs,
  gemini: geminiCodec,
  'bedrock-converse': bedrockConverseCodec,
}
