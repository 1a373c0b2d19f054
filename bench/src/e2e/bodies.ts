// The chat bodies every target receives, so direct, baseline and gateway do identical work upstream.
import type { Bodies } from './measure-target.js'

const messages = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Say hello in one short sentence.' },
]

/**
 * Non-streaming and streaming bodies for `model`.
 *
 * @example
 * const bodies = createBodies('gpt-4o-mini')
 */
export function createBodies(model: string): Bodies {
  return {
    chat: JSON.stringify({ model, messages, max_tokens: 16 }),
    stream: JSON.stringify({ model, messages, max_tokens: 16, stream: true }),
  }
}
