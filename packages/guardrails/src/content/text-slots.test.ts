import { describe, expect, it } from 'vitest'
import { findTextSlots, requestTextFields, responseTextFields, writeTextSlots } from './text-slots.js'

describe('findTextSlots', () => {
  it('finds chat, Anthropic and Responses prompt text in order, skipping non-text fields', () => {
    const body = {
      model: 'm',
      system: [{ type: 'text', text: 'sys' }],
      messages: [
        { role: 'user', content: 'hi' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'part' },
            { type: 'image_url', image_url: { url: 'data:x' } },
          ],
        },
        { role: 'assistant', tool_calls: [{ id: 'c1', function: { name: 'f', arguments: '{"a":1}' } }] },
      ],
      instructions: 'be brief',
    }
    expect(findTextSlots(body, requestTextFields).texts).toEqual(['sys', 'be brief', 'hi', 'part'])
  })

  it('finds the answer text of chat, Responses and Messages responses', () => {
    expect(
      findTextSlots({ choices: [{ message: { role: 'assistant', content: 'A' } }] }, responseTextFields)
        .texts,
    ).toEqual(['A'])
    const responses = {
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'B', annotations: [] }] }],
    }
    expect(findTextSlots(responses, responseTextFields).texts).toEqual(['B'])
    expect(findTextSlots({ content: [{ type: 'text', text: 'C' }] }, responseTextFields).texts).toEqual(['C'])
  })

  it('writes modified texts back in place', () => {
    const body = {
      messages: [
        { role: 'user', content: 'a' },
        { role: 'user', content: [{ type: 'text', text: 'b' }] },
      ],
    }
    const slots = findTextSlots(body, requestTextFields)
    writeTextSlots(slots, ['A', 'B'])
    expect(body).toEqual({
      messages: [
        { role: 'user', content: 'A' },
        { role: 'user', content: [{ type: 'text', text: 'B' }] },
      ],
    })
  })
})
