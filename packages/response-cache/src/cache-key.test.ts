import { describe, expect, it } from 'vitest'
import { computeCacheKey } from './cache-key.js'

const chat = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  max_tokens: 64,
  temperature: 0,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hello' },
  ],
  ...extra,
})
const key = (
  wire: 'openai-chat' | 'anthropic-messages' | 'openai-responses',
  body: Record<string, unknown>,
  scope = 'p1',
) => computeCacheKey({ wire, body, scope, model: 'm' })

describe('computeCacheKey', () => {
  it('gives the same question the same key on OpenAI Chat, Anthropic Messages and Responses', () => {
    const anthropic = {
      model: 'gpt-4o-mini',
      max_tokens: 64,
      temperature: 0,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello' }],
    }
    const responses = {
      model: 'gpt-4o-mini',
      max_output_tokens: 64,
      temperature: 0,
      instructions: 'Be brief.',
      input: [{ role: 'user', content: 'Hello' }],
    }
    expect(key('anthropic-messages', anthropic)).toBe(key('openai-chat', chat()))
    expect(key('openai-responses', responses)).toBe(key('openai-chat', chat()))
    expect(key('openai-chat', chat())).toMatch(/^[0-9a-f]{64}$/)
  })

  it('changes with messages, sampling parameters, tools, stream, model, scope and salt', () => {
    const base = key('openai-chat', chat())
    expect(key('openai-chat', chat({ messages: [{ role: 'user', content: 'Hi' }] }))).not.toBe(base)
    expect(key('openai-chat', chat({ temperature: 0.5 }))).not.toBe(base)
    expect(key('openai-chat', chat({ top_p: 0.9 }))).not.toBe(base)
    expect(key('openai-chat', chat({ stream: true }))).not.toBe(base)
    expect(
      key('openai-chat', chat({ tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] })),
    ).not.toBe(base)
    expect(key('openai-chat', chat(), 'p2')).not.toBe(base)
    expect(computeCacheKey({ wire: 'openai-chat', body: chat(), scope: 'p1', model: 'other' })).not.toBe(base)
    expect(
      computeCacheKey({ wire: 'openai-chat', body: chat(), scope: 'p1', model: 'm', salt: 's' }),
    ).not.toBe(base)
  })

  it('keeps fields the translation layer does not read (seed, n, a message name) in the key', () => {
    const base = key('openai-chat', chat())
    expect(key('openai-chat', chat({ seed: 1 }))).not.toBe(base)
    expect(key('openai-chat', chat({ seed: 1 }))).not.toBe(key('openai-chat', chat({ seed: 2 })))
    expect(key('openai-chat', chat({ n: 2 }))).not.toBe(base)
    const named = chat({ messages: [{ role: 'user', content: 'Hello', name: 'ann' }] })
    const other = chat({ messages: [{ role: 'user', content: 'Hello', name: 'bob' }] })
    expect(key('openai-chat', named)).not.toBe(key('openai-chat', other))
  })

  it('ignores key order, the end-user id, metadata, stream_options and stream: false', () => {
    const base = key('openai-chat', chat())
    const reordered = Object.fromEntries(Object.entries(chat()).reverse())
    expect(key('openai-chat', reordered)).toBe(base)
    expect(key('openai-chat', chat({ user: 'u1', metadata: { a: 'b' }, stream: false }))).toBe(base)
    expect(key('openai-chat', chat({ stream: true, stream_options: { include_usage: true } }))).toBe(
      key('openai-chat', chat({ stream: true })),
    )
  })

  it('hashes a body the translation layer cannot read whole, for its wire', () => {
    const odd = chat({ messages: [{ role: 'wizard', content: 'Hello' }] })
    const other = chat({ messages: [{ role: 'wizard', content: 'Bye' }] })
    expect(key('openai-chat', odd)).toMatch(/^[0-9a-f]{64}$/)
    expect(key('openai-chat', odd)).not.toBe(key('openai-chat', other))
  })
})
