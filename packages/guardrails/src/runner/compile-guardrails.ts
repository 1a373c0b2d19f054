// Compiles a key's guardrails and attachments once per config revision into per-stage lists.
import type { GuardrailAttachment, GuardrailConfig, GuardrailDirection } from '@gw/contract'
import {
  createBuiltInEvaluator,
  type EvaluatorDeps,
  isBuiltInEvaluator,
} from '../evaluators/create-evaluator.js'
import type { GuardrailEvaluator, GuardrailStage } from '../evaluators/evaluator-types.js'

/** One guardrail ready to run. */
export interface CompiledGuardrail {
  id: string
  failureMode: 'fail_open' | 'fail_closed'
  /** The in-process evaluator; absent → asked of the control plane (`/guardrail/check`). */
  evaluator?: GuardrailEvaluator
  /** Set when a built-in evaluator's settings are invalid: running it fails (failure mode decides). */
  brokenBecause?: string
}

/** A key's guardrails per stage; a stage with none is absent. */
export type CompiledGuardrails = Partial<Record<GuardrailStage, readonly CompiledGuardrail[]>>

const stageOf: Record<GuardrailDirection, GuardrailStage> = {
  pre: 'pre',
  request: 'pre',
  post: 'post',
  response: 'post',
  stream_chunk: 'stream_chunk',
}

function compileOne(guardrail: GuardrailConfig, deps: EvaluatorDeps): CompiledGuardrail {
  const base = { id: guardrail.id, failureMode: guardrail.failure_mode }
  // Without settings (LangWatch's control plane sends none) the control plane evaluates it.
  if (guardrail.settings === undefined || !isBuiltInEvaluator(guardrail.evaluator)) return base
  try {
    return { ...base, evaluator: createBuiltInEvaluator(guardrail.evaluator, guardrail.settings, deps) }
  } catch (error) {
    return { ...base, brokenBecause: (error as Error).message }
  }
}

/**
 * Builds the per-stage lists: a stage runs the guardrails its attachments name (in order), plus
 * guardrails attached nowhere at their own `direction`. Returns null when the key has none, so
 * the request path skips every guardrail step.
 *
 * @example
 * const compiled = compileGuardrails(config.guardrails, config.guardrail_attachments)
 * if (compiled?.pre) await runGuardrails(compiled.pre, input, options)
 */
export function compileGuardrails(
  guardrails: readonly GuardrailConfig[],
  attachments: readonly GuardrailAttachment[],
  deps: EvaluatorDeps = {},
): CompiledGuardrails | null {
  if (guardrails.length === 0) return null
  const byId = new Map<string, CompiledGuardrail>()
  for (const guardrail of guardrails) byId.set(guardrail.id, compileOne(guardrail, deps))
  const stages: Partial<Record<GuardrailStage, CompiledGuardrail[]>> = {}
  const attached = new Set<string>()
  const add = (stage: GuardrailStage, id: string) => {
    const compiled = byId.get(id)
    if (compiled === undefined) return
    const list = stages[stage]
    if (list === undefined) stages[stage] = [compiled]
    else if (!list.includes(compiled)) list.push(compiled)
  }
  for (const attachment of attachments) {
    for (const id of attachment.guardrail_ids) {
      attached.add(id)
      add(stageOf[attachment.direction], id)
    }
  }
  for (const guardrail of guardrails) {
    if (!attached.has(guardrail.id)) add(stageOf[guardrail.direction], guardrail.id)
  }
  return Object.keys(stages).length === 0 ? null : stages
}
