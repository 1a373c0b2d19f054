import { GatewayError } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import type { ProviderConfig } from '../spec/provider-config.js'
import type { AttemptOutcome } from './attempt-types.js'
import { createCircuitBreakers } from './circuit-breaker.js'
import type { Candidate } from './dispatch-types.js'
import { resolveRetry } from './retry-policy.js'
import { type WalkContext, walkCandidates } from './walk-candidates.js'

const sent: AttemptOutcome = {
  kind: 'sent',
  status: 200,
  ttfbMs: 3,
  usage: undefined,
  streamed: false,
  streamError: undefined,
}
const httpError = (status: number, headers = {}): AttemptOutcome => ({
  kind: 'http-error',
  status,
  ttfbMs: 2,
  headers,
  body: Buffer.from('{}'),
})

function candidate(id: string): Candidate {
  return { provider: { id, type: 'openai', credentials: { api_key: 'sk' } } as ProviderConfig, model: 'm' }
}
const chain = [candidate('a'), candidate('b'), candidate('c')]

/** A context whose attempts answer from `answers` per provider id, in order; records every call. */
function setup(answers: Record<string, AttemptOutcome[]>, overrides: Partial<WalkContext<Candidate>> = {}) {
  const calls: string[] = []
  const sleeps: number[] = []
  const context: WalkContext<Candidate> = {
    breakers: createCircuitBreakers(),
    retry: resolveRetry(),
    maxAttempts: 5,
    connection: { gone: false, controller: undefined },
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    prepare: (ready) => ({ ready }),
    run: async (ready, _candidate, fallbackCount) => {
      calls.push(`${ready.provider.id}#${fallbackCount}`)
      const next = answers[ready.provider.id]?.shift()
      if (next === undefined) throw new Error(`no answer left for ${ready.provider.id}`)
      return next
    },
    ...overrides,
  }
  return { context, calls, sleeps }
}

describe('walkCandidates', () => {
  it('stops at the primary when it answers', async () => {
    const { context, calls } = setup({ a: [sent] })
    const result = await walkCandidates(chain, context)
    expect(calls).toEqual(['a#0'])
    expect(result).toMatchObject({ index: 0, attempts: 1, openCircuits: 0, outcome: sent })
    expect(result.records).toEqual([{ providerId: 'a', model: 'm', status: 200, ttfbMs: 3 }])
  })

  it('falls over on 5xx and network errors, and keeps a record of each attempt', async () => {
    const network: AttemptOutcome = {
      kind: 'network-error',
      error: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      timeout: false,
    }
    const { context, calls } = setup({ a: [httpError(503)], b: [network], c: [sent] })
    const result = await walkCandidates(chain, context)
    expect(calls).toEqual(['a#0', 'b#1', 'c#2'])
    expect(result.index).toBe(2)
    expect(result.records.map((record) => [record.providerId, record.status, record.error])).toEqual([
      ['a', 503, undefined],
      ['b', 0, 'ECONNREFUSED'],
      ['c', 200, undefined],
    ])
  })

  it('returns a caller error (400) without trying the next candidate', async () => {
    const { context, calls } = setup({ a: [httpError(400)], b: [sent] })
    const result = await walkCandidates(chain, context)
    expect(calls).toEqual(['a#0'])
    expect(result.outcome).toMatchObject({ kind: 'http-error', status: 400 })
  })

  it('skips open circuits and unusable candidates, counting and recording them', async () => {
    const breakers = createCircuitBreakers({ failureThreshold: 1 })
    breakers.fail('a')
    const unusable = new GatewayError('not_implemented', 'no adapter for this provider yet')
    const { context, calls } = setup(
      { c: [sent] },
      {
        breakers,
        prepare: (ready) => (ready.provider.id === 'b' ? { unusable } : { ready }),
      },
    )
    const result = await walkCandidates(chain, context)
    expect(calls).toEqual(['c#2'])
    expect(result.openCircuits).toBe(1)
    expect(result.unusable).toBe(unusable)
    expect(result.records.map((record) => record.error)).toEqual([
      'circuit_open',
      'not_implemented',
      undefined,
    ])
  })

  it('stops after maxAttempts upstream calls', async () => {
    const { context, calls } = setup(
      { a: [httpError(502)], b: [httpError(502)], c: [sent] },
      { maxAttempts: 2 },
    )
    const result = await walkCandidates(chain, context)
    expect(calls).toEqual(['a#0', 'b#1'])
    expect(result).toMatchObject({ attempts: 2, index: 1, outcome: { status: 502 } })
  })

  it('starts nothing once the client is gone', async () => {
    const { context, calls } = setup({ a: [sent] }, { connection: { gone: true, controller: undefined } })
    const result = await walkCandidates(chain, context)
    expect(calls).toEqual([])
    expect(result.outcome).toBeUndefined()
  })

  it('retries the same provider after the backoff, honouring retry-after', async () => {
    const { context, calls, sleeps } = setup(
      { a: [httpError(429, { 'retry-after': '2' }), sent] },
      { retry: resolveRetry({ attempts: 1, baseMs: 100, maxMs: 8_000 }) },
    )
    const result = await walkCandidates(chain, context)
    expect(calls).toEqual(['a#0', 'a#0'])
    expect(result).toMatchObject({ index: 0, attempts: 2, outcome: sent })
    expect(sleeps).toHaveLength(1)
    expect(sleeps[0]).toBeGreaterThanOrEqual(2_000)
  })

  it('answers the breaker: a failure per 5xx, a success per answer', async () => {
    const breakers = createCircuitBreakers({ failureThreshold: 2 })
    const { context } = setup({ a: [httpError(500), httpError(500)], b: [sent, sent] }, { breakers })
    await walkCandidates(chain, context)
    expect(breakers.acquire('a')).toBe(true)
    breakers.release('a')
    await walkCandidates(chain, context)
    expect(breakers.acquire('a')).toBe(false)
    expect(breakers.acquire('b')).toBe(true)
  })
})
