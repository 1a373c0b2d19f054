import { describe, expect, it } from 'vitest'
import { SseScanner } from './sse-scanner.js'

type Seen = [string | undefined, string]

function collect(maxEventBytes?: number, drop?: (data: string) => boolean) {
  const seen: Seen[] = []
  const scanner = new SseScanner(
    (event, data) => {
      seen.push([event, data])
      return drop?.(data) ?? false
    },
    maxEventBytes === undefined ? {} : { maxEventBytes },
  )
  return { seen, scanner }
}

const stream = Buffer.from(
  ': keep-alive\n\nevent: message_start\ndata: {"a":"héllo 👋"}\n\ndata: line1\ndata: line2\n\ndata: [DONE]\n\n',
)

describe('SseScanner', () => {
  it('reads event names, joins data lines and skips comments', () => {
    const { seen, scanner } = collect()
    scanner.push(stream)
    expect(seen).toEqual([
      ['message_start', '{"a":"héllo 👋"}'],
      [undefined, 'line1\nline2'],
      [undefined, '[DONE]'],
    ])
    expect(scanner.midEvent).toBe(false)
  })

  it('yields the same events whatever the chunking, multi-byte UTF-8 included', () => {
    const whole = collect()
    whole.scanner.push(stream)
    for (let size = 1; size < 9; size++) {
      const { seen, scanner } = collect()
      for (let offset = 0; offset < stream.length; offset += size) {
        scanner.push(stream.subarray(offset, offset + size))
      }
      expect(seen).toEqual(whole.seen)
    }
  })

  it('accepts CRLF and lone CR line endings, also split between chunks', () => {
    const { seen, scanner } = collect()
    scanner.push(Buffer.from('data: a\r'))
    scanner.push(Buffer.from('\n\r\ndata: b\r\rdata:c\n\n'))
    expect(seen).toEqual([
      [undefined, 'a'],
      [undefined, 'b'],
      [undefined, 'c'],
    ])
  })

  it('reports being mid-event while an event is incomplete', () => {
    const { scanner } = collect()
    scanner.push(Buffer.from('data: {"par'))
    expect(scanner.midEvent).toBe(true)
    scanner.push(Buffer.from('tial":1}\n\n'))
    expect(scanner.midEvent).toBe(false)
  })

  it('gated: passes every byte but the dropped event, for every split position', () => {
    const input = Buffer.from('data: 1\n\ndata: {"usage":1}\n\ndata: [DONE]\n\n')
    const expected = 'data: 1\n\ndata: [DONE]\n\n'
    for (let cut = 0; cut <= input.length; cut++) {
      const { scanner } = collect(undefined, (data) => data.includes('usage'))
      const out: Buffer[] = []
      scanner.pushGated(input.subarray(0, cut), (bytes) => out.push(bytes))
      scanner.pushGated(input.subarray(cut), (bytes) => out.push(bytes))
      scanner.flushHeld((bytes) => out.push(bytes))
      expect(Buffer.concat(out).toString()).toBe(expected)
    }
  })

  it('gated: holds an unfinished event until it completes', () => {
    const { scanner } = collect()
    const out: string[] = []
    scanner.pushGated(Buffer.from('data: 1\n\ndata: 2'), (bytes) => out.push(bytes.toString()))
    expect(out.join('')).toBe('data: 1\n\n')
    scanner.pushGated(Buffer.from('\n\n'), (bytes) => out.push(bytes.toString()))
    expect(out.join('')).toBe('data: 1\n\ndata: 2\n\n')
  })

  it('stops observing an event past the cap but keeps every byte flowing', () => {
    const { seen, scanner } = collect(16, () => true)
    const out: Buffer[] = []
    const big = Buffer.from(`data: ${'x'.repeat(40)}\n\ndata: small\n\n`)
    scanner.pushGated(big.subarray(0, 20), (bytes) => out.push(bytes))
    scanner.pushGated(big.subarray(20), (bytes) => out.push(bytes))
    expect(scanner.disabled).toBe(true)
    expect(seen).toEqual([])
    expect(Buffer.concat(out).equals(big)).toBe(true)
  })
})
