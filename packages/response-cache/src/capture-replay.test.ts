import type { ForwardResult } from '@gw/providers'
import { describe, expect, it } from 'vitest'
import { decodeCachedResponse, encodeCachedResponse } from './cached-response.js'
import { replayResponse } from './replay-response.js'
import { ResponseCapture } from './response-capture.js'
import { RecordingSink } from './test-utils/recording-sink.js'

const chatEvents = [
  'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}\n\n',
  'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}\n\n',
  'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"lo!"},"finish_reason":null}]}\n\n',
  'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n',
  'data: [DONE]\n\n',
]
const completion = {
  id: 'c2',
  object: 'chat.completion',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
}

const result = (overrides: Partial<ForwardResult> = {}): ForwardResult => ({
  status: 200,
  providerId: 'openai-1',
  model: 'gpt-4o-mini',
  attempts: 1,
  fallbackCount: 0,
  records: [],
  usage: undefined,
  costMicroUsd: undefined,
  streamed: true,
  clientAborted: false,
  streamError: undefined,
  ...overrides,
})

/** Writes a stream through a capture, splitting bytes across writes at odd places. */
function captureStream(events: string[], options: { status?: number; end?: boolean } = {}) {
  const sink = new RecordingSink()
  const capture = new ResponseCapture(sink, { wire: 'openai-chat', label: 'miss', maxEntryBytes: 1 << 20 })
  capture.writeHead(options.status ?? 200, ['content-type', 'text/event-stream', 'x-request-id', 'r1'])
  const text = events.join('')
  for (let at = 0; at < text.length; at += 37) capture.write(text.slice(at, at + 37))
  if (options.end !== false) capture.end()
  return { sink, capture }
}

describe('ResponseCapture', () => {
  it('passes bytes through with the miss label and keeps a complete stream with its event boundaries', () => {
    const { sink, capture } = captureStream(chatEvents)
    expect(sink.text).toBe(chatEvents.join(''))
    expect(sink.header('x-langwatch-response-cache')).toBe('miss')
    const entry = capture.toEntry(result())
    expect(entry?.meta.events).toEqual(chatEvents.map((event) => Buffer.byteLength(event)))
    expect(entry?.body.toString()).toBe(chatEvents.join(''))
  })

  it('keeps nothing for an error status, a stream without its terminal event, or an upstream break', () => {
    expect(
      captureStream(chatEvents, { status: 500 }).capture.toEntry(result({ status: 500 })),
    ).toBeUndefined()
    expect(captureStream(chatEvents.slice(0, 3)).capture.toEntry(result())).toBeUndefined()
    expect(captureStream(chatEvents, { end: false }).capture.toEntry(result())).toBeUndefined()
    expect(captureStream(chatEvents).capture.toEntry(result({ streamError: 'cut' }))).toBeUndefined()
    expect(captureStream(chatEvents).capture.toEntry(result({ clientAborted: true }))).toBeUndefined()
  })

  it('keeps nothing once the answer outgrows the entry bound', () => {
    const sink = new RecordingSink()
    const capture = new ResponseCapture(sink, { wire: 'openai-chat', label: 'miss', maxEntryBytes: 100 })
    capture.writeHead(200, ['content-type', 'application/json'])
    capture.end(JSON.stringify(completion))
    expect(sink.text).toBe(JSON.stringify(completion))
    expect(capture.toEntry(result({ streamed: false }))).toBeUndefined()
  })
})

describe('replayResponse', () => {
  const stored = () => {
    const entry = captureStream(chatEvents).capture.toEntry(result())!
    return decodeCachedResponse(encodeCachedResponse(entry))!
  }

  it('replays a stream to the same wire byte for byte, one write per original event', async () => {
    const sink = new RecordingSink()
    const outcome = await replayResponse(stored(), {
      wire: 'openai-chat',
      sink,
      headers: ['x-langwatch-response-cache', 'hit'],
      includeUsage: false,
      requestModel: 'gpt-4o-mini',
    })
    expect(outcome.clientAborted).toBe(false)
    expect(sink.writes).toEqual(chatEvents)
    expect(sink.header('content-type')).toBe('text/event-stream')
    expect(sink.header('x-langwatch-response-cache')).toBe('hit')
  })

  it('replays an OpenAI stream to an Anthropic client as Anthropic events with the same text', async () => {
    const sink = new RecordingSink()
    await replayResponse(stored(), {
      wire: 'anthropic-messages',
      sink,
      headers: [],
      includeUsage: false,
      requestModel: 'gpt-4o-mini',
    })
    const deltas = sink.text
      .split('\n')
      .filter((line) => line.startsWith('data: ') && line.includes('text_delta'))
      .map((line) => JSON.parse(line.slice(6)).delta.text)
    expect(deltas.join('')).toBe('Hello!')
    expect(sink.text).toContain('event: message_stop')
    expect(sink.ended).toBe(true)
  })

  it('replays a complete answer byte for byte on its wire and translated on another', async () => {
    const sink = new RecordingSink()
    const capture = new ResponseCapture(sink, { wire: 'openai-chat', label: 'miss', maxEntryBytes: 1 << 20 })
    capture.writeHead(200, ['content-type', 'application/json'])
    capture.end(JSON.stringify(completion))
    const entry = capture.toEntry(result({ streamed: false }))!
    const same = new RecordingSink()
    await replayResponse(entry, {
      wire: 'openai-chat',
      sink: same,
      headers: [],
      includeUsage: false,
      requestModel: 'x',
    })
    expect(same.text).toBe(JSON.stringify(completion))
    const other = new RecordingSink()
    await replayResponse(entry, {
      wire: 'anthropic-messages',
      sink: other,
      headers: [],
      includeUsage: false,
      requestModel: 'x',
    })
    const message = JSON.parse(other.text)
    expect(message.type).toBe('message')
    expect(message.content).toEqual([{ type: 'text', text: 'Hello!' }])
    expect(message.stop_reason).toBe('end_turn')
  })

  it('stops writing when the client leaves mid-stream', async () => {
    const sink = new RecordingSink()
    sink.write = function (this: RecordingSink, chunk) {
      this.writes.push(String(chunk))
      this.destroy()
      return false
    }
    const outcome = await replayResponse(stored(), {
      wire: 'openai-chat',
      sink,
      headers: [],
      includeUsage: false,
      requestModel: 'gpt-4o-mini',
    })
    expect(outcome.clientAborted).toBe(true)
    expect(sink.writes).toHaveLength(1)
    expect(sink.ended).toBe(false)
  })
})
