import { describe, expect, it } from 'vitest'
import { readUsageJson, TailBuffer } from './usage-tail.js'

describe('readUsageJson', () => {
  it('reads the last top-level usage object of a response', () => {
    const body = Buffer.from(
      '{"id":"x","choices":[{"message":{"content":"the \\"usage\\": text"}}],"usage":{"prompt_tokens":3,"completion_tokens_details":{"reasoning_tokens":1}}}',
    )
    expect(readUsageJson(body)).toEqual({
      prompt_tokens: 3,
      completion_tokens_details: { reasoning_tokens: 1 },
    })
  })

  it('reads a usage object that is not plain through JSON.parse, the same way', () => {
    const body = Buffer.from('{"usage" : {"input_tokens":1.5e1,"service_tier":"st\\u00e4ndard"}}')
    expect(readUsageJson(body)).toEqual({ input_tokens: 15, service_tier: 'ständard' })
  })

  it('answers undefined without a usage object or with a malformed one', () => {
    expect(readUsageJson(Buffer.from('{"id":"x"}'))).toBeUndefined()
    expect(readUsageJson(Buffer.from('{"usage":null}'))).toBeUndefined()
    expect(readUsageJson(Buffer.from('{"usage":{"a":01}}'))).toBeUndefined()
    expect(readUsageJson(Buffer.from('{"usage":{"a":1'))).toBeUndefined()
  })
})

describe('TailBuffer', () => {
  it('keeps the last 64 KiB of a body in chunks, at least the last chunk', () => {
    const tail = new TailBuffer()
    tail.push(Buffer.alloc(70 * 1024, 0x61))
    tail.push(Buffer.from('{"usage":{"a":1}}'))
    expect(readUsageJson(tail.bytes())).toEqual({ a: 1 })
    const single = new TailBuffer()
    single.push(Buffer.from('{"usage":{"b":2}}'))
    expect(single.bytes().toString()).toBe('{"usage":{"b":2}}')
  })
})
