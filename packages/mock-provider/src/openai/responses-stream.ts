// Renders a planned turn as the OpenAI Responses API event stream, from response.created to response.completed.
import type { Turn } from '../plan-turn.js'
import type { ResponsesRequest } from './read-responses-request.js'
import { buildOutputItems, buildResponse, outputText, responseIds } from './response-object.js'

/**
 * The SSE frames (`event: <type>` + `data: <json>`, numbered by `sequence_number` from 0):
 * `response.created`, `response.in_progress`, then per output item `response.output_item.added`,
 * its content (`content_part.added`, `output_text.delta`…, `output_text.done`, `content_part.done`
 * for a message; `function_call_arguments.delta`…, `function_call_arguments.done` for a call),
 * `response.output_item.done`, and finally `response.completed` with usage.
 *
 * @example
 * renderResponsesStream(turn, request, 1700000000).at(-1) // 'event: response.completed\n…'
 */
export function renderResponsesStream(turn: Turn, request: ResponsesRequest, createdAt: number): string[] {
  const frames: string[] = []
  // `fields` is the rest of the event object as JSON members, so shared parts are serialised once.
  const emit = (type: string, fields: string) => {
    frames.push(`event: ${type}\ndata: {"type":"${type}","sequence_number":${frames.length},${fields}}\n\n`)
  }
  const json = JSON.stringify
  const started = json(buildResponse(turn, request, createdAt, false))
  emit('response.created', `"response":${started}`)
  emit('response.in_progress', `"response":${started}`)
  buildOutputItems(turn).forEach((item, outputIndex) => {
    const at = `"item_id":"${item.id}","output_index":${outputIndex}`
    if (item.type === 'message') {
      emit(
        'response.output_item.added',
        `"output_index":${outputIndex},"item":${json({ ...item, status: 'in_progress', content: [] })}`,
      )
      const partAt = `${at},"content_index":0`
      emit('response.content_part.added', `${partAt},"part":${json(outputText(''))}`)
      for (const delta of turn.textChunks) {
        emit('response.output_text.delta', `${partAt},"delta":${json(delta)},"logprobs":[]`)
      }
      emit('response.output_text.done', `${partAt},"text":${json(turn.text)},"logprobs":[]`)
      emit('response.content_part.done', `${partAt},"part":${json(outputText(turn.text))}`)
    } else if (item.type === 'function_call') {
      emit(
        'response.output_item.added',
        `"output_index":${outputIndex},"item":${json({ ...item, status: 'in_progress', arguments: '' })}`,
      )
      const call = turn.toolCalls.find((entry) => responseIds.functionCall(turn, entry.index) === item.id)
      for (const delta of call?.argumentChunks ?? []) {
        emit('response.function_call_arguments.delta', `${at},"delta":${json(delta)}`)
      }
      emit(
        'response.function_call_arguments.done',
        `${at},"name":${json(item.name)},"arguments":${json(item.arguments)}`,
      )
    } else {
      emit('response.output_item.added', `"output_index":${outputIndex},"item":${json(item)}`)
    }
    emit('response.output_item.done', `"output_index":${outputIndex},"item":${json(item)}`)
  })
  emit('response.completed', `"response":${json(buildResponse(turn, request, createdAt, true))}`)
  return frames
}

/** The `error` event a Responses stream ends with when it fails after starting. */
export function responsesStreamError(sentFrames: number): string {
  const event = {
    type: 'error',
    code: 'server_error',
    message: 'The server had an error while processing your request.',
    param: null,
    sequence_number: sentFrames,
  }
  return `event: error\ndata: ${JSON.stringify(event)}\n\n`
}
