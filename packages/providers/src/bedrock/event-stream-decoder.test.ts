import { EventStreamCodec } from '@smithy/eventstream-codec'
import { fromUtf8, toUtf8 } from '@smithy/util-utf8'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createEventStreamDecoder,
  type EventStreamMessage,
  loadEventStreamCodec,
} from './event-stream-decoder.js'

beforeAll(() => loadEventStreamCodec())

const codec = new EventStreamCodec(toUtf8, fromUtf8)
const text = (value: string) => ({ type: 'string' as const, value })

function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': text(eventType),
      ':content-type': text('application/json'),
      ':message-type': text('event'),
    },
    body: fromUtf8(JSON.stringify(payload)),
  })
}

function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: { ':exception-type': text(exceptionType), ':message-type': text('exception') },
    body: fromUtf8(JSON.stringify({ message })),
  })
}

const frames = [
  eventFrame('messageStart', { role: 'assistant' }),
  eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Grüße 👋🏽' } }),
  exceptionFrame('throttlingException', 'Too many tokens'),
]
const expected: EventStreamMessage[] = [
  { eventType: 'messageStart', messageType: 'event', payload: { role: 'assistant' } },
  {
    eventType: 'contentBlockDelta',
    messageType: 'event',
    payload: { contentBlockIndex: 0, delta: { text: 'Grüße 👋🏽' } },
  },
  { messageType: 'exception', exceptionType: 'throttlingException', payload: { message: 'Too many tokens' } },
]
const body = Buffer.concat(frames)

function decodeInPieces(cuts: number[]): EventStreamMessage[] {
  const decoder = createEventStreamDecoder()
  const messages: EventStreamMessage[] = []
  let start = 0
  for (const cut of [...cuts, body.length]) {
    messages.push(...decoder.push(body.subarray(start, cut)))
    start = cut
  }
  decoder.end()
  expect(decoder.pendingBytes).toBe(0)
  return messages
}

describe('event-stream decoder', () => {
  it('decodes whole frames from one chunk', () => {
    expect(decodeInPieces([])).toEqual(expected)
  })

  it('reassembles frames cut at every byte position, including inside the prelude', () => {
    for (let cut = 1; cut < body.length; cut++) expect(decodeInPieces([cut])).toEqual(expected)
  })

  it('reassembles a body fed one byte at a time, holding only the incomplete tail', () => {
    const decoder = createEventStreamDecoder()
    const messages: EventStreamMessage[] = []
    let maxPending = 0
    for (const byte of body) {
      messages.push(...decoder.push(Uint8Array.of(byte)))
      maxPending = Math.max(maxPending, decoder.pendingBytes)
    }
    expect(messages).toEqual(expected)
    expect(maxPending).toBeLessThan(Math.max(...frames.map((frame) => frame.length)))
  })

  it('reads error frames as an exception with a message', () => {
    const frame = codec.encode({
      headers: {
        ':message-type': text('error'),
        ':error-code': text('InternalFailure'),
        ':error-message': text('oops'),
      },
      body: new Uint8Array(),
    })
    expect(createEventStreamDecoder().push(frame)).toEqual([
      { messageType: 'error', exceptionType: 'InternalFailure', payload: { message: 'oops' } },
    ])
  })

  it('refuses a frame whose declared length exceeds the limit before buffering it', () => {
    const decoder = createEventStreamDecoder({ maxFrameBytes: 64 })
    const prelude = new Uint8Array(8)
    new DataView(prelude.buffer).setUint32(0, 1024 * 1024 * 1024)
    expect(() => decoder.push(prelude)).toThrow('exceeds the 64-byte limit')
    expect(() => decoder.push(frames[0]!)).toThrow('already failed')
    expect(() => createEventStreamDecoder().push(Uint8Array.of(0, 0, 0, 3))).toThrow('shorter than')
  })

  it('refuses a corrupt frame and a body that ends inside a frame', () => {
    const corrupt = Buffer.from(frames[0]!)
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 6) ^ 0xff, corrupt.length - 6)
    expect(() => createEventStreamDecoder().push(corrupt)).toThrow(/checksum|malformed/)
    const truncated = createEventStreamDecoder()
    expect(truncated.push(frames[0]!.subarray(0, 20))).toEqual([])
    expect(() => truncated.end()).toThrow('ended inside a frame (20 bytes left)')
  })
})
