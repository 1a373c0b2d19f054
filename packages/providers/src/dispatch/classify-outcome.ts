// Decides, from one attempt's outcome, whether to stop, fall back, and what the breaker learns.
import type { AttemptOutcome } from './attempt-types.js'

/** `done`: the outcome is the answer. `next`: try again or elsewhere. */
export type Verdict = 'done' | 'next'

/**
 * Whether an upstream status moves on to the next candidate: 404 (model missing there), 408,
 * 429 and 5xx. Every other status (400, 401, 403, 422…) is the caller's to fix and is returned.
 */
export function isFallbackStatus(status: number): boolean {
  return status === 404 || status === 408 || status === 429 || status >= 500
}

/** Classifies an outcome: written and aborted responses are final, so are caller errors. */
export function classifyOutcome(outcome: AttemptOutcome): Verdict {
  if (outcome.kind === 'sent' || outcome.kind === 'aborted') return 'done'
  if (outcome.kind === 'http-error') return isFallbackStatus(outcome.status) ? 'next' : 'done'
  return 'next'
}

/**
 * What the circuit breaker records: a failure for 5xx, 408, 429, timeouts, network errors and
 * streams that broke off (the credential is unhealthy); a success for any other answer, caller
 * errors included (the upstream is up); nothing when the client left first.
 */
export function breakerSignal(outcome: AttemptOutcome): 'success' | 'failure' | 'none' {
  if (outcome.kind === 'network-error') return 'failure'
  if (outcome.kind === 'aborted') return 'none'
  if (outcome.kind === 'sent') return outcome.streamError === undefined ? 'success' : 'failure'
  const status = outcome.status
  return status === 408 || status === 429 || status >= 500 ? 'failure' : 'success'
}
