// Canonical stream parts → OpenAI Chat Completions SSE text (`data: {chunk}` … `data: [DONE]`).
import type { CanonicalStreamPart } from '../../canonical/types.js'
import { formatSse, sseKeepAlive } from '../sse.js'
import type { StreamEncoder, StreamEncoderOptions } from '../stream-types.js'
import { encodeOpenAIError } from './errors.js'
import { encodeChatFinishReason } from './finish-reason.js'
import type { OpenAIChatChunk } from './types.js'
import { encodeChatUsage } from './usage.js'

type Delta = OpenAIChatChunk['choices'][number]['delta']

/**
 * Creates an encoder for one Chat stream. The first chunk carries `role: 'assistant'`; the finish
 * chunk carries `finish_reason`; a usage chunk with empty `choices` follows when `includeUsage`;
 * then `[DONE]`. Pings become SSE comments, which OpenAI SDKs ignore.
 *
 * @example
 * const encoder = createChatStreamEncoder({ requestModel: 'gpt-4o', includeUsage: true })
 */
export function createChatStreamEncoder(options: StreamEncoderOptions): StreamEncoder {
  const now = options.now ?? Date.now
  let id = ''
  let model = options.requestModel
  let created = 0
  let started = false
  let done = false

  function chunk(
    delta: Delta,
    finishReason: OpenAIChatChunk['choices'][number]['finish_reason'] = null,
  ): string {
    const body: OpenAIChatChunk = {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
    }
    return formatSse(undefined, body)
  }

  function start(partId?: string, partModel?: string, partCreated?: number): string {
    started = true
    id = partId !== undefined && partId !== '' ? partId : `chatcmpl-gw${now()}`
    if (partModel !== undefined && partModel !== '') model = partModel
    created = partCreated ?? Math.floor(now() / 1000)
    return chunk({ role: 'assistant', content: '' })
  }

  function encodePart(part: CanonicalStreamPart): string {
    switch (part.type) {
      case 'start':
        return ''
      case 'text-delta':
        return chunk({ content: part.text })
      case 'reasoning-delta':
        return chunk({ reasoning_content: part.text })
      case 'tool-call-start':
        return chunk({
          tool_calls: [
            {
              index: part.index,
              id: part.id,
              type: 'function',
              function: { name: part.name, arguments: '' },
            },
          ],
        })
      case 'tool-call-delta':
        return chunk({ tool_calls: [{ index: part.index, function: { arguments: part.argumentsDelta } }] })
      case 'finish': {
        done = true
        let text = chunk({}, encodeChatFinishReason(part.finishReason))
        if (options.includeUsage === true) {
          text += formatSse(undefined, {
            id,
            object: 'chat.completion.chunk',
            created,
            model,
            choices: [],
            usage: encodeChatUsage(part.usage),
          })
        }
        return `${text}data: [DONE]\n\n`
      }
      case 'error':
        done = true
        return formatSse(undefined, encodeOpenAIError(part))
      case 'ping':
        return sseKeepAlive
      default:
        return ''
    }
  }

  return {
    get done() {
      return done
    },
    encode(part) {
      if (done) return ''
      if (part.type === 'start' && !started) return start(part.id, part.model, part.created)
      const prefix = started || part.type === 'error' || part.type === 'ping' ? '' : start()
      return prefix + encodePart(part)
    },
  }
}
