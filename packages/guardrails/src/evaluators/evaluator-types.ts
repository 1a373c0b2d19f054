// What every guardrail evaluator receives and answers, built in or remote.

/** Where a guardrail runs: on the request, on the complete response, on stream windows. */
export type GuardrailStage = 'pre' | 'post' | 'stream_chunk'

/** The content an evaluator reads. */
export interface EvaluationInput {
  stage: GuardrailStage
  /**
   * Text segments: the request's message and system texts (pre), the response's text parts
   * (post), or one window (stream_chunk). A `modify` answer returns the same number of segments.
   */
  texts: readonly string[]
  /** Characters seen so far: the segments' total, or on a stream the whole text up to this window. */
  totalChars: number
  /** True on the last check of a stream (the whole text), and on pre and post. */
  final: boolean
}

/** An evaluator's answer. */
export interface Verdict {
  decision: 'allow' | 'block' | 'modify'
  reason: string
  /** With `modify`: the replacement segments, one per input segment. */
  texts?: string[]
}

/** A guardrail evaluator. */
export interface GuardrailEvaluator {
  /** The evaluator name (`regex`, `pii`, `http`…). */
  readonly kind: string
  /** True for synchronous in-process evaluators cheap enough for every stream window. */
  readonly local: boolean
  evaluate(input: EvaluationInput, signal: AbortSignal): Verdict | Promise<Verdict>
}

/** The verdict of an evaluator with nothing to say. */
export const allowVerdict: Verdict = Object.freeze({ decision: 'allow', reason: '' }) as Verdict

/** Token estimate used by the token-limit evaluators: one token per four characters, rounded up. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4)
}
