import { describe, expect, it } from 'vitest'
import type { AttemptInput, AttemptOutcome } from './attempt-types.js'
import { runAuthorized } from './authorized-attempt.js'

describe('runAuthorized', () => {
  it('signs the body whole and sends that same buffer when it came in pieces', async () => {
    const signed: Array<Buffer | undefined> = []
    const sent: unknown[] = []
    const adapter = {
      authorize: async (_request: unknown, body: Buffer | undefined) => {
        signed.push(body)
        return ['authorization', 'sig']
      },
    }
    const input = {
      adapter,
      request: { origin: 'http://upstream', method: 'POST', path: '/', headers: [] },
      body: [Buffer.from('{"a":'), Buffer.from('1}')],
    } as unknown as AttemptInput
    const outcome = await runAuthorized(input, async (attempt) => {
      sent.push(attempt.body)
      expect(attempt.request.headers).toEqual(['authorization', 'sig'])
      return { kind: 'sent', status: 200 } as AttemptOutcome
    })
    expect(outcome).toMatchObject({ kind: 'sent' })
    expect(signed[0]?.toString()).toBe('{"a":1}')
    expect(sent[0]).toBe(signed[0])
  })
})
