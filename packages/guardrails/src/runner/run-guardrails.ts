// Runs a stage's guardrails: local ones in order (each sees the last one's changes), remote ones in parallel.
import type { EvaluationInput, GuardrailStage, Verdict } from '../evaluators/evaluator-types.js'
import type { CompiledGuardrail } from './compile-guardrails.js'
import type { GuardrailOutcome } from './guardrail-outcome.js'

/** Asks the control plane (`/guardrail/check`) for guardrails it evaluates; one call per stage. */
export type RemoteGuardrailCheck = (
  request: { guardrailIds: readonly string[]; stage: GuardrailStage; texts: readonly string[] },
  signal: AbortSignal,
) => Promise<Verdict>

/** Options of {@link runGuardrails}. */
export interface RunGuardrailsOptions {
  /** Deadline of the asynchronous evaluators (webhooks, control plane). */
  timeoutMs: number
  /** Absent → guardrails that need the control plane fail (their failure mode decides). */
  remote?: RemoteGuardrailCheck
  /** True → run only local evaluators (a stream window between remote cadences). */
  localOnly?: boolean
}

class Timeout extends Error {}

/** Resolves `promise`, or rejects with {@link Timeout} after `ms`; aborts `controller` on timeout. */
function withDeadline<T>(promise: Promise<T>, ms: number, controller: AbortController): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new Timeout(`timed out after ${ms} ms`))
    }, ms)
  })
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer))
}

/** Fits a modification to the input's segment count: one text fills the first segment. */
function fitSegments(texts: readonly string[], count: number): readonly string[] | undefined {
  if (texts.length === count) return texts
  if (texts.length === 1) return [texts[0]!, ...new Array<string>(count - 1).fill('')]
  return undefined
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : 'evaluator failed'
}

/** Applies a failure to the outcome by the guardrail's failure mode. */
function fail(outcome: GuardrailOutcome, guardrail: CompiledGuardrail, reason: string): void {
  if (guardrail.failureMode === 'fail_open') outcome.failedOpen.push(guardrail.id)
  else outcome.unavailable ??= { id: guardrail.id, reason }
}

/** Applies a verdict; returns true when the run must stop (block). */
function apply(outcome: GuardrailOutcome, guardrail: CompiledGuardrail, verdict: Verdict): boolean {
  if (verdict.decision === 'block') {
    outcome.decision = 'block'
    outcome.blocked = { id: guardrail.id, reason: verdict.reason }
    return true
  }
  if (verdict.decision === 'modify' && verdict.texts !== undefined) {
    const fitted = fitSegments(verdict.texts, outcome.texts.length)
    if (fitted === undefined) {
      fail(outcome, guardrail, `returned ${verdict.texts.length} segments for ${outcome.texts.length}`)
      return outcome.unavailable !== undefined
    }
    outcome.texts = fitted
    outcome.decision = 'modify'
    outcome.modifiedBy.push(guardrail.id)
  }
  return false
}

// Local evaluators are synchronous and never cancelled; creating an AbortSignal per run costs
// microseconds on Node 20, more than the evaluators themselves.
const neverAborted = new AbortController().signal

function runLocal(
  list: readonly CompiledGuardrail[],
  input: EvaluationInput,
  outcome: GuardrailOutcome,
): void {
  for (const guardrail of list) {
    const { evaluator } = guardrail
    if (evaluator === undefined || !evaluator.local) continue
    try {
      const verdict = evaluator.evaluate({ ...input, texts: outcome.texts }, neverAborted) as Verdict
      if (apply(outcome, guardrail, verdict)) return
    } catch (error) {
      fail(outcome, guardrail, describeFailure(error))
    }
    if (outcome.unavailable !== undefined) return
  }
}

/**
 * Runs a stage's guardrails over `input`. Local evaluators run first, in order, each on the
 * previous one's output; then webhooks and one control-plane call for the remote guardrails run
 * in parallel on that output, under `timeoutMs`. Any block blocks; of the asynchronous
 * modifications the first in list order is applied. A failing guardrail follows its failure mode.
 *
 * @example
 * const outcome = await runGuardrails(compiled.pre, { stage: 'pre', texts, totalChars, final: true }, { timeoutMs: 800 })
 * const error = outcomeError('pre', outcome); if (error) throw error
 */
export function runGuardrails(
  list: readonly CompiledGuardrail[],
  input: EvaluationInput,
  options: RunGuardrailsOptions,
): Promise<GuardrailOutcome> {
  const outcome: GuardrailOutcome = { decision: 'allow', texts: input.texts, modifiedBy: [], failedOpen: [] }
  for (const guardrail of list) {
    if (guardrail.brokenBecause !== undefined) fail(outcome, guardrail, guardrail.brokenBecause)
  }
  if (outcome.unavailable !== undefined) return Promise.resolve(outcome)
  runLocal(list, input, outcome)
  const done = outcome.decision === 'block' || outcome.unavailable !== undefined || options.localOnly === true
  // All-local lists (the common case) settle without an async function's extra ticks.
  if (done || list.every((guardrail) => guardrail.evaluator?.local === true)) return Promise.resolve(outcome)
  return runAsync(list, input, options, outcome)
}

async function runAsync(
  list: readonly CompiledGuardrail[],
  input: EvaluationInput,
  options: RunGuardrailsOptions,
  outcome: GuardrailOutcome,
): Promise<GuardrailOutcome> {
  const remote = list.filter(
    (guardrail) => guardrail.evaluator === undefined && guardrail.brokenBecause === undefined,
  )
  const webhooks = list.filter((guardrail) => guardrail.evaluator !== undefined && !guardrail.evaluator.local)
  if (remote.length === 0 && webhooks.length === 0) return outcome
  const controller = new AbortController()
  const checked = { ...input, texts: outcome.texts }
  const calls: Array<{ guardrails: CompiledGuardrail[]; call: Promise<Verdict> }> = webhooks.map(
    (guardrail) => ({
      guardrails: [guardrail],
      call: Promise.resolve().then(() => guardrail.evaluator!.evaluate(checked, controller.signal)),
    }),
  )
  if (remote.length > 0) {
    const check = options.remote
    calls.push({
      guardrails: remote,
      call:
        check === undefined
          ? Promise.reject(new Error('no control plane to evaluate it'))
          : check(
              { guardrailIds: remote.map(({ id }) => id), stage: input.stage, texts: outcome.texts },
              controller.signal,
            ),
    })
  }
  const settled = await Promise.allSettled(
    calls.map(({ call }) => withDeadline(call, options.timeoutMs, controller)),
  )
  let asyncModified = false
  for (let i = 0; i < calls.length; i++) {
    const result = settled[i]!
    const { guardrails } = calls[i]!
    if (result.status === 'rejected') {
      for (const guardrail of guardrails) fail(outcome, guardrail, describeFailure(result.reason))
      continue
    }
    // A remote call answers for its whole group: the block names the first of the group.
    // Parallel modifications cannot compose: the first in list order wins, the others are dropped.
    if (result.value.decision === 'modify') {
      if (asyncModified) continue
      asyncModified = true
    }
    if (apply(outcome, guardrails[0]!, result.value)) break
  }
  return outcome
}
