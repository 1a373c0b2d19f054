import type { Change } from '@gw/contract'
import { describe, expect, it, vi } from 'vitest'
import { applyChange, createChangeFeed } from './change-feed.js'

const change = (kind: string, virtual_key_id?: string) => ({ kind, revision: '2', virtual_key_id }) as Change

describe('applyChange', () => {
  it('evicts one key for VK_* changes but creations, and everything for other kinds', () => {
    const evictKey = vi.fn()
    const evictAll = vi.fn()
    applyChange(change('VK_REVOKED', 'vk_1'), evictKey, evictAll)
    expect(evictKey).toHaveBeenCalledWith('vk_1')
    applyChange(change('MODEL_PROVIDER_UPDATED'), evictKey, evictAll)
    expect(evictAll).toHaveBeenCalledTimes(1)
    applyChange(change('VK_CREATED'), evictKey, evictAll)
    applyChange(change('VK_CREATED', 'vk_2'), evictKey, evictAll)
    expect(evictKey).toHaveBeenCalledTimes(1)
    expect(evictAll).toHaveBeenCalledTimes(1)
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
      evictAll: vi.fn(),
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
})
