// Circuit breakers per provider credential: rolling failure window, cooldown, one half-open probe.

/** A breaker's state. */
export type CircuitState = 'closed' | 'open' | 'half-open'

/** Emitted on every state change (for `gateway_circuit_state`); a throwing hook is ignored. */
export interface CircuitEvent {
  providerId: string
  from: CircuitState
  to: CircuitState
}

/** Options of {@link createCircuitBreakers}. */
export interface CircuitBreakerOptions {
  /** Rolling window failures are counted in. Default 30 000 ms. */
  windowMs?: number
  /** Failures within the window that open the circuit. Default 10. */
  failureThreshold?: number
  /** How long an open circuit refuses requests before one probe. Default 60 000 ms. */
  cooldownMs?: number
  /** Clock in ms. Default `Date.now`. */
  now?: () => number
  onEvent?: (event: CircuitEvent) => void
}

/** The breakers of every provider id, created on first use. */
export interface CircuitBreakers {
  /** Whether a request may go to `providerId` now; in half-open, grants the single probe. */
  acquire(providerId: string): boolean
  /** The granted request succeeded. */
  succeed(providerId: string): void
  /** The granted request failed (5xx, 429, timeout, network). */
  fail(providerId: string): void
  /** The granted request was never completed (client left): free the probe slot. */
  release(providerId: string): void
  state(providerId: string): CircuitState
}

interface Breaker {
  state: CircuitState
  failures: number[]
  openedAt: number
  probing: boolean
}

/**
 * Creates per-credential circuit breakers. A closed circuit opens after `failureThreshold`
 * failures within `windowMs`; after `cooldownMs` one probe request is let through (half-open):
 * its success closes the circuit, its failure re-opens it for another cooldown. The closed
 * success path allocates nothing.
 *
 * @example
 * const breakers = createCircuitBreakers({ failureThreshold: 5, onEvent: (e) => metrics.set(e) })
 * if (breakers.acquire('openai-prod')) breakers.succeed('openai-prod')
 */
export function createCircuitBreakers(options: CircuitBreakerOptions = {}): CircuitBreakers {
  const windowMs = options.windowMs ?? 30_000
  const threshold = options.failureThreshold ?? 10
  const cooldownMs = options.cooldownMs ?? 60_000
  const now = options.now ?? Date.now
  const breakers = new Map<string, Breaker>()

  const get = (providerId: string): Breaker => {
    let breaker = breakers.get(providerId)
    if (breaker === undefined) {
      breaker = { state: 'closed', failures: [], openedAt: 0, probing: false }
      breakers.set(providerId, breaker)
    }
    return breaker
  }
  const move = (providerId: string, breaker: Breaker, to: CircuitState): void => {
    const from = breaker.state
    breaker.state = to
    breaker.probing = false
    if (to === 'open') breaker.openedAt = now()
    if (to === 'closed') breaker.failures.length = 0
    try {
      options.onEvent?.({ providerId, from, to })
    } catch {
      // Metrics must never break a request.
    }
  }

  return {
    acquire(providerId) {
      const breaker = get(providerId)
      if (breaker.state === 'closed') return true
      if (breaker.state === 'open') {
        if (now() - breaker.openedAt < cooldownMs) return false
        move(providerId, breaker, 'half-open')
      }
      if (breaker.probing) return false
      breaker.probing = true
      return true
    },
    succeed(providerId) {
      const breaker = breakers.get(providerId)
      if (breaker !== undefined && breaker.state === 'half-open') move(providerId, breaker, 'closed')
    },
    fail(providerId) {
      const breaker = get(providerId)
      if (breaker.state === 'half-open') return move(providerId, breaker, 'open')
      if (breaker.state === 'open') return
      const at = now()
      const failures = breaker.failures
      failures.push(at)
      while (failures.length > 0 && (failures[0] as number) <= at - windowMs) failures.shift()
      if (failures.length >= threshold) move(providerId, breaker, 'open')
    },
    release(providerId) {
      const breaker = breakers.get(providerId)
      if (breaker !== undefined) breaker.probing = false
    },
    state: (providerId) => {
      const breaker = breakers.get(providerId)
      if (breaker === undefined) return 'closed'
      return breaker.state === 'open' && now() - breaker.openedAt >= cooldownMs ? 'half-open' : breaker.state
    },
  }
}
