import { describe, expect, it } from 'vitest'
import { createChangeNotifier } from './change-notifier.js'

describe('createChangeNotifier', () => {
  it('wakes every waiter of the organization and no other', async () => {
    const notifier = createChangeNotifier()
    const a1 = notifier.wait('org_a', 5_000)
    const a2 = notifier.wait('org_a', 5_000)
    const b = notifier.wait('org_b', 50)
    expect(notifier.waiting).toBe(3)
    notifier.notify('org_a')
    await expect(Promise.all([a1, a2, b])).resolves.toEqual([true, true, false])
    expect(notifier.waiting).toBe(0)
  })

  it('resolves at once when a notify happened since the version the caller saw', async () => {
    const notifier = createChangeNotifier()
    const seen = notifier.version('org_a')
    notifier.notify('org_a')
    await expect(notifier.wait('org_a', 5_000, { seenVersion: seen })).resolves.toBe(true)
  })

  it('resolves false on abort and forgets the waiter', async () => {
    const notifier = createChangeNotifier()
    const controller = new AbortController()
    const waiting = notifier.wait('org_a', 5_000, { signal: controller.signal })
    controller.abort()
    await expect(waiting).resolves.toBe(false)
    expect(notifier.waiting).toBe(0)
  })
})
