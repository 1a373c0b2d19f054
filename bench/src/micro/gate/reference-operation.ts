// The gate's yardstick: a fixed operation mixing what the benchmarks do (JSON, hashing, small
// objects), timed in the same run so a slower or busier machine scales it like the benchmarks.
import { createHash } from 'node:crypto'

/** What the gate's ratios are relative to, as recorded in the baseline file. */
export const referenceDescription =
  'JSON.parse of a 4-message chat request (≈ 600 B) + SHA-256 hex of a 64-character string'

const chat = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a careful assistant that answers briefly and cites sources.' },
    { role: 'user', content: 'Summarise the attached release notes in three bullet points, please.' },
    { role: 'assistant', content: 'Here are the three most important changes in this release, in order.' },
    {
      role: 'user',
      content: 'Thanks. Now list the breaking changes only, with the migration step for each.',
    },
  ],
  max_tokens: 256,
  temperature: 0.2,
  stream: false,
})
const digestInput = 'lw_vk_live_01JBENCHREFERENCE0000000000AbCdEfGhIjKlMnOpQrStUvWxYz012'

/**
 * One reference operation; returns a value so the work cannot be optimised away.
 *
 * @example
 * const timing = await measureTiming(referenceOperation, { quick: true })
 */
export function referenceOperation(): number {
  const parsed = JSON.parse(chat) as { messages: unknown[] }
  const digest = createHash('sha256').update(digestInput).digest('hex')
  return parsed.messages.length + digest.length
}
