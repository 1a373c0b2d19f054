// Usage and errors of Gemini answers for the dispatcher's side channel (JSON bodies and SSE events).
import type { StreamObserver } from '../spec/provider-adapter.js'
import type { Usage } from '../spec/usage.js'
import { decodeGeminiUsage } from '../translate/gemini/usage.js'
import { isRecord, optionalString } from '../translate/json.js'

/**
 * The usage of a whole `generateContent` answer, or undefined when it has no `usageMetadata`.
 *
 * @example
 * readGeminiResponseUsage({ usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 2 } })?.inputTokens // 10
 */
export function readGeminiResponseUsage(body: unknown): Usage | undefined {
  return isRecord(body) && isRecord(body.usageMetadata) ? decodeGeminiUsage(body.usageMetadata) : undefined
}

/**
 * An observer for one `streamGenerateContent?alt=sse` stream: each chunk's `usageMetadata` is
 * cumulative, so the last one wins; a `data: {"error":…}` event sets `error`. It never throws.
 *
 * @example
 * const observer = createGeminiStreamObserver()
 * observer.observe(undefined, '{"candidates":[],"usageMetadata":{"promptTokenCount":3}}')
 * observer.usage?.inputTokens // 3
 */
export function createGeminiStreamObserver(): StreamObserver {
  let usage: Usage | undefined
  let error: string | undefined
  return {
    observe(_event, data) {
      // Cheap pre-checks: most chunks are text deltas without usage; JSON is parsed only when needed.
      if (!data.includes('"usageMetadata"') && !data.includes('"error"')) return false
      let chunk: unknown
      try {
        chunk = JSON.parse(data)
      } catch {
        return false
      }
      if (!isRecord(chunk)) return false
      if (isRecord(chunk.usageMetadata)) usage = decodeGeminiUsage(chunk.usageMetadata)
      if (isRecord(chunk.error)) error = optionalString(chunk.error.message) ?? 'Gemini stream error'
      return false
    },
    get usage() {
      return usage
    },
    get error() {
      return error
    },
  }
}
