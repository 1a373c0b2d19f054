import type { CachedKey } from '@gw/auth-cache'
import { describe, expect, it } from 'vitest'
import { watchedBody } from '../test-utils/watched-body.js'
import type { Budgets } from './create-budgets.js'
import { resolveEndUser } from './end-user.js'

// A key under a per-end-user template: only what `resolveEndUser` reads.
const governance = {
  now: () => 0,
  enforcer: { planFor: () => ({ perEndUser: true }) },
} as unknown as Budgets
const key = { config: { budgets: [{ id: 'bud_1' }] } } as unknown as CachedKey

const watched = watchedBody

describe('resolveEndUser', () => {
  it('prefers the header, then reads the body user from the scan without parsing the body', () => {
    const turn = JSON.stringify({
      model: 'm',
      messages: [{ role: 'user', content: 'x'.repeat(50_000) }],
      user: 'u-7',
    })
    const fromHeader = watched(turn)
    expect(resolveEndUser(governance, key, { 'x-langwatch-end-user-id': 'h-1' }, fromHeader.body)).toBe('h-1')
    const fromBody = watched(turn)
    expect(resolveEndUser(governance, key, {}, fromBody.body)).toBe('u-7')
    expect(fromHeader.counter.parses + fromBody.counter.parses).toBe(0)
  })

  it('reads the parsed body once the bytes were replaced, and refuses a request that names no one', () => {
    const replaced = watched('{"model":"m","messages":[],"user":"before"}')
    replaced.body.raw = Buffer.from('{"model":"m","messages":[],"user":"after"}')
    expect(resolveEndUser(governance, key, {}, replaced.body)).toBe('after')
    expect(replaced.counter.parses).toBe(1)
    expect(() =>
      resolveEndUser(governance, key, {}, watched('{"model":"m","messages":[],"user":7}').body),
    ).toThrow(expect.objectContaining({ status: 400, code: 'end_user_required' }))
  })
})
