import { describe, expect, it } from 'vitest'
import { createRoutingStats } from './routing-stats.js'

describe('createRoutingStats', () => {
  it('averages fresh samples and replaces a stale average', () => {
    const stats = createRoutingStats({ alpha: 0.5, staleAfterMs: 1_000 })
    expect(stats.latencyOf('p')).toBeUndefined()
    stats.observeTtfb('p', 100, 0)
    stats.observeTtfb('p', 300, 10)
    expect(stats.latencyOf('p')).toBe(200)
    expect(stats.sampleAgeMs('p', 510)).toBe(500)
    stats.observeTtfb('p', 10, 5_000)
    expect(stats.latencyOf('p')).toBe(10)
  })

  it('counts in-flight requests and never goes below zero', () => {
    const stats = createRoutingStats()
    stats.started('p')
    stats.started('p')
    stats.finished('p')
    expect(stats.inFlight('p')).toBe(1)
    stats.finished('p')
    stats.finished('p')
    expect(stats.inFlight('p')).toBe(0)
  })

  it('stays bounded by maxCredentials, keeping credentials with requests in flight', () => {
    const stats = createRoutingStats({ maxCredentials: 10 })
    stats.started('busy')
    for (let index = 0; index < 100; index++) stats.observeTtfb(`p${index}`, 1, 0)
    expect(stats.size).toBeLessThanOrEqual(10)
    expect(stats.inFlight('busy')).toBe(1)
  })
})
