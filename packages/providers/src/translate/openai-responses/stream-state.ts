// The output items of a Responses stream being written: open items, their events, the final snapshot.
import type { CanonicalUsage, FinishReason } from '../../canonical/types.js'
import { outputItemId } from './output-items.js'
import { encodeReasoningItem } from './reasoning-item.js'
import { encodeResponsesStatus } from './status.js'
import type {
  ResponsesFunctionCallItem,
  ResponsesOutputItem,
  ResponsesOutputMessage,
  ResponsesReasoningItem,
  ResponsesResponse,
} from './types.js'
import { encodeResponsesUsage } from './usage.js'

type Emit = (type: string, payload: Record<string, unknown>) => string
type Open =
  | { kind: 'message'; item: ResponsesOutputMessage; index: number }
  | { kind: 'reasoning'; item: ResponsesReasoningItem; index: number }

/** Tracks the output of one Responses stream; every method returns the SSE text to write. */
export function createResponsesStreamState(emit: Emit) {
  const output: ResponsesOutputItem[] = []
  const tools = new Map<number, { item: ResponsesFunctionCallItem; index: number }>()
  let open: Open | undefined
  let id = ''
  let model = ''
  let createdAt = 0

  function add(item: ResponsesOutputItem): { index: number; text: string } {
    const index = output.push(item) - 1
    return { index, text: emit('response.output_item.added', { output_index: index, item }) }
  }

  function close(): string {
    if (open === undefined) return ''
    const { item, index } = open
    let text = ''
    if (open.kind === 'message') {
      const part = open.item.content[0]
      const ids = { item_id: item.id, output_index: index, content_index: 0 }
      text += emit('response.output_text.done', { ...ids, text: part?.text ?? '', logprobs: [] })
      text += emit('response.content_part.done', { ...ids, part })
    } else if (open.item.summary[0] !== undefined) {
      const ids = { item_id: item.id, output_index: index, summary_index: 0 }
      text += emit('response.reasoning_summary_text.done', { ...ids, text: open.item.summary[0].text })
      text += emit('response.reasoning_summary_part.done', { ...ids, part: open.item.summary[0] })
    }
    item.status = 'completed'
    open = undefined
    return text + emit('response.output_item.done', { output_index: index, item })
  }

  function openReasoning(): string {
    if (open?.kind === 'reasoning' && open.item.encrypted_content === undefined) return ''
    let text = close()
    const item: ResponsesReasoningItem = {
      type: 'reasoning',
      id: outputItemId('rs', id, output.length),
      summary: [],
      status: 'in_progress',
    }
    const added = add(item)
    open = { kind: 'reasoning', item, index: added.index }
    text += added.text
    return text
  }

  return {
    begin(responseId: string, responseModel: string, created: number): void {
      id = responseId
      model = responseModel
      createdAt = created
    },
    snapshot(
      status: ResponsesResponse['status'],
      fields: Partial<ResponsesResponse> = {},
    ): ResponsesResponse {
      return {
        id,
        object: 'response',
        created_at: createdAt,
        status,
        model,
        output,
        incomplete_details: null,
        error: null,
        usage: null,
        parallel_tool_calls: true,
        tool_choice: 'auto',
        tools: [],
        temperature: null,
        top_p: null,
        metadata: {},
        instructions: null,
        ...fields,
      }
    },
    appendText(delta: string): string {
      let text = ''
      if (open?.kind !== 'message') {
        text += close()
        const item: ResponsesOutputMessage = {
          type: 'message',
          id: outputItemId('msg', id, output.length),
          role: 'assistant',
          status: 'in_progress',
          content: [],
        }
        const added = add(item)
        const part = { type: 'output_text' as const, text: '', annotations: [] }
        text +=
          added.text +
          emit('response.content_part.added', {
            item_id: item.id,
            output_index: added.index,
            content_index: 0,
            part,
          })
        item.content.push(part)
        open = { kind: 'message', item, index: added.index }
      }
      const current = open as Extract<Open, { kind: 'message' }>
      const part = current.item.content[0]!
      part.text += delta
      return (
        text +
        emit('response.output_text.delta', {
          item_id: current.item.id,
          output_index: current.index,
          content_index: 0,
          delta,
          logprobs: [],
        })
      )
    },
    appendReasoning(delta: string): string {
      let text = openReasoning()
      const current = open as Extract<Open, { kind: 'reasoning' }>
      const ids = { item_id: current.item.id, output_index: current.index, summary_index: 0 }
      if (current.item.summary[0] === undefined) {
        const part = { type: 'summary_text' as const, text: '' }
        text += emit('response.reasoning_summary_part.added', { ...ids, part })
        current.item.summary.push(part)
      }
      current.item.summary[0]!.text += delta
      return text + emit('response.reasoning_summary_text.delta', { ...ids, delta })
    },
    signReasoning(signature: string): string {
      const text = openReasoning()
      const current = open as Extract<Open, { kind: 'reasoning' }>
      current.item.encrypted_content =
        encodeReasoningItem({ type: 'reasoning', text: '', signature }, '').encrypted_content ?? null
      return text + close()
    },
    addRedactedReasoning(data: string): string {
      const item = {
        ...encodeReasoningItem(
          { type: 'reasoning', text: '', signature: data, redacted: true },
          outputItemId('rs', id, output.length),
        ),
        status: 'completed' as const,
      }
      const text = close()
      const added = add(item)
      return text + added.text + emit('response.output_item.done', { output_index: added.index, item })
    },
    startToolCall(index: number, callId: string, name: string): string {
      const text = close()
      const item: ResponsesFunctionCallItem = {
        type: 'function_call',
        id: outputItemId('fc', id, output.length),
        call_id: callId,
        name,
        arguments: '',
        status: 'in_progress',
      }
      const added = add(item)
      tools.set(index, { item, index: added.index })
      return text + added.text
    },
    appendToolArguments(index: number, delta: string): string {
      const tool = tools.get(index)
      if (tool === undefined) return ''
      tool.item.arguments += delta
      return emit('response.function_call_arguments.delta', {
        item_id: tool.item.id,
        output_index: tool.index,
        delta,
      })
    },
    endToolCall(index: number): string {
      const tool = tools.get(index)
      if (tool === undefined) return ''
      tools.delete(index)
      const { item } = tool
      item.status = 'completed'
      const ids = { item_id: item.id, output_index: tool.index }
      return (
        emit('response.function_call_arguments.done', {
          ...ids,
          name: item.name,
          arguments: item.arguments,
        }) + emit('response.output_item.done', { output_index: tool.index, item })
      )
    },
    finish(reason: FinishReason, usage: CanonicalUsage): string {
      let text = close()
      for (const index of [...tools.keys()]) text += this.endToolCall(index)
      const status = encodeResponsesStatus(reason)
      const response = this.snapshot(status.status, { ...status, usage: encodeResponsesUsage(usage) })
      const type =
        status.status === 'completed'
          ? 'response.completed'
          : status.status === 'incomplete'
            ? 'response.incomplete'
            : 'response.failed'
      return text + emit(type, { response })
    },
  }
}
