// Canonical stream parts → OpenAI Responses SSE text (`response.created` … `response.completed`).
import type { CanonicalError, CanonicalStreamPart } from '../../canonical/types.js'
import { formatSse, sseKeepAlive } from '../sse.js'
import type { StreamEncoder, StreamEncoderOptions } from '../stream-types.js'
import { createResponsesStreamState } from './stream-state.js'

/**
 * Creates an encoder for one Responses stream: `response.created` and `response.in_progress`,
 * then output items (message text, reasoning summaries, function calls with
 * `response.function_call_arguments.delta/done`), each opened with `response.output_item.added`
 * and closed with `response.output_item.done`, then `response.completed` (or `.incomplete`) with
 * the full output and usage. Every event carries a `sequence_number`.
 *
 * @example
 * const encoder = createResponsesStreamEncoder({ requestModel: 'claude-sonnet-4-5' })
 */
export function createResponsesStreamEncoder(options: StreamEncoderOptions): StreamEncoder {
  const now = options.now ?? Date.now
  let sequence = 0
  let started = false
  let done = false
  const emit = (type: string, payload: Record<string, unknown>): string =>
    formatSse(type, { type, sequence_number: sequence++, ...payload })
  const state = createResponsesStreamState(emit)

  function start(id: string, model: string, created: number | undefined): string {
    started = true
    state.begin(
      id !== '' ? id : `resp_gw${now()}`,
      model !== '' ? model : options.requestModel,
      created ?? Math.floor(now() / 1000),
    )
    const response = state.snapshot('in_progress')
    return emit('response.created', { response }) + emit('response.in_progress', { response })
  }

  function fail(error: CanonicalError): string {
    done = true
    const code = error.code ?? error.errorType
    const text = emit('error', { code, message: error.message, param: null })
    return (
      text +
      emit('response.failed', {
        response: state.snapshot('failed', { error: { code, message: error.message } }),
      })
    )
  }

  function encodePart(part: CanonicalStreamPart): string {
    switch (part.type) {
      case 'start':
        return ''
      case 'text-delta':
        return state.appendText(part.text)
      case 'reasoning-delta':
        return state.appendReasoning(part.text)
      case 'reasoning-signature':
        return state.signReasoning(part.signature)
      case 'reasoning-redacted':
        return state.addRedactedReasoning(part.data)
      case 'tool-call-start':
        return state.startToolCall(part.index, part.id, part.name)
      case 'tool-call-delta':
        return state.appendToolArguments(part.index, part.argumentsDelta)
      case 'tool-call-end':
        return state.endToolCall(part.index)
      case 'finish': {
        done = true
        return state.finish(part.finishReason, part.usage)
      }
      case 'error':
        return fail(part)
      case 'ping':
        return sseKeepAlive
    }
  }

  return {
    get done() {
      return done
    },
    encode(part) {
      if (done) return ''
      if (part.type === 'start' && !started) return start(part.id, part.model, part.created)
      const prefix = started || part.type === 'ping' ? '' : start('', '', undefined)
      return prefix + encodePart(part)
    },
  }
}
