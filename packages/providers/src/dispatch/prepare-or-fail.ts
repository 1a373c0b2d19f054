// Readies a candidate, turning an adapter that cannot even be built into that provider failing.
import { GatewayError, isGatewayError } from '@gw/contract'
import type { Candidate } from './dispatch-types.js'
import { type AttemptSource, prepareAttempt, type ReadyAttempt } from './prepare-attempt.js'
import type { PreparedAttempt } from './walk-candidates.js'

/**
 * {@link prepareAttempt}, except that an unexpected error (an adapter constructor or request
 * builder throwing on a bad `baseUrl`, say) makes the candidate unusable with 502
 * `provider_error` instead of failing the whole request: the walk falls back to the next one.
 *
 * @example
 * const prepared = prepareOrFail(source, candidate)
 */
export function prepareOrFail(source: AttemptSource, candidate: Candidate): PreparedAttempt<ReadyAttempt> {
  try {
    return prepareAttempt(source, candidate)
  } catch (error) {
    if (isGatewayError(error)) return { unusable: error }
    const id = candidate.provider.id
    return {
      unusable: new GatewayError('provider_error', `Provider "${id}" is misconfigured and cannot be called`, {
        meta: { provider: id },
        cause: error,
      }),
    }
  }
}

/** Turns anything thrown into an Error. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
