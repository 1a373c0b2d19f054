import { describe, expect, it } from 'vitest'
import { sessionIdOf } from './session-id.js'

describe('sessionIdOf', () => {
  it('prefers the header and does not read the body then', () => {
    const body = {
      get parsed(): Record<string, unknown> {
        throw new Error('body read')
      },
    }
    expect(sessionIdOf({ 'x-langwatch-session-id': 'conv-1' }, body)).toBe('conv-1')
  })

  it("falls back to Anthropic's metadata.user_id, ignoring empty and oversized ids", () => {
    expect(sessionIdOf({}, { parsed: { metadata: { user_id: 'u-7' } } })).toBe('u-7')
    expect(sessionIdOf({}, { parsed: { metadata: { user_id: 'x'.repeat(300) } } })).toBeUndefined()
    expect(sessionIdOf({ 'x-langwatch-session-id': '' }, undefined)).toBeUndefined()
    expect(sessionIdOf({}, { parsed: {} })).toBeUndefined()
  })
})
