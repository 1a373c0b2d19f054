// Canonical stream parts → Anthropic Messages SSE text, with sequential content block indices.
import type { CanonicalStreamPart, CanonicalUsage } from '../../canonical/types.js'
import { createCanonicalUsage } from '../../canonical/usage.js'
import { formatSse } from '../sse.js'
import type { StreamEncoder, StreamEncoderOptions } from '../stream-types.js'
import { encodeAnthropicError } from './errors.js'
import { encodeAnthropicStopReason } from './finish-reason.js'
import { encodeAnthropicUsage } from './usage.js'

type OpenBlock = { kind: 'text' | 'thinking' | 'tool'; index: number; signed?: boolean }

/**
 * Creates an encoder for one Anthropic stream: `message_start`, then one content block at a time
 * (`content_block_start` / `_delta` / `_stop`), then `message_delta` with the stop reason and usage
 * and `message_stop`. A tool call's later argument deltas keep its block index.
 *
 * @example
 * const encoder = createAnthropicStreamEncoder({ requestModel: 'claude-sonnet-4-5' })
 * encoder.encode({ type: 'start', id: 'msg_1', model: 'gpt-4o' }) // 'event: message_start\n…'
 */
export function createAnthropicStreamEncoder(options: StreamEncoderOptions): StreamEncoder {
  const blockByTool = new Map<number, number>()
  let open: OpenBlock | undefined
  let nextBlock = 0
  let started = false
  let done = false

  function event(type: string, data: Record<string, unknown>): string {
    return formatSse(type, { type, ...data })
  }

  function start(id: string, model: string, reported: Partial<CanonicalUsage> = {}): string {
    started = true
    const estimate = options.inputTokensEstimate
    const usage =
      estimate !== undefined && !((reported.inputTokens ?? 0) > 0)
        ? { ...reported, inputTokens: estimate }
        : reported
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: encodeAnthropicUsage(createCanonicalUsage(usage)),
    }
    return event('message_start', { message })
  }

  function ensureStarted(): string {
    return started ? '' : start(`msg_gw_${(options.now ?? Date.now)()}`, options.requestModel)
  }

  function close(): string {
    if (open === undefined) return ''
    const text = event('content_block_stop', { index: open.index })
    open = undefined
    return text
  }

  function openBlock(kind: OpenBlock['kind'], contentBlock: Record<string, unknown>): string {
    const text = close()
    open = { kind, index: nextBlock++ }
    return text + event('content_block_start', { index: open.index, content_block: contentBlock })
  }

  function delta(index: number, payload: Record<string, unknown>): string {
    return event('content_block_delta', { index, delta: payload })
  }

  function encodePart(part: CanonicalStreamPart): string {
    switch (part.type) {
      case 'start':
        return started ? '' : start(part.id, part.model, part.usage)
      case 'text-delta': {
        const prefix = open?.kind === 'text' ? '' : openBlock('text', { type: 'text', text: '' })
        return prefix + delta(open!.index, { type: 'text_delta', text: part.text })
      }
      case 'reasoning-delta': {
        const reuse = open?.kind === 'thinking' && open.signed !== true
        const prefix = reuse ? '' : openBlock('thinking', { type: 'thinking', thinking: '', signature: '' })
        return prefix + delta(open!.index, { type: 'thinking_delta', thinking: part.text })
      }
      case 'reasoning-signature': {
        const reuse = open?.kind === 'thinking' && open.signed !== true
        const prefix = reuse ? '' : openBlock('thinking', { type: 'thinking', thinking: '', signature: '' })
        open!.signed = true
        return prefix + delta(open!.index, { type: 'signature_delta', signature: part.signature })
      }
      case 'reasoning-redacted':
        return openBlock('thinking', { type: 'redacted_thinking', data: part.data }) + close()
      case 'tool-call-start': {
        const text = openBlock('tool', { type: 'tool_use', id: part.id, name: part.name, input: {} })
        blockByTool.set(part.index, open!.index)
        return text
      }
      case 'tool-call-delta': {
        const index = blockByTool.get(part.index)
        return index === undefined
          ? ''
          : delta(index, { type: 'input_json_delta', partial_json: part.argumentsDelta })
      }
      case 'tool-call-end':
        return open?.kind === 'tool' && open.index === blockByTool.get(part.index) ? close() : ''
      case 'finish': {
        done = true
        const stopReason = encodeAnthropicStopReason(part.finishReason, part.stopSequence)
        return (
          close() +
          event('message_delta', {
            delta: { stop_reason: stopReason, stop_sequence: part.stopSequence ?? null },
            usage: encodeAnthropicUsage(part.usage),
          }) +
          event('message_stop', {})
        )
      }
      case 'error':
        done = true
        return event('error', { error: encodeAnthropicError(part).error })
      case 'ping':
        return event('ping', {})
    }
  }

  return {
    get done() {
      return done
    },
    encode(part) {
      if (done) return ''
      const prefix =
        part.type === 'start' || part.type === 'error' || part.type === 'ping' ? '' : ensureStarted()
      return prefix + encodePart(part)
    },
  }
}
