// The `http` evaluator: POSTs the content to a webhook whose answer is the verdict (Lakera, Presidio, judges).
import * as v from 'valibot'
import type { GuardrailEvaluator, Verdict } from './evaluator-types.js'

/** Settings of the `http` evaluator. */
export const httpSettingsSchema = v.object({
  url: v.pipe(v.string(), v.url(), v.regex(/^https?:\/\//, 'must be an http(s) URL')),
  /** Extra request headers (e.g. the webhook's own authorization). */
  headers: v.optional(v.record(v.string(), v.string()), () => ({})),
})
export type HttpSettings = v.InferOutput<typeof httpSettingsSchema>

const answerSchema = v.object({
  decision: v.picklist(['allow', 'block', 'modify']),
  reason: v.optional(v.nullable(v.string())),
  modified_content: v.optional(v.union([v.string(), v.array(v.string())])),
})

/** The fetch the evaluator uses; injectable for tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

/**
 * Builds an `http` evaluator. Request: `POST url` with `{"direction","content"}` (content: the
 * segments' array on pre, one string otherwise). Answer: `{"decision","reason?","modified_content?"}`.
 * The caller's signal carries the direction's timeout; a non-2xx or malformed answer throws, so
 * the guardrail's failure mode decides.
 *
 * @example
 * const evaluator = createHttpEvaluator({ url: 'http://127.0.0.1:9000/check', headers: {} })
 */
export function createHttpEvaluator(
  settings: HttpSettings,
  fetchImpl: FetchLike = fetch,
): GuardrailEvaluator {
  const headers = { 'content-type': 'application/json', ...settings.headers }
  return {
    kind: 'http',
    local: false,
    async evaluate({ stage, texts }, signal): Promise<Verdict> {
      const content = stage === 'pre' ? texts : texts.join('')
      const response = await fetchImpl(settings.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ direction: stage, content }),
        signal,
      })
      if (!response.ok) throw new Error(`webhook answered ${response.status}`)
      const answer = v.parse(answerSchema, await response.json())
      const reason = answer.reason ?? ''
      if (answer.decision !== 'modify') return { decision: answer.decision, reason }
      const modified = answer.modified_content
      if (modified === undefined) throw new Error('webhook answered modify without modified_content')
      return { decision: 'modify', reason, texts: typeof modified === 'string' ? [modified] : modified }
    },
  }
}
