import { describe, expect, it } from 'vitest'
import { type CircuitEvent, createCircuitBreakers } from './circuit-breaker.js'

function setup() {
  let now = 0
  const events: CircuitEvent[] = []
  const breakers = createCircuitBreakers({ now: () => now, onEvent: (event) => events.push(event) })
  return { breakers, events, tick: (ms: number) => (now += ms) }
}

describe('createCircuitBreakers', () => {
  it('opens after 10 failures within 30 s and refuses requests', () => {
    const { breakers, events } = setup()
    for (let i = 0; i < 9; i++) breakers.fail('p')
    expect(breakers.acquire('p')).toBe(true)
    breakers.fail('p')
    expect(breakers.acquire('p')).toBe(false)
    expect(events).toEqual([{ providerId: 'p', from: 'closed', to: 'open' }])
  })

  it('forgets failures older than the window', () => {
    const { breakers, tick } = setup()
    for (let i = 0; i < 9; i++) breakers.fail('p')
    tick(30_000)
    breakers.fail('p')
    expect(breakers.state('p')).toBe('closed')
  })

  it('lets exactly one probe through after the 60 s cooldown, and closes on its success', () => {
    const { breakers, events, tick } = setup()
    for (let i = 0; i < 10; i++) breakers.fail('p')
    tick(59_999)
    expect(breakers.acquire('p')).toBe(false)
    tick(1)
    expect(breakers.acquire('p')).toBe(true)
    expect(breakers.acquire('p')).toBe(false)
    breakers.succeed('p')
    expect(breakers.acquire('p')).toBe(true)
    expect(events.map((event) => event.to)).toEqual(['open', 'half-open', 'closed'])
  })

  it('re-opens for a full cooldown when the probe fails', () => {
    const { breakers, tick } = setup()
    for (let i = 0; i < 10; i++) breakers.fail('p')
    tick(60_000)
    expect(breakers.acquire('p')).toBe(true)
    breakers.fail('p')
    tick(59_000)
    expect(breakers.acquire('p')).toBe(false)
    tick(1_000)
    expect(breakers.acquire('p')).toBe(true)
  })

  it('frees the probe slot when the probe never completed', () => {
    const { breakers, tick } = setup()
    for (let i = 0; i < 10; i++) breakers.fail('p')
    tick(60_000)
    expect(breakers.acquire('p')).toBe(true)
    breakers.release('p')
    expect(breakers.acquire('p')).toBe(true)
  })

  it('keeps credentials independent and survives a throwing event hook', () => {
    const breakers = createCircuitBreakers({
      failureThreshold: 1,
      onEvent: () => {
        throw new Error('metrics down')
      },
    })
    breakers.fail('a')
    expect(breakers.acquire('a')).toBe(false)
    expect(breakers.acquire('b')).toBe(true)
  })
})
