import type { GuardrailConfig } from '@gw/contract'
import { describe, expect, it } from 'vitest'
import type { EvaluationInput } from '../evaluators/evaluator-types.js'
import { type CompiledGuardrail, compileGuardrails } from './compile-guardrails.js'
import { outcomeError } from './guardrail-outcome.js'
import { type RemoteGuardrailCheck, runGuardrails } from './run-guardrails.js'

const guardrail = (overrides: Partial<GuardrailConfig> & { id: string }): GuardrailConfig => ({
  evaluator: 'regex',
  direction: 'pre',
  failure_mode: 'fail_closed',
  ...overrides,
})
const input = (...texts: string[]): EvaluationInput => ({ stage: 'pre', texts, totalChars: 0, final: true })
const slowWebhook = (ms: number) => async (_url: string, init: RequestInit) =>
  new Promise<Response>((resolve, reject) => {
    const timer = setTimeout(() => resolve(Response.json({ decision: 'allow' })), ms)
    init.signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(new Error('aborted'))
    })
  })

function preList(guardrails: GuardrailConfig[], deps = {}): readonly CompiledGuardrail[] {
  return compileGuardrails(guardrails, [], deps)?.pre ?? []
}

describe('compileGuardrails', () => {
  it('returns null for a key without guardrails', () => {
    expect(compileGuardrails([], [])).toBeNull()
  })

  it('runs attached guardrails at the attachment direction, others at their own', () => {
    const compiled = compileGuardrails(
      [guardrail({ id: 'a', direction: 'pre' }), guardrail({ id: 'b', direction: 'post' })],
      [
        { direction: 'stream_chunk', guardrail_ids: ['a'] },
        { direction: 'response', guardrail_ids: ['a'] },
      ],
    )
    expect(compiled?.pre).toBeUndefined()
    expect(compiled?.stream_chunk?.map(({ id }) => id)).toEqual(['a'])
    expect(compiled?.post?.map(({ id }) => id)).toEqual(['a', 'b'])
  })

  it('leaves guardrails without settings to the control plane', () => {
    const [remote] = preList([guardrail({ id: 'r', evaluator: 'lakera' })])
    expect(remote?.evaluator).toBeUndefined()
  })
})

describe('runGuardrails', () => {
  it('chains local modifications in order and reports who modified', async () => {
    const list = preList([
      guardrail({ id: 'pii', evaluator: 'pii', settings: { types: ['email'] } }),
      guardrail({ id: 'words', settings: { patterns: ['EMAIL'], action: 'modify', replacement: 'MAIL' } }),
    ])
    const outcome = await runGuardrails(list, input('to a@b.io'), { timeoutMs: 100 })
    expect(outcome).toMatchObject({ decision: 'modify', texts: ['to [MAIL]'], modifiedBy: ['pii', 'words'] })
  })

  it('stops at the first block and turns it into 403 guardrail_blocked', async () => {
    const list = preList([guardrail({ id: 'deny', settings: { patterns: ['bad'] } })])
    const outcome = await runGuardrails(list, input('so bad'), { timeoutMs: 100 })
    const error = outcomeError('pre', outcome)
    expect(error?.status).toBe(403)
    expect(error?.meta).toEqual({ guardrail_id: 'deny', direction: 'request', reason: 'matched pattern bad' })
  })

  it('lets a slow fail_open webhook through and refuses a slow fail_closed one with 503', async () => {
    const settings = { url: 'http://127.0.0.1:1/' }
    const deps = { fetch: slowWebhook(1_000) }
    const open = preList(
      [guardrail({ id: 'o', evaluator: 'http', settings, failure_mode: 'fail_open' })],
      deps,
    )
    const closed = preList([guardrail({ id: 'c', evaluator: 'http', settings })], deps)
    const started = Date.now()
    expect(await runGuardrails(open, input('x'), { timeoutMs: 30 })).toMatchObject({
      decision: 'allow',
      failedOpen: ['o'],
    })
    const refused = await runGuardrails(closed, input('x'), { timeoutMs: 30 })
    expect(Date.now() - started).toBeLessThan(900)
    const error = outcomeError('pre', refused)
    expect([error?.status, error?.code, error?.meta?.reason]).toEqual([
      503,
      'guardrail_upstream_unavailable',
      'timed out after 30 ms',
    ])
  })

  it('fails a guardrail whose settings are invalid by its failure mode', async () => {
    const list = preList([
      guardrail({ id: 'broken', settings: { patterns: ['('] }, failure_mode: 'fail_closed' }),
    ])
    const outcome = await runGuardrails(list, input('x'), { timeoutMs: 10 })
    expect(outcome.unavailable?.id).toBe('broken')
  })

  it('asks the control plane once for all remote guardrails, after local modifications', async () => {
    const calls: Array<Parameters<RemoteGuardrailCheck>[0]> = []
    const remote: RemoteGuardrailCheck = async (request) => {
      calls.push(request)
      return { decision: 'block', reason: 'judge says no' }
    }
    const list = preList([
      guardrail({ id: 'r1', evaluator: 'lakera' }),
      guardrail({ id: 'pii', evaluator: 'pii', settings: {} }),
      guardrail({ id: 'r2', evaluator: 'judge' }),
    ])
    const outcome = await runGuardrails(list, input('a@b.io'), { timeoutMs: 100, remote })
    expect(calls).toEqual([{ guardrailIds: ['r1', 'r2'], stage: 'pre', texts: ['[EMAIL]'] }])
    expect(outcome.blocked).toEqual({ id: 'r1', reason: 'judge says no' })
  })

  it('skips remote guardrails on local-only runs', async () => {
    const list = preList([guardrail({ id: 'r', evaluator: 'lakera' })])
    expect(await runGuardrails(list, input('x'), { timeoutMs: 10, localOnly: true })).toMatchObject({
      decision: 'allow',
    })
  })
})
