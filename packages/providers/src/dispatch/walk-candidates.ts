// The fallback walker: breaker check → attempt (with optional same-provider retry) → classify, per candidate.
import type { GatewayError } from '@gw/contract'
import type { AttemptOutcome, ClientConnection } from './attempt-types.js'
import type { CircuitBreakers } from './circuit-breaker.js'
import { breakerSignal, classifyOutcome } from './classify-outcome.js'
import type { AttemptRecord, Candidate } from './dispatch-types.js'
import { parseRetryAfterMs, type ResolvedRetry, retryDelayMs } from './retry-policy.js'

/** A candidate made ready to call, or the reason it cannot be (unsupported API, pending adapter). */
export type PreparedAttempt<T> = { ready: T } | { unusable: GatewayError }

/** What the walker needs from its surroundings; all time and randomness injectable. */
export interface WalkContext<T> {
  breakers: CircuitBreakers
  retry: ResolvedRetry
  maxAttempts: number
  connection: ClientConnection
  sleep: (ms: number) => Promise<void>
  random: () => number
  prepare: (candidate: Candidate) => PreparedAttempt<T>
  /** Runs one call; `fallbackCount` is the candidate's index (candidates passed over before it). */
  run: (ready: T, candidate: Candidate, fallbackCount: number) => Promise<AttemptOutcome>
}

/** Where the walk ended. */
export interface WalkResult {
  /** The final outcome (answer, caller error, or the last failure); undefined if nothing ran. */
  outcome: AttemptOutcome | undefined
  /** Index of the candidate that produced `outcome`. */
  index: number
  attempts: number
  records: AttemptRecord[]
  /** Candidates skipped because their circuit was open. */
  openCircuits: number
  /** The first reason a candidate could not be used, for when nothing else ran. */
  unusable: GatewayError | undefined
}

function recordOf(candidate: Candidate, outcome: AttemptOutcome): AttemptRecord {
  const record: AttemptRecord = {
    providerId: candidate.provider.id,
    model: candidate.model,
    status: 0,
    ttfbMs: 0,
  }
  if (outcome.kind === 'sent' || outcome.kind === 'http-error') {
    record.status = outcome.status
    record.ttfbMs = outcome.ttfbMs
  }
  if (outcome.kind === 'sent') {
    if (outcome.usage !== undefined) record.usage = outcome.usage
    if (outcome.streamError !== undefined) record.error = outcome.streamError
  } else if (outcome.kind === 'network-error') {
    record.error = (outcome.error as { code?: string }).code ?? outcome.error.message
  } else if (outcome.kind === 'aborted') {
    record.error = 'client_aborted'
  }
  return record
}

function skipRecord(candidate: Candidate, error: string): AttemptRecord {
  return { providerId: candidate.provider.id, model: candidate.model, status: 0, ttfbMs: 0, error }
}

/**
 * Walks the candidates in order until one answers. Moves on after 5xx, 404, 408, 429, timeouts,
 * network errors and open circuits; stops at caller errors (returned verbatim), at a response
 * already written (so streams fall back only before their first byte), when the client leaves,
 * or after `maxAttempts` upstream calls. `createForwarder` drives it with real attempts; every
 * effect (the call, sleeping, randomness) comes from `context`, so it can run without a network.
 *
 * @example
 * const { outcome, index } = await walkCandidates(router.resolve('gpt-4o-mini').candidates, {
 *   breakers: createCircuitBreakers(),
 *   retry: resolveRetry(),
 *   maxAttempts: 3,
 *   connection: { gone: false, controller: undefined },
 *   sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
 *   random: Math.random,
 *   prepare: (candidate) => ({ ready: candidate }),
 *   run: (candidate) => callUpstream(candidate),
 * })
 */
export async function walkCandidates<T>(
  candidates: readonly Candidate[],
  context: WalkContext<T>,
): Promise<WalkResult> {
  const result: WalkResult = {
    outcome: undefined,
    index: -1,
    attempts: 0,
    records: [],
    openCircuits: 0,
    unusable: undefined,
  }
  const { breakers, connection } = context
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index] as Candidate
    const providerId = candidate.provider.id
    const prepared = context.prepare(candidate)
    if ('unusable' in prepared) {
      result.records.push(skipRecord(candidate, prepared.unusable.code))
      result.unusable ??= prepared.unusable
      // A provider that cannot be built at all is failing, like one that cannot be reached.
      if (prepared.unusable.code === 'provider_error' && breakers.acquire(providerId))
        breakers.fail(providerId)
      continue
    }
    for (let retries = 0; ; retries++) {
      if (result.attempts >= context.maxAttempts || connection.gone) return result
      if (!breakers.acquire(providerId)) {
        result.records.push(skipRecord(candidate, 'circuit_open'))
        result.openCircuits++
        break
      }
      const outcome = await context.run(prepared.ready, candidate, index)
      result.attempts++
      result.records.push(recordOf(candidate, outcome))
      result.outcome = outcome
      result.index = index
      const signal = breakerSignal(outcome)
      if (signal === 'success') breakers.succeed(providerId)
      else if (signal === 'failure') breakers.fail(providerId)
      else breakers.release(providerId)
      if (classifyOutcome(outcome) === 'done') return result
      if (retries >= context.retry.attempts) break
      const retryAfter =
        outcome.kind === 'http-error' ? parseRetryAfterMs(outcome.headers, Date.now()) : undefined
      const delay = retryDelayMs(retries, retryAfter, context.retry, context.random)
      if (delay === undefined) break
      await context.sleep(delay)
    }
  }
  return result
}
