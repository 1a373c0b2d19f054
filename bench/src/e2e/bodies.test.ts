import { describe, expect, it } from 'vitest'
import { createBodies, createSizedBodies } from './bodies.js'

describe('createSizedBodies', () => {
  it.each([50_000, 200_000])('builds a %i-byte streaming chat request with many messages', (bytes) => {
    const { chat, stream } = createSizedBodies('gpt-4o-mini', bytes)
    expect(Buffer.byteLength(stream)).toBe(bytes)
    expect(Math.abs(Buffer.byteLength(chat) - bytes)).toBeLessThan(20)
    const parsed = JSON.parse(stream) as { model: string; stream: boolean; messages: Array<{ role: string }> }
    expect(parsed.model).toBe('gpt-4o-mini')
    expect(parsed.stream).toBe(true)
    expect(parsed.messages.filter((message) => message.role === 'tool').length).toBeGreaterThan(bytes / 5_000)
    expect((JSON.parse(chat) as { stream?: boolean }).stream).toBeUndefined()
  })

  it('is deterministic', () => {
    expect(createSizedBodies('m', 50_000)).toEqual(createSizedBodies('m', 50_000))
  })

  it('keeps the short body at about 190 bytes', () => {
    const { chat } = createBodies('gpt-4o-mini')
    expect(chat.length).toBeGreaterThan(150)
    expect(chat.length).toBeLessThan(200)
  })
})
