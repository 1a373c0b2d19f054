import { describe, expect, it } from 'vitest'
import { countPromptTokens, countWithTokenizer, exactCountChars } from './count-prompt-tokens.js'
import { encodingForModel, loadLocalTokenizer } from './local-tokenizer.js'

describe('encodingForModel', () => {
  it('uses o200k for the gpt-4o, gpt-5 and o-series families and cl100k for older models', () => {
    for (const model of ['gpt-4o-mini', 'gpt-5', 'o3-mini', 'openai/gpt-4.1', 'codex-mini-latest'])
      expect(encodingForModel(model)).toBe('o200k_base')
    for (const model of ['gpt-4-turbo', 'gpt-3.5-turbo', 'text-embedding-3-small'])
      expect(encodingForModel(model)).toBe('cl100k_base')
  })
})

describe('countPromptTokens', () => {
  it('counts system, messages and tools with the real encoding plus message framing', async () => {
    const tokenizer = await loadLocalTokenizer('o200k_base')
    const body = {
      system: 'You are terse.',
      messages: [
        { role: 'user', content: 'Hello world' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: { a: 1 } }] },
      ],
      tools: [{ name: 'f', description: 'does f', input_schema: { type: 'object' } }],
    }
    const pieces = ['You are terse.', 'Hello world', 'f', '{"a":1}', 'f', 'does f', '{"type":"object"}']
    const expected = pieces.reduce((sum, piece) => sum + tokenizer.countTokens(piece), 0) + 2 * 3
    expect(await countPromptTokens(body, 'gpt-4o')).toBe(expected)
  })

  it('differs between o200k and cl100k on the same text', async () => {
    const body = { messages: [{ role: 'user', content: 'Ünïcödé façade naïveté, 東京 and emoji 🎉🎉' }] }
    expect(await countPromptTokens(body, 'gpt-4o')).not.toBe(await countPromptTokens(body, 'gpt-4'))
  })

  it('extrapolates past the exact bound instead of tokenizing everything', async () => {
    const calls: number[] = []
    const tokenizer = {
      countTokens(text: string) {
        calls.push(text.length)
        return Math.ceil(text.length / 4)
      },
    }
    const huge = 'abcd'.repeat(exactCountChars / 2)
    const tokens = countWithTokenizer(tokenizer, { messages: [{ role: 'user', content: huge }] })
    expect(calls).toEqual([exactCountChars])
    expect(tokens).toBe(huge.length / 4 + 3)
  })
})
