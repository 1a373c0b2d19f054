import { describe, expect, it } from 'vitest'
import { createRequestBody } from './lazy-body.js'

const chat = Buffer.from('{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":true}')

describe('createRequestBody', () => {
  it('reads model and stream from the bytes and parses only on first access, once', () => {
    const original = JSON.parse
    let parses = 0
    JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      parses++
      return original(text, reviver)
    }) as typeof JSON.parse
    try {
      const body = createRequestBody('openai-chat', chat)
      expect(body.scanned).toMatchObject({ model: 'gpt-4o', stream: true, valid: true })
      expect(parses).toBe(0)
      const first = body.parsed
      expect(body.parsed).toBe(first)
      expect(parses).toBe(1)
      expect(first.messages).toEqual([{ role: 'user', content: 'hi' }])
    } finally {
      JSON.parse = original
    }
  })

  it('throws 400 invalid_json at once for bytes the scan cannot read', () => {
    expect(() => createRequestBody('openai-chat', Buffer.from('{"model":'))).toThrow(
      expect.objectContaining({ code: 'invalid_json', status: 400 }),
    )
    expect(() => createRequestBody('openai-chat', Buffer.from('[1]'))).toThrow(
      expect.objectContaining({ code: 'bad_request' }),
    )
  })

  it('falls back to the parse for a body the scan cannot read but JSON.parse accepts', () => {
    const escapedKey = Buffer.from('{"mod\\u0065l":"gpt-4o","messages":[]}')
    expect(createRequestBody('openai-chat', escapedKey).scanned).toMatchObject({
      model: 'gpt-4o',
      valid: false,
    })
  })

  it('gives invalid_json on first access when the flaw is deep inside a value the scan skips', () => {
    const body = createRequestBody(
      'openai-chat',
      Buffer.from('{"model":"m","messages":[],"tools":[{"a":tru}]}'),
    )
    expect(body.scanned.model).toBe('m')
    expect(() => body.parsed).toThrow(expect.objectContaining({ code: 'invalid_json' }))
  })
})
