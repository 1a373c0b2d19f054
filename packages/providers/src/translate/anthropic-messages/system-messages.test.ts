import { describe, expect, it } from 'vitest'
import { translateRequest } from '../translate-request.js'

// Claude Code 2.x: a top-level system, then its environment context as `role: "system"` entries.
const claudeCodeBody = {
  model: 'claude-sonnet-4-5',
  max_tokens: 1024,
  system: [{ type: 'text', text: 'You are Claude Code.' }],
  messages: [
    { role: 'system', content: 'Working directory: /repo' },
    { role: 'user', content: 'List the files' },
    { role: 'assistant', content: 'Sure.' },
    { role: 'system', content: [{ type: 'text', text: 'Reminder: the user changed branch.' }] },
    { role: 'user', content: 'Again please' },
  ],
}

const translate = (to: Parameters<typeof translateRequest>[0]['to']) =>
  translateRequest({ from: 'anthropic-messages', to, body: claudeCodeBody, model: 'target-model' })
    .body as Record<string, unknown>

describe('Anthropic system entries inside messages', () => {
  it('become system messages at their position on OpenAI Chat, never user turns', () => {
    expect(translate('openai-chat').messages).toEqual([
      { role: 'system', content: 'You are Claude Code.\n\nWorking directory: /repo' },
      { role: 'user', content: 'List the files' },
      { role: 'assistant', content: 'Sure.' },
      { role: 'system', content: 'Reminder: the user changed branch.' },
      { role: 'user', content: 'Again please' },
    ])
  })

  it('become instructions and developer input items on OpenAI Responses', () => {
    const body = translate('openai-responses')
    expect(body.instructions).toBe('You are Claude Code.\n\nWorking directory: /repo')
    const input = body.input as Array<{ role: string; content: unknown }>
    expect(input.map((item) => item.role)).toEqual(['user', 'assistant', 'developer', 'user'])
    expect(input[2]?.content).toBe('Reminder: the user changed branch.')
  })

  it('join Gemini systemInstruction and leave the contents to user and model turns', () => {
    const body = translate('gemini')
    const texts = (body.systemInstruction as { parts: Array<{ text: string }> }).parts.map((p) => p.text)
    expect(texts).toEqual([
      'You are Claude Code.',
      'Working directory: /repo',
      'Reminder: the user changed branch.',
    ])
    const contents = body.contents as Array<{ role: string; parts: Array<{ text: string }> }>
    expect(contents.map((content) => content.role)).toEqual(['user', 'model', 'user'])
    expect(JSON.stringify(contents)).not.toContain('Reminder')
  })

  it('join the Bedrock Converse system blocks', () => {
    const body = translate('bedrock-converse')
    expect(body.system).toEqual([
      { text: 'You are Claude Code.' },
      { text: 'Working directory: /repo' },
      { text: 'Reminder: the user changed branch.' },
    ])
    const messages = body.messages as Array<{ role: string }>
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user'])
  })

  it('refuses a non-text block in a system entry, naming where it is', () => {
    expect(() =>
      translateRequest({
        from: 'anthropic-messages',
        to: 'openai-chat',
        model: 'gpt-4o',
        body: {
          max_tokens: 5,
          messages: [
            { role: 'user', content: 'hi' },
            { role: 'system', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] },
          ],
        },
      }),
    ).toThrow(/messages\[1\]\.content\[0\]\.type/)
  })
})
