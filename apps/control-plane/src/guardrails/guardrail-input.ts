// Admin input for guardrails and attachments, with the evaluator's settings validated at write time.
import { GatewayError } from '@gw/contract'
import { describeEvaluatorProblem } from '@gw/guardrails'
import * as v from 'valibot'

/** Where a guardrail runs. */
export const guardrailStages = ['pre', 'post', 'stream_chunk'] as const
export type GuardrailStageName = (typeof guardrailStages)[number]

const name = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200))
const directions = v.pipe(
  v.array(v.picklist(guardrailStages)),
  v.minLength(1, 'needs at least one direction'),
)
const settings = v.optional(v.record(v.string(), v.unknown()), () => ({}))

export const createGuardrailSchema = v.strictObject({
  organization_id: name,
  name,
  evaluator: name,
  directions,
  /** Default `fail_closed`: an unchecked request is refused rather than let through. */
  failure_mode: v.optional(v.picklist(['fail_open', 'fail_closed']), 'fail_closed'),
  settings,
})
export type CreateGuardrailInput = v.InferOutput<typeof createGuardrailSchema>

export const updateGuardrailSchema = v.strictObject({
  name: v.optional(name),
  directions: v.optional(directions),
  failure_mode: v.optional(v.picklist(['fail_open', 'fail_closed'])),
  settings: v.optional(v.record(v.string(), v.unknown())),
})
export type UpdateGuardrailInput = v.InferOutput<typeof updateGuardrailSchema>

export const attachGuardrailSchema = v.pipe(
  v.strictObject({
    project_id: v.optional(name),
    virtual_key_id: v.optional(name),
    /** Default: the guardrail's own directions. */
    directions: v.optional(directions),
  }),
  v.check(
    (input) => (input.project_id === undefined) !== (input.virtual_key_id === undefined),
    'give exactly one of project_id or virtual_key_id',
  ),
)
export type AttachGuardrailInput = v.InferOutput<typeof attachGuardrailSchema>

/**
 * Refuses settings the evaluator cannot run with (a regex that does not compile, an unknown PII
 * type, a webhook URL that is not http(s)): 400 naming the setting, before anything is stored.
 *
 * @example
 * checkGuardrailSettings('regex', { patterns: ['('] }) // throws bad_request
 */
export function checkGuardrailSettings(evaluator: string, value: Record<string, unknown>): void {
  const problem = describeEvaluatorProblem(evaluator, value)
  if (problem !== undefined)
    throw new GatewayError('bad_request', `Invalid guardrail: ${problem}`, {
      meta: { field: 'settings', evaluator },
    })
}
