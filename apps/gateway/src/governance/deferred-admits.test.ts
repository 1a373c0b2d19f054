import type { CachedKey } from '@gw/auth-cache'
import type { SpendSpool } from '@gw/budget'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDeferredAdmits, type PendingAdmit } from './deferred-admits.js'

const key = { claims: { vk_id: 'vk_1', org_id: 'org_1' } } as unknown as CachedKey

function recordingSpool() {
  const written: string[] = []
  const spool = {
    appendEncoded: (command: string, payload: string) => {
      written.push(`${command} ${(JSON.parse(payload) as { gateway_request_id: string }).gateway_request_id}`)
      return true
    },
  } as unknown as SpendSpool
  return { spool, written }
}

const pending = (requestId: string): PendingAdmit & { held: { done: boolean } } => ({
  key,
  requestId,
  model: 'm',
  budgets: [{ id: 'bud_1' }],
  estimateMicroUsd: 10,
  occurredAtMs: 1,
  endUserId: null,
  held: { done: false },
})

describe('createDeferredAdmits', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('writes no admit for a request settled within the delay', () => {
    const { spool, written } = recordingSpool()
    const admits = createDeferredAdmits(spool, 200)
    const quick = pending('req_quick')
    admits.admit(quick)
    quick.held.done = true
    vi.advanceTimersByTime(1_000)
    expect(written).toEqual([])
    admits.close()
  })

  it('writes the admit of a request still running after the delay, once, within twice the delay', () => {
    const { spool, written } = recordingSpool()
    const admits = createDeferredAdmits(spool, 200)
    admits.admit(pending('req_slow'))
    vi.advanceTimersByTime(199)
    expect(written).toEqual([])
    vi.advanceTimersByTime(201)
    expect(written).toEqual(['admitSpend req_slow'])
    vi.advanceTimersByTime(2_000)
    expect(written).toEqual(['admitSpend req_slow'])
    admits.close()
  })

  it('drops a finished admit at once, in either generation, and ignores stale or empty tickets', () => {
    const { spool, written } = recordingSpool()
    const admits = createDeferredAdmits(spool, 200)
    const fresh = admits.admit(pending('req_fresh'))
    vi.advanceTimersByTime(200) // one sweep: req_fresh is now in the previous generation
    const young = admits.admit(pending('req_young'))
    const running = admits.admit(pending('req_running'))
    // `held.done` stays false: only the tickets say these requests ended.
    admits.finish(fresh)
    admits.finish(young)
    admits.finish(-1)
    vi.advanceTimersByTime(400)
    expect(written).toEqual(['admitSpend req_running'])
    admits.finish(running) // two generations later: a no-op, nothing breaks
    vi.advanceTimersByTime(400)
    expect(written).toEqual(['admitSpend req_running'])
    admits.close()
  })

  it('runs its timer only while admits are held', () => {
    const { spool, written } = recordingSpool()
    const admits = createDeferredAdmits(spool, 200)
    expect(vi.getTimerCount()).toBe(0)
    const first = pending('req_first')
    admits.admit(first)
    expect(vi.getTimerCount()).toBe(1)
    first.held.done = true
    vi.advanceTimersByTime(400) // two sweeps: the generation holding req_first was checked
    expect(vi.getTimerCount()).toBe(0)
    admits.admit(pending('req_later')) // starts it again; the delay holds as before
    vi.advanceTimersByTime(399)
    expect(written).toEqual([])
    vi.advanceTimersByTime(1)
    expect(written).toEqual(['admitSpend req_later'])
    vi.advanceTimersByTime(200)
    expect(vi.getTimerCount()).toBe(0)
    admits.close()
  })

  it('writes at once with delay 0, and writes running requests on close', () => {
    const direct = recordingSpool()
    expect(createDeferredAdmits(direct.spool, 0).admit(pending('req_now'))).toBe(-1)
    expect(direct.written).toEqual(['admitSpend req_now'])
    const closing = recordingSpool()
    const admits = createDeferredAdmits(closing.spool, 200)
    admits.admit(pending('req_running'))
    const settled = pending('req_settled')
    admits.admit(settled)
    settled.held.done = true
    admits.close()
    expect(closing.written).toEqual(['admitSpend req_running'])
  })
})
