import type { Change } from '@gw/contract'
import { describe, expect, it, vi } from 'vitest'
import { applyChange, createChangeFeed } from './change-feed.js'

const change = (kind: string, virtual_key_id?: string) => ({ kind, revision: '2', virtual_key_id }) as Change

describe('applyChange', () => {
  it("evicts one key for VK_* changes but creations, and the organisation's keys for other kinds", () => {
    const evict = { evictKey: vi.fn(), evictOrganization: vi.fn() }
    applyChange(change('VK_REVOKED', 'vk_1'), 'org_1', evict)
    expect(evict.evictKey).toHaveBeenCalledWith('vk_1')
    applyChange(change('MODEL_PROVIDER_UPDATED'), 'org_1', evict)
    expect(evict.evictOrganization).toHaveBeenCalledWith('org_1')
    applyChange(change('VK_CREATED'), 'org_1', evict)
    applyChange(change('VK_CREATED', 'vk_2'), 'org_1', evict)
    expect(evict.evictKey).toHaveBeenCalledTimes(1)
    expect(evict.evictOrganization).toHaveBeenCalledTimes(1)
  })
})

describe('createChangeFeed', () => {
  it('polls each organisation once, advances the revision and survives failures', async () => {
    const calls: Array<{ organizationId: string; since: string }> = []
    let step = 0
    const evictKey = vi.fn()
    const getChanges = vi.fn(
      async ({
        organizationId,
        since,
        signal,
      }: {
        organizationId: string
        since: string
        signal?: AbortSignal
      }) => {
        calls.push({ organizationId, since })
        step += 1
        if (step === 1) return { currentRevision: '5', changes: [change('VK_REVOKED', 'vk_9')] }
        if (step === 2) throw new Error('control plane down')
        await new Promise<void>((resolve) =>
          signal?.addEventListener('abort', () => resolve(), { once: true }),
        )
        return { currentRevision: '5', changes: [] }
      },
    )
    const feed = createChangeFeed({
      client: { getChanges },
      evictKey,
      evictOrganization: vi.fn(),
      sleep: async () => {},
    })
    feed.watch('org_1')
    feed.watch('org_1')
    await vi.waitFor(() => expect(calls.length).toBe(3))
    expect(evictKey).toHaveBeenCalledWith('vk_9')
    expect(calls.map((call) => call.since)).toEqual(['0', '5', '5'])
    expect([...feed.organizations]).toEqual(['org_1'])
    await feed.close()
  })

  it('starts at a given revision, ignores a later default watch, and rewinds for an earlier one', async () => {
    const calls: string[] = []
    const waiting: Array<() => void> = []
    const getChanges = vi.fn(async ({ since, signal }: { since: string; signal?: AbortSignal }) => {
      calls.push(since)
      if (since === '3') return { currentRevision: '9', changes: [change('MODEL_PROVIDER_UPDATED')] }
      await new Promise<void>((resolve) => {
        waiting.push(resolve)
        signal?.addEventListener('abort', () => resolve(), { once: true })
      })
      return { currentRevision: since === '40' ? '41' : since, changes: [] }
    })
    const evictOrganization = vi.fn()
    const feed = createChangeFeed({
      client: { getChanges },
      evictKey: vi.fn(),
      evictOrganization,
      sleep: async () => {},
    })
    feed.watch('org_1', '40')
    feed.watch('org_1') // a key of org_1 resolved on a miss: no second loop, no replay from 0
    await vi.waitFor(() => expect(calls).toEqual(['40']))
    feed.watch('org_1', '50') // later than the cursor: nothing to replay
    feed.watch('org_1', '3') // earlier: the next poll replays from 3
    waiting.shift()?.()
    await vi.waitFor(() => expect(calls).toEqual(['40', '3', '9']))
    expect(evictOrganization).toHaveBeenCalledWith('org_1')
    expect(getChanges).toHaveBeenCalledWith(expect.objectContaining({ organizationId: 'org_1' }))
    await feed.close()
  })
})
