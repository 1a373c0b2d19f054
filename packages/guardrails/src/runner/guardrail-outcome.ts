// The result of running a stage's guardrails, and the errors it turns into.
import { GatewayError } from '@gw/contract'
import type { GuardrailStage } from '../evaluators/evaluator-types.js'

/** What running a stage's guardrails decided. */
export interface GuardrailOutcome {
  decision: 'allow' | 'block' | 'modify'
  /** The segments to use from now on (the input's when nothing modified them). */
  texts: readonly string[]
  /** Guardrails that modified the content, in order. */
  modifiedBy: string[]
  /** Guardrails that failed (timeout, error) and let the content through (`fail_open`). */
  failedOpen: string[]
  /** The guardrail that blocked and why. */
  blocked?: { id: string; reason: string }
  /** A `fail_closed` guardrail that could not run and why: the request is refused with 503. */
  unavailable?: { id: string; reason: string }
}

/** The direction names of the wire (`/guardrail/check` and `meta.direction`). */
export const wireDirectionOf: Record<GuardrailStage, 'request' | 'response' | 'stream_chunk'> = {
  pre: 'request',
  post: 'response',
  stream_chunk: 'stream_chunk',
}

/**
 * 403 `guardrail_blocked` with `meta.guardrail_id`, `meta.direction` and `meta.reason`.
 *
 * @example
 * throw guardrailBlockedError('pre', { id: 'gr_pii', reason: 'found email' })
 */
export function guardrailBlockedError(
  stage: GuardrailStage,
  blocked: { id: string; reason: string },
): GatewayError {
  return new GatewayError(
    'guardrail_blocked',
    `Guardrail ${blocked.id} blocked the ${wireDirectionOf[stage]}: ${blocked.reason}`,
    {
      meta: { guardrail_id: blocked.id, direction: wireDirectionOf[stage], reason: blocked.reason },
    },
  )
}

/**
 * 503 `guardrail_upstream_unavailable`: a `fail_closed` guardrail timed out or failed.
 *
 * @example
 * throw guardrailUnavailableError('post', { id: 'gr_judge', reason: 'timed out after 2000 ms' })
 */
export function guardrailUnavailableError(
  stage: GuardrailStage,
  unavailable: { id: string; reason: string },
): GatewayError {
  return new GatewayError(
    'guardrail_upstream_unavailable',
    `Guardrail ${unavailable.id} could not check the ${wireDirectionOf[stage]} (${unavailable.reason}) and fails closed; retry, or set its failure_mode to fail_open`,
    { meta: { guardrail_id: unavailable.id, direction: wireDirectionOf[stage], reason: unavailable.reason } },
  )
}

/**
 * The error an outcome stands for, if any (block → 403, unavailable → 503).
 *
 * @example
 * const error = outcomeError('pre', outcome); if (error) throw error
 */
export function outcomeError(stage: GuardrailStage, outcome: GuardrailOutcome): GatewayError | undefined {
  if (outcome.unavailable !== undefined) return guardrailUnavailableError(stage, outcome.unavailable)
  if (outcome.blocked !== undefined) return guardrailBlockedError(stage, outcome.blocked)
  return undefined
}
