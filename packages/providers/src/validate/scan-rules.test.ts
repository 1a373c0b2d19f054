import { describe, expect, it } from 'vitest'
import type { ValueKind } from './scan-bytes.js'
import { checkRules, MODEL, names, rulesByApi, STREAM, slotAt, slotOf } from './scan-rules.js'

/** A per-scan kinds table with the given top-level names set. */
function kinds(found: Partial<Record<(typeof names)[number], ValueKind>>): (ValueKind | undefined)[] {
  const table: (ValueKind | undefined)[] = new Array(names.length).fill(undefined)
  for (const [name, kind] of Object.entries(found)) table[slotOf.get(name)!] = kind
  return table
}

describe('slotAt', () => {
  it('matches a recorded key in place, quotes included, and nothing else', () => {
    const raw = Buffer.from('{"model":1,"stream":2,"modem":3,"max_output_tokens":4,"x":5}')
    const at = (key: string) => {
      const start = raw.indexOf(`"${key}"`)
      return slotAt(raw, start, start + key.length + 2)
    }
    expect(at('model')).toBe(MODEL)
    expect(at('stream')).toBe(STREAM)
    expect(at('max_output_tokens')).toBe(slotOf.get('max_output_tokens'))
    expect(at('modem')).toBeUndefined() // same length as "model", other bytes
    expect(at('x')).toBeUndefined() // no recorded name of that length
  })

  it('gives every recorded name its own slot', () => {
    expect(new Set(names.map((name) => slotOf.get(name))).size).toBe(names.length)
  })
})

describe('checkRules', () => {
  const chat = rulesByApi['openai-chat']!
  const messages = rulesByApi['anthropic-messages']!
  const embeddings = rulesByApi['openai-embeddings']!

  it('accepts a body with its required fields of the right kinds', () => {
    expect(checkRules(chat, kinds({ model: 'string', messages: 'array', stream: 'true' }))).toBe(true)
    expect(checkRules(messages, kinds({ model: 'string', messages: 'array', max_tokens: 'integer' }))).toBe(
      true,
    )
    expect(checkRules(embeddings, kinds({ model: 'string', input: 'string' }))).toBe(true)
    expect(checkRules(embeddings, kinds({ model: 'string', input: 'array' }))).toBe(true)
  })

  it('refuses a missing or null required field', () => {
    expect(checkRules(chat, kinds({ messages: 'array' }))).toBe(false)
    expect(checkRules(messages, kinds({ model: 'string', messages: 'array' }))).toBe(false)
    expect(checkRules(embeddings, kinds({ model: 'string', input: 'null' }))).toBe(false)
  })

  it('lets an optional field be null, and refuses one of the wrong kind', () => {
    expect(checkRules(chat, kinds({ model: 'string', messages: 'array', temperature: 'null' }))).toBe(true)
    expect(checkRules(chat, kinds({ model: 'string', messages: 'array', stream: 'string' }))).toBe(false)
    expect(checkRules(chat, kinds({ model: 'string', messages: 'array', n: 'number' }))).toBe(false)
  })

  it('reads "number" as integer or fraction, "integer" as integer only', () => {
    const base = { model: 'string', messages: 'array', max_tokens: 'integer' } as const
    expect(checkRules(messages, kinds({ ...base, temperature: 'integer' }))).toBe(true)
    expect(checkRules(messages, kinds({ ...base, temperature: 'number' }))).toBe(true)
    expect(checkRules(messages, kinds({ ...base, top_k: 'number' }))).toBe(false)
    expect(checkRules(messages, kinds({ ...base, system: 'object' }))).toBe(false)
  })
})
