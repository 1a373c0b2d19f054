import { describe, expect, it } from 'vitest'
import { decideEntry, type EntryTiming, nextRetryAt } from './cache-policy.js'

const settings = { refreshBeforeExpiryMs: 60_000, configRevalidateMs: 30_000 }
const timing = (overrides: Partial<EntryTiming> = {}): EntryTiming => ({
  jwtExpiresAtMs: 1_000_000,
  keyExpiresAtMs: null,
  hardExpiresAtMs: 1_300_000,
  configCheckedAtMs: 990_000,
  retryAtMs: 0,
  failing: false,
  ...overrides,
})

describe('decideEntry', () => {
  it('walks fresh → revalidate → refresh → blocking as time passes', () => {
    expect(decideEntry(timing(), 1_000, settings)).toBe('fresh')
    expect(decideEntry(timing({ configCheckedAtMs: 0 }), 100_000, settings)).toBe('revalidate')
    expect(decideEntry(timing(), 940_000, settings)).toBe('refresh')
    expect(decideEntry(timing(), 1_000_000, settings)).toBe('blocking')
  })

  it('never revalidates without a revalidator', () => {
    expect(
      decideEntry(timing({ configCheckedAtMs: 0 }), 100_000, { ...settings, configRevalidateMs: null }),
    ).toBe('fresh')
  })

  it('serves stale during an outage until the soft expiry, then retries behind it, until the hard cap', () => {
    const failing = timing({ failing: true, retryAtMs: 1_030_000 })
    expect(decideEntry(failing, 1_010_000, settings)).toBe('stale')
    expect(decideEntry(failing, 1_030_000, settings)).toBe('stale_refresh')
    expect(decideEntry(failing, 1_300_000, settings)).toBe('blocking')
  })

  it('backs off refreshes before exp while retryAt is ahead', () => {
    expect(decideEntry(timing({ retryAtMs: 960_000, failing: true }), 950_000, settings)).toBe('fresh')
    expect(decideEntry(timing({ retryAtMs: 960_000, failing: true }), 960_000, settings)).toBe('refresh')
  })

  it('puts key expiry before everything else', () => {
    expect(decideEntry(timing({ keyExpiresAtMs: 500 }), 500, settings)).toBe('key_expired')
    expect(decideEntry(timing({ keyExpiresAtMs: 500, failing: true }), 1_010_000, settings)).toBe(
      'key_expired',
    )
  })
})

describe('nextRetryAt', () => {
  it('bumps by the soft bump but never past the hard cap', () => {
    expect(nextRetryAt(1_000, 30_000, 100_000)).toBe(31_000)
    expect(nextRetryAt(90_000, 30_000, 100_000)).toBe(100_000)
  })
})
